/* Initcalls that misbehave the ways Linux checks for, plus two harmless
 * ones for initcall_blacklist. The boot must report each and go on. */
#include <asm/irqflags.h>
#include <kernel/errno.h>
#include <kernel/init.h>

/* Returns an error: reported, never fatal. */
static int __init test_initcall_fails(void)
{
	return -ENODEV;
}
device_initcall(test_initcall_fails);

/* Leaves interrupts masked: do_one_initcall must warn and unmask them. */
static int __init test_initcall_irqs_off(void)
{
	arch_local_irq_disable();
	return 0;
}
device_initcall(test_initcall_irqs_off);

/* Runs next: fails unless interrupts were turned back on. */
static int __init test_initcall_irqs_restored(void)
{
	return arch_irqs_disabled() ? -EIO : 0;
}
device_initcall(test_initcall_irqs_restored);

static int __init test_blacklist_a(void)
{
	return 0;
}
device_initcall(test_blacklist_a);

static int __init test_blacklist_b(void)
{
	return 0;
}
device_initcall(test_blacklist_b);
