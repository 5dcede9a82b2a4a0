/* Running one initcall the way Linux's initcall_debug reports it, with the
 * checks Linux makes after every call: used by the boot's levels (init/) and,
 * after boot, by module insertion, so it stays when init memory is freed. */
#include <asm/irqflags.h>
#include <asm/recovery.h>
#include <asm/setup.h>
#include <kernel/errno.h>
#include <kernel/fs.h>
#include <kernel/init.h>
#include <kernel/math64.h>
#include <kernel/kallsyms.h>
#include <kernel/params.h>
#include <kernel/printk.h>
#include <kernel/sched.h>
#include <kernel/smp.h>
#include <kernel/sprintf.h>
#include <kernel/string.h>
#include <kernel/time.h>
#include <kernel/trace.h>
#include <kernel/watchdog.h>

bool initcall_debug;

/* Linux's initcall trace events (include/trace/events/initcall.h there;
 * initcall_level is init/initcall.c's). */
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
} records[INITCALL_RECORDS] __noinit; /* written before read: not cleared at boot */
static unsigned int nr_records, records_dropped;
static const char *current_level = "console";

void initcall_set_level(const char *level)
{
	current_level = level;
}

static struct {
	unsigned int calls;
	unsigned int failed;
	unsigned int faulted;
	unsigned int hung;
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

static bool initcall_blacklisted(const void *fn)
{
	char name[KSYM_SYMBOL_LEN];

	if (!blacklist_len)
		return false;
	sprint_symbol_no_offset(name, sizeof(name), (unsigned long)fn);
	if (strchr(name, ' ')) /* a module's: "fn [mod]" */
		*strchr(name, ' ') = '\0';
	for (unsigned int i = 0; i < blacklist_len; i += strlen(blacklist + i) + 1) {
		if (!strcmp(name, blacklist + i)) {
			pr_debug("initcall %s blacklisted\n", name);
			return true;
		}
	}
	return false;
}

/* Linux's WARN() splat, for an initcall that left interrupts masked. */
static void warn_disabled_interrupts(const void *fn)
{
	pr_warn("------------[ cut here ]------------\n");
	printk("initcall %pS returned with disabled interrupts \n", fn);
	pr_warn("WARNING: CPU: 0 PID: %d at %pS\n", current_pid, __builtin_return_address(0));
	pr_warn("---[ end trace 0000000000000000 ]---\n");
}

/* do_one_initcall_call()'s call and argument, for the do_one_initcall it
 * runs (initcalls do not nest: one body, and warnings name do_one_initcall,
 * as in Linux). */
static int (*pending_call)(const void *fn, void *arg);
static void *pending_arg;

static int call_initcall(const void *fn, void *arg)
{
	(void)arg;
	return ((initcall_t)fn)();
}

/* initcall_debug's lines, "calling  %pS @ %i" and "initcall %pS returned %d
 * after %lld usecs", put together by hand: they are most of what a boot
 * prints, and vsnprintf would read its format again for each. put_text is
 * for literals: unrolled, each byte an immediate store. */
static inline __attribute__((always_inline)) char *put_text(char *p, const char *s, size_t n)
{
#pragma GCC unroll 16
	for (size_t i = 0; i < n; i++)
		p[i] = s[i];
	return p + n;
}

static char *put_decimal(char *p, long long value)
{
	unsigned long long v = value < 0 ? -(unsigned long long)value : (unsigned long long)value;
	char digits[20];
	int n = 0;

	if (value < 0)
		*p++ = '-';
	do {
		u32 rem;

		if (v >> 32) {
			v = div_u64_rem(v, 10, &rem);
		} else { /* nearly always: one 32-bit division, no call */
			rem = (u32)v % 10;
			v = (u32)v / 10;
		}
		digits[n++] = (char)('0' + rem);
	} while (v);
	while (n)
		*p++ = digits[--n];
	return p;
}

#define PUT_LITERAL(p, s) put_text(p, s, sizeof(s) - 1)

int do_one_initcall(initcall_t fn)
{
	int (*call)(const void *fn, void *arg) = pending_call ? pending_call : call_initcall;
	void *arg = pending_arg;
	/* call_with_recovery() fills in the rest (registers, the chain, the
	 * locks held): no zeroing of the whole point */
	struct recovery_point rp;
	unsigned long long start, end;
	/* Both initcall_debug lines: "calling  " and "initcall " are as long, so
	 * the symbol, looked up once, stays in place for the second. The line
	 * starts 3 bytes into a word: after the usual 15-byte time prefix in its
	 * record it lines up the same way, and is copied there word for word. */
	char buf[3 + 9 + KSYM_SYMBOL_LEN + 64] __attribute__((aligned(4))), *line = buf + 3;
	char *name = line + 9, *p;
	bool debug = initcall_debug;
	int ret, name_len = 0;

	pending_call = NULL;
	if (initcall_blacklisted(fn)) {
		stats.blacklisted++;
		return -EPERM;
	}
	trace_event(initcall_start, (unsigned long)fn, 0);
	if (debug) {
		PUT_LITERAL(line, "calling  ");
		name_len = sprint_symbol(name, KSYM_SYMBOL_LEN, (unsigned long)fn);
		p = put_decimal(PUT_LITERAL(name + name_len, " @ "), current_pid);
		*p++ = '\n';
		printk_line(LOGLEVEL_DEBUG, line, (unsigned int)(p - line));
	}
	rp.fn = fn;
	rp.level = current_level;
	rp.ret = 0;
	rp.start_ns = start = local_clock();
	/* A fault or a hang in fn is abandoned to here: rp.ret, -EFAULT or -ETIMEDOUT. */
	watchdog_start(&rp);
	ret = call_with_recovery(&rp, call, fn, arg);
	watchdog_stop();
	end = local_clock();
	trace_event(initcall_finish, (unsigned long)fn, (unsigned long)ret);
	if (debug) {
		PUT_LITERAL(line, "initcall ");
		p = put_decimal(PUT_LITERAL(name + name_len, " returned "), ret);
		p = put_decimal(PUT_LITERAL(p, " after "), (long long)div_u64(end - start, 1000));
		p = PUT_LITERAL(p, " usecs\n");
		printk_line(LOGLEVEL_DEBUG, line, (unsigned int)(p - line));
	}
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
	if (rp.ret == -EFAULT)
		stats.faulted++;
	else if (rp.ret == -ETIMEDOUT)
		stats.hung++;
	return ret;
}

int do_one_initcall_call(const void *fn, int (*call)(const void *fn, void *arg), void *arg)
{
	pending_call = call;
	pending_arg = arg;
	return do_one_initcall((initcall_t)fn);
}

void initcall_summary(void)
{
	pr_info("initk: boot complete: %u initcalls, %u failed (%u faulted, %u hung), %u blacklisted\n",
		stats.calls, stats.failed, stats.faulted, stats.hung, stats.blacklisted);
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
