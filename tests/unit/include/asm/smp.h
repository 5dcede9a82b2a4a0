/* Host unit tests: one CPU. Shadows arch/arm/include/asm/smp.h. */
#ifndef ASM_SMP_H
#define ASM_SMP_H

#include <asm/cpu.h>

static inline unsigned int smp_processor_id(void) { return 0; }

#endif
