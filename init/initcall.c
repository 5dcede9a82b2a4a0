/* Running the initcalls: the console level, the early level, then pure to
 * late, each call reported the way Linux's initcall_debug reports it, with
 * the checks Linux makes after every call. */
#include <asm/irqflags.h>
#include <asm/setup.h>
#include <kernel/console.h>
#include <kernel/errno.h>
#include <kernel/fs.h>
#include <kernel/smp.h>
#include <kernel/init.h>
#include <kernel/kallsyms.h>
#include <kernel/of.h>
#include <kernel/of_early.h>
#include <kernel/params.h>
#include <kernel/printk.h>
#include <kernel/sched.h>
#include <kernel/sprintf.h>
#include <kernel/string.h>
#include <kernel/time.h>
#include <kernel/trace.h>

bool initcall_debug;

/* Linux's initcall trace events (include/trace/events/initcall.h there). */
static void print_initcall_level(char *buf, size_t size, const unsigned long *arg)
{
	scnprintf(buf, size, "level=%s", (const char *)arg[0]);
}
DEFINE_TRACE_EVENT_FORMAT(initcall, initcall_level, print_initcall_level,
			  "\tfield:__data_loc char[] level;\toffset:8;\tsize:4;\tsigned:0;\n",
			  "\"level=%s\", __get_str(level)");

static void print_initcall_start(char *buf, size_t size, const unsigned long *arg)
{
	scnprintf(buf, size, "func=%pS", (void *)arg[0]);
}
DEFINE_TRACE_EVENT_FORMAT(initcall, initcall_start, print_initcall_start,
			  "\tfield:initcall_t func;\toffset:8;\tsize:4;\tsigned:0;\n",
			  "\"func=%pS\", REC->func");

static void print_initcall_finish(char *buf, size_t size, const unsigned long *arg)
{
	scnprintf(buf, size, "func=%pS ret=%d", (void *)arg[0], (int)arg[1]);
}
DEFINE_TRACE_EVENT_FORMAT(initcall, initcall_finish, print_initcall_finish,
			  "\tfield:initcall_t func;\toffset:8;\tsize:4;\tsigned:0;\n"
			  "\tfield:int ret;\toffset:12;\tsize:4;\tsigned:1;\n",
			  "\"func=%pS ret=%d\", REC->func, REC->ret");

/* tracing/initcalls: one row per initcall that ran (kept after boot: .bss). */
#define INITCALL_RECORDS 256
static struct initcall_record {
	const void *fn;
	const char *level;
	u64 start_ns, duration_ns;
	int ret;
	u16 cpu;
} records[INITCALL_RECORDS];
static unsigned int nr_records, records_dropped;
static const char *current_level = "console";

static struct {
	unsigned int calls;
	unsigned int failed;
	unsigned int blacklisted;
} stats;

/* initcall_blacklist=fn1,fn2: the names, NUL-separated (in .bss: zeros need no room in the image). */
static char blacklist[COMMAND_LINE_SIZE];
static unsigned int blacklist_len;

setup_flag("initcall_debug", initcall_debug);

static int __init initcall_blacklist_setup(char *value)
{
	char *name, *next;

	if (!value)
		return -EINVAL;
	for (name = value; name && *name; name = next) {
		size_t len;

		next = strchr(name, ',');
		if (next)
			*next++ = '\0';
		len = strlen(name);
		if (!len || blacklist_len + len + 1 > sizeof(blacklist))
			continue;
		pr_debug("blacklisting initcall %s\n", name);
		memcpy(blacklist + blacklist_len, name, len + 1);
		blacklist_len += len + 1;
	}
	return 0;
}
__setup("initcall_blacklist", initcall_blacklist_setup);

static bool __init initcall_blacklisted(const void *fn)
{
	char name[KSYM_SYMBOL_LEN];

	if (!blacklist_len)
		return false;
	sprint_symbol_no_offset(name, sizeof(name), (unsigned long)fn);
	for (unsigned int i = 0; i < blacklist_len; i += strlen(blacklist + i) + 1) {
		if (!strcmp(name, blacklist + i)) {
			pr_debug("initcall %s blacklisted\n", name);
			return true;
		}
	}
	return false;
}

/* Linux's WARN() splat, for an initcall that left interrupts masked. */
static void __init warn_disabled_interrupts(const void *fn)
{
	pr_warn("------------[ cut here ]------------\n");
	printk("initcall %pS returned with disabled interrupts \n", fn);
	pr_warn("WARNING: CPU: 0 PID: %d at %pS\n", current_pid, __builtin_return_address(0));
	pr_warn("---[ end trace 0000000000000000 ]---\n");
}

/* Inlined into both entry points, so that a warning names the one that ran
 * (do_one_initcall for an initcall, as in Linux). */
static inline __attribute__((always_inline)) int
__do_one_initcall(const void *fn, int (*call)(const void *fn, void *arg), void *arg)
{
	unsigned long long start, end;
	int ret;

	if (initcall_blacklisted(fn)) {
		stats.blacklisted++;
		return -EPERM;
	}
	trace_event(initcall_start, (unsigned long)fn, 0);
	if (initcall_debug)
		printk(KERN_DEBUG "calling  %pS @ %i\n", fn, current_pid);
	start = local_clock();
	ret = call(fn, arg);
	end = local_clock();
	trace_event(initcall_finish, (unsigned long)fn, (unsigned long)ret);
	if (initcall_debug)
		printk(KERN_DEBUG "initcall %pS returned %d after %lld usecs\n", fn, ret,
		       (long long)((end - start) / 1000));
	if (nr_records < INITCALL_RECORDS)
		records[nr_records++] = (struct initcall_record){
			.fn = fn, .level = current_level, .start_ns = start, .duration_ns = end - start,
			.ret = ret, .cpu = (u16)smp_processor_id() };
	else
		records_dropped++;

	if (arch_irqs_disabled()) {
		warn_disabled_interrupts(fn);
		arch_local_irq_enable();
	}
	stats.calls++;
	if (ret)
		stats.failed++;
	return ret;
}

static int __init call_initcall(const void *fn, void *arg)
{
	(void)arg;
	return ((initcall_t)fn)();
}

int __init do_one_initcall(initcall_t fn)
{
	return __do_one_initcall(fn, call_initcall, NULL);
}

int __init do_one_initcall_call(const void *fn, int (*call)(const void *fn, void *arg), void *arg)
{
	return __do_one_initcall(fn, call, arg);
}

static void __init do_initcall_range(const initcall_t *start, const initcall_t *end)
{
	for (const initcall_t *fn = start; fn < end; fn++)
		do_one_initcall(*fn);
}

/* The levels of include/kernel/initcall_levels.h, by number. */
#define __level_id(level, event) INITCALL_LEVEL_##level,
enum initcall_level_id { INITCALL_LEVELS(__level_id) NR_INITCALL_LEVELS };
#undef __level_id

/* Not __initconst: the trace records keep pointing at these names. */
#define __level_event(level, event) #event,
static const char *const initcall_level_events[] = { INITCALL_LEVELS(__level_event) };
#undef __level_event

#define __level_name(level, event) #level,
static const char *const initcall_level_names[] = { INITCALL_LEVELS(__level_name) };
#undef __level_name

/* Run every initcall of one level; say so in a trace event unless the level
 * runs inside the one before it (a _sync level, rootfs). */
static void __init do_initcall_level(enum initcall_level_id id)
{
	const char *event = initcall_level_events[id];

	current_level = initcall_level_names[id];
	if (id == 0 || strcmp(event, initcall_level_events[id - 1]))
		trace_event(initcall_level, (unsigned long)event, 0);
	switch (id) {
#define __level_case(level, event)                                                             \
	case INITCALL_LEVEL_##level:                                                           \
		do_initcall_range(ll_start(initcall_##level), ll_end(initcall_##level));       \
		break;
		INITCALL_LEVELS(__level_case)
#undef __level_case
	case NR_INITCALL_LEVELS:
		break;
	}
}

void __init console_init(void)
{
	do_initcall_level(INITCALL_LEVEL_console);
	console_fallback_builtin();
}

/* The early level: first the early drivers the device tree asks for
 * (interrupt controllers, timers, SMP and restart methods), then the
 * early_initcall list. */
void __init do_pre_smp_initcalls(void)
{
	trace_event(initcall_level, (unsigned long)initcall_level_events[INITCALL_LEVEL_early], 0);
	current_level = initcall_level_names[INITCALL_LEVEL_early];
	of_early_init(initial_dt);
	do_initcall_range(ll_start(initcall_early), ll_end(initcall_early));
}

void __init do_initcalls(void)
{
	for (unsigned int id = INITCALL_LEVEL_early + 1; id < NR_INITCALL_LEVELS; id++)
		do_initcall_level(id);
}

/* Freed init memory gets this: "udf #0", so a stale call into init code
 * stops with an undefined-instruction report instead of running garbage. */
#define INIT_POISON 0xe7f000f0u

void free_initmem(void)
{
	u32 *p = (u32 *)__init_begin;
	unsigned long size = __init_end - __init_begin;

	system_state = SYSTEM_RUNNING; /* nothing may call into init memory now */
	for (; p < (u32 *)__init_end; p++)
		*p = INIT_POISON;
	flush_icache_range((unsigned long)__init_begin, (unsigned long)__init_end);
	pr_info("Freeing unused kernel image (initmem) memory: %luK\n", size >> 10);
}

void initcall_summary(void)
{
	pr_info("initk: boot complete: %u initcalls, %u failed, %u blacklisted\n", stats.calls,
		stats.failed, stats.blacklisted);
}

/* Columns for sort and grep: "sort -n -k4 initcalls | tail" lists the slowest. */
static void show_initcalls(struct seq_buf *m, void *data)
{
	(void)data;
	seq_puts(m, "# level           cpu   start_us  duration_us  ret            function\n");
	for (unsigned int i = 0; i < nr_records; i++) {
		const struct initcall_record *r = &records[i];
		char ret[24];

		if (r->ret && errname(r->ret))
			snprintf(ret, sizeof(ret), "%d(%s)", r->ret, errname(r->ret));
		else
			snprintf(ret, sizeof(ret), "%d", r->ret);
		seq_printf(m, "%-15s %5u %10llu %12llu  %-14s %pS\n", r->level, r->cpu,
			   r->start_ns / 1000, r->duration_ns / 1000, ret, r->fn);
	}
	if (records_dropped)
		seq_printf(m, "# %u more initcalls ran: the table holds %u\n", records_dropped,
			   INITCALL_RECORDS);
}
static const struct file_operations initcalls_fops = { .show = show_initcalls };
PSEUDO_FILE("tracefs", tracing_initcalls, "initcalls", 0444, &initcalls_fops, NULL);
