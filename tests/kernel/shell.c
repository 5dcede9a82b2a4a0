/* Shell commands only the test kernel has, for the boot tests of tracing
 * while the shell runs (tests/boot/test_shell.py):
 *
 *   trace_burst N       every online CPU records N ktest_seq events
 *   trace_storm FILE K  the other CPUs record ktest_seq events without a
 *                       pause while this one copies FILE (the trace) to
 *                       /tmp/storm.0 .. K-1: each copy must show whole
 *                       records, in order, from every CPU
 *   bench_clock         the time since boot in ns (make bench: typing costs)
 *   bench_time CMD...   run CMD, then say how long it took in ns (make bench) */
#include <kernel/errno.h>
#include <kernel/fs.h>
#include <kernel/params.h>
#include <kernel/sched.h>
#include <kernel/shell.h>
#include <kernel/slab.h>
#include <kernel/smp.h>
#include <kernel/sprintf.h>
#include <kernel/time.h>
#include <kernel/trace.h>

static void print_ktest_seq(char *buf, size_t size, const unsigned long *arg)
{
	scnprintf(buf, size, "cpu=%lu seq=%lu", arg[0], arg[1]);
}
DEFINE_TRACE_EVENT(ktest, ktest_seq, print_ktest_seq);

static unsigned long burst;
static volatile unsigned long seq[NR_CPUS];

static void record_burst(void *info)
{
	unsigned int cpu = smp_processor_id();

	(void)info;
	for (unsigned long i = 0; i < burst; i++)
		trace_event(ktest_seq, cpu, seq[cpu]++);
}

static int cmd_trace_burst(struct sh_io *io, int argc, char **argv)
{
	long n;

	(void)io;
	if (argc != 2 || param_parse_int(argv[1], &n) || n < 0)
		return sh_error("Usage: trace_burst N"), 2;
	burst = (unsigned long)n;
	on_each_cpu(record_burst, NULL);
	return 0;
}
SHELL_COMMAND(trace_burst, cmd_trace_burst, "trace_burst N (test kernel)");

static volatile bool storm_stop;
static const char *storm_file;
static long storm_copies;
static int storm_error;

static void storm(void *info)
{
	unsigned int cpu = smp_processor_id();

	(void)info;
	if (cpu) {
		while (!storm_stop)
			trace_event(ktest_seq, cpu, seq[cpu]++);
		return;
	}
	/* copy only once every other CPU is recording (they take the IPI after us) */
	for (unsigned int other = 1; other < NR_CPUS; other++)
		while (cpu_online(other) && seq[other] < 1000)
			;
	for (long i = 0; i < storm_copies && !storm_error; i++) {
		char path[32], *text;
		size_t len;

		snprintf(path, sizeof(path), "/tmp/storm.%ld", i);
		storm_error = vfs_read_all(storm_file, &text, &len, FILE_MAX_SIZE);
		if (storm_error)
			break;
		storm_error = vfs_write_file(path, 0644, text, len);
		kfree(text);
	}
	storm_stop = true;
}

static int cmd_trace_storm(struct sh_io *io, int argc, char **argv)
{
	if (argc != 3 || param_parse_int(argv[2], &storm_copies) || storm_copies < 1)
		return sh_error("Usage: trace_storm FILE COPIES"), 2;
	storm_file = argv[1];
	storm_stop = false;
	storm_error = 0;
	on_each_cpu(storm, NULL);
	if (storm_error) {
		sh_error("trace_storm: %s", errname(storm_error));
		return 1;
	}
	sh_printf(io, "trace_storm: %ld copies\n", storm_copies);
	return 0;
}
SHELL_COMMAND(trace_storm, cmd_trace_storm, "trace_storm FILE COPIES (test kernel)");

static int cmd_bench_clock(struct sh_io *io, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	unsigned long long now = local_clock();

	sh_printf(io, "clock: %llu ns, busy %llu ns\n", now, now - boot_cpu_idle_time());
	return 0;
}
SHELL_COMMAND(bench_clock, cmd_bench_clock, "bench_clock (test kernel)");

static int cmd_bench_time(struct sh_io *io, int argc, char **argv)
{
	unsigned long long start;
	int status;

	if (argc < 2)
		return sh_error("Usage: bench_time CMD [ARG]..."), 2;
	start = local_clock();
	status = sh_run_argv(io, argc - 1, argv + 1);
	sh_error("bench_time: %llu ns", local_clock() - start);
	return status;
}
SHELL_COMMAND(bench_time, cmd_bench_time, "bench_time CMD [ARG]... (test kernel)");
