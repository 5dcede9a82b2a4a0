/* The 16550 core shared by the early console, the ttyS console and the
 * DesignWare glue: a port, register access through the port's accessors,
 * line settings, polled output and the interrupt handler. Register map in
 * 8250_regs.h. */
#ifndef DRIVERS_SERIAL_8250_H
#define DRIVERS_SERIAL_8250_H

#include <asm/io.h>
#include <kernel/of.h>
#include <asm/spinlock_types.h>
#include <kernel/types.h>

struct console;

#define SERIAL8250_RX_BUF 256 /* a power of two */
#define SERIAL8250_NR_PORTS 4  /* ttyS0..ttyS3 */

struct uart_8250_port {
	unsigned long mapbase; /* physical address of the registers */
	void *membase;         /* where we access them (identity mapped) */
	u8 regshift;           /* registers are (1 << regshift) bytes apart */
	u8 iowidth;            /* access width in bytes: 1 or 4 */
	u32 uartclk;           /* input clock in Hz, 0 if unknown */
	int line;              /* ttyS number, -1 before registration */
	int irq;               /* -1: polled only */
	unsigned int fifosize;
	unsigned int tx_burst; /* bytes polled output sends per wait (at least 1): the FIFO's once it is on */
	/* what polled output left of its last wait's room: the FIFO only drains
	 * meanwhile, so the next write starts with it (0 after the TX interrupt) */
	unsigned int tx_room;
	/* The glue's register write, for quirks (DesignWare LCR); NULL = plain. */
	void (*serial_out)(struct uart_8250_port *port, int reg, u32 value);
	/* The glue's interrupt handler, given the IIR read; NULL = serial8250_handle_irq. */
	void (*handle_irq)(struct uart_8250_port *port, u32 iir);

	/* The transmitter never said "ready" within TX_READY_NS: nothing more is sent. */
	bool tx_dead;

	/* Interrupt-driven output for a console on this port. */
	struct console *console;
	bool cr_pending;       /* "\r" sent, the "\n" that needs it not yet */
	u8 ier;

	/* Received bytes, kept for whoever reads them later. */
	u8 rx_buf[SERIAL8250_RX_BUF];
	char name[8];      /* ttyS<n>: its interrupt's name in /proc/interrupts */
	bool rx_throttled; /* receive interrupt off until the ring drains */
	arch_spinlock_t ier_lock; /* ier's read-modify-writes (serial8250_ier_update) */
	u32 rx_head, rx_tail, rx_count, rx_overruns;
};

u32 serial8250_in(const struct uart_8250_port *port, int reg);
void serial8250_out(struct uart_8250_port *port, int reg, u32 value);
/* Plain register write, bypassing the glue's serial_out. */
void serial8250_raw_out(const struct uart_8250_port *port, int reg, u32 value);

/* Put text (a "\n" only as its last byte: see struct console's write) into
 * a transmitter that has room for *room bytes, "\n" as "\r\n", a byte at a
 * time; *cr: the "\r" of a "\n" at text[0] went out already. With wait
 * (polled output), a full transmitter is waited for (tx_burst bytes at a
 * time) until all of text is out or the transmitter is dead. Returns how
 * many bytes of text are done (a "\n" whose "\r" alone fitted is not);
 * *room and *cr are left for the next run. The TX interrupt's loop, and
 * polled output's through 8-bit registers or to a dead port. */
unsigned int serial8250_tx_run(struct uart_8250_port *port, const char *text, unsigned int len,
			       unsigned int *room, bool *cr, bool wait);

/* Send text (a "\n" only as its last byte), its "\n" as "\r\n" as a serial
 * console must: the room the last write left (tx_room), then one wait for an
 * empty transmitter per FIFO's worth (tx_burst: 1 until the FIFO is known to
 * be on). Through 32-bit registers a run of bytes goes out with one jump
 * into sixteen register writes, no "\n" looked for; through 8-bit ones by
 * serial8250_tx_run. A transmitter not ready within 50 ms (a character at
 * 300 baud takes 33) is dead: the port sends nothing more (tx_dead), so a
 * wrong address or width cannot hang the kernel one character at a time. */
void serial8250_write_text(struct uart_8250_port *port, const char *text, unsigned int len);

/* Divisor for baud from the input clock, rounded to nearest; 0 if impossible. */
unsigned int serial8250_divisor(u32 uartclk, u32 baud);
/* "115200n8" -> baud, parity ('n', 'o', 'e'), bits; -EINVAL if malformed. */
int uart_parse_options(const char *options, u32 *baud, char *parity, u32 *bits);
/* Program baud, parity and data bits (needs uartclk). */
int serial8250_set_termios(struct uart_8250_port *port, u32 baud, char parity, u32 bits);

/* Fill port from a device tree node (reg, reg-shift, reg-io-width, clock-frequency). */
int serial8250_port_from_dt(const struct dtb *dt, int node, struct uart_8250_port *port);
/* Whether the port's registers can be a device's (arch_check_mmio): 0, or
 * -EFAULT with *where saying what they are instead. */
int serial8250_check_mmio(const struct uart_8250_port *port, const char **where);

/* The device-tree side (8250_dw.c, the driver that binds these nodes): the
 * one list of compatibles initk drives as 16550s, and the UART that
 * /chosen/stdout-path names, if it is one of them (options: what follows ':'). */
extern const struct of_device_id serial8250_of_match[];
bool serial8250_dt_compatible(const struct dtb *dt, int node);

/* The console's UART: the one /chosen/stdout-path names; when that is not
 * usable, the one aliased serial<n> for the first console=ttyS<n> of cmdline.
 * Returns its ttyS number (its serial<n> alias, else 0), or a negative errno.
 * why (size bytes) gets why stdout-path was not used: empty when it was.
 * *options: what follows ':' in stdout-path, or NULL. */
int serial8250_console_port(const struct dtb *dt, const char *cmdline, struct uart_8250_port *port,
			    const char **options, char *why, size_t size);

/* The ttyS ports (8250_core.c): register a probed port, get its console going
 * on interrupts, and the interrupt handler. */
int serial8250_register_port(struct uart_8250_port *port, const char *devname);
/* What a 16550 interrupt asks for, given the IIR the handler read. */
void serial8250_handle_irq(struct uart_8250_port *port, u32 iir);

/* Take up to size received bytes of ttyS<line> out of its buffer; returns how many. */
unsigned int serial8250_read_rx(int line, u8 *buf, unsigned int size);

/* The port the early console uses, or NULL. */
const struct uart_8250_port *early_serial8250_port(void);

#endif
