/* 64-bit by 32-bit division (include/kernel/math64.h). Pure code: also
 * built for the host and unit-tested there (tests/unit/test_div64.c). */
#include <kernel/math64.h>

u64 div_u64_rem(u64 dividend, u32 divisor, u32 *remainder)
{
	u32 hi = (u32)(dividend >> 32), lo = (u32)dividend, r, q3, q2, q1, q0;

	if (!hi) {
		*remainder = lo % divisor;
		return lo / divisor;
	}
	if (divisor >> 16) {
		*remainder = (u32)(dividend % divisor);
		return dividend / divisor;
	}
	/* Long division by 16-bit digits: every partial dividend is below 2^32. */
	q3 = (hi >> 16) / divisor;
	r = (hi >> 16) % divisor;
	q2 = ((r << 16) | (hi & 0xffff)) / divisor;
	r = ((r << 16) | (hi & 0xffff)) % divisor;
	q1 = ((r << 16) | (lo >> 16)) / divisor;
	r = ((r << 16) | (lo >> 16)) % divisor;
	q0 = ((r << 16) | (lo & 0xffff)) / divisor;
	*remainder = ((r << 16) | (lo & 0xffff)) % divisor;
	return ((u64)((q3 << 16) | q2) << 32) | ((q1 << 16) | q0);
}
