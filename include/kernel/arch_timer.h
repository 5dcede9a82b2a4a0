/* The generic timer as an interrupt source (drivers/clocksource/arm_arch_timer.c). */
#ifndef KERNEL_ARCH_TIMER_H
#define KERNEL_ARCH_TIMER_H

/* Interrupt after usecs, then call callback (in interrupt context). -ENODEV before probe. */
int arch_timer_start_oneshot(unsigned long usecs, void (*callback)(void));
/* Stop a one-shot started on this CPU that has not fired yet. */
void arch_timer_cancel(void);
/* The timer's interrupt number, or -1 while it has none. */
int arch_timer_irq(void);

#endif
