/* Synopsys DesignWare APB UART glue (snps,dw-apb-uart: Allwinner's UARTs).
 * Adds the one quirk that matters for a console: the UART ignores an LCR
 * write while it is busy, so every LCR write is read back and retried after
 * draining. Also takes plain ns16550a nodes. Registers at device level. */
#include <kernel/device.h>
#include <kernel/errno.h>

#include "8250.h"
#include "8250_regs.h"

#define MAX_PORTS 4
#define LCR_RETRIES 1000

static struct uart_8250_port dw_ports[MAX_PORTS];
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

static int dw8250_probe(struct device *dev)
{
	struct uart_8250_port *port;
	int irq, err;

	if (nr_dw_ports == MAX_PORTS)
		return -ENOSPC;
	irq = platform_get_irq(dev, 0);
	if (irq == -EPROBE_DEFER)
		return irq;
	port = &dw_ports[nr_dw_ports];
	err = serial8250_port_from_dt(dev->dt, dev->node, port);
	if (err)
		return dev_err_probe(dev, err, "bad reg, reg-shift or reg-io-width");
	port->irq = irq >= 0 ? irq : -1;
	if (dev->match->data) /* the DesignWare quirk */
		port->serial_out = dw8250_serial_out;
	err = serial8250_register_port(port, dev->name);
	if (err)
		return err;
	nr_dw_ports++;
	dev->driver_data = port;
	return 0;
}

static const struct of_device_id dw8250_of_match[] = {
	{ .compatible = "snps,dw-apb-uart", .data = (void *)1 },
	{ .compatible = "ns16550a" },
	{ .compatible = "ns16550" },
	{}
};

static struct platform_driver dw8250_driver = {
	.name = "dw-apb-uart",
	.of_match_table = dw8250_of_match,
	.probe = dw8250_probe,
};
module_platform_driver(dw8250_driver);
