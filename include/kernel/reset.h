/* Reset lines (Linux's reset controller API): a consumer takes the line its
 * node's "resets"/"reset-names" names and takes its device out of reset; a
 * provider (the CCU) registers its node and an assert/deassert function for
 * the line numbers of its "#reset-cells = <1>" specifiers. */
#ifndef KERNEL_RESET_H
#define KERNEL_RESET_H

#include <kernel/err.h>
#include <kernel/fdt.h>

struct device;

struct reset_control_ops {
	int (*assert)(void *data, unsigned long id);
	int (*deassert)(void *data, unsigned long id);
	int (*status)(void *data, unsigned long id); /* 1 asserted, 0 not, -errno */
};

struct reset_control;

/* NULL id: the first line. ERR_PTR(-EPROBE_DEFER) while the provider has
 * not probed, -ENOENT without such a line. */
struct reset_control *reset_control_get(struct device *dev, const char *id);
int reset_control_assert(struct reset_control *rstc);
int reset_control_deassert(struct reset_control *rstc);
int reset_control_status(struct reset_control *rstc);

int reset_controller_register(const struct dtb *dt, int node, const struct reset_control_ops *ops,
			      unsigned long nr_resets, void *data);

#endif
