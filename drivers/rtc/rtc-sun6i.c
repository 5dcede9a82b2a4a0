/* The H3's RTC (Linux's rtc-sun6i: "allwinner,sun8i-h3-rtc"): the date and
 * time (rtc-sunxi.c's registers, at 0x10 and 0x14, years 1970..2033), and
 * the provider of the 32 kHz clocks the CCUs take as "losc" (<&rtc 0>):
 *   0 osc32k      the external crystal (the node's clocks) when LOSC_CTRL
 *                 selects it, else the internal oscillator / 32 / (prescaler + 1)
 *   1 osc32k-out  osc32k at the output pin (its gate, LOSC_OUT_GATING, left
 *                 as the boot loader set it)
 *   2 iosc        the internal RC oscillator, 16 MHz as Linux takes it */
#include <asm/io.h>
#include <kernel/clk-provider.h>
#include <kernel/device.h>
#include <kernel/errno.h>
#include <kernel/slab.h>

#include "rtc-sunxi.h"

#define SUN6I_LOSC_CTRL_KEY (0x16aau << 16) /* unlocks a write */
#define SUN6I_LOSC_CTRL_EXT_OSC (1u << 0)
#define SUN6I_LOSC_CLK_PRESCAL 0x08
#define SUN8I_H3_IOSC_RATE 16000000
#define SUN8I_H3_IOSC_FIXED_DIV 32

enum { OSC32K, OSC32K_OUT, IOSC, NR_CLKS };

struct sun6i_rtc {
	struct sunxi_rtc rtc;
	struct clk *ext_osc32k; /* NULL without one */
	struct clk clks[NR_CLKS];
};

static const char *const clk_names[NR_CLKS] = { "osc32k", "osc32k-out", "iosc" };

static struct sun6i_rtc *rtc_of(struct clk *clk)
{
	return clk->provider_data;
}

static bool external_selected(struct sun6i_rtc *rtc)
{
	return readl(rtc->rtc.base + SUNXI_LOSC_CTRL) & SUN6I_LOSC_CTRL_EXT_OSC;
}

static struct clk *sun6i_clk_get_parent(struct clk *clk)
{
	struct sun6i_rtc *rtc = rtc_of(clk);

	if (clk->index == OSC32K)
		return external_selected(rtc) ? rtc->ext_osc32k : &rtc->clks[IOSC];
	return clk->index == OSC32K_OUT ? &rtc->clks[OSC32K] : NULL;
}

static unsigned long sun6i_clk_recalc_rate(struct clk *clk, unsigned long parent_rate)
{
	struct sun6i_rtc *rtc = rtc_of(clk);

	if (clk->index == IOSC)
		return SUN8I_H3_IOSC_RATE;
	if (clk->index == OSC32K && !external_selected(rtc))
		return parent_rate / SUN8I_H3_IOSC_FIXED_DIV /
		       ((readl(rtc->rtc.base + SUN6I_LOSC_CLK_PRESCAL) & 0x1f) + 1);
	return parent_rate;
}

static const struct clk_ops sun6i_rtc_clk_ops = {
	.get_parent = sun6i_clk_get_parent,
	.recalc_rate = sun6i_clk_recalc_rate,
};

static struct clk *sun6i_clk_xlate(const struct dtb_phandle_args *spec, void *data)
{
	struct sun6i_rtc *rtc = data;

	if (spec->nargs != 1 || spec->args[0] >= NR_CLKS)
		return ERR_PTR(-EINVAL);
	return &rtc->clks[spec->args[0]];
}

static int sun6i_rtc_probe(struct device *dev)
{
	u8 *base = platform_ioremap(dev, 0, 0x18);
	struct sun6i_rtc *rtc;
	struct clk *ext;
	int err;

	if (IS_ERR(base))
		return PTR_ERR(base);
	rtc = kzalloc(sizeof(*rtc));
	if (!rtc)
		return -ENOMEM;
	rtc->rtc = (struct sunxi_rtc){ .base = base, .date_reg = 0x10, .time_reg = 0x14,
				       .year_mask = 0x3f, .leap_shift = 22 };
	ext = of_clk_get_by_name(dev->dt, dev->node, NULL);
	if (!IS_ERR(ext)) {
		/* As Linux does: run from the crystal when the board has one. */
		rtc->ext_osc32k = ext;
		writel(SUN6I_LOSC_CTRL_KEY | SUN6I_LOSC_CTRL_EXT_OSC, base + SUNXI_LOSC_CTRL);
	}
	for (unsigned int i = 0; i < NR_CLKS; i++)
		rtc->clks[i] = (struct clk){ .ops = &sun6i_rtc_clk_ops, .name = clk_names[i],
					     .provider_data = rtc, .index = i };
	err = of_clk_add_provider(dev->dt, dev->node, sun6i_clk_xlate, rtc);
	if (err) {
		kfree(rtc);
		return err;
	}
	err = rtc_register(dev, &sunxi_rtc_ops, &rtc->rtc); /* the clocks stay */
	if (err)
		return err;
	dev_info(dev, "RTC enabled\n");
	return 0;
}

static const struct of_device_id sun6i_rtc_of_match[] = {
	{ .compatible = "allwinner,sun8i-h3-rtc" },
	{}
};

static struct platform_driver sun6i_rtc_driver = {
	.name = "sun6i-rtc",
	.of_match_table = sun6i_rtc_of_match,
	.probe = sun6i_rtc_probe,
};
module_platform_driver(sun6i_rtc_driver);
