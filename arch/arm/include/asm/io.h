/* MMIO accessors: 32-bit device register reads and writes, in order. */
#ifndef ASM_IO_H
#define ASM_IO_H

#include <kernel/types.h>

static inline u32 readl(const volatile void *addr)
{
	u32 v = *(const volatile u32 *)addr;

	asm volatile("dmb" : : : "memory");
	return v;
}

static inline void writel(u32 v, volatile void *addr)
{
	asm volatile("dmb" : : : "memory");
	*(volatile u32 *)addr = v;
}

static inline u8 readb(const volatile void *addr)
{
	u8 v = *(const volatile u8 *)addr;

	asm volatile("dmb" : : : "memory");
	return v;
}

static inline void writeb(u8 v, volatile void *addr)
{
	asm volatile("dmb" : : : "memory");
	*(volatile u8 *)addr = v;
}

#endif
