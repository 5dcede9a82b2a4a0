/* The IRQ entry point in C: hand over to the interrupt controller driver. */
#include <kernel/irq.h>

static void (*irq_handler)(void);
static u32 unhandled;

void set_handle_irq(void (*handler)(void))
{
	irq_handler = handler;
}

void handle_arch_irq(void)
{
	if (irq_handler)
		irq_handler();
	else
		unhandled++;
}

u32 irq_unhandled_count(void)
{
	return unhandled;
}
