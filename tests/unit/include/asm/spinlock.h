/* Host unit tests: one thread, so a lock is a flag. Shadows arch/arm/include/asm/spinlock.h. */
#ifndef ASM_SPINLOCK_H
#define ASM_SPINLOCK_H

#include <asm/spinlock_types.h>

static inline void arch_spin_lock(arch_spinlock_t *lock) { lock->locked = 1; }
static inline bool arch_spin_trylock(arch_spinlock_t *lock) { return !lock->locked && (lock->locked = 1); }
static inline void arch_spin_unlock(arch_spinlock_t *lock) { lock->locked = 0; }

#endif
