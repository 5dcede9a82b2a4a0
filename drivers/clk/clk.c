/* The clock framework's core: the providers the clock drivers register,
 * finding a consumer's clock from its "clocks" specifier, fixed-rate
 * oscillators, and enabling, rates and phases along the parent chain.
 *
 * Rates are not cached: every clk_get_rate() reads the registers up the
 * chain (a handful of clocks deep), so a rate set by the boot loader or
 * changed behind the kernel's back is always what is reported.
 * Used from task context only (initcalls, the shell), so it takes no lock. */
#include <kernel/clk-provider.h>
#include <kernel/device.h>
#include <kernel/errno.h>
#include <kernel/slab.h>

#define MAX_CLK_PROVIDERS 8
#define MAX_FIXED_CLOCKS 8

struct clk_provider {
	const struct dtb *dt;
	int node;
	of_clk_get_fn get;
	void *data;
};

static struct clk_provider providers[MAX_CLK_PROVIDERS];
static unsigned int nr_providers;

struct fixed_clock {
	const struct dtb *dt;
	int node;
	struct clk clk;
};

static struct fixed_clock fixed_clocks[MAX_FIXED_CLOCKS];
static unsigned int nr_fixed;

static unsigned long fixed_rate(struct clk *clk, unsigned long parent_rate)
{
	(void)parent_rate;
	return clk->rate;
}

static const struct clk_ops fixed_ops = { .recalc_rate = fixed_rate };

int of_clk_add_provider(const struct dtb *dt, int node, of_clk_get_fn get, void *data)
{
	if (nr_providers == MAX_CLK_PROVIDERS)
		return -ENOSPC;
	providers[nr_providers++] = (struct clk_provider){ dt, node, get, data };
	return 0;
}

/* A "fixed-clock" node's clock, made the first time it is asked for. */
static struct clk *fixed_clock(const struct dtb *dt, int node)
{
	struct fixed_clock *f;
	u32 rate;

	for (unsigned int i = 0; i < nr_fixed; i++)
		if (fixed_clocks[i].dt == dt && fixed_clocks[i].node == node)
			return &fixed_clocks[i].clk;
	if (dtb_get_u32(dt, node, "clock-frequency", &rate))
		return ERR_PTR(-EINVAL);
	if (nr_fixed == MAX_FIXED_CLOCKS)
		return ERR_PTR(-ENOSPC);
	f = &fixed_clocks[nr_fixed++];
	f->dt = dt;
	f->node = node;
	f->clk.ops = &fixed_ops;
	f->clk.rate = rate;
	f->clk.name = dtb_get_string(dt, node, "clock-output-names") ?: dtb_node_name(dt, node);
	return &f->clk;
}

struct clk *of_clk_get_by_name(const struct dtb *dt, int node, const char *id)
{
	struct dtb_phandle_args spec;
	int index = id ? dtb_string_index(dt, node, "clock-names", id) : 0;
	int err;

	if (index < 0)
		return ERR_PTR(-ENOENT);
	err = dtb_parse_phandle_args(dt, node, "clocks", "#clock-cells", index, &spec);
	if (err)
		return ERR_PTR(err);
	for (unsigned int i = 0; i < nr_providers; i++)
		if (providers[i].dt == dt && providers[i].node == spec.node)
			return providers[i].get(&spec, providers[i].data);
	if (dtb_is_compatible(dt, spec.node, "fixed-clock"))
		return fixed_clock(dt, spec.node);
	return ERR_PTR(-EPROBE_DEFER);
}

struct clk *clk_get(struct device *dev, const char *id)
{
	struct clk *clk = of_clk_get_by_name(dev->dt, dev->node, id);

	if (PTR_ERR(clk) == -EPROBE_DEFER)
		dev_err_probe(dev, -EPROBE_DEFER, "clock %s: its provider has not probed",
			      id ?: "0");
	return clk;
}

const char *clk_name(const struct clk *clk)
{
	return clk->name;
}

struct clk *clk_get_parent(struct clk *clk)
{
	return clk->ops->get_parent ? clk->ops->get_parent(clk) : NULL;
}

unsigned long clk_get_parent_rate(struct clk *clk)
{
	struct clk *parent = clk_get_parent(clk);

	return parent ? clk_get_rate(parent) : 0;
}

unsigned long clk_get_rate(struct clk *clk)
{
	return clk->ops->recalc_rate(clk, clk_get_parent_rate(clk));
}

int clk_prepare_enable(struct clk *clk)
{
	struct clk *parent;
	int err;

	if (clk->enable_count++)
		return 0;
	parent = clk_get_parent(clk);
	if (parent && (err = clk_prepare_enable(parent)))
		goto out_uncount;
	if (clk->ops->enable && (err = clk->ops->enable(clk)))
		goto out_parent;
	return 0;

out_parent:
	if (parent)
		clk_disable_unprepare(parent);
out_uncount:
	clk->enable_count--;
	return err;
}

void clk_disable_unprepare(struct clk *clk)
{
	struct clk *parent;

	if (!clk->enable_count || --clk->enable_count)
		return;
	if (clk->ops->disable)
		clk->ops->disable(clk);
	parent = clk_get_parent(clk);
	if (parent)
		clk_disable_unprepare(parent);
}

int clk_set_rate(struct clk *clk, unsigned long rate)
{
	return clk->ops->set_rate ? clk->ops->set_rate(clk, rate) : -EOPNOTSUPP;
}

int clk_set_phase(struct clk *clk, int degrees)
{
	degrees %= 360;
	if (degrees < 0)
		degrees += 360;
	return clk->ops->set_phase ? clk->ops->set_phase(clk, degrees) : -EOPNOTSUPP;
}

int clk_get_phase(struct clk *clk)
{
	return clk->ops->get_phase ? clk->ops->get_phase(clk) : -EOPNOTSUPP;
}
