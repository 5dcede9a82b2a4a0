/* Reset controllers: the providers (CCUs) register their node and
 * operations; a consumer's "resets" specifier <&ccu 49> picks the line. */
#include <kernel/device.h>
#include <kernel/errno.h>
#include <kernel/reset.h>
#include <kernel/slab.h>

#define MAX_RESET_CONTROLLERS 4

struct reset_controller {
	const struct dtb *dt;
	int node;
	const struct reset_control_ops *ops;
	unsigned long nr_resets;
	void *data;
};

struct reset_control {
	const struct reset_controller *rcdev;
	unsigned long id;
};

static struct reset_controller controllers[MAX_RESET_CONTROLLERS];
static unsigned int nr_controllers;

int reset_controller_register(const struct dtb *dt, int node, const struct reset_control_ops *ops,
			      unsigned long nr_resets, void *data)
{
	if (nr_controllers == MAX_RESET_CONTROLLERS)
		return -ENOSPC;
	controllers[nr_controllers++] = (struct reset_controller){ dt, node, ops, nr_resets, data };
	return 0;
}

struct reset_control *reset_control_get(struct device *dev, const char *id)
{
	struct dtb_phandle_args spec;
	struct reset_control *rstc;
	int index = id ? dtb_string_index(dev->dt, dev->node, "reset-names", id) : 0;
	int err;

	if (index < 0)
		return ERR_PTR(-ENOENT);
	err = dtb_parse_phandle_args(dev->dt, dev->node, "resets", "#reset-cells", index, &spec);
	if (err)
		return ERR_PTR(err);
	for (unsigned int i = 0; i < nr_controllers; i++) {
		const struct reset_controller *rcdev = &controllers[i];

		if (rcdev->dt != dev->dt || rcdev->node != spec.node)
			continue;
		if (spec.nargs != 1 || spec.args[0] >= rcdev->nr_resets)
			return ERR_PTR(-EINVAL);
		if (!(rstc = kzalloc(sizeof(*rstc))))
			return ERR_PTR(-ENOMEM);
		rstc->rcdev = rcdev;
		rstc->id = spec.args[0];
		return rstc;
	}
	dev_err_probe(dev, -EPROBE_DEFER, "reset %s: its controller has not probed", id ?: "0");
	return ERR_PTR(-EPROBE_DEFER);
}

int reset_control_assert(struct reset_control *rstc)
{
	return rstc->rcdev->ops->assert(rstc->rcdev->data, rstc->id);
}

int reset_control_deassert(struct reset_control *rstc)
{
	return rstc->rcdev->ops->deassert(rstc->rcdev->data, rstc->id);
}

int reset_control_status(struct reset_control *rstc)
{
	return rstc->rcdev->ops->status ? rstc->rcdev->ops->status(rstc->rcdev->data, rstc->id)
					: -EOPNOTSUPP;
}
