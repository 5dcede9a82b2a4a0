/* The boot command line: where it comes from and the two parsing passes. */
#include <kernel/console.h>
#include <kernel/init.h>
#include <kernel/of.h>
#include <kernel/params.h>
#include <kernel/printk.h>
#include <kernel/string.h>
#include <generated/autoconf.h>

char boot_command_line[COMMAND_LINE_SIZE];

void __init setup_command_line(void)
{
	const char *source = devicetree_bootargs();

	if (!source)
		source = CONFIG_CMDLINE;
	if (strlcpy(boot_command_line, source, sizeof(boot_command_line)) >= sizeof(boot_command_line))
		pr_warn("Kernel command line truncated to %u bytes\n", COMMAND_LINE_SIZE - 1);
}

void __init parse_early_params(void)
{
	const struct param_table table = { ll_start(boot_params), ll_end(boot_params) };

	parse_params(boot_command_line, &table, true, NULL, 0);
}

void __init parse_boot_params(void)
{
	static char unknown[COMMAND_LINE_SIZE];
	const struct param_table table = { ll_start(boot_params), ll_end(boot_params) };

	pr_notice("Kernel command line: %s\n", boot_command_line);
	parse_params(boot_command_line, &table, false, unknown, sizeof(unknown));
	if (unknown[0])
		pr_notice("Unknown kernel command line parameters \"%s\", will be passed to user space.\n",
			  unknown);
}

void __init console_fallback_builtin(void)
{
	struct param_table table = { NULL, NULL };

	if (console_registered())
		return;
	ll_foreach(boot_params, p)
		if (p->early && !strcmp(p->name, "earlycon"))
			table = (struct param_table){ p, p + 1 };
	if (!table.start)
		return;
	parse_params(CONFIG_CMDLINE, &table, true, NULL, 0);
	if (console_registered())
		pr_warn("console: none from the device tree or the command line; started the built-in "
			"command line's earlycon\n");
}
