/* Stop the kernel when nothing sensible can continue, saying why. */
#ifndef KERNEL_PANIC_H
#define KERNEL_PANIC_H

#include <kernel/compiler.h>

void panic(const char *fmt, ...) __printf(1, 2) __noreturn;

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

#endif
