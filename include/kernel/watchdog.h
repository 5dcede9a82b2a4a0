/* The lockup detector (kernel/watchdog.c, Linux's name): a deadline for a
 * call that must end, an initcall or a module's init. */
#ifndef KERNEL_WATCHDOG_H
#define KERNEL_WATCHDOG_H

struct recovery_point;

/* Watch the call rp is for, from rp->start_ns, on this CPU. */
void watchdog_start(struct recovery_point *rp);
/* It ended. */
void watchdog_stop(void);
/* An idle CPU, with interrupts masked, before it sleeps: watch the others' deadlines. */
void watchdog_idle(void);

#endif
