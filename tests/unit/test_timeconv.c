/*
 * Host unit tests for the time conversion (kernel/timeconv.c): every field
 * of rtc_time64_to_tm and the value of rtc_tm_to_time64 checked against
 * glibc's gmtime_r and timegm, on every day boundary of 1970..2100 (each
 * day at 00:00:00 and 23:59:59), on random seconds up to 9999-12-31 and on
 * the edges (leap days, century years, the first and last second); and
 * rtc_valid_tm against a reference built from glibc: a broken-down time is
 * valid exactly when timegm leaves every field as it was.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <kernel/rtc.h>

#define LAST_SECOND 253402300799ll /* 9999-12-31 23:59:59 */

static void check_second(long long secs)
{
	time_t t = (time_t)secs;
	struct tm want;
	struct rtc_time got;

	assert_non_null(gmtime_r(&t, &want));
	memset(&got, 0x55, sizeof(got));
	rtc_time64_to_tm(secs, &got);
	assert_int_equal(got.tm_sec, want.tm_sec);
	assert_int_equal(got.tm_min, want.tm_min);
	assert_int_equal(got.tm_hour, want.tm_hour);
	assert_int_equal(got.tm_mday, want.tm_mday);
	assert_int_equal(got.tm_mon, want.tm_mon);
	assert_int_equal(got.tm_year, want.tm_year);
	assert_int_equal(got.tm_wday, want.tm_wday);
	assert_int_equal(got.tm_yday, want.tm_yday);
	assert_int_equal(got.tm_isdst, 0);
	assert_int_equal(rtc_valid_tm(&got), 0);
	assert_true(rtc_tm_to_time64(&got) == secs);
}

static void test_every_day_1970_to_2100(void **state)
{
	(void)state;
	for (long long day = 0; day * 86400 < 4133980800ll; day++) { /* 2101-01-01 */
		check_second(day * 86400);
		check_second(day * 86400 + 86399);
	}
}

static void test_edges(void **state)
{
	static const long long edges[] = {
		0, 1, 59, 60, 3599, 3600, 68169599, /* 1972-02-29 23:59:59 */
		951782400,                          /* 2000-02-29 */
		951868800,                          /* 2000-03-01 */
		1795475739,                         /* 2026-11-23 23:15:39 */
		2019686399,                         /* 2033-12-31 23:59:59: the H3 RTC's last */
		2147483647, 2147483648ll, 4107542400ll, /* 2100-03-01: 2100 is no leap year */
		4294967295ll, 4294967296ll, 13574563200ll, /* 2400-03-01 */
		LAST_SECOND,
	};

	(void)state;
	for (size_t i = 0; i < sizeof(edges) / sizeof(edges[0]); i++)
		check_second(edges[i]);
}

static void test_random_seconds(void **state)
{
	(void)state;
	srandom(14);
	for (int i = 0; i < 200000; i++) {
		long long secs = (((long long)random() << 31) | random()) % (LAST_SECOND + 1);

		check_second(i & 1 ? secs : secs % 4133980800ll);
	}
}

/* Valid exactly when timegm() (which normalises) changes no field. */
static bool valid_by_glibc(const struct rtc_time *tm)
{
	struct tm t = { .tm_sec = tm->tm_sec, .tm_min = tm->tm_min, .tm_hour = tm->tm_hour,
			.tm_mday = tm->tm_mday, .tm_mon = tm->tm_mon, .tm_year = tm->tm_year };

	timegm(&t);
	return t.tm_sec == tm->tm_sec && t.tm_min == tm->tm_min && t.tm_hour == tm->tm_hour &&
	       t.tm_mday == tm->tm_mday && t.tm_mon == tm->tm_mon && t.tm_year == tm->tm_year &&
	       tm->tm_year >= 70 && tm->tm_year <= 9999 - 1900;
}

static void test_validity_against_glibc(void **state)
{
	static const int years[] = { 69, 70, 72, 100, 124, 200, 233, 500, 8099, 8100 };

	(void)state;
	for (size_t y = 0; y < sizeof(years) / sizeof(years[0]); y++)
		for (int mon = -1; mon <= 12; mon++)
			for (int mday = -1; mday <= 32; mday++) {
				struct rtc_time tm = { .tm_mday = mday, .tm_mon = mon, .tm_year = years[y] };

				assert_int_equal(rtc_valid_tm(&tm) == 0, valid_by_glibc(&tm));
				if (!rtc_valid_tm(&tm)) {
					struct tm t = { .tm_mday = mday, .tm_mon = mon, .tm_year = years[y] };

					assert_true(rtc_tm_to_time64(&tm) == (long long)timegm(&t));
				}
			}
	srandom(7);
	for (int i = 0; i < 100000; i++) {
		struct rtc_time tm = { .tm_sec = random() % 64 - 2, .tm_min = random() % 64 - 2,
				       .tm_hour = random() % 27 - 2, .tm_mday = random() % 34 - 1,
				       .tm_mon = random() % 14 - 1, .tm_year = random() % 250 + 60 };

		assert_int_equal(rtc_valid_tm(&tm) == 0, valid_by_glibc(&tm));
	}
}

static void test_month_days(void **state)
{
	(void)state;
	assert_int_equal(rtc_month_days(1, 2024), 29);
	assert_int_equal(rtc_month_days(1, 2026), 28);
	assert_int_equal(rtc_month_days(1, 2000), 29);
	assert_int_equal(rtc_month_days(1, 2100), 28);
	assert_int_equal(rtc_month_days(11, 2026), 31);
	assert_int_equal(rtc_month_days(10, 2026), 30);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_day_1970_to_2100),
		cmocka_unit_test(test_edges),
		cmocka_unit_test(test_random_seconds),
		cmocka_unit_test(test_validity_against_glibc),
		cmocka_unit_test(test_month_days),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
