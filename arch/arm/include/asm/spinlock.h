/* Spinlocks on ldrex/strex: a CPU waiting for the lock sleeps in wfe until
 * the holder's sev. Needs the caches and the MMU on (exclusives on shareable
 * normal memory), which every CPU has before it takes a lock. */
#ifndef ASM_SPINLOCK_H
#define ASM_SPINLOCK_H

#include <asm/smp.h>
#include <asm/spinlock_types.h>

/* How many spinlocks each CPU holds: a fault is recovered from only if its
 * CPU holds no more than when the recovery point was set (kernel/panic.c). */
extern unsigned int cpu_locks_held[NR_CPUS];

static inline void arch_spin_lock(arch_spinlock_t *lock)
{
	u32 tmp;

	asm volatile("1:	ldrex	%0, [%1]\n"
		     "	teq	%0, #0\n"
		     "	it	ne\n"
		     "	wfene\n"
		     "	itt	eq\n"
		     "	strexeq	%0, %2, [%1]\n"
		     "	teqeq	%0, #0\n"
		     "	bne	1b\n"
		     "	dmb"
		     : "=&r"(tmp)
		     : "r"(&lock->locked), "r"(1)
		     : "cc", "memory");
	cpu_locks_held[smp_processor_id()]++;
}

static inline bool arch_spin_trylock(arch_spinlock_t *lock)
{
	u32 tmp, failed;

	asm volatile("	ldrex	%0, [%2]\n"
		     "	teq	%0, #0\n"
		     "	ite	eq\n"
		     "	strexeq	%1, %3, [%2]\n"
		     "	movne	%1, #1\n"
		     : "=&r"(tmp), "=&r"(failed)
		     : "r"(&lock->locked), "r"(1)
		     : "cc", "memory");
	if (failed)
		return false;
	asm volatile("dmb" : : : "memory");
	cpu_locks_held[smp_processor_id()]++;
	return true;
}

static inline void arch_spin_unlock(arch_spinlock_t *lock)
{
	asm volatile("dmb" : : : "memory");
	lock->locked = 0;
	asm volatile("dsb\n\tsev" : : : "memory");
	cpu_locks_held[smp_processor_id()]--;
}

#endif
