/* Running the initcalls: the console level, the early level, then pure to
 * late, each call reported the way Linux's initcall_debug reports it, with
 * the checks Linux makes after every call. */
#include <asm/irqflags.h>
#include <asm/setup.h>
#include <asm/smp.h>
#include <kernel/errno.h>
#include <kernel/init.h>
#include <kernel/kallsyms.h>
#include <kernel/params.h>
#include <kernel/printk.h>
#include <kernel/sched.h>
#include <kernel/sprintf.h>
#include <kernel/string.h>
#include <kernel/time.h>
#include <kernel/trace.h>

bool initcall_debug;
int current_pid;

/* Linux's initcall trace events (include/trace/events/initcall.h there). */
static void print_initcall_level(char *buf, size_t size, const unsigned long *arg)
{
	scnprintf(buf, size, "level=%s", (const char *)arg[0]);
}
DEFINE_TRACE_EVENT(initcall, initcall_level, print_initcall_level);

static void print_initcall_start(char *buf, size_t size, const unsigned long *arg)
{
	scnprintf(buf, size, "func=%pS", (void *)arg[0]);
}
DEFINE_TRACE_EVENT(initcall, initcall_start, print_initcall_start);

static void print_initcall_finish(char *buf, size_t size, const unsigned long *arg)
{
	scnprintf(buf, size, "func=%pS ret=%d", (void *)arg[0], (int)arg[1]);
}
DEFINE_TRACE_EVENT(initcall, initcall_finish, print_initcall_finish);

static struct {
	unsigned int calls;
	unsigned int failed;
	unsigned int blacklisted;
} stats;

/* initcall_blacklist=fn1,fn2: the names, NUL-separated (in .bss: zeros need no room in the image). */
static char blacklist[COMMAND_LINE_SIZE];
static unsigned int blacklist_len;

int task_pid(void)
{
	return smp_processor_id() == 0 ? current_pid : 0;
}

const char *current_comm(void)
{
	static const char *const names[NR_CPUS] = { "swapper/0", "swapper/1", "swapper/2", "swapper/3" };

	return names[smp_processor_id() % NR_CPUS];
}

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

static bool __init initcall_blacklisted(initcall_t fn)
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
static void __init warn_disabled_interrupts(initcall_t fn)
{
	pr_warn("------------[ cut here ]------------\n");
	printk("initcall %pS returned with disabled interrupts \n", fn);
	pr_warn("WARNING: CPU: 0 PID: %d at %pS\n", current_pid, __builtin_return_address(0));
	pr_warn("---[ end trace 0000000000000000 ]---\n");
}

int __init do_one_initcall(initcall_t fn)
{
	unsigned long long start = 0;
	int ret;

	if (initcall_blacklisted(fn)) {
		stats.blacklisted++;
		return -EPERM;
	}
	trace_event(initcall_start, (unsigned long)fn, 0);
	if (initcall_debug) {
		printk(KERN_DEBUG "calling  %pS @ %i\n", fn, current_pid);
		start = local_clock();
	}
	ret = fn();
	trace_event(initcall_finish, (unsigned long)fn, (unsigned long)ret);
	if (initcall_debug)
		printk(KERN_DEBUG "initcall %pS returned %d after %lld usecs\n", fn, ret,
		       (long long)((local_clock() - start) / 1000));

	if (arch_irqs_disabled()) {
		warn_disabled_interrupts(fn);
		arch_local_irq_enable();
	}
	stats.calls++;
	if (ret)
		stats.failed++;
	return ret;
}

static void __init do_initcall_range(const initcall_t *start, const initcall_t *end)
{
	for (const initcall_t *fn = start; fn < end; fn++)
		do_one_initcall(*fn);
}

void __init console_init(void)
{
	trace_event(initcall_level, (unsigned long)"console", 0);
	do_initcall_range(__con_initcall_start, __con_initcall_end);
}

void __init do_pre_smp_initcalls(void)
{
	trace_event(initcall_level, (unsigned long)"early", 0);
	do_initcall_range(__initcall_start, __initcall0_start);
}

/* Level n runs from initcall_levels[n] to initcall_levels[n + 1]: the _sync
 * section follows its level, and rootfs sits between fs and device, so they
 * run inside those levels, as in Linux. */
static const initcall_t *const initcall_levels[] __initconst = {
	__initcall0_start, __initcall1_start, __initcall2_start, __initcall3_start,
	__initcall4_start, __initcall5_start, __initcall6_start, __initcall7_start,
	__initcall_end,
};

/* Not __initconst: the trace records keep pointing at these names. */
static const char *const initcall_level_names[] = {
	"pure", "core", "postcore", "arch", "subsys", "fs", "device", "late",
};

void __init do_initcalls(void)
{
	for (unsigned int level = 0; level < ARRAY_SIZE(initcall_levels) - 1; level++) {
		trace_event(initcall_level, (unsigned long)initcall_level_names[level], 0);
		do_initcall_range(initcall_levels[level], initcall_levels[level + 1]);
	}
}

/* Freed init memory gets this: "udf #0", so a stale call into init code
 * stops with an undefined-instruction report instead of running garbage. */
#define INIT_POISON 0xe7f000f0u

void free_initmem(void)
{
	u32 *p = (u32 *)__init_begin;
	unsigned long size = __init_end - __init_begin;

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
