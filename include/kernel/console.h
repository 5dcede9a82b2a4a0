/* Consoles: where printk's records are written out. A boot console (earlycon)
 * prints from the first message; a real console takes over from it. */
#ifndef KERNEL_CONSOLE_H
#define KERNEL_CONSOLE_H

#include <kernel/types.h>

#define CON_PRINTBUFFER 0x01 /* replay the log buffer when registered */
#define CON_BOOT 0x02        /* boot console: dropped when a real one arrives */
#define CON_ENABLED 0x04

#define PRINTK_LINE_MAX (1024 + 128) /* the longest message printk keeps whole */
#define CONSOLE_LINE_MAX (PRINTK_LINE_MAX + 64) /* + a dropped-messages line, the timestamp, "\n" */

struct console {
	char name[16]; /* "ttyS", "uart" */
	int index;
	unsigned int flags;
	/* Write len bytes and return when they are out: a line or the start
	 * or rest of one, a "\n" only as its last byte (printk cuts the text
	 * at each); "\n" is the line end, the driver adds the "\r". Always
	 * used on the panic path. */
	void (*write)(struct console *con, const char *text, unsigned int len);
	/* Interrupt-driven output, once the driver sets async: printk calls
	 * start_tx() and returns; the driver's interrupt handler takes the text
	 * with console_next() and console_sent(). */
	void (*start_tx)(struct console *con);
	/* Received bytes, at most size; 0 when none (NULL: no input). */
	unsigned int (*read)(struct console *con, char *buf, unsigned int size);
	bool async;
	void *data;
	/* Set by the driver when the device cannot print any more (a reason):
	 * printk drops the console and says so on the others. */
	const char *broken;
	int writing_cpu; /* 1 + the CPU inside write(), 0 when none (printk's) */

	/* Owned by printk: the log buffer cursor and the line being sent. */
	u32 seq;
	u32 pos;
	char *line; /* CONSOLE_LINE_MAX bytes, given at registration (kept out of .data) */
	unsigned int line_len, line_pos;
	bool sending_tty; /* what console_next() gave is the terminal's ring, not the line */
	struct console *next;
};

/* How many records the console name<index> has not finished sending; -1 if no such console. */
int console_pending(const char *name, int index);
/* The console name<index> is interrupt-driven (its driver set async). */
bool console_async(const char *name, int index);

/* For an interrupt-driven console's transmit interrupt (interrupts off): the
 * next run of pending output, in place (*text; as for write(), a "\n" only
 * as its last byte), and its length; 0 when there is none. The run stays put
 * until console_sent() says how much of it went out (any part, 0 included);
 * then ask again. */
unsigned int console_next(struct console *con, const char **text);
void console_sent(struct console *con, unsigned int n);
/* Output waits for this console (log records, a line, terminal text): for a
 * driver about to stop its transmit interrupt. */
bool console_tx_pending(struct console *con);

void register_console(struct console *con);

/* The terminal: the last registered console with input (the shell's). */
unsigned int tty_read(char *buf, unsigned int size); /* what has arrived, never waits */
void tty_write(const char *text, size_t len);        /* "\n" ends a line */
/* Every record of the log buffer as printk prints it ("[    0.000001] text\n"). */
void dmesg_foreach(void (*emit)(const char *line, unsigned int len, void *ctx), void *ctx);

/* The console= option that names this console ("ttyS0,115200n8" -> options "115200n8"), or NULL. */
const char *console_preferred_options(const char *name, int index);

/* Run the console initcalls (console_initcall), at PID 0, before all others;
 * if still no console prints, start the built-in command line's earlycon. */
void console_init(void);
/* True once any console is registered. */
bool console_registered(void);

#endif
