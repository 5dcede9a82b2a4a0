/* Trace checks for the boot tests: an event fired on every CPU (so the
 * trace shows each CPU's number and the flags of interrupt context), and,
 * with test_trace_cost, the cost of events and of an initcall_debug line,
 * measured in counter time (under -icount shift=0 one instruction is 1 ns). */
#include <asm/cp15.h>
#include <asm/irqflags.h>
#include <kernel/console.h>
#include <kernel/init.h>
#include <kernel/params.h>
#include <kernel/printk.h>
#include <kernel/smp.h>
#include <kernel/sprintf.h>
#include <kernel/time.h>
#include <kernel/trace.h>

#define COST_LOOPS 20000
#define COST_LINES 200

static void print_ktest_cpu(char *buf, size_t size, const unsigned long *arg)
{
	scnprintf(buf, size, "cpu=%lu", arg[0]);
}
DEFINE_TRACE_EVENT(ktest, ktest_cpu, print_ktest_cpu);

static void print_ktest_cost(char *buf, size_t size, const unsigned long *arg)
{
	scnprintf(buf, size, "i=%lu", arg[0]);
}
DEFINE_TRACE_EVENT(ktest, ktest_cost, print_ktest_cost);

static void fire(void *info)
{
	(void)info;
	trace_event(ktest_cpu, smp_processor_id(), 0);
}

/* A fixture for the boot test: the event on the others from the IPI handler
 * (interrupts off, hard irq), here directly. */
static int __init trace_event_on_every_cpu(void)
{
	on_each_cpu(fire, NULL);
	return 0;
}
late_initcall(trace_event_on_every_cpu);

static bool cost_wanted;

setup_flag("test_trace_cost", cost_wanted);

/* Nanoseconds of counter time for n rounds of body, minus an empty loop's. */
#define MEASURE(n, body)                                                                       \
	({                                                                                     \
		u64 __t0 = read_cntpct();                                                      \
		for (unsigned long i = 0; i < (n); i++) {                                      \
			body;                                                                  \
			asm volatile("" : : : "memory");                                       \
		}                                                                              \
		clock_counter_to_ns(read_cntpct()) - clock_counter_to_ns(__t0);                 \
	})

static void report(const char *what, u64 ns, u64 base, unsigned long n)
{
	u64 per100 = ns > base ? (ns - base) * 100 / n : 0;

	printk("# cost: %s: %llu.%02llu ns per call\n", what, per100 / 100, per100 % 100);
}

/* A measurement, not a test: make bench reads the "# cost:" lines. */
static int __init trace_cost(void)
{
	u64 base, disabled, enabled, lines, line_base;
	unsigned long flags;

	if (!cost_wanted)
		return 0;
	flags = arch_local_irq_save(); /* only the code measured */
	base = MEASURE(COST_LOOPS, (void)0);
	trace_event_of(ktest_cost).enabled = false;
	disabled = MEASURE(COST_LOOPS, trace_event(ktest_cost, i, 0));
	trace_event_of(ktest_cost).enabled = true;
	enabled = MEASURE(COST_LOOPS, trace_event(ktest_cost, i, 0));
	trace_event_of(ktest_cost).enabled = false;
	arch_local_irq_restore(flags);

	/* an initcall_debug line until it is out on the wire (the UART interrupt included) */
	while (console_pending("ttyS", 0) > 0)
		;
	line_base = read_cntpct();
	for (unsigned long i = 0; i < COST_LINES; i++)
		printk(KERN_DEBUG "calling  %pS @ %i\n", trace_cost, 1);
	while (console_pending("ttyS", 0) > 0)
		;
	lines = clock_counter_to_ns(read_cntpct()) - clock_counter_to_ns(line_base);
	line_base = 0;

	report("disabled trace event", disabled, base, COST_LOOPS);
	report("recorded trace event", enabled, base, COST_LOOPS);
	report("initcall_debug line", lines, line_base, COST_LINES);
	return 0;
}
late_initcall_sync(trace_cost);
