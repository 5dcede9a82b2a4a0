/* Atomic bit operations on a 32-bit word (ldrex/strex), for masks several
 * CPUs change at once: the online mask, the CPUs a cross call waits for.
 * Like the spinlocks they need the MMU and caches on (exclusives on
 * shareable normal memory). Full barriers on both sides, as Linux's
 * value-returning atomics have. */
#ifndef ASM_ATOMIC_H
#define ASM_ATOMIC_H

#include <kernel/types.h>

/* One read-modify-write of *word with mask inside an ldrex/strex pair. */
#define __ATOMIC_BITOP_RETURN(name, insn)                                                     \
	static inline u32 name(u32 mask, volatile u32 *word)                                  \
	{                                                                                      \
		u32 value, failed;                                                             \
                                                                                               \
		asm volatile("	dmb\n"                                                        \
			     "1:	ldrex	%0, [%2]\n"                                           \
			     "	" insn "	%0, %0, %3\n"                                         \
			     "	strex	%1, %0, [%2]\n"                                       \
			     "	teq	%1, #0\n"                                             \
			     "	bne	1b\n"                                                 \
			     "	dmb"                                                           \
			     : "=&r"(value), "=&r"(failed)                                     \
			     : "r"(word), "Ir"(mask)                                           \
			     : "cc", "memory");                                                \
		return value;                                                          \
	}

/* *word |= mask, atomically; returns the new value. */
__ATOMIC_BITOP_RETURN(atomic_or_return, "orr")
/* *word &= ~mask, atomically; returns the new value. */
__ATOMIC_BITOP_RETURN(atomic_andnot_return, "bic")

#endif
