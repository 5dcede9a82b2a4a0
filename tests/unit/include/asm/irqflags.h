/* Host unit tests: no interrupts to mask. Shadows arch/arm/include/asm/irqflags.h. */
#ifndef ASM_IRQFLAGS_H
#define ASM_IRQFLAGS_H

#include <asm/cpu.h>

static inline unsigned long arch_local_irq_save(void) { return 0; }
static inline void arch_local_irq_restore(unsigned long flags) { (void)flags; }

#endif
