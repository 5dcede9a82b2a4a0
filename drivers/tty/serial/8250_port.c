/* The 16550 core: register access with the port's spacing and width, and
 * polled output. Knows nothing of where ports come from. */
#include <asm/io.h>
#include <kernel/fdt.h>
#include <kernel/string.h>

#include "8250.h"
#include "8250_regs.h"

/* Bounded wait for the transmitter: a UART that never drains must not hang printk. */
#define TX_POLL_LIMIT 1000000

u32 serial8250_in(const struct uart_8250_port *port, int reg)
{
	void *addr = (u8 *)port->membase + (reg << port->regshift);

	return port->iowidth == 4 ? readl(addr) : readb(addr);
}

void serial8250_out(const struct uart_8250_port *port, int reg, u32 value)
{
	void *addr = (u8 *)port->membase + (reg << port->regshift);

	if (port->iowidth == 4)
		writel(value, addr);
	else
		writeb((u8)value, addr);
}

void serial8250_putchar(const struct uart_8250_port *port, char c)
{
	for (int i = 0; i < TX_POLL_LIMIT; i++)
		if (serial8250_in(port, UART_LSR) & UART_LSR_THRE)
			break;
	serial8250_out(port, UART_TX, (u8)c);
}

void serial8250_write_text(const struct uart_8250_port *port, const char *text, unsigned int len)
{
	for (unsigned int i = 0; i < len; i++) {
		if (text[i] == '\n')
			serial8250_putchar(port, '\r');
		serial8250_putchar(port, text[i]);
	}
}

static const char *const compatibles[] = {
	"snps,dw-apb-uart",
	"ns16550a",
	"ns16550",
	"ns8250",
};

bool serial8250_dt_compatible(const struct dtb *dt, int node)
{
	for (unsigned int i = 0; i < sizeof(compatibles) / sizeof(compatibles[0]); i++)
		if (dtb_is_compatible(dt, node, compatibles[i]))
			return true;
	return false;
}

int serial8250_port_from_dt(const struct dtb *dt, int node, struct uart_8250_port *port)
{
	u64 addr, size;
	u32 value;
	int err = dtb_read_reg(dt, node, 0, &addr, &size);

	if (err)
		return err;
	memset(port, 0, sizeof(*port));
	port->mapbase = (unsigned long)addr;
	port->membase = (void *)(unsigned long)addr;
	port->iowidth = 1;
	if (!dtb_get_u32(dt, node, "reg-shift", &value))
		port->regshift = (u8)value;
	if (!dtb_get_u32(dt, node, "reg-io-width", &value))
		port->iowidth = (u8)value;
	if (!dtb_get_u32(dt, node, "clock-frequency", &value))
		port->uartclk = value;
	return 0;
}
