/* Devices from the device tree, created at arch_initcall_sync like Linux's
 * of_platform_default_populate_init, after the drivers of the earlier levels
 * registered; each device binds as soon as a matching driver exists. */
#include <kernel/device.h>
#include <kernel/errno.h>
#include <asm/setup.h>
#include <kernel/irq.h>
#include <kernel/of.h>

int platform_get_irq(struct device *dev, int index)
{
	int irq = of_irq_get(dev->dt, dev->node, index);

	if (irq == -EPROBE_DEFER)
		dev_err_probe(dev, irq, "interrupt %d: its controller has no driver yet", index);
	return irq;
}

static int __init of_platform_default_populate_init(void)
{
	if (!initial_dt)
		return -ENODEV;
	of_platform_populate(initial_dt);
	return 0;
}
arch_initcall_sync(of_platform_default_populate_init);

void *platform_ioremap(struct device *dev, int index, u32 min_size)
{
	const char *where;
	u64 addr, size;

	if (dtb_read_reg(dev->dt, dev->node, index, &addr, &size) || size < min_size)
		return ERR_PTR(dev_err_probe(dev, -EINVAL, "no usable reg %d", index));
	if (arch_check_mmio(addr, size, &where))
		return ERR_PTR(dev_err_probe(dev, -EFAULT, "registers at 0x%08llx are %s", addr, where));
	return (void *)(unsigned long)addr;
}
