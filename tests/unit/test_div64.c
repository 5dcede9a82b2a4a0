/*
 * Host unit tests for kernel/div64.c: div_u64_rem against the C compiler's
 * own 64-bit division, on its three paths (a dividend that fits 32 bits, a
 * divisor below 2^16 done in 16-bit steps, a larger divisor), at the edges
 * (0, 1, 2^32 - 1, 2^32, 2^64 - 1, divisors 1, 0xffff, 0x10000, 2^32 - 1)
 * and on a million pseudo-random pairs.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <kernel/math64.h>

static void expect(u64 n, u32 d)
{
	u32 rem = 0xdeadbeef;
	u64 q = div_u64_rem(n, d, &rem);

	if (q != n / d || rem != n % d)
		fail_msg("%llu / %u: got %llu rem %u, want %llu rem %llu", (unsigned long long)n, d,
			 (unsigned long long)q, rem, (unsigned long long)(n / d),
			 (unsigned long long)(n % d));
	assert_int_equal(div_u64(n, d), n / d);
}

static void test_edges(void **state)
{
	static const u64 values[] = { 0, 1, 999, 1000, 0xffffffffull, 0x100000000ull, 0x100000001ull,
				      1000000000ull * 4295, 0x7fffffffffffffffull, 0xffffffffffffffffull };
	static const u32 divisors[] = { 1, 2, 10, 1000, 0xffff, 0x10000, 62500000, 1000000000,
					0xffffffffu };

	(void)state;
	for (size_t i = 0; i < sizeof(values) / sizeof(values[0]); i++)
		for (size_t j = 0; j < sizeof(divisors) / sizeof(divisors[0]); j++)
			expect(values[i], divisors[j]);
}

static void test_random(void **state)
{
	u64 x = 0x9e3779b97f4a7c15ull;

	(void)state;
	for (int i = 0; i < 1000000; i++) {
		u32 d;

		x ^= x << 13; /* xorshift64 */
		x ^= x >> 7;
		x ^= x << 17;
		d = (u32)(x >> (i % 3 == 0 ? 32 : i % 3 == 1 ? 48 : 54)) | 1;
		expect(i % 4 ? x : x >> (x & 31), d);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_edges),
		cmocka_unit_test(test_random),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
