/* Kernel memory: kmalloc() and friends, from the RAM the kernel image, the
 * device tree and the initrd do not use (mm/kmalloc.c). */
#ifndef KERNEL_SLAB_H
#define KERNEL_SLAB_H

#include <kernel/types.h>

void *kmalloc(size_t size);
void *kzalloc(size_t size);
/* Grow or shrink p (NULL: allocate); on failure p stays valid and NULL is returned. */
void *krealloc(void *p, size_t size);
void kfree(const void *p);
char *kstrdup(const char *s);

/* Give [start, end) to the allocator (memory nobody else has). */
void kmalloc_add_range(unsigned long start, unsigned long end);
/* Give back what mem_init() reserved for [start, end) (the initrd): its pages
 * no other reservation shares; says "Freeing <what> memory: NK". */
void free_reserved_area(unsigned long start, unsigned long end, const char *what);

struct meminfo {
	unsigned long total; /* bytes the allocator manages */
	unsigned long free;  /* bytes not allocated */
	unsigned long largest_free;
};
void meminfo(struct meminfo *info);

/* Boot step: RAM minus the image, the tree, its reservations and the initrd. */
void mem_init(void);

#endif
