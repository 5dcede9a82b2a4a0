/* MMIO accessors: device register reads and writes, in order (the
 * _relaxed writes: in order with each other only). */
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

/* Without the barrier, as Linux's *_relaxed: for a run of writes to one
 * device, which stay in order, after one ordered access. */
static inline void writel_relaxed(u32 v, volatile void *addr)
{
	*(volatile u32 *)addr = v;
}

static inline void writeb_relaxed(u8 v, volatile void *addr)
{
	*(volatile u8 *)addr = v;
}

#endif
