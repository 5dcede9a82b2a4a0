/* The ttyS console on a 16550: registered as a console initcall, like
 * Linux's univ8250_console_init. Its port is the UART that
 * /chosen/stdout-path names, or else the one the early console used.
 * Output is polled for now. */
#include <kernel/console.h>
#include <kernel/errno.h>
#include <kernel/init.h>
#include <kernel/of.h>
#include <kernel/printk.h>

#include "8250.h"

static struct uart_8250_port console_port;

static void serial8250_console_write(struct console *con, const char *text, unsigned int len)
{
	serial8250_write_text(con->data, text, len);
}

static struct console serial8250_console = {
	.name = "ttyS",
	.index = 0,
	.flags = CON_PRINTBUFFER,
	.write = serial8250_console_write,
	.data = &console_port,
};

static int __init find_console_port(struct uart_8250_port *port)
{
	const struct uart_8250_port *early = early_serial8250_port();
	const char *options;

	if (initial_dt) {
		int node = dtb_stdout_node(initial_dt, &options);

		if (node >= 0 && serial8250_dt_compatible(initial_dt, node))
			return serial8250_port_from_dt(initial_dt, node, port);
	}
	if (early) {
		*port = *early;
		return 0;
	}
	return -ENODEV;
}

static int __init univ8250_console_init(void)
{
	int err = find_console_port(&console_port);

	if (err)
		return err;
	register_console(&serial8250_console);
	return 0;
}
console_initcall(univ8250_console_init);
