/* The arithmetic of sunxi clock registers: what rate a register value
 * gives, and the dividers that give a wanted rate. Pure code, unit-tested
 * on the host against the formulas and example values of the H3 and A20
 * user manuals (tests/unit/test_ccu.c). */
#include "ccu.h"

u32 ccu_field(u32 reg, u8 f)
{
	return f ? (reg >> (f >> 3)) & ((1u << (f & 7)) - 1) : 0;
}

static u32 field_max(u8 f)
{
	return (1u << (f & 7)) - 1;
}

unsigned int ccu_parent_index(const struct ccu_clk_desc *d, u32 reg)
{
	return ccu_field(reg, d->mux);
}

unsigned long ccu_recalc(const struct ccu_clk_desc *d, u32 reg, unsigned long parent_rate)
{
	u64 rate = parent_rate;

	if (d->flags & CCU_PHASE)
		return parent_rate;
	if (d->prediv_parent && ccu_parent_index(d, reg) == d->prediv_parent - 1u)
		rate /= d->flags & CCU_PREDIV_FIXED ? d->prediv : ccu_field(reg, d->prediv) + 1;
	if (d->n)
		rate *= ccu_field(reg, d->n) + (d->flags & CCU_N_FROM_0 ? 0 : 1);
	if (d->k)
		rate *= ccu_field(reg, d->k) + 1;
	if (d->m)
		rate /= ccu_field(reg, d->m) + 1;
	if (d->p)
		rate >>= ccu_field(reg, d->p) ?: (d->flags & CCU_P_MIN2 ? 1 : 0);
	if (d->flags & CCU_POSTDIV2)
		rate /= 2;
	return (unsigned long)rate;
}

unsigned long ccu_best_mp(const struct ccu_clk_desc *d, unsigned long parent_rate,
			  unsigned long rate, u32 *m, u32 *p)
{
	unsigned long best = 0;

	if (!rate)
		return 0;
	for (u32 pv = 0; pv <= (d->p ? field_max(d->p) : 0); pv++) {
		unsigned long from = parent_rate >> pv;
		u32 mv = (u32)((from + rate - 1) / rate); /* the smallest divider not above rate */

		if (!mv)
			mv = 1;
		if (mv > (d->m ? field_max(d->m) + 1 : 1))
			continue;
		if (from / mv > best) {
			best = from / mv;
			*m = mv - 1;
			*p = pv;
		}
	}
	return best;
}

int ccu_phase_degrees(u32 delay, unsigned long ratio)
{
	if (!delay || !ratio)
		return 180; /* no delay: the edge in the middle */
	return (int)(delay * ((360 + ratio / 2) / ratio));
}

u32 ccu_phase_delay(int degrees, unsigned long ratio, u32 max_delay)
{
	u32 step, delay;

	if (degrees == 180 || !ratio)
		return 0;
	step = (u32)((360 + ratio / 2) / ratio);
	if (!step)
		step = 1;
	delay = ((u32)degrees + step / 2) / step;
	return delay > max_delay ? max_delay : delay;
}
