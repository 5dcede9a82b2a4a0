/* Bringing up the secondary CPUs, Linux's way and in Linux's words, and
 * cross-CPU calls through inter-processor interrupts.
 *
 * Which CPUs exist comes from the device tree's /cpus (reg = MPIDR), limited
 * by nr_cpus=; maxcpus= (nosmp = maxcpus=0) limits how many are started.
 * A CPU that is not online within a second is reported and left out. */
#define pr_fmt(fmt) "smp: " fmt

#include <asm/atomic.h>
#include <asm/cp15.h>
#include <asm/irqflags.h>
#include <asm/ptrace.h>
#include <asm/setup.h>
#include <asm/spinlock.h>
#include <kernel/clockchips.h>
#include <kernel/errno.h>
#include <kernel/init.h>
#include <kernel/irq.h>
#include <kernel/of.h>
#include <kernel/params.h>
#include <kernel/printk.h>
#include <kernel/smp.h>
#include <kernel/string.h>
#include <kernel/time.h>
#include <kernel/watchdog.h>

#define ONLINE_TIMEOUT_US 1000000

static const struct smp_operations *smp_ops;
static void (*smp_cross_call)(u32 cpumask, unsigned int ipi);
static volatile u32 online_mask = 1; /* the boot CPU */
static unsigned int nr_possible = 1; /* logical CPUs 0 .. nr_possible - 1 */
static long max_cpus = NR_CPUS;   /* maxcpus= */
static long nr_cpus = NR_CPUS;    /* nr_cpus= */
static u32 entry_modes[NR_CPUS];
int smp_bad_entry_cpu = -1;
bool smp_wakeup_window;

/*
 * test_smp_wakeup_window (test kernel): make the new CPU come online and send
 * its wake-up exactly between the boot CPU's "not online yet" and its sleep,
 * the window where a wake-up could be lost. The new CPU waits for the boot
 * CPU to have looked; the boot CPU waits for the wake-up to have been sent.
 */
static volatile int window_step; /* 0: not looked yet, 1: looked, 2: wake-up sent */

static void __init wakeup_window_boot_cpu(u64 end)
{
	if (window_step)
		return; /* once per CPU started */
	window_step = 1;
	dsb();
	sev();
	while (window_step != 2 && read_cntpct() < end)
		wfe();
}

static void wakeup_window_new_cpu(bool sent)
{
	if (!sent) {
		while (window_step != 1)
			wfe();
		return;
	}
	window_step = 2;
	dsb();
	sev();
}

/* One call at a time, to any number of CPUs. */
static arch_spinlock_t call_lock = ARCH_SPIN_LOCK_UNLOCKED;
static struct {
	void (*fn)(void *info);
	void *info;
	volatile u32 pending; /* CPUs that have not run it yet */
} call;

void smp_set_ops(const struct smp_operations *ops)
{
	if (!smp_ops || ops->priority > smp_ops->priority)
		smp_ops = ops;
}

void set_smp_cross_call(void (*raise)(u32 cpumask, unsigned int ipi))
{
	smp_cross_call = raise;
}

bool cpu_online(unsigned int cpu)
{
	return cpu < NR_CPUS && (online_mask & (1u << cpu));
}

unsigned int num_online_cpus(void)
{
	return (unsigned int)__builtin_popcount(online_mask);
}

static void set_cpu_online(unsigned int cpu)
{
	atomic_or_return(1u << cpu, &online_mask); /* several CPUs may come online at once */
	dsb();
}

/* A value is applied only when it is valid: a rejected one changes nothing. */
static int __init cpu_count_param(char *value, long min, long *out)
{
	long n;

	if (param_parse_int(value, &n) || n < min)
		return -EINVAL;
	*out = n;
	return 0;
}

static int __init maxcpus_setup(char *value)
{
	return cpu_count_param(value, 0, &max_cpus);
}
early_param("maxcpus", maxcpus_setup);

static int __init nosmp_setup(char *value)
{
	(void)value;
	max_cpus = 0;
	return 0;
}
early_param("nosmp", nosmp_setup);

static int __init nr_cpus_setup(char *value)
{
	return cpu_count_param(value, 1, &nr_cpus);
}
early_param("nr_cpus", nr_cpus_setup);

/* The CPUs the device tree lists, boot CPU first, at most nr_cpus. */
static void __init find_possible_cpus(void)
{
	u32 boot = read_mpidr() & MPIDR_HWID_MASK;
	int cpus;

	cpu_logical_map(0) = boot;
	nr_possible = 1;
	if (!initial_dt || (cpus = dtb_path_offset(initial_dt, "/cpus")) < 0)
		return;
	for (int node = dtb_first_child(initial_dt, cpus); node >= 0;
	     node = dtb_next_sibling(initial_dt, node)) {
		const char *type = dtb_get_string(initial_dt, node, "device_type");
		u32 mpidr;

		if (!type || strcmp(type, "cpu") || dtb_get_u32(initial_dt, node, "reg", &mpidr))
			continue;
		mpidr &= MPIDR_HWID_MASK;
		if (mpidr == boot || nr_possible >= (unsigned long)nr_cpus)
			continue;
		if (nr_possible == NR_CPUS) {
			pr_warn("more CPUs in the device tree than %d; mpidr %x left out\n", NR_CPUS, mpidr);
			continue;
		}
		cpu_logical_map(nr_possible++) = mpidr;
	}
}

void __init smp_prepare_boot_cpu(void)
{
	u32 mpidr = read_mpidr();

	entry_modes[smp_processor_id()] = boot_params.entry_mode;
	find_possible_cpus();
	printk(KERN_INFO "CPU%u: thread -1, cpu %u, socket %u, mpidr %x\n", smp_processor_id(),
	       mpidr & 0xff, (mpidr >> 8) & 0xff, mpidr);
}

static void ipi_call_function(unsigned int irq, void *data);
static void ipi_cpu_stop(unsigned int irq, void *data);

/* Sleep until cpu is online or the timeout passes. With a clock event, in
 * wfi: the new CPU's IPI_WAKEUP or the one-shot wakes us (an emulator can skip
 * idle time then); without one, spinning on the counter. The test and the
 * sleep happen with interrupts masked: a wake-up arriving in between stays
 * pending, so wfi returns at once and the interrupt is taken after it. */
static bool __init wait_online(unsigned int cpu)
{
	u64 freq = clock_frequency();
	u64 end = read_cntpct() + freq * ONLINE_TIMEOUT_US / 1000000;
	bool online;

	window_step = 0;
	for (;;) {
		unsigned long flags = arch_local_irq_save();
		u64 now = read_cntpct();

		online = cpu_online(cpu);
		if (online || now > end) {
			arch_local_irq_restore(flags);
			break;
		}
		if (smp_wakeup_window)
			wakeup_window_boot_cpu(end);
		if (!clockevent_start_oneshot((unsigned long)((end - now) * 1000000 / freq) + 1, NULL))
			wfi();
		arch_local_irq_restore(flags);
	}
	clockevent_cancel(); /* no stale expiry later */
	return online;
}

static void __init report_modes(void)
{
	u32 boot = entry_modes[0] & MODE_MASK;

	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++) {
		if (cpu_online(cpu) && (entry_modes[cpu] & MODE_MASK) != boot) {
			printk(KERN_WARNING "CPU: WARNING: CPU(s) started in wrong/inconsistent modes "
			       "(primary CPU mode 0x%x)\n", boot);
			return;
		}
	}
	printk(KERN_INFO "CPU: All CPU(s) started in %s mode.\n", processor_mode_name(boot));
}

static void ipi_wakeup(unsigned int irq, void *data)
{
	(void)irq;
	(void)data;
}

bool smp_ipi_backtrace_is_fiq;

bool smp_send_backtrace(unsigned int cpu)
{
	if (!smp_ipi_backtrace_is_fiq || !smp_cross_call)
		return false;
	smp_cross_call(1u << cpu, IPI_CPU_BACKTRACE);
	return true;
}

unsigned int smp_wake_buddy(void)
{
	unsigned int self = smp_processor_id();

	if (!(online_mask & ~(1u << self)))
		return self; /* alone (before the other CPUs start): nobody to wake */
	for (unsigned int i = 1; i < NR_CPUS; i++) {
		unsigned int cpu = (self + i) % NR_CPUS;

		if (cpu_online(cpu)) {
			if (smp_cross_call)
				smp_cross_call(1u << cpu, IPI_WAKEUP);
			return cpu;
		}
	}
	return self;
}

/* IPI handlers: the interrupt controller is up by now (an early initcall). */
static void __init ipi_init(void)
{
	if (request_irq(IPI_CALL_FUNC, ipi_call_function, "IPI call", NULL) ||
	    request_irq(IPI_CPU_STOP, ipi_cpu_stop, "IPI stop", NULL) ||
	    request_irq(IPI_WAKEUP, ipi_wakeup, "IPI wakeup", NULL))
		printk(KERN_WARNING "smp: no interrupt controller: no cross-CPU calls\n");
}

void __init smp_init(void)
{
	unsigned int started = 1, online;
	u32 bogomips;

	unsigned int limit = max_cpus ? (unsigned int)max_cpus : 1; /* maxcpus counts the boot CPU */

	pr_info("Bringing up secondary CPUs ...\n");
	ipi_init();
	for (unsigned int i = 1; i < nr_possible && started < limit; i++) {
		u32 mpidr = cpu_logical_map(i);
		unsigned int cpu = i;
		unsigned long entry = (unsigned long)secondary_startup;
		int err;

		if (!smp_ops)
			break;
		if ((int)cpu == smp_bad_entry_cpu)
			entry = (unsigned long)secondary_park;
		secondary_prepare_stacks(cpu);
		err = smp_ops->cpu_boot(cpu, mpidr, entry);
		if (!err && wait_online(cpu)) {
			started++;
			continue;
		}
		if (err)
			printk(KERN_ERR "CPU%u: failed to boot: %d\n", cpu, err);
		else
			printk(KERN_ERR "CPU%u: failed to come online\n", cpu);
	}
	online = num_online_cpus();
	pr_info("Brought up 1 node, %u CPU%s\n", online, online > 1 ? "s" : "");
	/* Linux's figure with a timer-based delay: twice the counter in MHz, per CPU. */
	bogomips = online * (clock_frequency() / 5000);
	printk(KERN_INFO "SMP: Total of %u processors activated (%u.%02u BogoMIPS).\n", online,
	       bogomips / 100, bogomips % 100);
	report_modes();
}

void secondary_start_kernel(unsigned int cpu, u32 entry_mode)
{
	u32 mpidr = read_mpidr();

	secondary_mmu_enable();
	entry_modes[cpu] = entry_mode;
	ll_foreach(cpu_starting, hook)
		hook->fn(cpu);
	printk(KERN_INFO "CPU%u: thread -1, cpu %u, socket %u, mpidr %x\n", cpu, mpidr & 0xff,
	       (mpidr >> 8) & 0xff, mpidr);
	if (smp_wakeup_window)
		wakeup_window_new_cpu(false);
	set_cpu_online(cpu);
	sev();
	if (smp_cross_call)
		smp_cross_call(1u, IPI_WAKEUP); /* the boot CPU may sleep in wait_online() */
	if (smp_wakeup_window)
		wakeup_window_new_cpu(true);
	arch_local_irq_enable();
	for (;;) { /* idle: work, and deadlines of calls to watch, come by IPI */
		arch_local_irq_disable(); /* an IPI after the check ends the wfi */
		watchdog_idle();
		wfi();
		arch_local_irq_enable();
	}
}

/* --- Cross calls ------------------------------------------------------------- */

static void ipi_call_function(unsigned int irq, void *data)
{
	unsigned int cpu = smp_processor_id();

	(void)irq;
	(void)data;
	if (!(call.pending & (1u << cpu)))
		return;
	call.fn(call.info);
	atomic_andnot_return(1u << cpu, &call.pending);
	dsb();
	sev();
}

static int run_on(u32 mask, void (*fn)(void *info), void *info)
{
	unsigned int self = smp_processor_id();
	bool here = mask & (1u << self);

	mask &= online_mask & ~(1u << self);
	if (mask && !smp_cross_call)
		return -ENODEV;
	arch_spin_lock(&call_lock);
	call.fn = fn;
	call.info = info;
	call.pending = mask;
	dsb();
	if (mask)
		smp_cross_call(mask, IPI_CALL_FUNC);
	if (here)
		fn(info);
	while (call.pending)
		wfe();
	arch_spin_unlock(&call_lock);
	return 0;
}

int smp_call_function_single(unsigned int cpu, void (*fn)(void *info), void *info)
{
	if (!cpu_online(cpu))
		return -ENXIO;
	return run_on(1u << cpu, fn, info);
}

void on_each_cpu(void (*fn)(void *info), void *info)
{
	run_on(online_mask, fn, info);
}

static void ipi_cpu_stop(unsigned int irq, void *data)
{
	(void)irq;
	(void)data;
	arch_local_irq_disable();
	printk(KERN_CRIT "CPU%u: stopping\n", smp_processor_id());
	atomic_andnot_return(1u << smp_processor_id(), &online_mask);
	dsb();
	sev();
	machine_halt();
}

void smp_send_stop(void)
{
	u32 others = online_mask & ~(1u << smp_processor_id());
	u64 end = read_cntpct() + clock_frequency(); /* wait 1 s at most, as Linux */

	if (!others || !smp_cross_call)
		return;
	smp_cross_call(others, IPI_CPU_STOP);
	while ((online_mask & others) && read_cntpct() < end)
		wfe(); /* each stopping CPU sends an event */
}

