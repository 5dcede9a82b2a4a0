/* The ttyS ports and their console.
 *
 * univ8250_console_init (a console initcall, as in Linux) registers the ttyS0
 * console on the UART /chosen/stdout-path names, with polled output; without
 * one the early console (if any) stays.
 * When the UART's driver (8250_dw.c) probes it, console=ttyS0,<options> is
 * applied and, given an interrupt, the console switches to interrupt-driven output: printk returns at once and the
 * TX interrupt feeds the FIFO from the log buffer. A panic still writes
 * synchronously. Received bytes are kept in the port's buffer. */
#include <asm/irqflags.h>
#include <asm/spinlock.h>
#include <kernel/console.h>
#include <kernel/errno.h>
#include <kernel/init.h>
#include <kernel/irq.h>
#include <kernel/of.h>
#include <kernel/params.h>
#include <kernel/printk.h>
#include <kernel/sprintf.h>

#include "8250.h"
#include "8250_regs.h"

#define RX_BUDGET 256 /* bytes taken per interrupt at most */

static struct uart_8250_port *ports[SERIAL8250_NR_PORTS];
static unsigned int serial8250_port_read(struct uart_8250_port *port, u8 *buf, unsigned int size);
static struct uart_8250_port console_port;

static void serial8250_console_write(struct console *con, const char *text, unsigned int len)
{
	struct uart_8250_port *port = con->data;

	serial8250_write_text(port, text, len);
	if (port->tx_dead)
		con->broken = "its transmitter never became ready";
}

/* IER is changed from any CPU (printk's start_tx) and from CPU0's receive
 * path: every read-modify-write of it under one lock, interrupts off. */
static void serial8250_ier_update(struct uart_8250_port *port, u32 set, u32 clear)
{
	unsigned long flags = arch_local_irq_save();
	u32 ier;

	arch_spin_lock(&port->ier_lock);
	ier = (port->ier | set) & ~clear;
	if (ier != port->ier) {
		port->ier = ier;
		serial8250_out(port, UART_IER, ier);
	}
	arch_spin_unlock(&port->ier_lock);
	arch_local_irq_restore(flags);
}

static void serial8250_start_tx(struct console *con)
{
	serial8250_ier_update(con->data, UART_IER_THRI, 0);
}

static unsigned int serial8250_console_read(struct console *con, char *buf, unsigned int size)
{
	return serial8250_port_read(con->data, (u8 *)buf, size);
}

static struct console serial8250_console = {
	.name = "ttyS",
	.index = 0,
	.flags = CON_PRINTBUFFER,
	.write = serial8250_console_write,
	.start_tx = serial8250_start_tx,
	.read = serial8250_console_read,
	.data = &console_port,
};

/* Fill the transmit FIFO from the console's pending output, sent from
 * where it lies; stop the interrupt when there is none. cr_pending carries a
 * "\n" whose "\r" filled the FIFO over to the next interrupt. */
static void serial8250_tx_chars(struct uart_8250_port *port)
{
	unsigned int room = port->tx_burst; /* its FIFO's size (the FIFO is on) */
	struct console *con = port->console;
	const char *text;

	port->tx_room = 0; /* this fills the FIFO: polled output looks at LSR again */

	if (!con) {
		serial8250_ier_update(port, 0, UART_IER_THRI);
		return;
	}
	while (room) {
		unsigned int n = console_next(con, &text);

		if (!n) {
			serial8250_ier_update(port, 0, UART_IER_THRI);
			/* a line that came between the last look and now found
			 * THRI still set and did not start us: take it */
			if (console_tx_pending(con))
				serial8250_ier_update(port, UART_IER_THRI, 0);
			return;
		}
		console_sent(con, serial8250_tx_run(port, text, n, &room, &port->cr_pending, false));
	}
}

/* Take what the FIFO holds into the receive ring. A full ring throttles the
 * line: the receive interrupt goes off and the bytes stay in the FIFO until
 * a reader makes room (an emulator then holds the sender back; real
 * hardware overruns, counted). */
static void serial8250_rx_chars(struct uart_8250_port *port, u32 lsr)
{
	for (int n = 0; (lsr & UART_LSR_DR) && n < RX_BUDGET; n++) {
		if (port->rx_head - port->rx_tail >= SERIAL8250_RX_BUF) {
			if (port->ier & UART_IER_RDI) {
				port->rx_throttled = true;
				serial8250_ier_update(port, 0, UART_IER_RDI);
			}
			return;
		}
		port->rx_buf[port->rx_head++ % SERIAL8250_RX_BUF] = (u8)serial8250_in(port, UART_RX);
		port->rx_count++;
		lsr = serial8250_in(port, UART_LSR);
	}
	if (lsr & UART_LSR_OE)
		port->rx_overruns++;
}

static unsigned int serial8250_port_read(struct uart_8250_port *port, u8 *buf, unsigned int size)
{
	unsigned long flags = arch_local_irq_save();
	unsigned int n = 0;

	while (n < size && port->rx_tail != port->rx_head)
		buf[n++] = port->rx_buf[port->rx_tail++ % SERIAL8250_RX_BUF];
	if (port->rx_throttled && port->rx_head - port->rx_tail < SERIAL8250_RX_BUF / 2) {
		port->rx_throttled = false;
		serial8250_ier_update(port, UART_IER_RDI, 0);
	}
	arch_local_irq_restore(flags);
	return n;
}

unsigned int serial8250_read_rx(int line, u8 *buf, unsigned int size)
{
	struct uart_8250_port *port = line >= 0 && line < SERIAL8250_NR_PORTS ? ports[line] : NULL;

	return port ? serial8250_port_read(port, buf, size) : 0;
}

void serial8250_handle_irq(struct uart_8250_port *port, u32 iir)
{
	u32 lsr;

	if (iir & UART_IIR_NO_INT)
		return;
	lsr = serial8250_in(port, UART_LSR);
	serial8250_rx_chars(port, lsr);
	if ((lsr & UART_LSR_THRE) && (port->ier & UART_IER_THRI))
		serial8250_tx_chars(port);
}

static void serial8250_interrupt(unsigned int irq, void *data)
{
	struct uart_8250_port *port = data;
	u32 iir = serial8250_in(port, UART_IIR); /* reading it acknowledges a THRE interrupt: once */

	(void)irq;
	if (port->handle_irq)
		port->handle_irq(port, iir);
	else
		serial8250_handle_irq(port, iir);
}

/* ttyS<n> for the UART aliased serial<n>, as Linux numbers them; the
 * console's UART keeps the number its console has; others take the first
 * number free and not the console's. */
static int pick_line(const struct uart_8250_port *port)
{
	bool console = console_port.mapbase && console_port.mapbase == port->mapbase;

	if (port->line >= 0 && port->line < SERIAL8250_NR_PORTS)
		return port->line;
	if (console)
		return serial8250_console.index;
	for (int line = 0; line < SERIAL8250_NR_PORTS; line++)
		if (!ports[line] && !(console_port.mapbase && line == serial8250_console.index))
			return line;
	return -ENOSPC;
}

/* console=ttyS0,115200n8: program the line, through the port's glue. */
static void apply_console_options(struct uart_8250_port *port)
{
	const char *options = console_preferred_options("ttyS", port->line);
	u32 baud, bits;
	char parity;

	if (!options || !*options)
		return;
	if (uart_parse_options(options, &baud, &parity, &bits)) {
		pr_warn("ttyS%d: console options '%s' not understood, line left as it is\n",
			port->line, options);
		return;
	}
	if (serial8250_set_termios(port, baud, parity, bits))
		pr_warn("ttyS%d: cannot set %u baud from a %u Hz clock, line left as it is\n",
			port->line, baud, port->uartclk);
}

int serial8250_register_port(struct uart_8250_port *port, const char *devname)
{
	unsigned long flags;
	int line = pick_line(port), err;
	bool is_console;

	if (line < 0)
		return line;
	if (ports[line])
		return -EBUSY;
	/* The interrupt first: a port that cannot have it is not registered at all. */
	if (port->irq >= 0) {
		snprintf(port->name, sizeof(port->name), "ttyS%d", line);
		err = request_irq((unsigned int)port->irq, serial8250_interrupt, port->name, port);
		if (err) {
			pr_err("%s: interrupt %d is taken (%d): port not registered\n", devname,
			       port->irq, err);
			return err;
		}
	}
	port->line = line;
	ports[line] = port;
	is_console = (serial8250_console.flags & CON_ENABLED) &&
		     serial8250_console.data == &console_port && console_port.mapbase == port->mapbase;

	/* Keep what arrived before we got here: turning the FIFOs on empties them. */
	serial8250_rx_chars(port, serial8250_in(port, UART_LSR));
	serial8250_raw_out(port, UART_FCR, UART_FCR_ENABLE_FIFO | UART_FCR_CLEAR_XMIT);
	port->tx_burst = port->fifosize ? port->fifosize : 1; /* at least 1: see 8250.h */
	serial8250_out(port, UART_MCR, UART_MCR_OUT2);
	if (is_console)
		apply_console_options(port);
	pr_info("%s: ttyS%d at MMIO 0x%lx (irq = %d, base_baud = %u) is a 16550A\n", devname,
		line, port->mapbase, port->irq, port->uartclk / 16);

	if (port->irq < 0)
		return 0;

	flags = arch_local_irq_save();
	port->ier = UART_IER_RDI;
	if (is_console) {
		/* The console moves onto this port and goes interrupt-driven. */
		port->console = &serial8250_console;
		serial8250_console.data = port;
		serial8250_console.async = true;
		port->ier |= UART_IER_THRI;
	}
	serial8250_out(port, UART_IER, port->ier);
	arch_local_irq_restore(flags);
	return 0;
}

static int __init univ8250_console_init(void)
{
	const struct uart_8250_port *early = early_serial8250_port();
	const char *options;
	char why[160];
	int line = serial8250_console_port(initial_dt, boot_command_line, &console_port, &options, why,
					   sizeof(why));

	if (line < 0) {
		if (early)
			pr_info("ttyS: no console UART (%s); staying on the early console\n", why);
		else
			pr_warn("ttyS: no console UART: %s\n", why);
		return -ENODEV;
	}
	/* The FIFO on: polled output then waits once per FIFO's worth (a byte
	 * that had arrived is lost if it was off, as when the driver probes). */
	serial8250_raw_out(&console_port, UART_FCR, UART_FCR_ENABLE_FIFO);
	console_port.tx_burst = console_port.fifosize ? console_port.fifosize : 1;
	serial8250_console.index = line;
	register_console(&serial8250_console);
	if (why[0])
		pr_info("ttyS%d: %s; using serial%d, which console=ttyS%d names\n", line, why, line, line);
	return 0;
}
console_initcall(univ8250_console_init);
