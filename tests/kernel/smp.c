/* SMP checks for the boot tests:
 *   test_smp_bad_entry=N   CPU N gets an entry that never comes online
 *   test_smp_wakeup_window the boot CPU waits for an event (wfe: the new CPU
 *                          runs and signals) between testing a new CPU and
 *                          sleeping for it
 * a late initcall that prints from all CPUs at once (the boot test checks
 * every line arrived whole), and a KTAP test that every CPU ran its starting
 * hooks. */
#include <asm/cp15.h>
#include <asm/irqflags.h>
#include <kernel/clockchips.h>
#include <kernel/errno.h>
#include <kernel/init.h>
#include <kernel/ktest.h>
#include <kernel/irq.h>
#include <kernel/params.h>
#include <kernel/printk.h>
#include <kernel/smp.h>
#include <kernel/string.h>
#include <kernel/time.h>

#define STRESS_LINES 50

static int __init bad_entry_setup(char *value)
{
	long cpu;

	if (param_parse_int(value, &cpu) || cpu < 1 || cpu >= NR_CPUS)
		return -EINVAL;
	smp_bad_entry_cpu = (int)cpu;
	return 0;
}
__setup("test_smp_bad_entry", bad_entry_setup);

setup_flag("test_smp_wakeup_window", smp_wakeup_window);
setup_flag("test_no_fiq", irqchip_no_fiq);

static void print_lines(void *info)
{
	unsigned int cpu = smp_processor_id();

	(void)info;
	for (int i = 0; i < STRESS_LINES; i++)
		printk("# stress cpu%u line %03d of printk from every CPU at once\n", cpu, i);
}

/* Every CPU prints at once (a fixture, not a test: the boot test checks
 * that each line arrived whole). */
static int __init printk_from_all_cpus(void)
{
	on_each_cpu(print_lines, NULL);
	return 0;
}
late_initcall(printk_from_all_cpus);

/* --- the starting hooks ran on every CPU --------------------------------------- */

static volatile int timer_cpu = -1;

static void timer_callback(void)
{
	timer_cpu = (int)smp_processor_id();
}

static void start_timer(void *info)
{
	(void)info;
	clockevent_start_oneshot(100, timer_callback);
}

static volatile u32 vfp_ok_mask;

static void check_vfp(void *info)
{
	u32 fpexc;

	(void)info;
	if ((read_cpacr() & (0xfu << 20)) != (0xfu << 20))
		return;
	asm volatile("mrc p10, 7, %0, c8, c0, 0" : "=r"(fpexc));
	if (fpexc & (1u << 30))
		vfp_ok_mask |= 1u << smp_processor_id();
}

static int test_secondaries_ran_starting_hooks(void)
{
	if (num_online_cpus() < 2 || clockevent_irq() < 0)
		return KTEST_SKIP;
	for (unsigned int cpu = 1; cpu < NR_CPUS; cpu++) {
		u64 end;

		if (!cpu_online(cpu))
			continue;
		/* the timer PPI and the GIC CPU interface: an interrupt arrives on that CPU */
		timer_cpu = -1;
		smp_call_function_single(cpu, start_timer, NULL);
		end = read_cntpct() + clock_frequency() / 20;
		while (timer_cpu < 0 && read_cntpct() < end)
			wfe(); /* also lets a single-threaded emulator run the other CPUs */
		if (timer_cpu != (int)cpu) {
			printk("# CPU%u: no timer interrupt on it (got %d)\n", cpu, timer_cpu);
			return -EIO;
		}
		smp_call_function_single(cpu, check_vfp, NULL);
		if (!(vfp_ok_mask & (1u << cpu))) {
			printk("# CPU%u: VFP not enabled\n", cpu);
			return -EIO;
		}
		printk("# CPU%u: timer interrupt and VFP ok\n", cpu);
	}
	return 0;
}
KTEST(test_secondaries_ran_starting_hooks);
