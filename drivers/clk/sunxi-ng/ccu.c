/* The CCU platform driver shared by every sunxi SoC: registers the table's
 * clocks as one provider (<&ccu ID>) and its reset lines as one reset
 * controller (<&ccu RST>). Parents outside the CCU (hosc, losc, iosc,
 * pll-periph) come from the node's clock-names; only hosc is required, the
 * others (the RTC's 32 kHz clock, say) are looked up when first needed. */
#include <asm/io.h>
#include <kernel/clk-provider.h>
#include <kernel/errno.h>
#include <kernel/reset.h>
#include <kernel/slab.h>
#include <kernel/time.h>

#include "ccu.h"

#define PLL_LOCK (1u << 28)
#define PLL_LOCK_TIMEOUT_US 1000

struct sunxi_ccu {
	u8 *base;
	const struct dtb *dt;
	int node;
	const struct ccu_desc *desc;
	struct clk *external[CCU_NR_EXTERNAL];
	struct clk clks[];
};

static const char *const external_names[CCU_NR_EXTERNAL] = { "hosc", "losc", "iosc", "pll-periph" };

static struct sunxi_ccu *ccu_of(struct clk *clk)
{
	return clk->provider_data;
}

static const struct ccu_clk_desc *desc_of(struct clk *clk)
{
	return &ccu_of(clk)->desc->clks[clk->index];
}

static u32 ccu_read(struct clk *clk)
{
	return readl(ccu_of(clk)->base + desc_of(clk)->reg);
}

static void ccu_write(struct clk *clk, u32 value)
{
	writel(value, ccu_of(clk)->base + desc_of(clk)->reg);
}

/* This CCU's clock with that id, or NULL. */
static struct clk *ccu_find(struct sunxi_ccu *ccu, unsigned int id)
{
	for (unsigned int i = 0; i < ccu->desc->nr_clks; i++)
		if (ccu->desc->clks[i].id == id)
			return &ccu->clks[i];
	return NULL;
}

static struct clk *ccu_parent(struct sunxi_ccu *ccu, u8 code)
{
	struct clk **ext;

	if (code < CCU_HOSC)
		return ccu_find(ccu, code);
	if (code == CCU_NO_PARENT)
		return NULL;
	ext = &ccu->external[code - CCU_HOSC];
	if (!*ext) {
		struct clk *clk = of_clk_get_by_name(ccu->dt, ccu->node, external_names[code - CCU_HOSC]);

		if (IS_ERR(clk))
			return NULL; /* not in the tree, or its provider not there (yet) */
		*ext = clk;
	}
	return *ext;
}

static struct clk *ccu_get_parent(struct clk *clk)
{
	const struct ccu_clk_desc *d = desc_of(clk);
	unsigned int index = ccu_parent_index(d, d->mux ? ccu_read(clk) : 0);

	return index < 4 ? ccu_parent(ccu_of(clk), d->parents[index]) : NULL;
}

static unsigned long ccu_recalc_rate(struct clk *clk, unsigned long parent_rate)
{
	return ccu_recalc(desc_of(clk), ccu_read(clk), parent_rate);
}

static int ccu_enable(struct clk *clk)
{
	const struct ccu_clk_desc *d = desc_of(clk);
	u32 value = ccu_read(clk), bit = d->gate ? 1u << (d->gate - 1) : 0;
	unsigned long long deadline;

	if (!bit || (value & bit))
		return 0;
	ccu_write(clk, value | bit);
	if (!(d->flags & CCU_PLL_LOCK))
		return 0;
	deadline = local_clock() + PLL_LOCK_TIMEOUT_US * 1000ull;
	while (!(ccu_read(clk) & PLL_LOCK))
		if (local_clock() > deadline) {
			pr_err("ccu: %s did not lock\n", clk->name);
			return -ETIMEDOUT;
		}
	return 0;
}

static void ccu_disable(struct clk *clk)
{
	const struct ccu_clk_desc *d = desc_of(clk);

	if (d->gate)
		ccu_write(clk, ccu_read(clk) & ~(1u << (d->gate - 1)));
}

static void set_field(u32 *reg, u8 f, u32 value)
{
	u32 mask = ((1u << (f & 7)) - 1) << (f >> 3);

	if (f)
		*reg = (*reg & ~mask) | ((value << (f >> 3)) & mask);
}

/* A module clock: the parent, m and p giving the highest rate <= rate. */
static int ccu_set_rate(struct clk *clk, unsigned long rate)
{
	const struct ccu_clk_desc *d = desc_of(clk);
	unsigned long best = 0;
	u32 best_m = 0, best_p = 0, best_index = 0, value;

	if (!(d->flags & CCU_SET_RATE))
		return -EOPNOTSUPP;
	for (unsigned int i = 0; i < 4; i++) {
		struct clk *parent = ccu_parent(ccu_of(clk), d->parents[i]);
		u32 m, p;
		unsigned long got;

		if (!parent || (i && d->parents[i] == d->parents[i - 1]))
			continue;
		got = ccu_best_mp(d, clk_get_rate(parent), rate, &m, &p);
		if (got > best) {
			best = got;
			best_m = m;
			best_p = p;
			best_index = i;
		}
	}
	if (!best)
		return -EINVAL;
	value = ccu_read(clk);
	set_field(&value, d->mux, best_index);
	set_field(&value, d->m, best_m);
	set_field(&value, d->p, best_p);
	ccu_write(clk, value);
	return 0;
}

/* The parent's rate over its own parent's (the PLL the delay counts in). */
static unsigned long phase_ratio(struct clk *clk)
{
	struct clk *parent = clk_get_parent(clk);
	unsigned long rate = parent ? clk_get_rate(parent) : 0;

	return rate ? clk_get_parent_rate(parent) / rate : 0;
}

static int ccu_get_phase(struct clk *clk)
{
	const struct ccu_clk_desc *d = desc_of(clk);

	if (!(d->flags & CCU_PHASE))
		return -EOPNOTSUPP;
	return ccu_phase_degrees(ccu_field(ccu_read(clk), d->m), phase_ratio(clk));
}

static int ccu_set_phase(struct clk *clk, int degrees)
{
	const struct ccu_clk_desc *d = desc_of(clk);
	u32 value;

	if (!(d->flags & CCU_PHASE))
		return -EOPNOTSUPP;
	value = ccu_read(clk);
	set_field(&value, d->m, ccu_phase_delay(degrees, phase_ratio(clk), (1u << (d->m & 7)) - 1));
	ccu_write(clk, value);
	return 0;
}

static const struct clk_ops ccu_ops = {
	.get_parent = ccu_get_parent,
	.recalc_rate = ccu_recalc_rate,
	.enable = ccu_enable,
	.disable = ccu_disable,
	.set_rate = ccu_set_rate,
	.get_phase = ccu_get_phase,
	.set_phase = ccu_set_phase,
};

static struct clk *ccu_xlate(const struct dtb_phandle_args *spec, void *data)
{
	struct clk *clk = spec->nargs == 1 && spec->args[0] < CCU_PRIVATE ? ccu_find(data, spec->args[0])
									  : NULL;

	return clk ?: ERR_PTR(-ENOENT);
}

static const struct ccu_reset_desc *reset_of(struct sunxi_ccu *ccu, unsigned long id)
{
	for (unsigned int i = 0; i < ccu->desc->nr_resets; i++)
		if (ccu->desc->resets[i].id == id)
			return &ccu->desc->resets[i];
	return NULL;
}

/* A reset line's bit is 0 while the block is held in reset. */
static int ccu_reset_update(void *data, unsigned long id, bool release)
{
	const struct ccu_reset_desc *r = reset_of(data, id);
	u8 *reg;

	if (!r)
		return -EOPNOTSUPP;
	reg = ((struct sunxi_ccu *)data)->base + r->reg;
	writel(release ? readl(reg) | 1u << r->bit : readl(reg) & ~(1u << r->bit), reg);
	return 0;
}

static int ccu_reset_assert(void *data, unsigned long id)
{
	return ccu_reset_update(data, id, false);
}

static int ccu_reset_deassert(void *data, unsigned long id)
{
	return ccu_reset_update(data, id, true);
}

static int ccu_reset_status(void *data, unsigned long id)
{
	const struct ccu_reset_desc *r = reset_of(data, id);

	return r ? !(readl(((struct sunxi_ccu *)data)->base + r->reg) & 1u << r->bit) : -EOPNOTSUPP;
}

static const struct reset_control_ops ccu_reset_ops = {
	.assert = ccu_reset_assert,
	.deassert = ccu_reset_deassert,
	.status = ccu_reset_status,
};

int sunxi_ccu_probe(struct device *dev)
{
	const struct ccu_desc *desc = dev->match->data;
	struct sunxi_ccu *ccu;
	struct clk *hosc = of_clk_get_by_name(dev->dt, dev->node, "hosc");
	u8 *base;
	int err;

	if (IS_ERR(hosc))
		return dev_err_probe(dev, PTR_ERR(hosc), "no hosc clock");
	base = platform_ioremap(dev, 0, 0x100);
	if (IS_ERR(base))
		return PTR_ERR(base);
	ccu = kzalloc(sizeof(*ccu) + desc->nr_clks * sizeof(struct clk));
	if (!ccu)
		return -ENOMEM;
	ccu->base = base;
	ccu->dt = dev->dt;
	ccu->node = dev->node;
	ccu->desc = desc;
	ccu->external[0] = hosc;
	for (unsigned int i = 0; i < desc->nr_clks; i++)
		ccu->clks[i] = (struct clk){ .ops = &ccu_ops, .provider_data = ccu, .index = i };
	err = of_clk_add_provider(dev->dt, dev->node, ccu_xlate, ccu);
	if (!err && desc->nr_resets)
		err = reset_controller_register(dev->dt, dev->node, &ccu_reset_ops, desc->nr_reset_ids, ccu);
	if (err) /* not freed: the clock provider may be registered and in use */
		return dev_err_probe(dev, err, "too many clock or reset providers");
	dev->driver_data = ccu;
	return 0;
}
