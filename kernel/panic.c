/* panic(): report, then halt or reboot as panic=N asks (N seconds, <0 at once).
 * And what follows an oops: going back to the recovery point of the call it
 * happened in (asm/recovery.h), or, when that is not safe, panic(). */
#include <asm/irqflags.h>
#include <asm/recovery.h>
#include <asm/setup.h>
#include <asm/spinlock.h>
#include <kernel/errno.h>
#include <kernel/init.h>
#include <kernel/module.h>
#include <kernel/panic.h>
#include <kernel/console.h>
#include <kernel/params.h>
#include <kernel/printk.h>
#include <kernel/sched.h>
#include <kernel/smp.h>
#include <kernel/sprintf.h>
#include <kernel/string.h>
#include <kernel/time.h>
#include <kernel/trace.h>
#include <kernel/version.h>

static long panic_timeout;
static volatile int panic_cpu = -1; /* the CPU reporting a panic */
static bool panic_on_oops;
struct recovery_point *recovery_current[NR_CPUS];
unsigned int cpu_locks_held[NR_CPUS];
EXPORT_SYMBOL(cpu_locks_held); /* modules' spinlocks count too */
static struct restart_handler *restart_handlers; /* highest priority first */

void register_restart_handler(struct restart_handler *handler)
{
	struct restart_handler **p = &restart_handlers;

	while (*p && (*p)->priority >= handler->priority)
		p = &(*p)->next; /* equal priorities: first registered first */
	handler->next = *p;
	*p = handler;
}

/* Try every restart handler; returns when none reset the machine. */
static void do_kernel_restart(void)
{
	for (struct restart_handler *h = restart_handlers; h; h = h->next)
		h->restart();
	pr_emerg("reboot: no way to restart this machine, halting\n");
	console_flush_on_panic();
}

void (*pm_power_off)(void);

void machine_power_off(void)
{
	if (pm_power_off)
		pm_power_off();
	pr_emerg("reboot: no power-off method (no PSCI): System halted\n");
	machine_halt();
}

void machine_restart(void)
{
	do_kernel_restart();
	machine_halt();
}

/* A panic with no console left (the only one faulted, or none came up yet):
 * while the boot still has its init code, start the built-in command line's
 * earlycon so the report is seen. __ref: it checks that init memory is there. */
static void __ref panic_console_fallback(void)
{
	if (console_registered() || system_state != SYSTEM_BOOTING)
		return;
	console_fallback_builtin();
	console_flush_on_panic();
}

void panic(const char *fmt, ...)
{
	static char buf[256];
	int cpu = (int)smp_processor_id();
	va_list args;

	arch_local_irq_disable();
	if (panic_cpu == cpu) {
		/* A fault while panicking (a restart handler, a console): its report
		 * is in the log; end the first panic's report cleanly. */
		console_flush_on_panic(); /* leaves out a console that faulted */
		pr_emerg("---[ end Kernel panic - not syncing: %s ]---\n", buf);
		console_flush_on_panic();
		machine_halt();
	}
	if (panic_cpu != -1)
		machine_halt(); /* a second CPU panicking: the first one reports */
	panic_cpu = cpu;

	va_start(args, fmt);
	vscnprintf(buf, sizeof(buf), fmt, args);
	va_end(args);
	pr_emerg("Kernel panic - not syncing: %s\n", buf);
	pr_emerg("CPU: %d PID: %d Comm: %s\n", cpu, task_pid(), current_comm());
	smp_send_stop(); /* the others say "CPU<n>: stopping" and halt */
	console_flush_on_panic();
	panic_console_fallback();
	trace_dump_on_oops();

	if (panic_timeout > 0) {
		pr_emerg("Rebooting in %ld seconds..\n", panic_timeout);
		for (long i = 0; i < panic_timeout; i++)
			mdelay(1000);
	}
	if (panic_timeout != 0)
		do_kernel_restart(); /* returns only when it could not */

	pr_emerg("---[ end Kernel panic - not syncing: %s ]---\n", buf);
	console_flush_on_panic();
	machine_halt();
}
EXPORT_SYMBOL(panic);

static int __init panic_setup(char *value)
{
	return param_parse_int(value, &panic_timeout);
}
early_param("panic", panic_setup);

/* oops=panic: every oops panics, as Linux's default (no recovery). */
static int __init oops_setup(char *value)
{
	if (!value)
		return -EINVAL;
	if (!strcmp(value, "panic"))
		panic_on_oops = true;
	return 0;
}
early_param("oops", oops_setup);

/* Linux's taint letters, one column per flag ("Tainted: P           O"). */
const char *print_tainted(void)
{
	static const char letters[] = "PFSRMBUDAWCIOELKXTN";
	static char buf[sizeof("Tainted: ") + sizeof(letters) - 1];
	unsigned long taint = kernel_tainted();

	if (!taint)
		return "Not tainted";
	memcpy(buf, "Tainted: ", 9);
	for (unsigned int i = 0; i < sizeof(letters) - 1; i++)
		buf[9 + i] = taint & (1ul << i) ? letters[i] : ' ';
	return buf;
}

bool recovery_abandon(struct recovery_point *rp, bool task_context, int ret)
{
	unsigned int cpu = smp_processor_id();
	const char *why = NULL;

	if (panic_cpu != -1)
		why = "the kernel is panicking";
	else if (!task_context)
		why = "it did not happen in the call itself (an interrupt or exception handler)";
	else if (cpu_locks_held[cpu] != rp->locks)
		why = "a spinlock is held";
	if (why) {
		pr_emerg("initk: cannot abandon %pS (%s) on CPU%u: %s\n", rp->fn, rp->level, cpu, why);
		return false;
	}
	pr_emerg("initk: abandoning %pS (%s) on CPU%u: it returns %d\n", rp->fn, rp->level, cpu, ret);
	rp->ret = ret;
	recovery_current[cpu] = rp->prev; /* a fault while going back uses the outer point */
	return true;
}

struct recovery_point *oops_recovery(bool task_context, int ret)
{
	struct recovery_point *rp = recovery_current[smp_processor_id()];

	pr_emerg("---[ end trace 0000000000000000 ]---\n");
	if (!rp || panic_on_oops || !recovery_abandon(rp, task_context, ret))
		return NULL;
	return rp;
}

void dump_stack_print_info(void)
{
	pr_emerg("CPU: %u PID: %d Comm: %s %s " INITK_VERSION " #1\n", smp_processor_id(), task_pid(),
		 current_comm(), print_tainted());
}
