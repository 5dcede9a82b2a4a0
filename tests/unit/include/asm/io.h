/* Host unit tests: MMIO goes to the test's simulated device registers
 * (each test that needs them defines these). Shadows arch/arm/include/asm/io.h. */
#ifndef ASM_IO_H
#define ASM_IO_H

#include <kernel/types.h>

u32 readl(const volatile void *addr);
void writel(u32 v, volatile void *addr);
u8 readb(const volatile void *addr);
void writeb(u8 v, volatile void *addr);
/* the simulated device has no ordering to relax: the same writes */
#define writel_relaxed writel
#define writeb_relaxed writeb

#endif
