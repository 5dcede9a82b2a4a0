/* Consoles: where printk's records are written out. A boot console (earlycon)
 * prints from the first message; a real console takes over from it. */
#ifndef KERNEL_CONSOLE_H
#define KERNEL_CONSOLE_H

#include <kernel/types.h>

#define CON_PRINTBUFFER 0x01 /* replay the log buffer when registered */
#define CON_BOOT 0x02        /* boot console: dropped when a real one arrives */
#define CON_ENABLED 0x04

struct console {
	char name[16]; /* "ttyS", "uart" */
	int index;
	unsigned int flags;
	/* Write len bytes; "\n" is the line end, the driver adds the "\r". */
	void (*write)(struct console *con, const char *text, unsigned int len);
	void *data;

	/* Owned by printk. */
	u32 seq;
	u32 pos;
	struct console *next;
};

void register_console(struct console *con);
void unregister_console(struct console *con);

/* The console= option that names this console ("ttyS0,115200n8" -> options "115200n8"), or NULL. */
const char *console_preferred_options(const char *name, int index);

/* Run the console initcalls (console_initcall), at PID 0, before all others. */
void console_init(void);

#endif
