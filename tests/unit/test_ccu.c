/* Host tests of the sunxi clock arithmetic and the SoC tables: the rates the
 * H3 and A20 user manuals give for their registers' reset values and for
 * chosen settings, the dividers picked for the MMC rates, and the phase
 * steps. The tables are the drivers' own, found through their platform
 * drivers' match data (linked in, walked like the kernel walks them). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "../../drivers/clk/sunxi-ng/ccu.h"

int sunxi_ccu_probe(struct device *dev)
{
	(void)dev;
	return 0;
}

int platform_driver_register(struct platform_driver *drv)
{
	(void)drv;
	return 0;
}

static const struct ccu_desc *table(const char *driver)
{
	ll_foreach(platform_drivers, p)
		if (!strcmp((*p)->name, driver))
			return (*p)->of_match_table[0].data;
	fail_msg("no driver %s", driver);
	return NULL;
}

static const struct ccu_clk_desc *clock(const char *driver, unsigned int id)
{
	const struct ccu_desc *d = table(driver);

	for (unsigned int i = 0; i < d->nr_clks; i++)
		if (d->clks[i].id == id)
			return &d->clks[i];
	fail_msg("%s has no clock %u", driver, id);
	return NULL;
}

#define MHZ 1000000ul

/* H3 manual 4.3.5: reset values and formulas of the PLLs and buses. */
static void test_h3_reset_values(void **state)
{
	(void)state;
	/* PLL_CPUX_CTRL_REG 0x00001000: 24 MHz * N(16+1) * K(1) / (M(1) * P(1)) = 408 MHz */
	assert_int_equal(ccu_recalc(clock("sun8i-h3-ccu", 0), 0x00001000, 24 * MHZ), 408 * MHZ);
	/* PLL_PERIPH0_CTRL_REG 0x00041811: 24 MHz * N(24+1) * K(1+1) / 2 = 600 MHz */
	assert_int_equal(ccu_recalc(clock("sun8i-h3-ccu", 9), 0x00041811, 24 * MHZ), 600 * MHZ);
	/* APB2_CFG_REG 0x01000000: OSC24M, M = 1, N = 1 */
	assert_int_equal(ccu_parent_index(clock("sun8i-h3-ccu", 18), 0x01000000), 1);
	assert_int_equal(ccu_recalc(clock("sun8i-h3-ccu", 18), 0x01000000, 24 * MHZ), 24 * MHZ);
	/* AHB1_APB1_CFG_REG 0x00001010: OSC24M / 2 = 12 MHz; APB1 = AHB1 / 2 (ratio 0 is /2) */
	assert_int_equal(ccu_parent_index(clock("sun8i-h3-ccu", 16), 0x00001010), 1);
	assert_int_equal(ccu_recalc(clock("sun8i-h3-ccu", 16), 0x00001010, 24 * MHZ), 12 * MHZ);
	assert_int_equal(ccu_recalc(clock("sun8i-h3-ccu", 17), 0x00001010, 12 * MHZ), 6 * MHZ);
}

static void test_h3_settings(void **state)
{
	(void)state;
	/* PLL_CPUX at 1008 MHz: N = 21 (20), K = 2 (1), M = 1, P = 1 */
	assert_int_equal(ccu_recalc(clock("sun8i-h3-ccu", 0), 0x80000000 | 20 << 8 | 1 << 4, 24 * MHZ),
			 1008 * MHZ);
	/* with P = 4 (value 2) and M = 2 (value 1): 1008 / 8 */
	assert_int_equal(ccu_recalc(clock("sun8i-h3-ccu", 0), 20 << 8 | 1 << 4 | 2 << 16 | 1,
				    24 * MHZ),
			 126 * MHZ);
	/* N is five bits: value 31 is the largest, 24 * 32 = 768 MHz with K = 1 */
	assert_int_equal(ccu_recalc(clock("sun8i-h3-ccu", 0), 0xffu << 8, 24 * MHZ), 768 * MHZ);
	/* AHB1 from PLL_PERIPH0 (3) with pre-divider 3 (value 2) and ratio 1: 200 MHz */
	assert_int_equal(ccu_recalc(clock("sun8i-h3-ccu", 16), 3 << 12 | 2 << 6, 600 * MHZ),
			 200 * MHZ);
	/* the pre-divider does not apply to the other inputs */
	assert_int_equal(ccu_recalc(clock("sun8i-h3-ccu", 16), 1 << 12 | 2 << 6, 24 * MHZ), 24 * MHZ);
	/* APB1 ratios 1, 2, 3: /2, /4, /8 */
	assert_int_equal(ccu_recalc(clock("sun8i-h3-ccu", 17), 1 << 8, 200 * MHZ), 100 * MHZ);
	assert_int_equal(ccu_recalc(clock("sun8i-h3-ccu", 17), 2 << 8, 200 * MHZ), 50 * MHZ);
	assert_int_equal(ccu_recalc(clock("sun8i-h3-ccu", 17), 3 << 8, 200 * MHZ), 25 * MHZ);
	/* SDMMC0_CLK_REG from PLL_PERIPH0 (1), N = 2 (1), M = 6 (5): 50 MHz */
	assert_int_equal(ccu_parent_index(clock("sun8i-h3-ccu", 71), 1u << 31 | 1 << 24 | 1 << 16 | 5),
			 1);
	assert_int_equal(ccu_recalc(clock("sun8i-h3-ccu", 71), 1u << 31 | 1 << 24 | 1 << 16 | 5,
				    600 * MHZ),
			 50 * MHZ);
	/* sample and output delays pass the MMC clock's rate through */
	assert_int_equal(ccu_recalc(clock("sun8i-h3-ccu", 72), 7 << 20, 50 * MHZ), 50 * MHZ);
}

/* The MMC rates Linux's sunxi-mmc asks for, and what the dividers give. */
static void test_mmc_dividers(void **state)
{
	const struct ccu_clk_desc *mmc = clock("sun8i-h3-ccu", 71);
	u32 m = 99, p = 99;

	(void)state;
	assert_int_equal(ccu_best_mp(mmc, 24 * MHZ, 400000, &m, &p), 400000);
	assert_int_equal(m, 14);
	assert_int_equal(p, 2); /* 24 MHz / 4 / 15 */
	assert_int_equal(ccu_best_mp(mmc, 600 * MHZ, 52 * MHZ, &m, &p), 50 * MHZ);
	assert_int_equal(m, 11);
	assert_int_equal(p, 0);
	assert_int_equal(ccu_best_mp(mmc, 600 * MHZ, 25 * MHZ, &m, &p), 25 * MHZ);
	/* never above the rate asked for */
	assert_true(ccu_best_mp(mmc, 600 * MHZ, 33 * MHZ, &m, &p) <= 33 * MHZ);
	/* M is four bits (at most 16): 600 / 19 is out of reach, 600 / 2 / 10 is next */
	assert_int_equal(ccu_best_mp(mmc, 600 * MHZ, 33 * MHZ, &m, &p), 30 * MHZ);
	/* nothing that slow: 600 MHz / 8 / 16 is the least */
	assert_int_equal(ccu_best_mp(mmc, 600 * MHZ, 1000, &m, &p), 0);
	assert_int_equal(ccu_best_mp(mmc, 600 * MHZ, 0, &m, &p), 0);
	/* faster than the parent: the parent undivided */
	assert_int_equal(ccu_best_mp(mmc, 24 * MHZ, 100 * MHZ, &m, &p), 24 * MHZ);
	assert_int_equal(m, 0);
	assert_int_equal(p, 0);
}

static void test_phases(void **state)
{
	(void)state;
	/* the MMC clock 24 times slower than the PLL: 15 degree steps; 0 is 180 */
	assert_int_equal(ccu_phase_delay(90, 24, 7), 6);
	assert_int_equal(ccu_phase_degrees(6, 24), 90);
	assert_int_equal(ccu_phase_delay(180, 24, 7), 0);
	assert_int_equal(ccu_phase_degrees(0, 24), 180);
	/* 12 times: 30 degree steps; 120 -> 4 */
	assert_int_equal(ccu_phase_delay(120, 12, 7), 4);
	/* more than the field holds: the largest delay */
	assert_int_equal(ccu_phase_delay(270, 24, 7), 7);
	/* no ratio known (parent rate 0): the default edge */
	assert_int_equal(ccu_phase_delay(90, 0, 7), 0);
}

/* A20 manual 1.4 (CCU): reset values, and the fixed pre-dividers. */
static void test_a20(void **state)
{
	const struct ccu_desc *a20 = table("sun4i-a10-ccu");
	const struct ccu_clk_desc *cpu = NULL, *periph = NULL, *ahb = NULL;

	(void)state;
	for (unsigned int i = 0; i < a20->nr_clks; i++) {
		if (a20->clks[i].reg == 0x054 && a20->clks[i].mux == F(16, 2))
			cpu = &a20->clks[i];
		if (a20->clks[i].reg == 0x028)
			periph = &a20->clks[i];
		if (a20->clks[i].reg == 0x054 && a20->clks[i].mux == F(6, 2))
			ahb = &a20->clks[i];
	}
	assert_non_null(cpu);
	assert_non_null(periph);
	assert_non_null(ahb);
	/* PLL6_CFG_REG 0x21009911: 24 MHz * N(25) * K(1+1) / 2 = 600 MHz */
	assert_int_equal(ccu_recalc(periph, 0x21009911, 24 * MHZ), 600 * MHZ);
	/* PLL1_CFG_REG 0x21005000: 24 MHz * N(16) = 384 MHz */
	assert_int_equal(ccu_recalc(clock("sun4i-a10-ccu", CCU_PRIVATE), 0x21005000, 24 * MHZ),
			 384 * MHZ);
	/* CPU from PLL6 (3): through /3 */
	assert_int_equal(ccu_recalc(cpu, 3 << 16, 600 * MHZ), 200 * MHZ);
	assert_int_equal(ccu_recalc(cpu, 2 << 16, 384 * MHZ), 384 * MHZ);
	/* AHB from PLL6 (1): /2, then the ratio (value 1: /2) */
	assert_int_equal(ccu_recalc(ahb, 1 << 6 | 1 << 4, 600 * MHZ), 150 * MHZ);
	/* the UART gates hang from APB1 */
	assert_int_equal(clock("sun4i-a10-ccu", 88)->gate, 16 + 1);
	assert_int_equal(clock("sun4i-a10-ccu", 88 + 7)->gate, 23 + 1);
}

/* The R_CCU's AR100 from pll-periph (2) with its 5-bit pre-divider. */
static void test_r_ccu(void **state)
{
	const struct ccu_clk_desc *ar100 = clock("sun8i-r-ccu", 0);

	(void)state;
	/* pre-divider 6 (value 5), ratio 2 (value 1): 600 / 6 / 2 = 50 MHz */
	assert_int_equal(ccu_recalc(ar100, 2 << 16 | 5 << 8 | 1 << 4, 600 * MHZ), 50 * MHZ);
	/* from hosc (1) the pre-divider is not used */
	assert_int_equal(ccu_recalc(ar100, 1 << 16 | 5 << 8, 24 * MHZ), 24 * MHZ);
	assert_int_equal(clock("sun8i-r-ccu", 7)->gate, 4 + 1); /* APB0_UART: bit 4 */
}

/* Every table: gates and fields inside 32 bits, parents that exist. */
static void test_tables_consistent(void **state)
{
	static const char *const drivers[] = { "sun8i-h3-ccu", "sun8i-r-ccu", "sun4i-a10-ccu" };

	(void)state;
	for (unsigned int t = 0; t < 3; t++) {
		const struct ccu_desc *d = table(drivers[t]);

		for (unsigned int i = 0; i < d->nr_clks; i++) {
			const struct ccu_clk_desc *c = &d->clks[i];
			const u8 fields[] = { c->mux, c->n, c->k, c->m, c->p };

			assert_true(c->gate <= 32);
			for (unsigned int f = 0; f < 5; f++)
				assert_true((fields[f] >> 3) + (fields[f] & 7) <= 32);
			for (unsigned int p = 0; p < 4; p++) {
				bool found = c->parents[p] >= CCU_HOSC || (!p && !c->parents[p] && !c->id);

				for (unsigned int j = 0; j < d->nr_clks && !found; j++)
					found = d->clks[j].id == c->parents[p] && j != i;
				if (p && !c->mux)
					break;
				assert_true(found);
			}
			for (unsigned int j = 0; j < i; j++)
				assert_int_not_equal(d->clks[j].id, c->id);
		}
		for (unsigned int i = 0; i < d->nr_resets; i++)
			assert_true(d->resets[i].id < d->nr_reset_ids && d->resets[i].bit < 32);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_h3_reset_values), cmocka_unit_test(test_h3_settings),
		cmocka_unit_test(test_mmc_dividers),    cmocka_unit_test(test_phases),
		cmocka_unit_test(test_a20),             cmocka_unit_test(test_r_ccu),
		cmocka_unit_test(test_tables_consistent),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
