/* Linux's lockup detector, for the calls that must end: each initcall (and
 * a module's init) runs with a deadline, initcall_timeout_ms= after its
 * start (default 20 s, Linux's soft-lockup threshold; 0: no deadline).
 *
 * Soft lockup: the CPU's own watchdog timer (the driver's per-CPU timer,
 * include/kernel/clockchips.h) interrupts the call at its deadline; the
 * report is Linux's, and once that interrupt is over the call is abandoned
 * through its recovery point: do_one_initcall() returns -ETIMEDOUT.
 *
 * Hard lockup: with interrupts masked that interrupt never comes, so
 * another CPU watches, as Linux's buddy detector does: a CPU starting or
 * ending a call wakes its buddy, the next online CPU (an IPI: its idle loop
 * then arms its own timer for the earliest deadline of the others plus a
 * grace period), and that timer finding a deadline passed reports it.
 * Where the GIC can make IPI_CPU_BACKTRACE an FIQ (running secure, or a GIC
 * without security extensions, as QEMU's), it interrupts the stuck CPU, which
 * prints its registers (Linux's "NMI backtrace for cpu N") and abandons the
 * call like a soft lockup. Otherwise (non-secure on silicon: group 0 is the
 * secure side's) nothing can interrupt it: the report ends in Linux's
 * panic("Hard LOCKUP"), which panic=N turns into a reboot; so does an FIQ
 * that does not come within the grace period. With one CPU online, or
 * before the others start, nothing can see a hard lockup. */
#define pr_fmt(fmt) "watchdog: " fmt

#include <asm/cp15.h>
#include <asm/cpu.h>
#include <asm/irqflags.h>
#include <asm/ptrace.h>
#include <asm/recovery.h>
#include <kernel/clockchips.h>
#include <kernel/errno.h>
#include <kernel/math64.h>
#include <kernel/init.h>
#include <kernel/irq.h>
#include <kernel/module.h>
#include <kernel/panic.h>
#include <kernel/params.h>
#include <kernel/printk.h>
#include <kernel/sched.h>
#include <kernel/smp.h>
#include <kernel/time.h>

#define NSEC_PER_MSEC 1000000ull
#define HARD_LOCKUP_GRACE_NS (10 * NSEC_PER_MSEC) /* after the deadline: the soft report goes first */

static unsigned long timeout_ms = 20000;
static const struct clock_event_device *watchdog_timer;

/* Written by its CPU; read by its watcher, which acts on what it read only
 * while seq is still the same (the call may end, and the next begin, while
 * the watcher prints). */
static struct watch {
	struct recovery_point *rp; /* the call under watch, NULL if none */
	const void *fn;            /* a copy, for the watcher's report */
	const char *level;
	u64 start, deadline;       /* local_clock() */
	volatile unsigned int seq; /* the call's number: generation at its start */
	volatile unsigned int fiq_seq; /* the call the watcher's backtrace FIQ is for, 0: none */
	u64 fiq_due;               /* by then that FIQ must have been taken */
	bool reported;
} watches[NR_CPUS];
static volatile unsigned int generation; /* changes with every start and stop */
static unsigned int seen_generation[NR_CPUS];

static int __init initcall_timeout_setup(char *value)
{
	return value ? param_parse_ulong(value, &timeout_ms) : -EINVAL;
}
__setup("initcall_timeout_ms", initcall_timeout_setup);

static void backtrace_fiq(unsigned int irq, void *data);

void lockup_detector_register(const struct clock_event_device *dev)
{
	watchdog_timer = dev;
	if (smp_ipi_backtrace_is_fiq)
		request_irq(IPI_CPU_BACKTRACE, backtrace_fiq, "IPI backtrace", NULL);
}

/* This CPU's watchdog timer, ticks from now (long ones come in steps). */
static void arm_ticks(u64 ticks)
{
	watchdog_timer->set_next_event(ticks > 0x7fffffff ? 0x7fffffff : (u32)ticks);
}

/* ... and delta_ns from now, in kHz steps: the chunked division (the
 * timer's rates are whole kHz) */
static void arm_in(u64 delta_ns)
{
	arm_ticks(div_u64(div_u64(delta_ns, 1000) * (clock_frequency() / 1000), 1000) + 1);
}

void watchdog_start(struct recovery_point *rp)
{
	struct watch *w = &watches[smp_processor_id()];

	if (!timeout_ms || !watchdog_timer)
		return;
	w->fn = rp->fn;
	w->level = rp->level;
	w->start = rp->start_ns;
	w->deadline = rp->start_ns + (u64)timeout_ms * NSEC_PER_MSEC;
	w->fiq_seq = 0;
	w->reported = false;
	w->seq = ++generation;
	dsb();
	w->rp = rp;
	arm_ticks((u64)timeout_ms * (clock_frequency() / 1000) + 1); /* no division per initcall */
	dsb();
	smp_wake_buddy(); /* it looks at the new deadline */
}

void watchdog_stop(void)
{
	struct watch *w = &watches[smp_processor_id()];

	if (!w->rp)
		return;
	watchdog_timer->shutdown();
	w->rp = NULL;
	generation++;
	dsb();
	smp_wake_buddy();
}

static void soft_lockup(unsigned int cpu, struct watch *w, u64 now)
{
	struct recovery_point *rp = w->rp;

	w->reported = true;
	pr_emerg("BUG: soft lockup - CPU#%u stuck for %llus! [%s:%d]\n", cpu,
		 (now - rp->start_ns) / 1000000000ull, current_comm(), task_pid());
	print_modules();
	dump_stack_print_info();
	show_regs(get_irq_regs());
	if (recovery_current[cpu] != rp)
		return; /* not yet, or no longer, inside the call */
	if (!recovery_abandon(rp, irq_from_task(), -ETIMEDOUT))
		panic("softlockup: hung tasks");
	irq_exit_to_recovery(rp);
}

/* On the stuck CPU, in the FIQ its watcher sent. */
static void backtrace_fiq(unsigned int irq, void *data)
{
	unsigned int cpu = smp_processor_id();
	struct watch *w = &watches[cpu];
	struct recovery_point *rp = w->rp;
	const struct pt_regs *regs = get_irq_regs();

	(void)irq;
	(void)data;
	if (!rp || w->fiq_seq != w->seq)
		return; /* not for this call: it ended meanwhile */
	w->fiq_seq = 0; /* taken: the watcher stops waiting */
	printk(KERN_EMERG "NMI backtrace for cpu %u\n", cpu); /* lib/nmi_backtrace.c: no prefix */
	dump_stack_print_info();
	show_regs(regs);
	if (recovery_current[cpu] != rp)
		return;
	if (!recovery_abandon(rp, irq_from_task() && (regs->cpsr & MODE_MASK) == MODE_SVC, -ETIMEDOUT))
		panic("Hard LOCKUP");
	irq_exit_to_recovery(rp);
}

static u64 earliest(u64 next, u64 due)
{
	return next && next < due ? next : due;
}

/* On this CPU's timer: the other CPUs' deadlines plus the grace. */
static void check_others(unsigned int self, u64 now)
{
	u64 next = 0;

	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++) {
		struct watch *w = &watches[cpu];
		unsigned int seq = w->seq;
		const void *fn = w->fn;
		const char *level = w->level;
		u64 start = w->start, due = w->deadline + HARD_LOCKUP_GRACE_NS;

		dmb(); /* the copies, then whether they are still the call's */
		if (cpu == self || !w->rp || w->seq != seq || !cpu_online(cpu))
			continue;
		if (w->fiq_seq == seq) {
			if (now >= w->fiq_due) {
				pr_emerg("CPU%u did not take the backtrace FIQ\n", cpu);
				panic("Hard LOCKUP");
			}
			next = earliest(next, w->fiq_due);
			continue;
		}
		if (w->reported)
			continue;
		if (now < due) {
			next = earliest(next, due);
			continue;
		}
		w->reported = true;
		pr_emerg("Watchdog detected hard LOCKUP on cpu %u\n", cpu);
		print_modules();
		pr_emerg("CPU%u has run %pS (%s) for %llu ms with interrupts masked, as CPU%u sees\n",
			 cpu, fn, level, (now - start) / NSEC_PER_MSEC, self);
		if (!w->rp || w->seq != seq)
			continue; /* it ended while we printed */
		w->fiq_due = local_clock() + HARD_LOCKUP_GRACE_NS;
		w->fiq_seq = seq;
		dsb();
		if (smp_send_backtrace(cpu)) {
			next = earliest(next, w->fiq_due);
			continue;
		}
		pr_emerg("CPU%u cannot be interrupted: the interrupt controller has no FIQ for us\n", cpu);
		panic("Hard LOCKUP");
	}
	if (next)
		arm_in(next > now ? next - now : 1);
	else
		watchdog_timer->shutdown();
}

void lockup_detector_interrupt(void)
{
	unsigned int cpu = smp_processor_id();
	struct watch *w = &watches[cpu];
	u64 now = local_clock();

	if (w->rp && !w->reported) {
		if (now >= w->deadline)
			soft_lockup(cpu, w, now);
		else
			arm_in(w->deadline - now);
		return;
	}
	check_others(cpu, now);
}

/* With interrupts masked (the idle loop's wfi follows: a wake-up arriving
 * now stays pending and ends that wfi at once). */
void watchdog_idle(void)
{
	unsigned int cpu = smp_processor_id();

	if (!watchdog_timer || seen_generation[cpu] == generation)
		return;
	seen_generation[cpu] = generation;
	check_others(cpu, local_clock());
}
