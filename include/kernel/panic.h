/* Stop the kernel when nothing sensible can continue, saying why. */
#ifndef KERNEL_PANIC_H
#define KERNEL_PANIC_H

#include <kernel/compiler.h>

void panic(const char *fmt, ...) __printf(1, 2) __noreturn;

/* After an oops on this CPU, reported: the recovery point to go back to
 * (its call then returns ret), having said so; or NULL, and the caller
 * panics: no point, oops=panic, not task_context (the fault interrupted an
 * interrupt or exception handler, not the call), or a spinlock taken since
 * the point was set is still held. */
struct recovery_point;
struct recovery_point *oops_recovery(bool task_context, int ret);
/* Whether this CPU may go back to rp (its call then returns ret), saying
 * which: not if the trouble did not come from the call itself
 * (!task_context) or if a spinlock taken since rp is still held. */
bool recovery_abandon(struct recovery_point *rp, bool task_context, int ret);

/* "CPU: 0 PID: 1 Comm: swapper/0 Not tainted 0.1 #1", as in Linux's reports. */
void dump_stack_print_info(void);

/* "Not tainted", or "Tainted: " and Linux's letter columns. */
const char *print_tainted(void);

/* Reboot the machine: the restart handlers in priority order, highest first
 * (a handler that returns did not reset it), then halt. */
void machine_restart(void) __noreturn;

/* A way to reset the board, registered by its driver. Priorities as Linux's:
 * 0 last resort, 128 the default one, 255 before all others. */
struct restart_handler {
	void (*restart)(void);
	int priority;
	struct restart_handler *next; /* kept by register_restart_handler */
};
void register_restart_handler(struct restart_handler *handler);

/* Turn the machine off: pm_power_off (set by the firmware driver: PSCI's
 * SYSTEM_OFF), else say there is no way and halt. */
extern void (*pm_power_off)(void);
void machine_power_off(void) __noreturn;

#endif
