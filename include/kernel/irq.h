/* Interrupt entry: the interrupt controller driver installs the handler. */
#ifndef KERNEL_IRQ_H
#define KERNEL_IRQ_H

#include <kernel/types.h>

void set_handle_irq(void (*handler)(void));
/* Called from the IRQ vector. */
void handle_arch_irq(void);
/* Interrupts that arrived with no handler installed. */
u32 irq_unhandled_count(void);

#endif
