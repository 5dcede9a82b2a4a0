/* The driver model: devices come from device tree nodes, drivers say which
 * nodes they handle with an of_match table, and the core binds the two.
 *
 *   static const struct of_device_id foo_of_match[] = {
 *           { .compatible = "vendor,foo" },
 *           { }
 *   };
 *   static struct platform_driver foo_driver = {
 *           .name = "foo", .of_match_table = foo_of_match, .probe = foo_probe,
 *   };
 *   module_platform_driver(foo_driver);          registers it at device level
 *
 * A probe may return -EPROBE_DEFER (best through dev_err_probe(), which keeps
 * the reason): it is tried again whenever another driver binds and a last
 * time at late_initcall(deferred_probe_initcall), which then lists every
 * device left without a driver and why. */
#ifndef KERNEL_DEVICE_H
#define KERNEL_DEVICE_H

#include <kernel/compiler.h>
#include <kernel/err.h>
#include <kernel/linker_lists.h>
#include <kernel/fdt.h>
#include <kernel/init.h>
#include <kernel/of.h>
#include <kernel/printk.h>

struct device;

struct platform_driver {
	const char *name;
	const struct of_device_id *of_match_table; /* ends with an empty entry */
	int (*probe)(struct device *dev);
	bool registered;
};

struct device {
	char name[40];                  /* "1c28000.serial", as Linux names it */
	const struct dtb *dt;
	int node;                       /* its device tree node */
	const struct platform_driver *driver; /* bound driver, or NULL */
	const struct of_device_id *match;
	void *driver_data;
	int probe_result;               /* last probe: 0, an error, or -EPROBE_DEFER */
	char defer_reason[64];
	bool deferred;
};

/* Every platform driver, in link order: the deferred probe retries walk it. */
LL_LIST(platform_drivers, rodata, struct platform_driver *const);

#define __platform_driver_table(drv) static LL_ENTRY(platform_drivers, rodata, drv) = &drv

/* Register drv at the given initcall level (device, like Linux's module_platform_driver). */
#define platform_driver_initcall(drv, level)                                                   \
	__platform_driver_table(drv);                                                          \
	static int __init __concat(drv, _init)(void)                                           \
	{                                                                                      \
		return platform_driver_register(&drv);                                         \
	}                                                                                      \
	level(__concat(drv, _init))

#define module_platform_driver(drv) platform_driver_initcall(drv, device_initcall)
#define builtin_platform_driver(drv) platform_driver_initcall(drv, device_initcall)

int platform_driver_register(struct platform_driver *drv);

/* Create devices for the device tree's nodes (root children and simple-bus children). */
void of_platform_populate(const struct dtb *dt);

/* Interrupt number of the index-th interrupt, -EPROBE_DEFER while its controller has no driver. */
int platform_get_irq(struct device *dev, int index);

/* The registers of the index-th reg entry (at least min_size bytes), or
 * ERR_PTR(-EINVAL) without one, -EFAULT outside device memory (reported). */
void *platform_ioremap(struct device *dev, int index, u32 min_size);

/* For a probe: remember why it defers, or report the error. Returns err. */
int dev_err_probe(struct device *dev, int err, const char *fmt, ...) __printf(3, 4);

/* Linux's dev_printk: "<driver> <device>: message". */
void dev_printk(const char *level, const struct device *dev, const char *fmt, ...) __printf(3, 4);
#define dev_err(dev, fmt, ...) dev_printk(KERN_ERR, dev, fmt, ##__VA_ARGS__)
#define dev_warn(dev, fmt, ...) dev_printk(KERN_WARNING, dev, fmt, ##__VA_ARGS__)
#define dev_info(dev, fmt, ...) dev_printk(KERN_INFO, dev, fmt, ##__VA_ARGS__)
#define dev_dbg(dev, fmt, ...) dev_printk(KERN_DEBUG, dev, fmt, ##__VA_ARGS__)

#endif
