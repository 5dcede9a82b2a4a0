/* Keeping the caches and a DMA engine in agreement on a buffer (normal
 * memory is mapped cacheable). Before a device reads memory: clean it to the
 * point of coherency. Before and after a device writes memory: invalidate it,
 * so no dirty line is written over the new data and no stale line is read.
 * Buffers handed to DMA must start and end on cache lines (DMA_ALIGN):
 * invalidating a shared line would lose the neighbour's writes. */
#ifndef ASM_DMA_H
#define ASM_DMA_H

#include <kernel/types.h>

#define DMA_ALIGN 64 /* the largest cache line of the Cortex-A7's caches */

void dma_sync_for_device(const void *buf, size_t len); /* clean */
void dma_sync_for_cpu(const void *buf, size_t len);    /* invalidate (clean+invalidate the edges) */

#endif
