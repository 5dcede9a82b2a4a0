/* CRC-32 as zlib, Ethernet and the UEFI GPT compute it: reflected, polynomial
 * 0xEDB88320, started and finished inverted (kernel/crc32.c). */
#ifndef KERNEL_CRC32_H
#define KERNEL_CRC32_H

#include <kernel/types.h>

/* zlib's crc32(): crc is 0 to start, or the result so far to continue;
 * crc32(0, "123456789", 9) == 0xcbf43926. */
u32 crc32(u32 crc, const void *buf, size_t len);

#endif
