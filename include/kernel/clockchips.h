/* Clock event devices: a timer that interrupts, once, the CPU that armed it
 * (the ARM generic timer has one per CPU). The timer driver registers its
 * device; generic code arms it through the functions below and never calls
 * the driver by name. */
#ifndef KERNEL_CLOCKCHIPS_H
#define KERNEL_CLOCKCHIPS_H

#include <kernel/types.h>

struct clock_event_device {
	const char *name;
	int irq;    /* its interrupt, for reports and tests */
	/* Interrupt this CPU after ticks of the counter (clock_frequency()). */
	void (*set_next_event)(u32 ticks);
	/* Stop an event this CPU armed that has not fired yet. */
	void (*shutdown)(void);
};

/* The driver: this device serves the one-shots below from now on. */
void clockevents_register_device(const struct clock_event_device *dev);
/* The driver's interrupt handler: the event fired (calls the callback). */
void clockevents_handle_event(void);

/* Interrupt after usecs, then call callback (in interrupt context; may be
 * NULL: only the wake-up). -ENODEV while no device is registered. */
int clockevent_start_oneshot(unsigned long usecs, void (*callback)(void));
/* Stop a one-shot started on this CPU that has not fired yet. */
void clockevent_cancel(void);
/* The registered device's interrupt, or -1 while there is none. */
int clockevent_irq(void);

/* A second per-CPU timer, only for the lockup detector (kernel/watchdog.c):
 * the driver registers it and calls lockup_detector_interrupt() when it fires. */
void lockup_detector_register(const struct clock_event_device *dev);
void lockup_detector_interrupt(void);

#endif
