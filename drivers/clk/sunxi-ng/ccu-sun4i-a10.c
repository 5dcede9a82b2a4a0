/* The A20's CCU (allwinner,sun7i-a20-ccu; Linux's ccu-sun4i-a10.c drives A10
 * and A20): the PLLs, CPU and bus clocks under the UARTs and MMC
 * controllers, their gates and module clocks. The A20 has no reset lines
 * for these. Numbers are Linux's dt-bindings (clock/sun7i-a20-ccu.h and
 * sun4i-a10-ccu.h); layouts from the A20 user manual 1.4. */
#include "ccu.h"

enum {
	AHB_MMC0 = 34, APB1_UART0 = 88, MMC0 = 98,
	/* not referenced by trees: this table's own numbers */
	PLL_CORE = CCU_PRIVATE, PLL_PERIPH, PLL_DDR_OTHER, CPU, AXI, AHB, APB1,
};

#define GATE(id, reg, bit, parent) { id, 0, reg, { parent }, .gate = (bit) + 1 }
#define MMC(n, reg)                                                                            \
	{ MMC0 + 3 * (n), CCU_SET_RATE, reg, { CCU_HOSC, PLL_PERIPH, PLL_DDR_OTHER, CCU_NO_PARENT }, \
	  .mux = F(24, 2), .m = F(0, 4), .p = F(16, 2), .gate = 32 },                          \
	{ MMC0 + 3 * (n) + 1, CCU_PHASE, reg, { MMC0 + 3 * (n) }, .m = F(8, 3) },  /* output */ \
	{ MMC0 + 3 * (n) + 2, CCU_PHASE, reg, { MMC0 + 3 * (n) }, .m = F(20, 3) }  /* sample */

static const struct ccu_clk_desc sun7i_a20_clks[] = {
	{ PLL_CORE, CCU_N_FROM_0, 0x000, { CCU_HOSC }, .n = F(8, 5), .k = F(4, 2), .m = F(0, 2),
	  .p = F(16, 2), .gate = 32 },
	/* pll-periph: the base PLL (24 MHz * N * K) halved */
	{ PLL_PERIPH, CCU_N_FROM_0 | CCU_POSTDIV2, 0x028, { CCU_HOSC }, .n = F(8, 5), .k = F(4, 2),
	  .gate = 32 },
	/* pll-ddr-other: the DDR PLL (24 MHz * N * K) over 2^P */
	{ PLL_DDR_OTHER, CCU_N_FROM_0, 0x020, { CCU_HOSC }, .n = F(8, 5), .k = F(4, 2),
	  .p = F(16, 2) },
	/* pll-periph through a fixed /3 */
	{ CPU, CCU_PREDIV_FIXED, 0x054, { CCU_LOSC, CCU_HOSC, PLL_CORE, PLL_PERIPH }, .mux = F(16, 2),
	  .prediv = 3, .prediv_parent = 3 + 1 },
	{ AXI, 0, 0x054, { CPU }, .m = F(0, 2) },
	/* the first pll-periph input through a fixed /2 */
	{ AHB, CCU_PREDIV_FIXED, 0x054, { AXI, PLL_PERIPH, PLL_PERIPH, CCU_NO_PARENT },
	  .mux = F(6, 2), .p = F(4, 2), .prediv = 2, .prediv_parent = 1 + 1 },
	{ APB1, 0, 0x058, { CCU_HOSC, PLL_PERIPH, CCU_LOSC, CCU_NO_PARENT }, .mux = F(24, 2),
	  .m = F(0, 5), .p = F(16, 2) },
	GATE(AHB_MMC0, 0x060, 8, AHB),
	GATE(AHB_MMC0 + 1, 0x060, 9, AHB),
	GATE(AHB_MMC0 + 2, 0x060, 10, AHB),
	GATE(AHB_MMC0 + 3, 0x060, 11, AHB),
	GATE(APB1_UART0, 0x06c, 16, APB1),
	GATE(APB1_UART0 + 1, 0x06c, 17, APB1),
	GATE(APB1_UART0 + 2, 0x06c, 18, APB1),
	GATE(APB1_UART0 + 3, 0x06c, 19, APB1),
	GATE(APB1_UART0 + 4, 0x06c, 20, APB1),
	GATE(APB1_UART0 + 5, 0x06c, 21, APB1),
	GATE(APB1_UART0 + 6, 0x06c, 22, APB1),
	GATE(APB1_UART0 + 7, 0x06c, 23, APB1),
	MMC(0, 0x088),
	MMC(1, 0x08c),
	MMC(2, 0x090),
	MMC(3, 0x094),
};

static const struct ccu_desc sun7i_a20_ccu_desc = {
	.clks = sun7i_a20_clks, .nr_clks = ARRAY_SIZE(sun7i_a20_clks),
};

static const struct of_device_id sun7i_a20_ccu_ids[] = {
	{ .compatible = "allwinner,sun7i-a20-ccu", .data = &sun7i_a20_ccu_desc },
	{}
};

static struct platform_driver sun4i_a10_ccu_driver = {
	.name = "sun4i-a10-ccu",
	.of_match_table = sun7i_a20_ccu_ids,
	.probe = sunxi_ccu_probe,
};
module_platform_driver(sun4i_a10_ccu_driver);
