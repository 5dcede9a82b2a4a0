/* A test consumer of the clock and reset framework (node initk,test-clk-consumer
 * in the test tree, with clocks of the H3 CCU). Its driver registers at
 * subsys level, before the CCU's (device level), so its first probe must
 * defer and the retry after the CCU binds must succeed; the probe then
 * sets module clock rates and phases and checks what the registers say. */
#include <kernel/clk.h>
#include <kernel/device.h>
#include <kernel/errno.h>
#include <kernel/ktest.h>
#include <kernel/of.h>
#include <kernel/reset.h>

static int clk_consumer_result = -ENODEV;

static int check_rate(struct clk *clk, unsigned long want, unsigned long expect)
{
	int err = clk_set_rate(clk, want);
	unsigned long got = clk_get_rate(clk);

	printk("# mmc clock: asked %lu Hz, got %lu Hz (%d)\n", want, got, err);
	return !err && got == expect ? 0 : -EINVAL;
}

static int clk_consumer_probe(struct device *dev)
{
	struct clk *mmc = clk_get(dev, "mmc"), *uart, *output, *missing;
	struct reset_control *rst;
	int err = 0;

	if (IS_ERR(mmc))
		return PTR_ERR(mmc); /* -EPROBE_DEFER the first time */
	uart = clk_get(dev, "uart");
	output = clk_get(dev, "output");
	missing = clk_get(dev, "unsupported");
	rst = reset_control_get(dev, NULL);
	if (IS_ERR(uart) || IS_ERR(output) || IS_ERR(rst) || PTR_ERR(missing) != -ENOENT) {
		clk_consumer_result = -ENOENT;
		return 0;
	}
	printk("# uart clock %lu Hz, mmc clock %lu Hz\n", clk_get_rate(uart), clk_get_rate(mmc));
	err |= clk_get_rate(uart) == 24000000 ? 0 : -EINVAL;
	err |= check_rate(mmc, 400000, 400000);     /* osc24M / 4 / 15 */
	err |= check_rate(mmc, 52000000, 50000000); /* pll-periph0 600 MHz / 12 */
	err |= check_rate(mmc, 25000000, 25000000);
	err |= clk_set_rate(mmc, 1000) == -EINVAL ? 0 : -EINVAL; /* below every divider */
	err |= clk_set_phase(output, 90);
	printk("# output phase %d degrees at %lu Hz\n", clk_get_phase(output), clk_get_rate(mmc));
	err |= clk_get_phase(output) == 90 ? 0 : -EINVAL; /* 24 steps of 15 degrees */
	err |= clk_prepare_enable(mmc);
	err |= reset_control_deassert(rst);
	err |= reset_control_status(rst) == 0 ? 0 : -EINVAL;
	clk_consumer_result = err ? -EINVAL : 0;
	return 0;
}

static const struct of_device_id clk_consumer_match[] = { { .compatible = "initk,test-clk-consumer" },
							  {} };
static struct platform_driver test_clk_consumer_driver = {
	.name = "test-clk-consumer", .of_match_table = clk_consumer_match, .probe = clk_consumer_probe,
};
platform_driver_initcall(test_clk_consumer_driver, subsys_initcall);

static int test_clock_consumer(void)
{
	if (!initial_dt || dtb_next_compatible(initial_dt, -1, "initk,test-clk-consumer") < 0)
		return KTEST_SKIP;
	return clk_consumer_result;
}
KTEST(test_clock_consumer);
