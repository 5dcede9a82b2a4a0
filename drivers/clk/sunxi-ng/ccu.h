/* Allwinner clock control units (sunxi-ng in Linux): each SoC's CCU is a
 * table of clocks, described by where their fields sit in their register,
 * and a table of reset lines. ccu.c reads rates from the registers, gates,
 * sets module clock rates and phases, and asserts resets, from the tables
 * alone. Only the clocks initk's drivers use (and their parents) are in the
 * tables; a consumer asking for another gets -ENOENT. */
#ifndef DRIVERS_CLK_SUNXI_NG_CCU_H
#define DRIVERS_CLK_SUNXI_NG_CCU_H

#include <kernel/device.h>
#include <kernel/types.h>

/* A field of a clock register: bits [shift, shift + width), width <= 7. */
#define F(shift, width) ((u8)((shift) << 3 | (width)))

/* Parents that come from the tree (the node's clock-names), not this CCU. */
enum ccu_external { CCU_HOSC = 0xf0, CCU_LOSC, CCU_IOSC, CCU_PLL_PERIPH, CCU_NO_PARENT = 0xff };
#define CCU_NR_EXTERNAL 4

/* Clock ids at or above this are the tables' own, never in a specifier. */
#define CCU_PRIVATE 0xc0

enum ccu_flags {
	CCU_N_FROM_0 = 1 << 0,   /* n multiplies by its value (A10/A20 PLLs), not value + 1 */
	CCU_POSTDIV2 = 1 << 1,   /* the output is halved (PLL_PERIPH) */
	CCU_P_MIN2 = 1 << 2,     /* p's value 0 divides by 2 too (APB: 2, 2, 4, 8) */
	CCU_PREDIV_FIXED = 1 << 3, /* prediv is a divider, not a field */
	CCU_SET_RATE = 1 << 4,   /* module clock: clk_set_rate picks parent, m and p */
	CCU_PHASE = 1 << 5,      /* a delay (the m field) on its parent's clock */
	CCU_PLL_LOCK = 1 << 6,   /* enabling waits for the lock bit, 28 */
};

struct ccu_clk_desc {
	u8 id;          /* its dt-bindings number */
	u8 flags;
	u16 reg;
	u8 parents[4];  /* ids in this table, or enum ccu_external */
	u8 mux;         /* field picking parents[value]; 0: parents[0] */
	u8 n, k;        /* multipliers: value + 1 (n: see CCU_N_FROM_0) */
	u8 m;           /* divider value + 1, or the phase delay field */
	u8 p;           /* divider 2^value */
	u8 gate;        /* bit + 1; 0: none */
	u8 prediv;      /* a divider field (value + 1), or a fixed divider ... */
	u8 prediv_parent; /* ... applied when the mux picks this parent index + 1 */
};

struct ccu_reset_desc {
	u8 id;
	u8 bit;
	u16 reg;
};

struct ccu_desc {
	const struct ccu_clk_desc *clks;
	const struct ccu_reset_desc *resets;
	u8 nr_clks, nr_resets;
	u8 nr_reset_ids; /* the binding's count of reset numbers */
};

/* The value of field f (F(shift, width)) in reg; 0 for no field. */
u32 ccu_field(u32 reg, u8 f);
/* The rate of d with its register holding reg, running from parent_rate
 * (pure: unit-tested against the manuals' formulas). */
unsigned long ccu_recalc(const struct ccu_clk_desc *d, u32 reg, unsigned long parent_rate);
/* The parent index d's register selects. */
unsigned int ccu_parent_index(const struct ccu_clk_desc *d, u32 reg);
/* The m and p values giving the highest rate <= rate from parent_rate;
 * returns that rate, 0 when none is reachable. */
unsigned long ccu_best_mp(const struct ccu_clk_desc *d, unsigned long parent_rate,
			  unsigned long rate, u32 *m, u32 *p);
/* Phase in degrees of delay steps on a clock that is ratio times slower
 * than the clock it counts in; and back. */
int ccu_phase_degrees(u32 delay, unsigned long ratio);
u32 ccu_phase_delay(int degrees, unsigned long ratio, u32 max_delay);

/* The platform driver's probe, for every SoC's table (match data). */
int sunxi_ccu_probe(struct device *dev);

#endif
