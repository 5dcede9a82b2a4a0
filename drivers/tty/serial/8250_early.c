/* The early console: a polled 16550 that prints from the first message on,
 * before any initcall has run. Started by the earlycon boot parameter, as in
 * Linux:
 *   earlycon                                  the UART /chosen/stdout-path names
 *   earlycon=uart8250,mmio32,0x01c28000[,opt] (also "uart", "mmio" for 8-bit access)
 * The ttyS console replaces it at the console initcall level. */
#define pr_fmt(fmt) "earlycon: " fmt

#include <kernel/console.h>
#include <kernel/errno.h>
#include <kernel/init.h>
#include <kernel/of.h>
#include <kernel/params.h>
#include <kernel/printk.h>
#include <kernel/string.h>

#include "8250.h"

static struct uart_8250_port early_port;

static void early_serial8250_write(struct console *con, const char *text, unsigned int len)
{
	struct uart_8250_port *port = con->data;

	serial8250_write_text(port, text, len);
	if (port->tx_dead)
		con->broken = "its transmitter never became ready";
}

static struct console early_console = {
	.name = "uart",
	.index = 0,
	.flags = CON_PRINTBUFFER | CON_BOOT,
	.write = early_serial8250_write,
	.data = &early_port,
};

const struct uart_8250_port *early_serial8250_port(void)
{
	return (early_console.flags & CON_ENABLED) ? &early_port : NULL; /* not a dropped one */
}

/* "uart8250,mmio32,0x01c28000,115200n8" */
static int __init port_from_option(char *value, struct uart_8250_port *port,
				   const char **options)
{
	char *name = value, *iotype, *address, *rest;
	const char *why;
	unsigned long addr;

	iotype = strchr(name, ',');
	if (!iotype)
		return -EINVAL;
	*iotype++ = '\0';
	address = strchr(iotype, ',');
	if (!address)
		return -EINVAL;
	*address++ = '\0';
	rest = strchr(address, ',');
	if (rest)
		*rest++ = '\0';
	*options = rest;

	if (strcmp(name, "uart8250") && strcmp(name, "uart") && strcmp(name, "ns16550a"))
		return -ENODEV;
	memset(port, 0, sizeof(*port));
	port->line = -1;
	port->irq = -1;
	port->tx_burst = 1;
	port->fifosize = 16;
	if (!strcmp(iotype, "mmio32")) {
		port->regshift = 2;
		port->iowidth = 4;
	} else if (!strcmp(iotype, "mmio")) {
		port->iowidth = 1;
	} else {
		return -EINVAL;
	}
	if (param_parse_ulong(address, &addr) || !addr)
		return -EINVAL;
	port->mapbase = (unsigned long)addr;
	port->membase = (void *)(unsigned long)addr;
	if (serial8250_check_mmio(port, &why)) {
		pr_warn("0x%08lx is %s, not a UART: ignored\n", addr, why);
		return -EFAULT;
	}
	return 0;
}

static int __init setup_earlycon(char *value)
{
	const char *options = NULL;
	int err;
	char why[160] = "";
	int line = -1;

	if (early_console.flags & CON_ENABLED)
		return 0; /* one early console; a dropped one may be replaced */
	if (value && *value) {
		err = port_from_option(value, &early_port, &options);
		if (err == -EFAULT)
			return 0; /* said why: not a malformed option */
		if (err)
			return err;
	} else {
		line = serial8250_console_port(initial_dt, boot_command_line, &early_port, &options, why,
					       sizeof(why));
		if (line < 0) {
			pr_warn("no UART to use: %s%s\n", why,
				cmdline_console_index(boot_command_line, "ttyS") < 0
					? "; no console=ttyS<n> to fall back on" : "");
			return 0; /* said why: not a malformed option */
		}
	}

	early_console.broken = NULL;
	early_console.writing_cpu = 0;
	register_console(&early_console);
	pr_info("%s%d at MMIO%s 0x%08lx (options '%s')\n", early_console.name, early_console.index,
		early_port.iowidth == 4 ? "32" : "", early_port.mapbase, options ? options : "");
	if (why[0])
		pr_info("%s; using serial%d, which console=ttyS%d names\n", why, line, line);
	return 0;
}
early_param("earlycon", setup_earlycon);
