/* The 16550 core: a UART port and polled character output, shared by the
 * early console and the ttyS console. Register map in 8250_regs.h. */
#ifndef DRIVERS_SERIAL_8250_H
#define DRIVERS_SERIAL_8250_H

#include <kernel/types.h>

struct uart_8250_port {
	unsigned long mapbase; /* physical address of the registers */
	void *membase;         /* where we access them (identity mapped) */
	u8 regshift;           /* registers are (1 << regshift) bytes apart */
	u8 iowidth;            /* access width in bytes: 1 or 4 */
	u32 uartclk;           /* input clock in Hz, 0 if unknown */
};

u32 serial8250_in(const struct uart_8250_port *port, int reg);
void serial8250_out(const struct uart_8250_port *port, int reg, u32 value);
/* Wait for room in the transmitter, then send one byte. */
void serial8250_putchar(const struct uart_8250_port *port, char c);
/* Send text, turning "\n" into "\r\n" as a serial console must. */
void serial8250_write_text(const struct uart_8250_port *port, const char *text, unsigned int len);

/* Fill port from a device tree node (reg, reg-shift, reg-io-width, clock-frequency). */
struct dtb;
int serial8250_port_from_dt(const struct dtb *dt, int node, struct uart_8250_port *port);
bool serial8250_dt_compatible(const struct dtb *dt, int node);

/* The port the early console uses, or NULL: the ttyS console can take it over. */
const struct uart_8250_port *early_serial8250_port(void);

#endif
