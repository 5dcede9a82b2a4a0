/* Shell commands about the system: dmesg, uptime, date, free, reboot, poweroff. */
#include <kernel/console.h>
#include <kernel/date.h>
#include <kernel/panic.h>
#include <kernel/printk.h>
#include <kernel/shell.h>
#include <kernel/slab.h>
#include <kernel/time.h>

static void dmesg_line(const char *line, unsigned int len, void *ctx)
{
	sh_write(ctx, line, len);
}

static int cmd_dmesg(struct sh_io *io, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	dmesg_foreach(dmesg_line, io);
	return 0;
}
SHELL_COMMAND(dmesg, cmd_dmesg, "dmesg");

/* BusyBox's line; no clock of the day, so the time is the uptime from 00:00:00. */
static int cmd_uptime(struct sh_io *io, int argc, char **argv)
{
	unsigned long secs = (unsigned long)(local_clock() / 1000000000ull), mins = secs / 60;

	(void)argc;
	(void)argv;
	sh_printf(io, " %02lu:%02lu:%02lu up ", secs / 3600 % 24, mins % 60, secs % 60);
	if (secs >= 86400)
		sh_printf(io, "%lu day%s, ", secs / 86400, secs >= 2 * 86400 ? "s" : "");
	if (mins >= 60)
		sh_printf(io, "%2lu:%02lu, ", mins / 60 % 24, mins % 60);
	else
		sh_printf(io, "%lu min, ", mins);
	sh_puts(io, " 0 users,  load average: 0.00, 0.00, 0.00\n");
	return 0;
}
SHELL_COMMAND(uptime, cmd_uptime, "uptime");

/* BusyBox's date, in UTC (-u changes nothing): print the time of day, or set
 * it (-s DATE, or DATE as the operand) and print it. */
static int cmd_date(struct sh_io *io, int argc, char **argv)
{
	struct sh_opts opts;
	int first = sh_getopt(argc, argv, "us:", &opts);
	const char *set;
	char line[40];
	long long secs;

	if (first < 0)
		return 1;
	set = sh_optarg(&opts, 's') ?: (first < argc ? argv[first] : NULL);
	if (set) {
		if (date_parse(set, ktime_get_real_seconds(), &secs)) {
			sh_error("date: invalid date '%s'", set);
			return 1;
		}
		do_settimeofday64(secs);
	}
	date_format(line, sizeof(line), ktime_get_real_seconds(), "UTC ");
	sh_printf(io, "%s\n", line);
	return 0;
}
SHELL_COMMAND(date, cmd_date, "date [-u] [-s DATE | DATE]");

static int cmd_free(struct sh_io *io, int argc, char **argv)
{
	struct meminfo info;

	(void)argc;
	(void)argv;
	meminfo(&info);
	sh_printf(io, "%-7s%12s%12s%12s%12s%12s%12s\n", "", "total", "used", "free", "shared",
		  "buff/cache", "available");
	sh_printf(io, "Mem:   %12lu%12lu%12lu%12lu%12lu%12lu\n", info.total >> 10,
		  (info.total - info.free) >> 10, info.free >> 10, 0ul, 0ul, info.free >> 10);
	sh_printf(io, "Swap:  %12lu%12lu%12lu\n", 0ul, 0ul, 0ul);
	return 0;
}
SHELL_COMMAND(free, cmd_free, "free");

static int cmd_reboot(struct sh_io *io, int argc, char **argv)
{
	(void)io;
	(void)argc;
	(void)argv;
	pr_emerg("reboot: Restarting system\n");
	machine_restart();
}
SHELL_COMMAND(reboot, cmd_reboot, "reboot");

static int cmd_poweroff(struct sh_io *io, int argc, char **argv)
{
	(void)io;
	(void)argc;
	(void)argv;
	pr_emerg("reboot: Power down\n");
	machine_power_off();
}
SHELL_COMMAND(poweroff, cmd_poweroff, "poweroff");
