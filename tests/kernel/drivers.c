/* In-kernel tests of the interrupt-driven drivers, and test drivers for the
 * deferred probe order (their nodes are in the tests/kernel/ DTS files):
 *   initk,test-consumer   defers until initk,test-supplier has bound
 *   initk,test-supplier   registers late (device_initcall_sync)
 *   initk,test-orphan     always defers: must be listed at the end
 * an early driver (initk,test-intc) that checks the dependency order, and
 * switches that register SMP operations and restart handlers out of
 * priority order. */
#include <asm/cp15.h>
#include <asm/irqflags.h>
#include <kernel/clockchips.h>
#include <kernel/console.h>
#include <kernel/device.h>
#include <kernel/errno.h>
#include <kernel/irq.h>
#include <kernel/ktest.h>
#include <kernel/of.h>
#include <kernel/of_early.h>
#include <kernel/panic.h>
#include <kernel/smp.h>
#include <kernel/params.h>
#include <kernel/sprintf.h>
#include <kernel/time.h>

#include "../../drivers/tty/serial/8250.h"

static bool supplier_bound, consumer_bound;

static int supplier_probe(struct device *dev)
{
	(void)dev;
	supplier_bound = true;
	return 0;
}

static int consumer_probe(struct device *dev)
{
	if (!supplier_bound)
		return dev_err_probe(dev, -EPROBE_DEFER, "waiting for the test supplier");
	consumer_bound = true;
	return 0;
}

static int orphan_probe(struct device *dev)
{
	return dev_err_probe(dev, -EPROBE_DEFER, "waiting for a supplier that never comes");
}

static const struct of_device_id supplier_match[] = { { .compatible = "initk,test-supplier" }, {} };
static const struct of_device_id consumer_match[] = { { .compatible = "initk,test-consumer" }, {} };
static const struct of_device_id orphan_match[] = { { .compatible = "initk,test-orphan" }, {} };

static struct platform_driver test_supplier_driver = {
	.name = "test-supplier", .of_match_table = supplier_match, .probe = supplier_probe,
};
static struct platform_driver test_consumer_driver = {
	.name = "test-consumer", .of_match_table = consumer_match, .probe = consumer_probe,
};
static struct platform_driver test_orphan_driver = {
	.name = "test-orphan", .of_match_table = orphan_match, .probe = orphan_probe,
};
module_platform_driver(test_consumer_driver);
module_platform_driver(test_orphan_driver);
platform_driver_initcall(test_supplier_driver, device_initcall_sync);

/* --- KTAP tests, after boot ------------------------------------------------ */

static volatile int timer_fired;

static void timer_callback(void)
{
	timer_fired++;
}

/* Wait with interrupts on until cond or 50 ms of counter time pass. */
#define wait_for(cond)                                                                         \
	({                                                                                     \
		u64 __end = read_cntpct() + clock_frequency() / 20;                           \
		while (!(cond) && read_cntpct() < __end)                                      \
			;                                                                      \
		(cond);                                                                        \
	})

static int test_timer_interrupt_counted(void)
{
	int irq = clockevent_irq();
	u32 before;

	if (irq < 0)
		return KTEST_SKIP; /* no timer in the device tree (or none at all) */
	before = irq_count((unsigned int)irq);
	if (clockevent_start_oneshot(200, timer_callback))
		return -EIO;
	if (!wait_for(timer_fired))
		return -ETIMEDOUT;
	printk("# timer interrupt %d: count %u -> %u\n", irq, before, irq_count((unsigned int)irq));
	return irq_count((unsigned int)irq) == before + 1 ? 0 : -EINVAL;
}
KTEST(test_timer_interrupt_counted);

/* With interrupts masked, printk must store and return, leaving the line to the TX interrupt. */
static int test_printk_does_not_wait_for_uart(void)
{
	unsigned long flags;
	int pending;

	if (!console_async("ttyS", 0))
		return KTEST_SKIP; /* no interrupt-driven ttyS console on this boot */
	if (!wait_for(console_pending("ttyS", 0) == 0))
		return -ETIMEDOUT;
	flags = arch_local_irq_save();
	printk("# this line is sent by the UART interrupt after printk returned\n");
	pending = console_pending("ttyS", 0);
	arch_local_irq_restore(flags);
	printk("# pending right after printk: %d\n", pending);
	if (pending < 1)
		return -EINVAL;
	return wait_for(console_pending("ttyS", 0) == 0) ? 0 : -ETIMEDOUT;
}
KTEST(test_printk_does_not_wait_for_uart);

static int test_uart_interrupts_counted(void)
{
	const char *options;
	int node, irq;

	if (!console_async("ttyS", 0) || !initial_dt ||
	    (node = dtb_stdout_node(initial_dt, &options)) < 0 || !serial8250_dt_compatible(initial_dt, node))
		return KTEST_SKIP; /* no interrupt-driven console on the stdout-path UART */
	irq = of_irq_get(initial_dt, node, 0);
	if (irq < 0)
		return KTEST_SKIP;
	printk("# uart interrupt %d: count %u\n", irq, irq_count((unsigned int)irq));
	return irq_count((unsigned int)irq) > 0 ? 0 : -EINVAL;
}
KTEST(test_uart_interrupts_counted);

static int test_deferred_consumer_bound(void)
{
	if (!initial_dt || dtb_next_compatible(initial_dt, -1, "initk,test-supplier") < 0)
		return KTEST_SKIP; /* booted without the test tree */
	return consumer_bound ? 0 : -ENODEV;
}
KTEST(test_deferred_consumer_bound);

/* test_rx_bytes=N: the boot test types N bytes on the serial line; they must
 * all arrive in ttyS0's receive buffer. */
static long rx_expected;

static int __init test_rx_bytes_setup(char *value)
{
	return param_parse_int(value, &rx_expected);
}
__setup("test_rx_bytes", test_rx_bytes_setup);

static int test_uart_rx_buffered(void)
{
	static u8 got[SERIAL8250_RX_BUF];
	unsigned int n = 0;
	u64 end = read_cntpct() + clock_frequency(); /* 1 s at most: ends as soon as all are in */

	if (!rx_expected)
		return KTEST_SKIP;
	while (n < (unsigned long)rx_expected && read_cntpct() < end)
		n += serial8250_read_rx(0, got + n, sizeof(got) - n);
	char hex[3 * sizeof(got) + 1];
	unsigned int len = 0;

	for (unsigned int i = 0; i < n; i++)
		len += scnprintf(hex + len, sizeof(hex) - len, " %02x", got[i]);
	hex[len] = '\0';
	printk("# ttyS0 received %u bytes:%s\n", n, hex);
	return n == (unsigned long)rx_expected ? 0 : -EIO;
}
KTEST(test_uart_rx_buffered);

/* The interrupt entry with nothing pending (GIC ID 1023) counts a spurious
 * interrupt and dispatches nothing. */
static u32 interrupts_handled(void)
{
	u32 sum = 0;

	for (unsigned int irq = 0; irq < NR_IRQS; irq++)
		sum += irq_count(irq);
	return sum;
}

/* A real interrupt may be pending (serial input arriving, the UART sending
 * the log): then the entry handles it first and nothing is spurious. Such a
 * try is taken again after 1 ms with interrupts on; on a loaded host typing
 * junk in real time, a hundred back-to-back tries were seen to all meet one
 * (the input comes as fast as QEMU is given it), so the tries are spread
 * over up to 100 ms. */
static int test_spurious_interrupt_counted(void)
{
	if (clockevent_irq() < 0)
		return KTEST_SKIP; /* no GIC probed on this boot */
	for (int tries = 0; tries < 100; tries++) {
		unsigned long flags = arch_local_irq_save();
		u32 spurious = irq_spurious_count(), unhandled = irq_unhandled_count();
		u32 handled = interrupts_handled();

		handle_arch_irq(NULL);
		arch_local_irq_restore(flags);
		if (interrupts_handled() != handled) {
			udelay(1000); /* a real one came first: let a burst of input drain */
			continue;
		}
		printk("# spurious interrupts: %u -> %u\n", spurious, irq_spurious_count());
		return irq_spurious_count() == spurious + 1 && irq_unhandled_count() == unhandled ? 0 : -EINVAL;
	}
	return -EAGAIN;
}
KTEST(test_spurious_interrupt_counted);

/* --- Early drivers: declared, matched, in dependency order ------------------ */

/* Test interrupt controllers (initk,test-intc nodes of the test tree): each
 * must be initialised after its interrupt parent, whatever the tree order. */
static int __init test_intc_init(const struct dtb *dt, int node, const void *data)
{
	int parent = of_irq_find_parent(dt, node);

	(void)data;
	if (parent < 0 || !of_node_claimed(dt, parent)) {
		pr_err("test-intc: %s: initialised before its interrupt parent\n", dtb_node_name(dt, node));
		return -EINVAL;
	}
	printk(KERN_INFO "test-intc: %s after %s\n", dtb_node_name(dt, node), dtb_node_name(dt, parent));
	return 0;
}
IRQCHIP_DECLARE(test_intc, "initk,test-intc", test_intc_init);

/* test_smp_ops_low: SMP operations of the lowest priority, registered before
 * any enable method (at the console level): the real method must still win. */
static bool smp_ops_low;
setup_flag("test_smp_ops_low", smp_ops_low);

static int test_smp_cpu_boot(unsigned int cpu, u32 mpidr, unsigned long entry)
{
	(void)mpidr;
	(void)entry;
	printk("test-smp: CPU%u asked of the low-priority operations\n", cpu);
	return -EIO;
}

static const struct smp_operations test_smp_ops = {
	.name = "test-low", .priority = 1, .cpu_boot = test_smp_cpu_boot,
};

static int __init test_smp_ops_register(void)
{
	if (smp_ops_low)
		smp_set_ops(&test_smp_ops);
	return 0;
}
console_initcall(test_smp_ops_register);

/* test_restart_order: two restart handlers, the last-resort one registered
 * first; a reboot must try them by priority (255 before the watchdog's 128
 * before 0), not in registration order. */
static bool restart_order;
setup_flag("test_restart_order", restart_order);

static void test_restart_0(void)
{
	printk(KERN_EMERG "test-restart: priority 0 handler\n");
}

static void test_restart_255(void)
{
	printk(KERN_EMERG "test-restart: priority 255 handler\n");
}

/* test_restart_fault: a restart handler that faults (NULL read), tried first. */
static bool restart_fault;
setup_flag("test_restart_fault", restart_fault);

static void test_restart_faults(void)
{
	printk(KERN_EMERG "test-restart: reading NULL\n");
	(void)*(volatile int *)0;
}

static struct restart_handler test_restart_faulting = { .restart = test_restart_faults, .priority = 250 };

static struct restart_handler test_restart_low = { .restart = test_restart_0, .priority = 0 };
static struct restart_handler test_restart_high = { .restart = test_restart_255, .priority = 255 };

static int __init test_restart_register(void)
{
	if (restart_order) {
		register_restart_handler(&test_restart_low);
		register_restart_handler(&test_restart_high);
	}
	if (restart_fault)
		register_restart_handler(&test_restart_faulting);
	return 0;
}
core_initcall(test_restart_register);
