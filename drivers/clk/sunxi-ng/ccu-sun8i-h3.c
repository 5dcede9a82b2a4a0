/* The H3's main CCU (allwinner,sun8i-h3-ccu): the PLLs, CPU and bus clocks
 * the UARTs and MMC controllers hang from, their gates, module clocks and
 * reset lines. Numbers are Linux's dt-bindings (clock/sun8i-h3-ccu.h,
 * reset/sun8i-h3-ccu.h); register layouts from the H3 user manual 4.3. */
#include "ccu.h"

enum {
	PLL_CPUX = 0, PLL_PERIPH0 = 9, PLL_PERIPH1 = 12, CPUX = 14, AXI, AHB1, APB1, APB2,
	BUS_MMC0 = 22, BUS_UART0 = 62, MMC0 = 71,
};

#define GATE(id, reg, bit, parent) { id, 0, reg, { parent }, .gate = (bit) + 1 }
#define MMC(n, reg)                                                                            \
	{ MMC0 + 3 * (n), CCU_SET_RATE, reg, { CCU_HOSC, PLL_PERIPH0, PLL_PERIPH1, CCU_NO_PARENT }, \
	  .mux = F(24, 2), .m = F(0, 4), .p = F(16, 2), .gate = 32 },                          \
	{ MMC0 + 3 * (n) + 1, CCU_PHASE, reg, { MMC0 + 3 * (n) }, .m = F(20, 3) }, /* sample */ \
	{ MMC0 + 3 * (n) + 2, CCU_PHASE, reg, { MMC0 + 3 * (n) }, .m = F(8, 3) }   /* output */

static const struct ccu_clk_desc sun8i_h3_clks[] = {
	{ PLL_CPUX, CCU_PLL_LOCK, 0x000, { CCU_HOSC }, .n = F(8, 5), .k = F(4, 2), .m = F(0, 2),
	  .p = F(16, 2), .gate = 32 },
	{ PLL_PERIPH0, CCU_PLL_LOCK | CCU_POSTDIV2, 0x028, { CCU_HOSC }, .n = F(8, 5), .k = F(4, 2),
	  .gate = 32 },
	{ PLL_PERIPH1, CCU_PLL_LOCK | CCU_POSTDIV2, 0x044, { CCU_HOSC }, .n = F(8, 5), .k = F(4, 2),
	  .gate = 32 },
	{ CPUX, 0, 0x050, { CCU_LOSC, CCU_HOSC, PLL_CPUX, PLL_CPUX }, .mux = F(16, 2) },
	{ AXI, 0, 0x050, { CPUX }, .m = F(0, 2) },
	/* pll-periph0 goes through its own pre-divider (bits 7:6) */
	{ AHB1, 0, 0x054, { CCU_LOSC, CCU_HOSC, AXI, PLL_PERIPH0 }, .mux = F(12, 2), .p = F(4, 2),
	  .prediv = F(6, 2), .prediv_parent = 3 + 1 },
	{ APB1, CCU_P_MIN2, 0x054, { AHB1 }, .p = F(8, 2) },
	{ APB2, 0, 0x058, { CCU_LOSC, CCU_HOSC, PLL_PERIPH0, PLL_PERIPH0 }, .mux = F(24, 2),
	  .m = F(0, 5), .p = F(16, 2) },
	GATE(BUS_MMC0, 0x060, 8, AHB1),
	GATE(BUS_MMC0 + 1, 0x060, 9, AHB1),
	GATE(BUS_MMC0 + 2, 0x060, 10, AHB1),
	GATE(BUS_UART0, 0x06c, 16, APB2),
	GATE(BUS_UART0 + 1, 0x06c, 17, APB2),
	GATE(BUS_UART0 + 2, 0x06c, 18, APB2),
	GATE(BUS_UART0 + 3, 0x06c, 19, APB2),
	MMC(0, 0x088),
	MMC(1, 0x08c),
	MMC(2, 0x090),
};

static const struct ccu_reset_desc sun8i_h3_resets[] = {
	{ 7, 8, 0x2c0 },   /* RST_BUS_MMC0..2 */
	{ 8, 9, 0x2c0 },
	{ 9, 10, 0x2c0 },
	{ 49, 16, 0x2d8 }, /* RST_BUS_UART0..3 */
	{ 50, 17, 0x2d8 },
	{ 51, 18, 0x2d8 },
	{ 52, 19, 0x2d8 },
};

static const struct ccu_desc sun8i_h3_ccu_desc = {
	.clks = sun8i_h3_clks, .nr_clks = ARRAY_SIZE(sun8i_h3_clks),
	.resets = sun8i_h3_resets, .nr_resets = ARRAY_SIZE(sun8i_h3_resets), .nr_reset_ids = 54,
};

static const struct of_device_id sun8i_h3_ccu_ids[] = {
	{ .compatible = "allwinner,sun8i-h3-ccu", .data = &sun8i_h3_ccu_desc },
	{}
};

static struct platform_driver sun8i_h3_ccu_driver = {
	.name = "sun8i-h3-ccu",
	.of_match_table = sun8i_h3_ccu_ids,
	.probe = sunxi_ccu_probe,
};
module_platform_driver(sun8i_h3_ccu_driver);
