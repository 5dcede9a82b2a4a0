/* Which CPU this is, and the limits of SMP on these SoCs (one cluster). */
#ifndef ASM_SMP_H
#define ASM_SMP_H

#include <asm/cpu.h>
#include <kernel/types.h>

/* Logical CPU numbers, as Linux's: 0 is the boot CPU, the others follow the
 * device tree's /cpus. cpu_logical_map(n) is CPU n's MPIDR affinity (bits
 * 23:0), ~0 for none; head.S looks a starting secondary up in it (and parks
 * one it does not find), then keeps the number in TPIDRPRW for this. */
extern u32 __cpu_logical_map[NR_CPUS];
#define cpu_logical_map(cpu) __cpu_logical_map[cpu]
#define MPIDR_HWID_MASK 0xffffffu

static inline unsigned int smp_processor_id(void)
{
	u32 cpu;

	asm volatile("mrc p15, 0, %0, c13, c0, 4" : "=r"(cpu)); /* TPIDRPRW */
	return cpu;
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
