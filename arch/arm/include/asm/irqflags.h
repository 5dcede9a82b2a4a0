/* CPU interrupt mask (CPSR.I) for the current core. */
#ifndef ASM_IRQFLAGS_H
#define ASM_IRQFLAGS_H

#include <asm/cpu.h>
#include <kernel/types.h>

static inline unsigned long arch_local_save_flags(void)
{
	unsigned long flags;

	asm volatile("mrs %0, cpsr" : "=r"(flags) : : "memory");
	return flags;
}

static inline unsigned long arch_local_irq_save(void)
{
	unsigned long flags = arch_local_save_flags();

	asm volatile("cpsid i" : : : "memory");
	return flags;
}

static inline void arch_local_irq_restore(unsigned long flags)
{
	asm volatile("msr cpsr_c, %0" : : "r"(flags) : "memory");
}

static inline void arch_local_irq_enable(void)
{
	asm volatile("cpsie i" : : : "memory");
}

static inline void arch_local_irq_disable(void)
{
	asm volatile("cpsid i" : : : "memory");
}

static inline bool arch_irqs_disabled(void)
{
	return arch_local_save_flags() & PSR_I_BIT;
}

#endif
