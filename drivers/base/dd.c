/* Binding devices to drivers: matching by compatible, probing with Linux's
 * initcall_debug report, and deferred probing. */
#include <kernel/device.h>
#include <kernel/errno.h>
#include <kernel/math64.h>
#include <kernel/of.h>
#include <kernel/sprintf.h>
#include <kernel/string.h>
#include <kernel/time.h>

#define MAX_DEVICES 128

static struct device devices[MAX_DEVICES];
static unsigned int nr_devices;
static bool retrying;

void dev_printk(const char *level, const struct device *dev, const char *fmt, ...)
{
	char text[256];
	va_list args;

	va_start(args, fmt);
	vscnprintf(text, sizeof(text), fmt, args);
	va_end(args);
	printk("%s%s %s: %s", level, dev->driver ? dev->driver->name : "platform", dev->name, text);
}

int dev_err_probe(struct device *dev, int err, const char *fmt, ...)
{
	char text[64];
	va_list args;

	va_start(args, fmt);
	vscnprintf(text, sizeof(text), fmt, args);
	va_end(args);
	if (err == -EPROBE_DEFER)
		strlcpy(dev->defer_reason, text, sizeof(dev->defer_reason));
	else
		dev_err(dev, "error %d: %s", err, text);
	return err;
}

static const struct of_device_id *match_device(const struct platform_driver *drv,
					       const struct device *dev)
{
	return of_match_node(drv->of_match_table, dev->dt, dev->node);
}

static void retry_deferred(void);

static int really_probe(struct device *dev, const struct platform_driver *drv,
			const struct of_device_id *id)
{
	unsigned long long start = local_clock();
	int ret;

	dev->driver = drv;
	dev->match = id;
	dev->defer_reason[0] = '\0';
	ret = drv->probe(dev);
	if (initcall_debug)
		printk(KERN_DEBUG "probe of %s returned %d after %lld usecs\n", dev->name, ret,
		       (long long)div_u64(local_clock() - start, 1000));
	dev->probe_result = ret;
	if (ret) {
		dev->driver = NULL;
		dev->match = NULL;
		dev->deferred = ret == -EPROBE_DEFER;
		return ret;
	}
	dev->deferred = false;
	retry_deferred(); /* what waited for this device may go now */
	return 0;
}

/* Try the deferred devices again until a round binds nothing new. */
static void retry_deferred(void)
{
	bool progress = true;

	if (retrying)
		return; /* the outer loop goes round again */
	retrying = true;
	while (progress) {
		progress = false;
		for (unsigned int i = 0; i < nr_devices; i++) {
			struct device *dev = &devices[i];
			const struct platform_driver *drv;

			if (!dev->deferred)
				continue;
			ll_foreach(platform_drivers, p) {
				const struct of_device_id *id;

				drv = *p;
				if (!drv->registered || !(id = match_device(drv, dev)))
					continue;
				if (!really_probe(dev, drv, id))
					progress = true;
				break;
			}
		}
	}
	retrying = false;
}

static void attach(struct device *dev)
{
	ll_foreach(platform_drivers, p) {
		const struct of_device_id *id;

		if (!(*p)->registered || !(id = match_device(*p, dev)))
			continue;
		really_probe(dev, *p, id);
		return;
	}
}

int platform_driver_register(struct platform_driver *drv)
{
	drv->registered = true;
	for (unsigned int i = 0; i < nr_devices; i++) {
		struct device *dev = &devices[i];
		const struct of_device_id *id;

		if (dev->driver || dev->deferred || !(id = match_device(drv, dev)))
			continue;
		really_probe(dev, drv, id);
	}
	return 0;
}

/* "1c28000.serial" for serial@1c28000, the node name for nodes without reg. */
static void make_name(struct device *dev)
{
	const char *node_name = dtb_node_name(dev->dt, dev->node);
	const char *at = strchr(node_name, '@');
	int len = at ? (int)(at - node_name) : (int)strlen(node_name);
	u64 addr, size;

	if (!dtb_read_reg(dev->dt, dev->node, 0, &addr, &size))
		scnprintf(dev->name, sizeof(dev->name), "%llx.%.*s", addr, len, node_name);
	else
		scnprintf(dev->name, sizeof(dev->name), "%.*s", len, node_name);
}

static void add_device(const struct dtb *dt, int node)
{
	struct device *dev;

	if (nr_devices == MAX_DEVICES) {
		pr_err("OF: too many devices, ignoring %s\n", dtb_node_name(dt, node));
		return;
	}
	dev = &devices[nr_devices++];
	dev->dt = dt;
	dev->node = node;
	make_name(dev);
	attach(dev);
}

static bool is_bus(const struct dtb *dt, int node)
{
	return dtb_is_compatible(dt, node, "simple-bus") || dtb_is_compatible(dt, node, "simple-mfd");
}

static void populate_children(const struct dtb *dt, int parent)
{
	for (int node = dtb_first_child(dt, parent); node >= 0; node = dtb_next_sibling(dt, node)) {
		if (!dtb_node_is_available(dt, node) || !dtb_get_property(dt, node, "compatible", NULL) ||
		    of_node_claimed(dt, node))
			continue;
		add_device(dt, node);
		if (is_bus(dt, node))
			populate_children(dt, node);
	}
}

void of_platform_populate(const struct dtb *dt)
{
	int root = dtb_path_offset(dt, "/");

	if (root >= 0)
		populate_children(dt, root);
}

/* Last call for deferred probes, then say what never bound and why. */
static int __init deferred_probe_initcall(void)
{
	retry_deferred();
	for (unsigned int i = 0; i < nr_devices; i++) {
		struct device *dev = &devices[i];

		if (dev->driver || is_bus(dev->dt, dev->node))
			continue;
		if (dev->deferred)
			dev_info(dev, "deferred probe pending: %s\n",
				 dev->defer_reason[0] ? dev->defer_reason : "no reason given");
		else if (dev->probe_result)
			dev_info(dev, "probe failed with error %d (%s)\n", dev->probe_result,
				 errname(dev->probe_result) ?: "?");
		else
			dev_dbg(dev, "no driver\n");
	}
	return 0;
}
late_initcall(deferred_probe_initcall);
