/* Which CPU this is, and the limits of SMP on these SoCs (one cluster). */
#ifndef ASM_SMP_H
#define ASM_SMP_H

#include <asm/cpu.h>
#include <kernel/types.h>

/* MPIDR.Aff0: CPU n of the only cluster. */
static inline unsigned int smp_processor_id(void)
{
	u32 mpidr;

	asm volatile("mrc p15, 0, %0, c0, c0, 5" : "=r"(mpidr));
	return mpidr & 0xff;
}

/* Entry points in head.S, for the enable methods. */
void secondary_startup(void);
void secondary_park(void);

/* MMU and caches on for a secondary CPU, with the boot CPU's page table. */
void secondary_mmu_enable(void);
/* Before starting cpu: its stacks are used with the caches off at first, so
 * no cache may hold a line of them that could later hide what it wrote. */
void secondary_prepare_stacks(unsigned int cpu);

#endif
