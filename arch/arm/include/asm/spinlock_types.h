/* The spinlock type, apart from the operations (asm/spinlock.h), so the host
 * tests' stand-in for those shares it. */
#ifndef ASM_SPINLOCK_TYPES_H
#define ASM_SPINLOCK_TYPES_H

#include <kernel/types.h>

typedef struct {
	volatile u32 locked;
} arch_spinlock_t;

#define ARCH_SPIN_LOCK_UNLOCKED { 0 }

#endif
