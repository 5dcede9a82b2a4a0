/*
 * Host unit tests for the trace buffers and their text (kernel/trace/ring.c,
 * kernel/trace/output.c), with kernel/vsprintf.c and kernel/kallsyms.c behind
 * the events' %pS.
 *
 * Every expected line is written out literally, derived by hand from Linux
 * 6.1's formats and the real lines in tests/fixtures/linux-6.1-orangepi-pc/formats.txt
 * (its tp_printk and ftrace_dump_on_oops samples):
 *   trace file:  "%16s-%-7d " comm-pid, "[%03d] ", 5 flag chars,
 *                " %5lu.%06lu: " with ns2usecs() rounding (ns + 500) / 1000
 *   ftrace_dump: "%8.8s-%-7d %3d", 5 flag chars, " %4lldus : "
 * Nothing expected here is produced by the code under test.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <kernel/kallsyms.h>
#include <kernel/sprintf.h>
#include <kernel/trace.h>

#include "kallsyms_table.h"

/* ---- The symbol table behind %pS ------------------------------------------ */

/* Sizes of the real functions in Linux 6.1 armmp (tests/fixtures/linux-6.1-orangepi-pc/formats.txt). */
KALLSYMS_TEST_TABLE(
	KSYM(0x1000, 0x224, "con_init")
	KSYM(0x1240, 0x20, "hvc_console_init")
	KSYM(0x1260, 0x84, "xen_cons_init")
	KSYM(0x1300, 0x3c, "univ8250_console_init")
	KSYM(0x1340, 0x24, "trace_init_flags_sys_exit")
	KSYM(0x1380, 0x148, "exynos_mcpm_init")
	KSYM(0x1500, 0xc0, "tracer_init_tracefs"));

#define CON_INIT 0x1000UL
#define HVC_CONSOLE_INIT 0x1240UL
#define XEN_CONS_INIT 0x1260UL
#define UNIV8250_CONSOLE_INIT 0x1300UL
#define TRACE_INIT_FLAGS_SYS_EXIT 0x1340UL
#define EXYNOS_MCPM_INIT 0x1380UL
#define TRACER_INIT_TRACEFS 0x1500UL

/* ---- The events, as include/trace/events/initcall.h declares them ---------- */

static void print_level(char *buf, size_t size, const unsigned long *arg)
{
	scnprintf(buf, size, "level=%s", (const char *)arg[0]);
}

static void print_start(char *buf, size_t size, const unsigned long *arg)
{
	scnprintf(buf, size, "func=%pS", (void *)arg[0]);
}

static void print_finish(char *buf, size_t size, const unsigned long *arg)
{
	scnprintf(buf, size, "func=%pS ret=%d", (void *)arg[0], (int)arg[1]);
}

enum { EV_LEVEL, EV_START, EV_FINISH, NR_EVENTS };

/* In declaration order, as the trace_events linker list holds them. */
static struct trace_event events[NR_EVENTS] = {
	[EV_LEVEL] = { .system = "initcall", .name = "initcall_level", .print = print_level },
	[EV_START] = { .system = "initcall", .name = "initcall_start", .print = print_start },
	[EV_FINISH] = { .system = "initcall", .name = "initcall_finish", .print = print_finish },
};

/* ---- Rings ------------------------------------------------------------------ */

#define MAX_RECORDS 16

static struct trace_record pool[TRACE_MAX_CPUS][MAX_RECORDS];
static struct trace_ring rings[TRACE_MAX_CPUS];

static int setup_rings(void **state)
{
	(void)state;
	memset(pool, 0x5a, sizeof(pool)); /* garbage, as in unused memory */
	for (unsigned int i = 0; i < TRACE_MAX_CPUS; i++) {
		rings[i].rec = pool[i];
		rings[i].size = MAX_RECORDS;
		rings[i].head = 0;
	}
	return 0;
}

static void fill(struct trace_record *rec, u64 ts, u32 pid, u16 event, u8 flags, unsigned long a0,
		 unsigned long a1)
{
	rec->ts = ts;
	rec->pid = pid;
	rec->event = event;
	rec->flags = flags;
	rec->reserved = 0;
	rec->arg[0] = a0;
	rec->arg[1] = a1;
}

static void push(unsigned int cpu, u64 ts, u32 pid, u16 event, u8 flags, unsigned long a0,
		 unsigned long a1)
{
	fill(trace_ring_reserve(&rings[cpu]), ts, pid, event, flags, a0, a1);
}

/* A record that only carries a timestamp and an id (arg[0]). */
static void push_id(unsigned int cpu, u64 ts, unsigned long id)
{
	push(cpu, ts, 1, EV_LEVEL, 0, id, 0);
}

struct expect_rec {
	u64 ts;
	unsigned int cpu;
	unsigned long id;
};

static void check_iter(unsigned int nr, const struct expect_rec *want, size_t n)
{
	const struct trace_record *rec;
	struct trace_iter it;
	unsigned int cpu;

	trace_iter_start(&it, rings, nr);
	for (size_t i = 0; i < n; i++) {
		cpu = 99;
		rec = trace_iter_next(&it, &cpu);
		if (!rec)
			fail_msg("record %zu: iterator ended, expected ts %llu cpu %u", i,
				 want[i].ts, want[i].cpu);
		if (rec->ts != want[i].ts || cpu != want[i].cpu || rec->arg[0] != want[i].id)
			fail_msg("record %zu: got ts %llu cpu %u id %lu, expected ts %llu cpu %u id %lu",
				 i, rec->ts, cpu, rec->arg[0], want[i].ts, want[i].cpu, want[i].id);
	}
	assert_null(trace_iter_next(&it, &cpu));
	assert_null(trace_iter_next(&it, &cpu)); /* and stays at the end */
}

/* ---- Captured output ----------------------------------------------------------- */

#define MAX_LINES 64

struct capture {
	char *line[MAX_LINES];
	unsigned int n;
};

static void emit(const char *line, void *ctx)
{
	struct capture *cap = ctx;

	assert_non_null(line);
	assert_null(strchr(line, '\n'));
	assert_true(cap->n < MAX_LINES);
	cap->line[cap->n] = strdup(line);
	assert_non_null(cap->line[cap->n]);
	cap->n++;
}

static void capture_free(struct capture *cap)
{
	for (unsigned int i = 0; i < cap->n; i++)
		free(cap->line[i]);
	cap->n = 0;
}

static void check_lines(struct capture *cap, const char *const *want, unsigned int n)
{
	unsigned int bad = 0;

	for (unsigned int i = 0; i < n || i < cap->n; i++) {
		const char *got = i < cap->n ? cap->line[i] : "(missing)";
		const char *exp = i < n ? want[i] : "(none)";

		if (strcmp(got, exp)) {
			print_error("line %u:\n  got      \"%s\"\n  expected \"%s\"\n", i + 1, got,
				    exp);
			bad++;
		}
	}
	capture_free(cap);
	if (bad)
		fail_msg("%u line(s) differ", bad);
}

static u64 ns_identity(u64 ts)
{
	return ts;
}

static u64 us_to_ns(u64 ts)
{
	return ts * 1000;
}

static struct trace_view view_of(unsigned int nr_cpus, u64 (*ts_to_ns)(u64))
{
	struct trace_view v = {
		.rings = rings,
		.nr_cpus = nr_cpus,
		.events = events,
		.nr_events = NR_EVENTS,
		.ts_to_ns = ts_to_ns,
	};
	return v;
}

/* The 8 legend lines of Linux 6.1's trace file (print_func_help_header_irq). */
#define LEGEND                                                                       \
	"#                                _-----=> irqs-off/BH-disabled",              \
	"#                               / _----=> need-resched",                      \
	"#                              | / _---=> hardirq/softirq",                   \
	"#                              || / _--=> preempt-depth",                     \
	"#                              ||| / _-=> migrate-disable",                   \
	"#                              |||| /     delay",                             \
	"#           TASK-PID     CPU#  |||||  TIMESTAMP  FUNCTION",                   \
	"#              | |         |   |||||     |         |"

/* ---- 0. The fixture itself ------------------------------------------------------ */

static void test_symbol_table(void **state)
{
	static const char *const names[] = {
		"con_init", "hvc_console_init", "xen_cons_init", "univ8250_console_init",
		"trace_init_flags_sys_exit", "exynos_mcpm_init", "tracer_init_tracefs",
	};
	char buf[64], name[KSYM_NAME_LEN];
	unsigned long addr;

	(void)state;
	assert_int_equal(kallsyms_num_syms, 7);
	for (unsigned int i = 0; i < 7; i++) {
		assert_int_equal(kallsyms_symbol(i, &addr, name), 0);
		assert_string_equal(name, names[i]);
		assert_int_equal(addr, kallsyms_address(i));
		if (i)
			assert_true(kallsyms_address(i) >=
				    kallsyms_address(i - 1) + kallsyms_size(i - 1));
	}
	scnprintf(buf, sizeof(buf), "%pS", (void *)CON_INIT);
	assert_string_equal(buf, "con_init+0x0/0x224");
	scnprintf(buf, sizeof(buf), "%pS", (void *)UNIV8250_CONSOLE_INIT);
	assert_string_equal(buf, "univ8250_console_init+0x0/0x3c");
}

/* ---- 1. One ring -------------------------------------------------------------------- */

static void test_ring_in_order(void **state)
{
	(void)state;
	assert_int_equal(trace_ring_entries(&rings[0]), 0);
	assert_int_equal(trace_ring_written(&rings[0]), 0);
	assert_ptr_equal(trace_ring_reserve(&rings[0]), &pool[0][0]);
	assert_ptr_equal(trace_ring_reserve(&rings[0]), &pool[0][1]);
	assert_ptr_equal(trace_ring_reserve(&rings[0]), &pool[0][2]);
	assert_int_equal(trace_ring_entries(&rings[0]), 3);
	assert_int_equal(trace_ring_written(&rings[0]), 3);
	fill(&pool[0][0], 10, 0, EV_LEVEL, 0, 100, 0);
	fill(&pool[0][1], 20, 0, EV_LEVEL, 0, 101, 0);
	fill(&pool[0][2], 30, 0, EV_LEVEL, 0, 102, 0);
	check_iter(1, (const struct expect_rec[]){ { 10, 0, 100 }, { 20, 0, 101 }, { 30, 0, 102 } },
		   3);
	/* Exactly full: nothing lost yet. */
	for (unsigned int i = 3; i < MAX_RECORDS; i++)
		push_id(0, 10 * (i + 1), 100 + i);
	assert_int_equal(trace_ring_entries(&rings[0]), MAX_RECORDS);
	assert_int_equal(trace_ring_written(&rings[0]), MAX_RECORDS);
}

static void test_ring_wraps(void **state)
{
	(void)state;
	rings[0].size = 4;
	for (unsigned int i = 0; i < 10; i++) {
		struct trace_record *rec = trace_ring_reserve(&rings[0]);

		assert_ptr_equal(rec, &pool[0][i % 4]);
		fill(rec, 1000 + i, 1, EV_LEVEL, 0, i, 0);
		assert_int_equal(trace_ring_written(&rings[0]), i + 1);
		assert_int_equal(trace_ring_entries(&rings[0]), i < 4 ? i + 1 : 4);
	}
	assert_int_equal(trace_ring_entries(&rings[0]), 4);
	assert_int_equal(trace_ring_written(&rings[0]), 10);
	/* The oldest 6 are gone; the last 4 come out oldest first. */
	check_iter(1,
		   (const struct expect_rec[]){
			   { 1006, 0, 6 }, { 1007, 0, 7 }, { 1008, 0, 8 }, { 1009, 0, 9 } },
		   4);
}

static void test_ring_size_one(void **state)
{
	(void)state;
	rings[0].size = 1;
	push_id(0, 5, 1);
	assert_int_equal(trace_ring_entries(&rings[0]), 1);
	assert_int_equal(trace_ring_written(&rings[0]), 1);
	check_iter(1, (const struct expect_rec[]){ { 5, 0, 1 } }, 1);
	push_id(0, 6, 2);
	push_id(0, 7, 3);
	assert_ptr_equal(trace_ring_reserve(&rings[0]), &pool[0][0]);
	fill(&pool[0][0], 8, 1, EV_LEVEL, 0, 4, 0);
	assert_int_equal(trace_ring_entries(&rings[0]), 1);
	assert_int_equal(trace_ring_written(&rings[0]), 4);
	check_iter(1, (const struct expect_rec[]){ { 8, 0, 4 } }, 1);
}

static void test_ring_empty(void **state)
{
	(void)state;
	assert_int_equal(trace_ring_entries(&rings[0]), 0);
	assert_int_equal(trace_ring_written(&rings[0]), 0);
	check_iter(1, NULL, 0);
	check_iter(TRACE_MAX_CPUS, NULL, 0);
	check_iter(0, NULL, 0);
}

/* ---- 2. An interrupt nesting inside a writer ---------------------------------------- */

static void test_ring_nested_writer(void **state)
{
	struct trace_record *a, *b;

	(void)state;
	a = trace_ring_reserve(&rings[0]);  /* the interrupted writer */
	b = trace_ring_reserve(&rings[0]);  /* the interrupt's writer */
	assert_ptr_not_equal(a, b);
	fill(b, 200, 1, EV_FINISH, TRACE_FLAG_IRQS_OFF | TRACE_FLAG_HARDIRQ, 0xb0b, 0xb1b);
	fill(a, 100, 1, EV_START, 0, 0xa0a, 0xa1a);
	push_id(1, 150, 0xc0c); /* another CPU, in between */

	assert_int_equal(trace_ring_entries(&rings[0]), 2);
	assert_int_equal(trace_ring_written(&rings[0]), 2);
	/* Both intact, nothing of one in the other. */
	assert_int_equal(a->ts, 100);
	assert_int_equal(a->event, EV_START);
	assert_int_equal(a->flags, 0);
	assert_int_equal(a->arg[1], 0xa1a);
	assert_int_equal(b->ts, 200);
	assert_int_equal(b->event, EV_FINISH);
	assert_int_equal(b->flags, TRACE_FLAG_IRQS_OFF | TRACE_FLAG_HARDIRQ);
	assert_int_equal(b->arg[1], 0xb1b);
	check_iter(2,
		   (const struct expect_rec[]){
			   { 100, 0, 0xa0a }, { 150, 1, 0xc0c }, { 200, 0, 0xb0b } },
		   3);
}

/* ---- 3. Merging the CPUs -------------------------------------------------------------- */

static void test_merge(void **state)
{
	(void)state;
	/* CPU 0: a tie with itself and with CPUs 2 and 3. */
	push_id(0, 10, 1);
	push_id(0, 40, 2);
	push_id(0, 40, 3);
	push_id(0, 70, 4);
	/* CPU 1: empty. */
	/* CPU 2: wrapped, 5 written into 3 slots: ts 5 and 15 are lost. */
	rings[2].size = 3;
	push_id(2, 5, 20);
	push_id(2, 15, 21);
	push_id(2, 20, 22);
	push_id(2, 40, 23);
	push_id(2, 60, 24);
	/* CPU 3: ties with CPU 0 at 10 and 40; the last record of all. */
	push_id(3, 10, 30);
	push_id(3, 40, 31);
	push_id(3, 80, 32);

	check_iter(4,
		   (const struct expect_rec[]){
			   { 10, 0, 1 },
			   { 10, 3, 30 },
			   { 20, 2, 22 },
			   { 40, 0, 2 },
			   { 40, 0, 3 },
			   { 40, 2, 23 },
			   { 40, 3, 31 },
			   { 60, 2, 24 },
			   { 70, 0, 4 },
			   { 80, 3, 32 },
		   },
		   10);
	/* Walking again gives the same: reading consumes nothing. */
	check_iter(4,
		   (const struct expect_rec[]){
			   { 10, 0, 1 },
			   { 10, 3, 30 },
			   { 20, 2, 22 },
			   { 40, 0, 2 },
			   { 40, 0, 3 },
			   { 40, 2, 23 },
			   { 40, 3, 31 },
			   { 60, 2, 24 },
			   { 70, 0, 4 },
			   { 80, 3, 32 },
		   },
		   10);
	/* Only the first two rings. */
	check_iter(2, (const struct expect_rec[]){ { 10, 0, 1 }, { 40, 0, 2 }, { 40, 0, 3 }, { 70, 0, 4 } },
		   4);
}

/* A higher CPU whose records all come first, then a lower one's tie at the end. */
static void test_merge_ties_lower_cpu_first(void **state)
{
	(void)state;
	push_id(3, 1, 30);
	push_id(3, 2, 31);
	push_id(1, 2, 10);
	push_id(2, 2, 20);
	push_id(0, 3, 0);
	push_id(2, 3, 21);
	check_iter(4,
		   (const struct expect_rec[]){
			   { 1, 3, 30 }, { 2, 1, 10 }, { 2, 2, 20 }, { 2, 3, 31 }, { 3, 0, 0 },
			   { 3, 2, 21 } },
		   6);
}

/* ---- 4. tracing/trace ------------------------------------------------------------------- */

static void test_render_empty(void **state)
{
	struct trace_view v = view_of(4, ns_identity);
	struct capture cap = { 0 };
	static const char *const want[] = {
		"# tracer: nop",
		"#",
		"# entries-in-buffer/entries-written: 0/0   #P:4",
		"#",
		LEGEND,
	};

	(void)state;
	trace_render(&v, emit, &cap);
	check_lines(&cap, want, 12);
}

static void test_render(void **state)
{
	struct trace_view v = view_of(4, ns_identity);
	struct capture cap = { 0 };
	static const char *const want[] = {
		"# tracer: nop",
		"#",
		"# entries-in-buffer/entries-written: 10/10   #P:4",
		"#",
		LEGEND,
		"          <idle>-0       [000] .....     0.000125: initcall_level: level=console",
		"          <idle>-0       [000] .....     0.000126: initcall_start: func=con_init+0x0/0x224",
		"          <idle>-0       [000] .....     0.001235: initcall_finish: func=con_init+0x0/0x224 ret=0",
		"       swapper/0-1       [000] .....     0.002016: initcall_level: level=early",
		"       swapper/0-1       [000] .....     0.002026: initcall_start: func=trace_init_flags_sys_exit+0x0/0x24",
		"       swapper/0-1       [002] d.h..     0.003000: initcall_finish: func=exynos_mcpm_init+0x0/0x148 ret=-19",
		"       swapper/0-1       [003] d....     0.003001: initcall_start: func=xen_cons_init+0x0/0x84",
		"       swapper/0-1       [001] ..h..     1.234568: initcall_start: func=tracer_init_tracefs+0x0/0xc0",
		"       swapper/0-1       [003] .....     2.000000: Unknown type 7",
		"       swapper/0-1       [001] .....    12.345678: initcall_finish: func=hvc_console_init+0x4/0x20 ret=-110",
	};

	(void)state;
	push(0, 125000, 0, EV_LEVEL, 0, (unsigned long)"console", 0);
	push(0, 125500, 0, EV_START, 0, CON_INIT, 0);          /* rounds up, as ns2usecs() */
	push(0, 1234567, 0, EV_FINISH, 0, CON_INIT, 0);
	push(0, 2016000, 1, EV_LEVEL, 0, (unsigned long)"early", 0);
	push(0, 2026499, 1, EV_START, 0, TRACE_INIT_FLAGS_SYS_EXIT, 0); /* rounds down */
	push(2, 3000000, 1, EV_FINISH, TRACE_FLAG_IRQS_OFF | TRACE_FLAG_HARDIRQ, EXYNOS_MCPM_INIT,
	     (unsigned long)-19);
	push(3, 3000999, 1, EV_START, TRACE_FLAG_IRQS_OFF, XEN_CONS_INIT, 0);
	push(1, 1234567890, 1, EV_START, TRACE_FLAG_HARDIRQ, TRACER_INIT_TRACEFS, 0);
	push(3, 2000000000, 1, 7, 0, 0, 0);
	push(1, 12345678000ULL, 1, EV_FINISH, 0, HVC_CONSOLE_INIT + 4, (unsigned long)-110);

	trace_render(&v, emit, &cap);
	check_lines(&cap, want, sizeof(want) / sizeof(want[0]));
}

/* After a ring wraps, the header shows what is held and what was ever written. */
static void test_render_wrapped(void **state)
{
	struct trace_view v = view_of(2, us_to_ns);
	struct capture cap = { 0 };
	static const char *const want[] = {
		"# tracer: nop",
		"#",
		"# entries-in-buffer/entries-written: 3/6   #P:2",
		"#",
		LEGEND,
		"       swapper/0-1       [000] .....     0.000004: initcall_level: level=fs",
		"          <idle>-0       [001] .....     0.000004: initcall_level: level=console",
		"       swapper/0-1       [000] .....     0.000005: initcall_level: level=device",
	};

	(void)state;
	rings[0].size = 2;
	rings[1].size = 4;
	push(0, 1, 1, EV_LEVEL, 0, (unsigned long)"early", 0);
	push(0, 2, 1, EV_LEVEL, 0, (unsigned long)"pure", 0);
	push(0, 3, 1, EV_LEVEL, 0, (unsigned long)"core", 0);
	push(0, 4, 1, EV_LEVEL, 0, (unsigned long)"fs", 0);
	push(0, 5, 1, EV_LEVEL, 0, (unsigned long)"device", 0);
	push(1, 4, 0, EV_LEVEL, 0, (unsigned long)"console", 0);
	push(2, 1, 1, EV_LEVEL, 0, (unsigned long)"not shown: #P is 2", 0);

	trace_render(&v, emit, &cap);
	check_lines(&cap, want, sizeof(want) / sizeof(want[0]));
}

/* ---- 5. ftrace_dump()'s lines (ftrace_dump_on_oops) ---------------------------------------- */

static void test_render_dump(void **state)
{
	struct trace_view v = view_of(4, us_to_ns);
	struct capture cap = { 0 };
	/* The first, third and last lines are copied from linux-ftrace_dump_on_oops.log. */
	static const char *const want[] = {
		"  <idle>-0         0.....  125us : initcall_level: level=console",
		"  <idle>-0         0..... 7405us : initcall_level: level=console",
		"  <idle>-0         0..... 8268us : initcall_start: func=con_init+0x0/0x224",
		"  <idle>-0         0..... 17106us : initcall_finish: func=con_init+0x0/0x224 ret=0",
		"  <idle>-0         0..... 17229us : initcall_start: func=univ8250_console_init+0x0/0x3c",
		"swapper/-1         2d.h.. 91033us : initcall_finish: func=exynos_mcpm_init+0x0/0x148 ret=-19",
		"swapper/-1         3..h.. 91040us : Unknown type 3",
		"swapper/-1         1..... 785155us : initcall_start: func=tracer_init_tracefs+0x0/0xc0",
		"swapper/-1         3d.... 4490204us : initcall_start: func=xen_cons_init+0x0/0x84",
	};

	(void)state;
	push(0, 125, 0, EV_LEVEL, 0, (unsigned long)"console", 0);
	push(0, 7405, 0, EV_LEVEL, 0, (unsigned long)"console", 0);
	push(0, 8268, 0, EV_START, 0, CON_INIT, 0);
	push(0, 17106, 0, EV_FINISH, 0, CON_INIT, 0);
	push(0, 17229, 0, EV_START, 0, UNIV8250_CONSOLE_INIT, 0);
	push(2, 91033, 1, EV_FINISH, TRACE_FLAG_IRQS_OFF | TRACE_FLAG_HARDIRQ, EXYNOS_MCPM_INIT,
	     (unsigned long)-19);
	push(3, 91040, 1, NR_EVENTS, TRACE_FLAG_HARDIRQ, 0, 0);
	push(1, 785155, 1, EV_START, 0, TRACER_INIT_TRACEFS, 0);
	push(3, 4490204, 1, EV_START, TRACE_FLAG_IRQS_OFF, XEN_CONS_INIT, 0);

	trace_render_dump(&v, emit, &cap);
	check_lines(&cap, want, sizeof(want) / sizeof(want[0]));
}

/* Nanosecond timestamps are rounded to the microsecond, as ns2usecs() does. */
static void test_render_dump_rounding(void **state)
{
	struct trace_view v = view_of(1, ns_identity);
	struct capture cap = { 0 };
	static const char *const want[] = {
		"  <idle>-0         0.....    0us : initcall_level: level=console",
		"  <idle>-0         0.....    1us : initcall_level: level=console",
		"  <idle>-0         0.....    1us : initcall_level: level=console",
		"  <idle>-0         0.....    2us : initcall_level: level=console",
		"  <idle>-0         0..... 8268us : initcall_level: level=console",
	};

	(void)state;
	push(0, 499, 0, EV_LEVEL, 0, (unsigned long)"console", 0);
	push(0, 500, 0, EV_LEVEL, 0, (unsigned long)"console", 0);
	push(0, 1499, 0, EV_LEVEL, 0, (unsigned long)"console", 0);
	push(0, 1500, 0, EV_LEVEL, 0, (unsigned long)"console", 0);
	push(0, 8267500, 0, EV_LEVEL, 0, (unsigned long)"console", 0);

	trace_render_dump(&v, emit, &cap);
	check_lines(&cap, want, sizeof(want) / sizeof(want[0]));
}

static void test_render_dump_empty(void **state)
{
	struct trace_view v = view_of(4, us_to_ns);
	struct capture cap = { 0 };

	(void)state;
	trace_render_dump(&v, emit, &cap);
	assert_int_equal(cap.n, 0);
}

/* ---- 6. available_events and set_event -------------------------------------------------- */

static void test_available_events(void **state)
{
	struct trace_view v = view_of(4, ns_identity);
	struct capture cap = { 0 };
	static const char *const want[] = {
		"initcall:initcall_finish",
		"initcall:initcall_start",
		"initcall:initcall_level",
	};

	(void)state;
	events[EV_START].enabled = true;
	trace_render_available_events(&v, emit, &cap);
	events[EV_START].enabled = false;
	check_lines(&cap, want, 3);
}

static void test_set_event(void **state)
{
	struct trace_view v = view_of(4, ns_identity);
	struct capture cap = { 0 };
	static const char *const all[] = {
		"initcall:initcall_finish",
		"initcall:initcall_start",
		"initcall:initcall_level",
	};
	static const char *const two[] = {
		"initcall:initcall_start",
		"initcall:initcall_level",
	};
	static const char *const one[] = {
		"initcall:initcall_finish",
	};

	(void)state;
	trace_render_set_event(&v, emit, &cap);
	check_lines(&cap, NULL, 0);

	events[EV_LEVEL].enabled = events[EV_START].enabled = true;
	trace_render_set_event(&v, emit, &cap);
	check_lines(&cap, two, 2);

	events[EV_FINISH].enabled = true;
	trace_render_set_event(&v, emit, &cap);
	check_lines(&cap, all, 3);

	events[EV_LEVEL].enabled = events[EV_START].enabled = false;
	trace_render_set_event(&v, emit, &cap);
	check_lines(&cap, one, 1);
	events[EV_FINISH].enabled = false;
}

/* ---- 7. One event as tp_printk prints it --------------------------------------------------- */

static void check_format(const struct trace_event *ev, const struct trace_record *rec,
			 const char *want)
{
	size_t len = strlen(want);

	/* Every buffer size, each allocated exactly, so ASan sees any overrun. */
	for (size_t size = 1; size <= len + 2; size++) {
		char *buf = malloc(size);
		size_t keep = size - 1 < len ? size - 1 : len;
		int n;

		assert_non_null(buf);
		n = trace_format_event(buf, size, ev, rec);
		if (n != (int)keep || strlen(buf) != keep || strncmp(buf, want, keep))
			fail_msg("size %zu: got %d \"%s\", expected %zu \"%.*s\"", size, n, buf,
				 keep, (int)keep, want);
		free(buf);
	}
}

static void test_format_event(void **state)
{
	struct trace_record rec;

	(void)state;
	fill(&rec, 0, 0, EV_START, 0, CON_INIT, 0);
	check_format(&events[EV_START], &rec, "initcall_start: func=con_init+0x0/0x224");
	fill(&rec, 0, 0, EV_LEVEL, 0, (unsigned long)"console", 0);
	check_format(&events[EV_LEVEL], &rec, "initcall_level: level=console");
	fill(&rec, 0, 1, EV_FINISH, 0, UNIV8250_CONSOLE_INIT, 0);
	check_format(&events[EV_FINISH], &rec,
		     "initcall_finish: func=univ8250_console_init+0x0/0x3c ret=0");
	fill(&rec, 0, 1, EV_FINISH, 0, EXYNOS_MCPM_INIT, (unsigned long)-19);
	check_format(&events[EV_FINISH], &rec, "initcall_finish: func=exynos_mcpm_init+0x0/0x148 ret=-19");
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_symbol_table),
		cmocka_unit_test_setup(test_ring_in_order, setup_rings),
		cmocka_unit_test_setup(test_ring_wraps, setup_rings),
		cmocka_unit_test_setup(test_ring_size_one, setup_rings),
		cmocka_unit_test_setup(test_ring_empty, setup_rings),
		cmocka_unit_test_setup(test_ring_nested_writer, setup_rings),
		cmocka_unit_test_setup(test_merge, setup_rings),
		cmocka_unit_test_setup(test_merge_ties_lower_cpu_first, setup_rings),
		cmocka_unit_test_setup(test_render_empty, setup_rings),
		cmocka_unit_test_setup(test_render, setup_rings),
		cmocka_unit_test_setup(test_render_wrapped, setup_rings),
		cmocka_unit_test_setup(test_render_dump, setup_rings),
		cmocka_unit_test_setup(test_render_dump_rounding, setup_rings),
		cmocka_unit_test_setup(test_render_dump_empty, setup_rings),
		cmocka_unit_test(test_available_events),
		cmocka_unit_test(test_set_event),
		cmocka_unit_test(test_format_event),
	};

	(void)argc;
	(void)argv;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
