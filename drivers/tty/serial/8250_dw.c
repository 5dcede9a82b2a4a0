/* Synopsys DesignWare APB UART glue (snps,dw-apb-uart: Allwinner's UARTs),
 * and the platform driver for every 16550 node: the one list of their
 * compatibles, used by the console and earlycon too.
 * The DesignWare quirks: the UART ignores an LCR write while it is busy, so
 * every LCR write is read back and retried after draining; and such a write
 * raises a "busy" interrupt (IIR 0x7) that only reading USR clears.
 * Registers at device level. */
#include <kernel/clk.h>
#include <kernel/device.h>
#include <kernel/errno.h>
#include <kernel/of.h>
#include <kernel/params.h>
#include <kernel/reset.h>
#include <kernel/sprintf.h>
#include <kernel/string.h>

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

/* A UART node usable as a console port; why (size bytes) says why not, of
 * the node the text what describes. */
static int console_node_port(const struct dtb *dt, int node, struct uart_8250_port *port,
			     const char *what, char *why, size_t size)
{
	const char *where;

	if (!serial8250_dt_compatible(dt, node)) {
		scnprintf(why, size, "%s is not a 16550 UART", what);
		return -ENODEV;
	}
	if (serial8250_port_from_dt(dt, node, port)) {
		scnprintf(why, size, "%s has an unusable reg, reg-shift or reg-io-width", what);
		return -EINVAL;
	}
	if (serial8250_check_mmio(port, &where)) {
		scnprintf(why, size, "%s is at 0x%08lx, %s", what, port->mapbase, where);
		return -EFAULT;
	}
	return 0;
}

/* The stdout-path UART; why (size bytes) says why there is none usable. */
static int stdout_path_port(const struct dtb *dt, struct uart_8250_port *port,
			    const char **options, char *why, size_t size)
{
	int chosen = dtb_path_offset(dt, "/chosen");
	const char *path = dtb_get_string(dt, chosen, "stdout-path");
	int node = dtb_stdout_node(dt, options);
	char what[96];

	if (!path)
		path = dtb_get_string(dt, chosen, "linux,stdout-path");
	if (!path) {
		scnprintf(why, size, "no /chosen/stdout-path");
		return -ENODEV;
	}
	if (node < 0) {
		scnprintf(why, size, "/chosen/stdout-path \"%s\" names no node", path);
		return -ENODEV;
	}
	scnprintf(what, sizeof(what), "/chosen/stdout-path \"%s\"", path);
	return console_node_port(dt, node, port, what, why, size) ? -ENODEV : node;
}

/* The ttyS number of the stdout-path UART: its serial<n> alias. The path
 * usually is that alias ("serial0:115200n8"): read, not searched for. */
static int stdout_line(const struct dtb *dt, int node)
{
	const char *path = dtb_get_string(dt, dtb_path_offset(dt, "/chosen"), "stdout-path");
	int id = -1;

	if (path && !strncmp(path, "serial", 6) && path[6] >= '0' && path[6] <= '9' &&
	    (!path[7] || path[7] == ':'))
		id = path[6] - '0';
	if (id < 0)
		id = of_alias_get_id(dt, node, "serial");
	return id >= 0 && id < SERIAL8250_NR_PORTS ? id : 0;
}

int serial8250_console_port(const struct dtb *dt, const char *cmdline, struct uart_8250_port *port,
			    const char **options, char *why, size_t size)
{
	char alias[16];
	size_t len;
	int node, ttys;

	*options = NULL;
	why[0] = '\0';
	if (!dt) {
		scnprintf(why, size, "no device tree");
		return -ENODEV;
	}
	node = stdout_path_port(dt, port, options, why, size);
	if (node >= 0)
		return stdout_line(dt, node);
	*options = NULL;
	ttys = cmdline_console_index(cmdline, "ttyS"); /* only now: it parses the whole line */
	if (ttys < 0 || ttys >= SERIAL8250_NR_PORTS)
		return -ENODEV;
	/* console=ttyS<n>: the UART aliased serial<n>, as Linux numbers them */
	scnprintf(alias, sizeof(alias), "serial%d", ttys);
	len = strlen(why);
	node = dtb_path_offset(dt, alias);
	if (node < 0) {
		scnprintf(why + len, size - len, ", and console=ttyS%d: %s names no node", ttys, alias);
		return -ENODEV;
	}
	len += scnprintf(why + len, size - len, ", and ");
	if (console_node_port(dt, node, port, alias, why + len, size - len))
		return -ENODEV;
	why[len - strlen(", and ")] = '\0'; /* usable: only the stdout-path problem stays */
	return ttys;
}

/* Mainline trees give no clock-frequency: the rate is the clock's
 * ("baudclk", else the first), which is switched on, and the UART is taken
 * out of reset, as Linux's 8250_dw does. */
static int dw8250_clock_and_reset(struct device *dev, struct uart_8250_port *port)
{
	struct reset_control *rst = reset_control_get(dev, NULL);
	struct clk *clk = clk_get(dev, "baudclk");
	int err;

	if (PTR_ERR(clk) == -ENOENT)
		clk = clk_get(dev, NULL);
	if (IS_ERR(clk) && PTR_ERR(clk) != -ENOENT)
		return PTR_ERR(clk) == -EPROBE_DEFER ? -EPROBE_DEFER
						      : dev_err_probe(dev, PTR_ERR(clk), "bad clocks");
	if (IS_ERR(rst) && PTR_ERR(rst) != -ENOENT)
		return PTR_ERR(rst) == -EPROBE_DEFER ? -EPROBE_DEFER
						      : dev_err_probe(dev, PTR_ERR(rst), "bad resets");
	if (!IS_ERR(clk)) {
		if ((err = clk_prepare_enable(clk)))
			return dev_err_probe(dev, err, "cannot enable its clock");
		if (!port->uartclk)
			port->uartclk = clk_get_rate(clk);
	}
	if (!IS_ERR(rst) && (err = reset_control_deassert(rst)))
		return dev_err_probe(dev, err, "cannot take it out of reset");
	return 0;
}

static int dw8250_probe(struct device *dev)
{
	struct uart_8250_port *port;
	const char *where;
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
	if (serial8250_check_mmio(port, &where))
		return dev_err_probe(dev, -EFAULT, "registers at 0x%08lx are %s", port->mapbase, where);
	err = dw8250_clock_and_reset(dev, port);
	if (err)
		return err;
	port->irq = irq >= 0 ? irq : -1;
	port->line = of_alias_get_id(dev->dt, dev->node, "serial"); /* ttyS<n> for serial<n> */
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
