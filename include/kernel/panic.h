/* Stop the kernel when nothing sensible can continue, saying why. */
#ifndef KERNEL_PANIC_H
#define KERNEL_PANIC_H

#include <kernel/compiler.h>

void panic(const char *fmt, ...) __printf(1, 2) __noreturn;

/* Reboot the machine (restart handler registered by a driver), or halt. */
void machine_restart(void) __noreturn;
/* Drivers that can reset the board register here; the first wins. */
void register_restart_handler(void (*restart)(void));

#endif
