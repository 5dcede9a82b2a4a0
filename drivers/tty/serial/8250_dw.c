/* Synopsys DesignWare APB UART glue (snps,dw-apb-uart: Allwinner's UARTs),
 * and the platform driver for every 16550 node: the one list of their
 * compatibles, used by the console and earlycon too.
 * The DesignWare quirks: the UART ignores an LCR write while it is busy, so
 * every LCR write is read back and retried after draining; and such a write
 * raises a "busy" interrupt (IIR 0x7) that only reading USR clears.
 * Registers at device level. */
#include <kernel/device.h>
#include <kernel/errno.h>
#include <kernel/of.h>

#include "8250.h"
#include "8250_regs.h"

#define LCR_RETRIES 1000

static struct uart_8250_port dw_ports[SERIAL8250_NR_PORTS];
static unsigned int nr_dw_ports;

static void dw8250_serial_out(struct uart_8250_port *port, int reg, u32 value)
{
	serial8250_raw_out(port, reg, value);
	if (reg != UART_LCR)
		return;
	for (int tries = 0; tries < LCR_RETRIES; tries++) {
		if ((serial8250_in(port, UART_LCR) & 0xff) == (value & 0xff))
			return;
		/* Busy: empty the FIFOs and the receiver, then write again. */
		serial8250_raw_out(port, UART_FCR, UART_FCR_ENABLE_FIFO | UART_FCR_CLEAR_RCVR |
							   UART_FCR_CLEAR_XMIT);
		(void)serial8250_in(port, UART_RX);
		serial8250_raw_out(port, UART_LCR, value);
	}
	pr_err("dw-apb-uart 0x%lx: could not set LCR to 0x%x\n", port->mapbase, value);
}

static void dw8250_handle_irq(struct uart_8250_port *port, u32 iir)
{
	if ((iir & 0x0f) == UART_IIR_BUSY) {
		(void)serial8250_in(port, UART_USR); /* clears it */
		return;
	}
	serial8250_handle_irq(port, iir);
}

/* Every node initk drives as a 16550; .data set: a DesignWare UART. */
const struct of_device_id serial8250_of_match[] = {
	{ .compatible = "snps,dw-apb-uart", .data = (void *)1 },
	{ .compatible = "ns16550a" },
	{ .compatible = "ns16550" },
	{ .compatible = "ns8250" },
	{}
};

bool serial8250_dt_compatible(const struct dtb *dt, int node)
{
	return of_match_node(serial8250_of_match, dt, node) != NULL;
}

int serial8250_port_from_stdout_path(const struct dtb *dt, struct uart_8250_port *port,
				     const char **options)
{
	int node;

	if (!dt)
		return -ENODEV;
	node = dtb_stdout_node(dt, options);
	if (node < 0 || !serial8250_dt_compatible(dt, node))
		return -ENODEV;
	return serial8250_port_from_dt(dt, node, port);
}

static int dw8250_probe(struct device *dev)
{
	struct uart_8250_port *port;
	int irq, err;

	if (nr_dw_ports == SERIAL8250_NR_PORTS)
		return -ENOSPC;
	irq = platform_get_irq(dev, 0);
	if (irq == -EPROBE_DEFER)
		return irq;
	port = &dw_ports[nr_dw_ports];
	err = serial8250_port_from_dt(dev->dt, dev->node, port);
	if (err)
		return dev_err_probe(dev, err, "bad reg, reg-shift or reg-io-width");
	port->irq = irq >= 0 ? irq : -1;
	if (dev->match->data) { /* the DesignWare quirks */
		port->serial_out = dw8250_serial_out;
		port->handle_irq = dw8250_handle_irq;
	}
	err = serial8250_register_port(port, dev->name);
	if (err)
		return err;
	nr_dw_ports++;
	dev->driver_data = port;
	return 0;
}

static struct platform_driver dw8250_driver = {
	.name = "dw-apb-uart",
	.of_match_table = serial8250_of_match,
	.probe = dw8250_probe,
};
module_platform_driver(dw8250_driver);
