/* CP15 system registers of the Cortex-A7 (ARMv7-A with the virtualization
 * and large physical address extensions), as read/write helpers. */
#ifndef ASM_CP15_H
#define ASM_CP15_H

#include <kernel/types.h>

#define SCTLR_M (1u << 0)  /* MMU */
#define SCTLR_A (1u << 1)  /* alignment checks */
#define SCTLR_C (1u << 2)  /* data and unified caches */
#define SCTLR_Z (1u << 11) /* branch prediction */
#define SCTLR_I (1u << 12) /* instruction cache */
#define SCTLR_V (1u << 13) /* high vectors */

#define ACTLR_SMP (1u << 6) /* take part in coherency: before caches go on */

#define __cp15_read(op1, crn, crm, op2)                                                        \
	({                                                                                     \
		u32 __v;                                                                       \
		asm volatile("mrc p15, " #op1 ", %0, " #crn ", " #crm ", " #op2 : "=r"(__v));   \
		__v;                                                                           \
	})
#define __cp15_write(op1, crn, crm, op2, v)                                                    \
	asm volatile("mcr p15, " #op1 ", %0, " #crn ", " #crm ", " #op2 : : "r"((u32)(v)) : "memory")

#define read_midr() __cp15_read(0, c0, c0, 0)
#define read_mpidr() __cp15_read(0, c0, c0, 5)
#define read_sctlr() __cp15_read(0, c1, c0, 0)
#define write_sctlr(v) __cp15_write(0, c1, c0, 0, v)
#define read_actlr() __cp15_read(0, c1, c0, 1)
#define write_actlr(v) __cp15_write(0, c1, c0, 1, v)
#define read_cpacr() __cp15_read(0, c1, c0, 2)
#define write_cpacr(v) __cp15_write(0, c1, c0, 2, v)
#define write_ttbr0(v) __cp15_write(0, c2, c0, 0, v)
#define write_ttbcr(v) __cp15_write(0, c2, c0, 2, v)
#define write_dacr(v) __cp15_write(0, c3, c0, 0, v)
#define read_dfsr() __cp15_read(0, c5, c0, 0)
#define read_ifsr() __cp15_read(0, c5, c0, 1)
#define read_dfar() __cp15_read(0, c6, c0, 0)
#define read_ifar() __cp15_read(0, c6, c0, 2)
#define write_vbar(v) __cp15_write(0, c12, c0, 0, v)
#define read_cntfrq() __cp15_read(0, c14, c0, 0)

/* Invalidate the whole unified TLB, the branch predictor, the I-cache. */
#define local_flush_tlb_all() __cp15_write(0, c8, c7, 0, 0)
#define flush_branch_predictor() __cp15_write(0, c7, c5, 6, 0)
#define invalidate_icache_all() __cp15_write(0, c7, c5, 0, 0)

static inline u64 read_cntpct(void)
{
	u32 lo, hi;

	asm volatile("isb\n\tmrrc p15, 0, %0, %1, c14" : "=r"(lo), "=r"(hi));
	return ((u64)hi << 32) | lo;
}

#define isb() asm volatile("isb" : : : "memory")
#define dsb() asm volatile("dsb" : : : "memory")
#define dmb() asm volatile("dmb" : : : "memory")
#define wfi() asm volatile("wfi" : : : "memory")
#define wfe() asm volatile("wfe" : : : "memory")
#define sev() asm volatile("sev" : : : "memory")

#endif
