/* The 16550 core: register access with the port's spacing, width and glue,
 * line settings, polled output. Knows nothing of where ports come from. */
#include <asm/io.h>
#include <asm/setup.h>
#include <kernel/errno.h>
#include <kernel/fdt.h>
#include <kernel/string.h>
#include <kernel/time.h>

#include "8250.h"
#include "8250_regs.h"

#define TX_READY_NS 50000000ull

u32 serial8250_in(const struct uart_8250_port *port, int reg)
{
	void *addr = (u8 *)port->membase + (reg << port->regshift);

	return port->iowidth == 4 ? readl(addr) : readb(addr);
}

void serial8250_raw_out(const struct uart_8250_port *port, int reg, u32 value)
{
	void *addr = (u8 *)port->membase + (reg << port->regshift);

	if (port->iowidth == 4)
		writel(value, addr);
	else
		writeb((u8)value, addr);
}

void serial8250_out(struct uart_8250_port *port, int reg, u32 value)
{
	if (port->serial_out)
		port->serial_out(port, reg, value);
	else
		serial8250_raw_out(port, reg, value);
}

/* Wait until the transmitter (its FIFO, when on) is empty; false once it is
 * dead. For a FIFO still sending: its callers look at LSR first. */
static bool tx_ready(struct uart_8250_port *port)
{
	unsigned long long start;

	if (port->tx_dead)
		return false;
	start = local_clock();
	while (!(serial8250_in(port, UART_LSR) & UART_LSR_THRE)) {
		if (local_clock() - start > TX_READY_NS) {
			port->tx_dead = true;
			return false;
		}
	}
	return true;
}

/* The transmit register: a plain write (it needs no glue); relaxed, for a
 * run of writes after the ordered read of LSR. */
static inline __attribute__((always_inline)) void serial8250_thr_put(void *thr, bool wide, u32 c)
{
	if (wide)
		writel_relaxed(c, thr);
	else
		writeb_relaxed((u8)c, thr);
}

/* The n bytes before end into a 32-bit transmit register: for n from 1 to 16
 * (a FIFO's worth) one jump into sixteen loads and stores, no loop; false
 * (nothing sent) for any other n. */
#define THR_PUT_FROM(k)                             \
	case k:                                     \
		writel_relaxed((u8)end[-(k)], thr); \
		__attribute__((fallthrough))
static inline __attribute__((always_inline)) bool thr_put_upto16(void *thr, const char *end,
								 unsigned int n)
{
	switch (n) {
	THR_PUT_FROM(16); THR_PUT_FROM(15); THR_PUT_FROM(14); THR_PUT_FROM(13);
	THR_PUT_FROM(12); THR_PUT_FROM(11); THR_PUT_FROM(10); THR_PUT_FROM(9);
	THR_PUT_FROM(8); THR_PUT_FROM(7); THR_PUT_FROM(6); THR_PUT_FROM(5);
	THR_PUT_FROM(4); THR_PUT_FROM(3); THR_PUT_FROM(2);
	case 1:
		writel_relaxed((u8)end[-1], thr);
		return true;
	default:
		return false;
	}
}

/* Polled output, its room used up, may go on: the LSR value just read says
 * the transmitter is empty (the read's barrier orders the next burst after
 * it; the writes to one device stay in order without more), or tx_ready()
 * waited until it was. False when it is dead. */
static inline __attribute__((always_inline)) bool tx_empty(struct uart_8250_port *port, u32 lsr)
{
	return (lsr & UART_LSR_THRE) || tx_ready(port);
}

/* serial8250_write_text's room: *left as it is, or once used up a new
 * FIFO's worth when the transmitter is empty; false when it is dead. */
static inline __attribute__((always_inline)) bool tx_room_words(struct uart_8250_port *port,
								 void *lsr, unsigned int *left)
{
	if (*left)
		return true;
	if (!tx_empty(port, readl(lsr)))
		return false;
	*left = port->tx_burst;
	return true;
}

unsigned int serial8250_tx_run(struct uart_8250_port *port, const char *text, unsigned int len,
			       unsigned int *room, bool *cr, bool wait)
{
	const char *p = text, *end = text + len, *nl = len && end[-1] == '\n' ? end - 1 : end;
	unsigned int left = *room;
	bool cr_sent = *cr, wide = port->iowidth == 4;
	void *thr = port->membase;

	wait = wait && !port->tx_dead; /* tx_ready() says so when it dies here */
	while (p < end) {
		if (!left) {
			/* the TX interrupt's run stops at its FIFO's room, polled
			 * output at a dead transmitter */
			if (!wait || !tx_empty(port, serial8250_in(port, UART_LSR)))
				break;
			left = port->tx_burst;
		}
		if (p < nl) { /* no "\n" before nl: as much as there is room for */
			const char *stop = p + ((unsigned int)(nl - p) < left ? (unsigned int)(nl - p) : left);

			left -= (unsigned int)(stop - p);
			cr_sent = false;
			if (wide)
				do
					writel_relaxed((u8)*p++, thr);
				while (p < stop);
			else
				do
					writeb_relaxed((u8)*p++, thr);
				while (p < stop);
			continue;
		}
		/* the "\n": its "\r" first */
		serial8250_thr_put(thr, wide, cr_sent ? '\n' : '\r');
		p += cr_sent;
		cr_sent = !cr_sent;
		left--;
	}
	*room = left;
	*cr = cr_sent;
	return (unsigned int)(p - text);
}

void serial8250_write_text(struct uart_8250_port *port, const char *text, unsigned int len)
{
	const char *p = text, *end = text + len, *nl = len && end[-1] == '\n' ? end - 1 : end;
	unsigned int left = port->tx_room;
	void *thr = port->membase, *lsr = (u8 *)thr + (UART_LSR << port->regshift);

	if (port->iowidth != 4 || port->tx_dead) {
		bool cr = false;

		serial8250_tx_run(port, text, len, &port->tx_room, &cr, true);
		return;
	}
	/* 32-bit registers: no "\n" to look for before nl, a FIFO's worth at a time */
	while (p < nl) {
		unsigned int n;

		if (!tx_room_words(port, lsr, &left))
			goto out;
		n = (unsigned int)(nl - p) < left ? (unsigned int)(nl - p) : left;
		left -= n;
		p += n;
		if (!thr_put_upto16(thr, p, n))
			for (const char *q = p - n; q < p; q++)
				writel_relaxed((u8)*q, thr);
	}
	if (p < end) { /* the "\n": its "\r" first */
		if (!tx_room_words(port, lsr, &left))
			goto out;
		writel_relaxed('\r', thr);
		left--;
		if (!tx_room_words(port, lsr, &left))
			goto out;
		writel_relaxed('\n', thr);
		left--;
	}
out:
	port->tx_room = left;
}

unsigned int serial8250_divisor(u32 uartclk, u32 baud)
{
	u64 divisor;

	if (!baud || !uartclk)
		return 0;
	divisor = ((u64)uartclk + 8ull * baud) / (16ull * baud);
	return divisor >= 1 && divisor <= 0xffff ? (unsigned int)divisor : 0;
}

int uart_parse_options(const char *options, u32 *baud, char *parity, u32 *bits)
{
	u32 value = 0;
	const char *s = options;

	*parity = 'n';
	*bits = 8;
	if (!s || *s < '0' || *s > '9')
		return -EINVAL;
	for (; *s >= '0' && *s <= '9'; s++) {
		value = value * 10 + (u32)(*s - '0');
		if (value > 10000000)
			return -EINVAL;
	}
	*baud = value;
	if (!*s)
		return 0;
	if (*s != 'n' && *s != 'o' && *s != 'e')
		return -EINVAL;
	*parity = *s++;
	if (!*s)
		return 0;
	if (*s < '5' || *s > '8')
		return -EINVAL;
	*bits = (u32)(*s++ - '0');
	if (*s == 'r') /* RTS/CTS flow control: accepted, not used */
		s++;
	return *s ? -EINVAL : 0;
}

int serial8250_set_termios(struct uart_8250_port *port, u32 baud, char parity, u32 bits)
{
	unsigned int divisor = serial8250_divisor(port->uartclk, baud);
	u32 lcr = UART_LCR_WLEN(bits);

	if (!divisor)
		return -EINVAL;
	if (parity != 'n')
		lcr |= UART_LCR_PARITY | (parity == 'e' ? UART_LCR_EPAR : 0);
	serial8250_out(port, UART_LCR, lcr | UART_LCR_DLAB);
	serial8250_raw_out(port, UART_DLL, divisor & 0xff);
	serial8250_raw_out(port, UART_DLM, divisor >> 8);
	serial8250_out(port, UART_LCR, lcr);
	return 0;
}

int serial8250_check_mmio(const struct uart_8250_port *port, const char **where)
{
	return arch_check_mmio(port->mapbase, 0x20u << port->regshift, where); /* 8 registers + USR */
}

int serial8250_port_from_dt(const struct dtb *dt, int node, struct uart_8250_port *port)
{
	u64 addr, size;
	u32 value;
	int err = dtb_read_reg(dt, node, 0, &addr, &size);

	if (err)
		return err;
	memset(port, 0, sizeof(*port));
	port->tx_burst = 1;
	port->mapbase = (unsigned long)addr;
	port->membase = (void *)(unsigned long)addr;
	port->iowidth = 1;
	port->line = -1;
	port->irq = -1;
	port->fifosize = 16;
	if (!dtb_get_u32(dt, node, "reg-shift", &value)) {
		if (value > 4)
			return -EINVAL;
		port->regshift = (u8)value;
	}
	if (!dtb_get_u32(dt, node, "reg-io-width", &value)) {
		if (value != 1 && value != 4)
			return -EINVAL;
		port->iowidth = (u8)value;
	}
	if (!dtb_get_u32(dt, node, "clock-frequency", &value))
		port->uartclk = value;
	return 0;
}
