/* The H3's PRCM clocks (allwinner,sun8i-h3-r-ccu): AR100, AHB0, APB0 and the
 * gates and resets of the R_ blocks (R_PIO, R_IR, R_UART, R_I2C). Numbers are
 * Linux's dt-bindings (clock/sun8i-r-ccu.h, reset/sun8i-r-ccu.h). */
#include "ccu.h"

enum { AR100, AHB0, APB0, APB0_PIO, APB0_IR, APB0_TIMER, APB0_UART = 7, APB0_I2C = 9, APB0_TWD };

#define GATE(id, bit) { id, 0, 0x028, { APB0 }, .gate = (bit) + 1 }

static const struct ccu_clk_desc sun8i_r_clks[] = {
	/* pll-periph goes through the pre-divider in bits 12:8 */
	{ AR100, 0, 0x000, { CCU_LOSC, CCU_HOSC, CCU_PLL_PERIPH, CCU_IOSC }, .mux = F(16, 2),
	  .p = F(4, 2), .prediv = F(8, 5), .prediv_parent = 2 + 1 },
	{ AHB0, 0, 0x000, { AR100 }, .mux = 0 }, /* = AR100 */
	{ APB0, 0, 0x00c, { AHB0 }, .p = F(0, 2) },
	GATE(APB0_PIO, 0),
	GATE(APB0_IR, 1),
	GATE(APB0_TIMER, 2),
	GATE(APB0_UART, 4),
	GATE(APB0_I2C, 6),
	GATE(APB0_TWD, 7),
};

static const struct ccu_reset_desc sun8i_r_resets[] = {
	{ 0, 1, 0x0b0 }, /* RST_APB0_IR */
	{ 1, 2, 0x0b0 }, /* RST_APB0_TIMER */
	{ 3, 4, 0x0b0 }, /* RST_APB0_UART */
	{ 5, 6, 0x0b0 }, /* RST_APB0_I2C */
};

static const struct ccu_desc sun8i_r_ccu_desc = {
	.clks = sun8i_r_clks, .nr_clks = ARRAY_SIZE(sun8i_r_clks),
	.resets = sun8i_r_resets, .nr_resets = ARRAY_SIZE(sun8i_r_resets), .nr_reset_ids = 6,
};

static const struct of_device_id sun8i_r_ccu_ids[] = {
	{ .compatible = "allwinner,sun8i-h3-r-ccu", .data = &sun8i_r_ccu_desc },
	{}
};

static struct platform_driver sun8i_r_ccu_driver = {
	.name = "sun8i-r-ccu",
	.of_match_table = sun8i_r_ccu_ids,
	.probe = sunxi_ccu_probe,
};
module_platform_driver(sun8i_r_ccu_driver);
