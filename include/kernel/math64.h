/* 64-bit by 32-bit division without libgcc's __aeabi_uldivmod (hundreds of
 * instructions) in the common cases: a dividend that fits 32 bits, or a
 * divisor below 2^16 (1000 for ns -> us -> ms -> s), done in 16-bit steps
 * by the Cortex-A7's hardware divide. Linux's name and meaning. */
#ifndef KERNEL_MATH64_H
#define KERNEL_MATH64_H

#include <kernel/types.h>

u64 div_u64_rem(u64 dividend, u32 divisor, u32 *remainder);

static inline u64 div_u64(u64 dividend, u32 divisor)
{
	u32 remainder;

	return div_u64_rem(dividend, divisor, &remainder);
}

#endif
