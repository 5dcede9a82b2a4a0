/* The ARM generic timer (arm,armv7-timer): the counter behind printk time and
 * udelay() (its frequency), and the CP15 physical timer as the clock event
 * device (include/kernel/clockchips.h), a one-shot interrupt of the CPU that
 * arms it: the PPI is per CPU, enabled on each in its CPU_STARTING_HOOK.
 * The virtual timer is the lockup detector's per-CPU timer (kernel/watchdog.c).
 * Frequency: CNTFRQ unless the node's clock-frequency overrides it (for
 * firmware that leaves CNTFRQ wrong). Interrupt: the PPI of the security state
 * we run in (the node lists secure, non-secure, virtual, hyp). */
#define pr_fmt(fmt) "arch_timer: " fmt

#include <asm/cp15.h>
#include <asm/setup.h>
#include <kernel/clockchips.h>
#include <kernel/of_early.h>
#include <kernel/printk.h>
#include <kernel/smp.h>
#include <kernel/errno.h>
#include <kernel/irq.h>
#include <kernel/time.h>

#define CNTP_CTL_ENABLE (1u << 0)
#define CNTP_CTL_IMASK (1u << 1)

#define write_cntp_ctl(v) __cp15_write(0, c14, c2, 1, v)
#define write_cntp_tval(v) __cp15_write(0, c14, c2, 0, v)
#define write_cntv_ctl(v) __cp15_write(0, c14, c3, 1, v)
#define write_cntv_tval(v) __cp15_write(0, c14, c3, 0, v)

enum { PPI_SECURE, PPI_NONSECURE, PPI_VIRT, PPI_HYP };

static int timer_irq = -1, virt_irq = -1;

static void arch_timer_handler(unsigned int irq, void *data)
{
	(void)irq;
	(void)data;
	write_cntp_ctl(CNTP_CTL_IMASK); /* one-shot: stop until started again */
	isb(); /* the timer drops its line before the GIC sees our EOI */
	clockevents_handle_event();
}

static void arch_timer_set_next_event(u32 ticks)
{
	write_cntp_tval(ticks);
	write_cntp_ctl(CNTP_CTL_ENABLE);
	isb();
}

static void arch_timer_shutdown(void)
{
	write_cntp_ctl(CNTP_CTL_IMASK);
	isb();
}

static void virt_timer_handler(unsigned int irq, void *data)
{
	(void)irq;
	(void)data;
	write_cntv_ctl(CNTP_CTL_IMASK);
	isb();
	lockup_detector_interrupt();
}

static void virt_timer_set_next_event(u32 ticks)
{
	write_cntv_tval(ticks);
	write_cntv_ctl(CNTP_CTL_ENABLE);
	isb();
}

static void virt_timer_shutdown(void)
{
	write_cntv_ctl(CNTP_CTL_IMASK);
	isb();
}

static const struct clock_event_device virt_timer_watchdog = {
	.name = "arch_virt_timer",
	.set_next_event = virt_timer_set_next_event,
	.shutdown = virt_timer_shutdown,
};

/* The interrupt must really come: with a tree that names the wrong one, every
 * sleep on a one-shot (waiting for a CPU, say) would never end. A 1 us
 * one-shot, waited for 2 ms of counter time with interrupts on. */
static int __init arch_timer_check_irq(unsigned int irq, u32 freq)
{
	u32 before = irq_count(irq);
	u64 end = read_cntpct() + freq / 500;

	arch_timer_set_next_event(freq / 1000000 + 1);
	while (irq_count(irq) == before && read_cntpct() < end)
		;
	if (irq_count(irq) != before)
		return 0;
	arch_timer_shutdown();
	return -EIO;
}

static struct clock_event_device arch_timer_clockevent = {
	.name = "arch_sys_timer",
	.set_next_event = arch_timer_set_next_event,
	.shutdown = arch_timer_shutdown,
};

/* The timer's PPI is banked: each CPU enables its own. */
static void arch_timer_cpu_starting(unsigned int cpu)
{
	(void)cpu;
	write_cntp_ctl(CNTP_CTL_IMASK);
	write_cntv_ctl(CNTP_CTL_IMASK);
	if (timer_irq >= 0)
		enable_irq((unsigned int)timer_irq);
	if (virt_irq >= 0)
		enable_irq((unsigned int)virt_irq);
}
CPU_STARTING_HOOK(arch_timer_cpu_starting);

/* After the interrupt controllers (TIMER_OF_DECLARE), like Linux's timer_probe in time_init. */
static int __init arch_timer_of_init(const struct dtb *dt, int node, const void *data)
{
	bool secure = arch_running_secure();
	u32 freq;
	int irq, virt, err;

	(void)data;
	if (!dtb_get_u32(dt, node, "clock-frequency", &freq) && freq)
		clock_set_frequency(freq);
	freq = clock_frequency();
	if (!freq) {
		pr_err("CNTFRQ is 0 and the node has no clock-frequency\n");
		return -EINVAL;
	}
	irq = of_irq_get(dt, node, secure ? PPI_SECURE : PPI_NONSECURE);
	if (irq < 0) {
		pr_err("no usable interrupt (%d)\n", irq);
		return irq;
	}
	write_cntp_ctl(CNTP_CTL_IMASK);
	err = request_irq((unsigned int)irq, arch_timer_handler, "arch_timer", NULL);
	if (err)
		return err;
	if (arch_timer_check_irq((unsigned int)irq, freq)) {
		pr_err("interrupt %d never came for a one-shot: the tree names the wrong one? "
		       "Not used for clock events\n", irq);
		return -EIO;
	}
	timer_irq = irq;
	arch_timer_clockevent.irq = irq;
	clockevents_register_device(&arch_timer_clockevent);
	virt = of_irq_get(dt, node, PPI_VIRT);
	write_cntv_ctl(CNTP_CTL_IMASK);
	if (virt >= 0 && !request_irq((unsigned int)virt, virt_timer_handler, "arch_timer_virt", NULL)) {
		virt_irq = virt;
		lockup_detector_register(&virt_timer_watchdog);
	} else {
		pr_warn("no virtual timer interrupt (%d): no lockup detector\n", virt);
	}
	pr_info("cp15 timer(s) running at %u.%02uMHz (phys).\n", freq / 1000000,
		(freq / 10000) % 100);
	pr_debug("%s physical timer, interrupt %d\n", secure ? "secure" : "non-secure", irq);
	return 0;
}
TIMER_OF_DECLARE(armv7_arch_timer, "arm,armv7-timer", arch_timer_of_init);
