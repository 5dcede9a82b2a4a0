/* Tracing in the kernel: the per-CPU buffers, recording, the boot
 * parameters, and printing the tracing files on the console.
 *
 *   trace_event=initcall:initcall_start,...  enable events ("system:event",
 *                              "system:*", "system", "event", "*:event")
 *   trace_buf_size=N[K|M]      bytes per CPU buffer (clamped, with a message)
 *   tp_printk                  also printk each event as "<event>: <text>"
 *   ftrace_dump_on_oops        print the buffer on a panic (latency format)
 *   trace_show=trace,available_events,set_event
 *                              print those files at the end of the boot
 *
 * Record timestamps are raw counter values, turned into time only when shown. */
#define pr_fmt(fmt) "tracing: " fmt

#include <asm/cp15.h>
#include <asm/irqflags.h>
#include <asm/smp.h>
#include <kernel/errno.h>
#include <kernel/init.h>
#include <kernel/irq.h>
#include <kernel/params.h>
#include <kernel/printk.h>
#include <kernel/sched.h>
#include <kernel/slab.h>
#include <kernel/smp.h>
#include <kernel/string.h>
#include <kernel/time.h>
#include <kernel/trace.h>

#define TRACE_POOL_RECORDS 4096 /* per CPU, the most trace_buf_size can ask for */
#define TRACE_MIN_RECORDS 4
#define TRACE_DEFAULT_RECORDS 2048

/* Not cleared at boot (384 KiB: 72,000 instructions): a reader copies only
 * the records between a ring's oldest and its head, all written by then. */
static struct trace_record pool[NR_CPUS][TRACE_POOL_RECORDS] __noinit;
static struct trace_ring rings[NR_CPUS];
static bool tp_printk;
static bool dump_on_oops;
static char enable_list[COMMAND_LINE_SIZE];
char trace_show_list[64];
static char buf_size_arg[32];

static unsigned int nr_events(void)
{
	return ll_count(trace_events);
}

static u64 counter_to_ns(u64 ts)
{
	return clock_counter_to_ns(ts);
}

volatile bool tracing_on = true;

void trace_view_of(struct trace_view *view)
{
	view->rings = rings;
	view->nr_cpus = num_online_cpus();
	view->events = ll_start(trace_events);
	view->nr_events = nr_events();
	view->ts_to_ns = counter_to_ns;
	view->init_comm = init_process_comm();
}

void trace_record(struct trace_event *ev, unsigned long a0, unsigned long a1)
{
	struct trace_ring *ring = &rings[smp_processor_id()];
	struct trace_record *rec;
	unsigned long flags;

	if (unlikely(!ring->size || !tracing_on))
		return;
	/* The whole record with interrupts off: at most one is being written
	 * per CPU, and committed tells a reader on another CPU which are done. */
	flags = arch_local_irq_save();
	rec = trace_ring_reserve(ring);
	dmb(); /* the new head is seen before the slot's new bytes: a copy that read them sees it too */
	rec->ts = read_cntpct();
	rec->pid = (u32)task_pid();
	rec->event = (u16)(ev - ll_start(trace_events));
	rec->flags = flags & PSR_I_BIT ? TRACE_FLAG_IRQS_OFF : 0;
	if (irq_context())
		rec->flags |= TRACE_FLAG_HARDIRQ;
	if (rec->pid == 1 && init_execed)
		rec->flags |= TRACE_FLAG_INIT_EXECED;
	rec->arg[0] = a0;
	rec->arg[1] = a1;
	dmb();
	ring->committed = ring->head;
	arch_local_irq_restore(flags);
	if (unlikely(tp_printk)) {
		char text[256];

		trace_format_event(text, sizeof(text), ev, rec);
		printk("%s\n", text);
	}
}

static int __init trace_event_setup(char *value)
{
	if (!value)
		return -EINVAL;
	strlcpy(enable_list, value, sizeof(enable_list));
	return 0;
}
early_param("trace_event", trace_event_setup);

static int __init trace_buf_size_setup(char *value)
{
	if (!value)
		return -EINVAL;
	strlcpy(buf_size_arg, value, sizeof(buf_size_arg));
	return 0;
}
early_param("trace_buf_size", trace_buf_size_setup);

early_param_flag("tp_printk", tp_printk);
early_param_flag("ftrace_dump_on_oops", dump_on_oops);

static int __init trace_show_setup(char *value)
{
	if (!value)
		return -EINVAL;
	strlcpy(trace_show_list, value, sizeof(trace_show_list));
	return 0;
}
__setup("trace_show", trace_show_setup);

/* Linux's set_event rules: "sys:ev", "sys:*", "*:ev", or one word naming a system or an event. */
int trace_set_matching(const char *spec, bool enable)
{
	char system[64] = "", event[64] = "";
	const char *colon = strchr(spec, ':');
	int matched = 0;

	if (colon) {
		size_t n = (size_t)(colon - spec) < sizeof(system) ? (size_t)(colon - spec) : sizeof(system) - 1;

		memcpy(system, spec, n);
		system[n] = '\0';
		strlcpy(event, colon + 1, sizeof(event));
	} else {
		strlcpy(event, spec, sizeof(event));
	}
	ll_foreach(trace_events, ev) {
		bool ok;

		if (colon)
			ok = (!*system || !strcmp(system, "*") || !strcmp(system, ev->system)) &&
			     (!*event || !strcmp(event, "*") || !strcmp(event, ev->name));
		else
			ok = !strcmp(event, ev->system) || !strcmp(event, ev->name) || !strcmp(event, "*");
		if (ok) {
			ev->enabled = enable;
			matched++;
		}
	}
	return matched;
}

static u32 __init buffer_records(void)
{
	unsigned long bytes;
	u32 records;

	if (!buf_size_arg[0])
		return TRACE_DEFAULT_RECORDS;
	switch (param_parse_size(buf_size_arg, &bytes)) {
	case 0:
		break;
	case -ERANGE:
		bytes = ~0UL; /* too large to count: the largest buffer, as any other too large size */
		break;
	default:
		pr_warn("trace_buf_size=%s is not a size, using %u bytes\n", buf_size_arg,
			TRACE_DEFAULT_RECORDS * (u32)sizeof(struct trace_record));
		return TRACE_DEFAULT_RECORDS;
	}
	records = bytes / sizeof(struct trace_record) > TRACE_POOL_RECORDS
			  ? TRACE_POOL_RECORDS : (u32)(bytes / sizeof(struct trace_record));
	if (records < TRACE_MIN_RECORDS)
		records = TRACE_MIN_RECORDS;
	if ((unsigned long)records * sizeof(struct trace_record) != bytes)
		pr_info("trace_buf_size=%s clamped to %u bytes (%u records of %u bytes per CPU)\n",
			buf_size_arg, records * (u32)sizeof(struct trace_record), records,
			(u32)sizeof(struct trace_record));
	return records;
}

void __init trace_init(void)
{
	u32 records = buffer_records();
	char *spec, *next;

	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++) {
		rings[cpu].rec = pool[cpu];
		rings[cpu].size = records;
		rings[cpu].head = 0;
	}
	for (spec = enable_list; spec && *spec; spec = next) {
		next = strchr(spec, ',');
		if (next)
			*next++ = '\0';
		if (*spec && !trace_set_matching(spec, true))
			pr_warn("Failed to enable trace event: %s\n", spec);
	}
}

unsigned int trace_event_id(const struct trace_event *ev)
{
	return 20 + (nr_events() - 1 - (unsigned int)(ev - ll_start(trace_events)));
}

/* Stop every CPU's recording while rings change: each CPU runs this with
 * interrupts off, so no record is half written when the sizes move. */
struct ring_change {
	u32 records;
};

static void ring_change_on_cpu(void *info)
{
	struct ring_change *change = info;
	struct trace_ring *ring = &rings[smp_processor_id()];
	unsigned long flags = arch_local_irq_save();

	if (change->records)
		ring->size = change->records;
	ring->head = ring->committed = 0;
	arch_local_irq_restore(flags);
}

void trace_clear(void)
{
	struct ring_change change = { 0 };

	on_each_cpu(ring_change_on_cpu, &change);
	/* offline CPUs record nothing: clear theirs here */
	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++)
		if (!cpu_online(cpu))
			rings[cpu].head = rings[cpu].committed = 0;
}

/* The copies cat trace reads (one reader at a time: the shell). */
static struct trace_ring copies[NR_CPUS];
static struct trace_record *copy_mem[NR_CPUS];
static bool copies_busy;

/* Copy the complete records of ring into copy, in order, without stopping
 * its writer: the records committed before the copy started, minus those
 * the writer overwrote while it ran (head tells how far it got). */
static void copy_ring(struct trace_ring *copy, const struct trace_ring *ring)
{
	u32 committed = ring->committed, size = ring->size, n, head, drop;

	dmb();
	n = committed < size ? committed : size;
	for (u32 i = 0; i < n; i++)
		copy->rec[i] = ring->rec[(committed - n + i) % size];
	dmb();
	head = ring->head;
	/* records below head - size may have been overwritten while copied */
	drop = head > size && head - size > committed - n ? head - size - (committed - n) : 0;
	if (drop > n)
		drop = n;
	copy->rec += drop;
	copy->size = copy->head = n - drop;
	copy->earlier = committed - copy->head;
}

int trace_snapshot(struct trace_view *view)
{
	trace_view_of(view);
	if (copies_busy)
		return -EBUSY;
	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++) {
		copy_mem[cpu] = kmalloc(sizeof(struct trace_record) * rings[cpu].size + 1);
		if (!copy_mem[cpu]) {
			while (cpu--)
				kfree(copy_mem[cpu]);
			return -ENOMEM;
		}
		copies[cpu].rec = copy_mem[cpu];
	}
	copies_busy = true;
	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++)
		copy_ring(&copies[cpu], &rings[cpu]);
	view->rings = copies;
	return 0;
}

void trace_snapshot_free(struct trace_view *view)
{
	(void)view;
	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++) {
		kfree(copy_mem[cpu]);
		copy_mem[cpu] = NULL;
	}
	copies_busy = false;
}

u32 trace_buffer_records(void)
{
	return rings[0].size;
}

u32 trace_resize(u32 records)
{
	struct ring_change change;

	if (records > TRACE_POOL_RECORDS)
		records = TRACE_POOL_RECORDS;
	if (records < TRACE_MIN_RECORDS)
		records = TRACE_MIN_RECORDS;
	change.records = records;
	on_each_cpu(ring_change_on_cpu, &change);
	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++)
		if (!cpu_online(cpu)) {
			rings[cpu].size = records;
			rings[cpu].head = rings[cpu].committed = 0;
		}
	return records;
}

/* ftrace_dump() prints at KERN_EMERG (Linux's KERN_TRACE): it must get out on a panic. */
static void emit_emerg(const char *line, void *ctx)
{
	(void)ctx;
	printk(KERN_EMERG "%s\n", line);
}

void trace_dump_on_oops(void)
{
	struct trace_view view;

	if (!dump_on_oops)
		return;
	dump_on_oops = false; /* once */
	trace_view_of(&view);
	view.nr_cpus = NR_CPUS; /* the stopped CPUs' records too */
	printk(KERN_EMERG "Dumping ftrace buffer:\n");
	printk(KERN_EMERG "---------------------------------\n");
	trace_render_dump(&view, emit_emerg, NULL);
	printk(KERN_EMERG "---------------------------------\n");
}
