/*
 * Host unit tests for the date command's text (kernel/shell/date.c): the
 * line date prints against glibc's strftime with BusyBox's default format
 * "%a %b %e %H:%M:%S UTC %Y" (and ctime's, for hwclock), and date -s's
 * parser on random times written in each BusyBox form (what a form leaves
 * out comes from "now": its date, midnight), against timegm; out-of-range
 * fields and junk are refused.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <kernel/date.h>
#include <kernel/errno.h>

#include "kallsyms_table.h"

/* kernel/vsprintf.c (date's formatting) links kallsyms for %pS: no symbols. */
KALLSYMS_TEST_TABLE();

static long long random_second(void)
{
	return (((long long)random() << 31) | random()) % 253402300800ll;
}

static void test_format_against_strftime(void **state)
{
	(void)state;
	srandom(1);
	for (int i = 0; i < 100000; i++) {
		long long secs = i < 10 ? i * 86400 * 37 : random_second();
		time_t t = secs;
		struct tm tm;
		char want[64], got[64];

		gmtime_r(&t, &tm);
		strftime(want, sizeof(want), "%a %b %e %H:%M:%S UTC %Y", &tm);
		assert_int_equal(date_format(got, sizeof(got), secs, "UTC "), strlen(want));
		assert_string_equal(got, want);
		strftime(want, sizeof(want), "%a %b %e %H:%M:%S %Y", &tm); /* ctime's, no newline */
		date_format(got, sizeof(got), secs, "");
		assert_string_equal(got, want);
	}
	char small[8];
	date_format(small, sizeof(small), 0, "UTC ");
	assert_string_equal(small, "Thu Jan");
}

/* One form written out for tm (first: the first field it has, 'Y', 'm'
 * or 'H', the others following in that order); what the parse must give. */
static void check_form(char first, const char *fmt, const struct tm *tm, long long now,
		       struct tm want)
{
	char text[64];
	long long got = -1;

	if (first == 'Y')
		snprintf(text, sizeof(text), fmt, tm->tm_year + 1900, tm->tm_mon + 1, tm->tm_mday,
			 tm->tm_hour, tm->tm_min, tm->tm_sec);
	else if (first == 'm')
		snprintf(text, sizeof(text), fmt, tm->tm_mon + 1, tm->tm_mday, tm->tm_hour, tm->tm_min,
			 tm->tm_sec);
	else
		snprintf(text, sizeof(text), fmt, tm->tm_hour, tm->tm_min, tm->tm_sec);
	assert_int_equal(date_parse(text, now, &got), 0);
	assert_true(got == (long long)timegm(&want));
}

static void test_parse_each_form(void **state)
{
	(void)state;
	srandom(2);
	for (int i = 0; i < 50000; i++) {
		long long secs = random_second(), now = random_second();
		time_t t = secs, n = now;
		struct tm tm, today, w;

		gmtime_r(&t, &tm);
		gmtime_r(&n, &today);
		w = tm; /* full forms */
		check_form('Y', "%u-%u-%u %u:%u:%u", &tm, now, w);
		check_form('Y', "%u.%u.%u-%u:%u:%u", &tm, now, w);
		w.tm_sec = 0;
		check_form('Y', "%u-%u-%u %u:%u", &tm, now, w);
		check_form('Y', "%u.%u.%u-%u:%u", &tm, now, w);
		w.tm_min = 0;
		check_form('Y', "%u-%u-%u %u", &tm, now, w);
		w.tm_hour = 0;
		check_form('Y', "%u-%u-%u", &tm, now, w);
		w = tm; /* the year from now: only when that day exists then */
		w.tm_year = today.tm_year;
		if (!(tm.tm_mon == 1 && tm.tm_mday == 29)) {
			check_form('m', "%u.%u-%u:%u:%u", &tm, now, w);
			w.tm_sec = 0;
			check_form('m', "%u.%u-%u:%u", &tm, now, w);
		}
		w = today; /* the date from now */
		w.tm_hour = tm.tm_hour;
		w.tm_min = tm.tm_min;
		w.tm_sec = tm.tm_sec;
		check_form('H', "%u:%u:%u", &tm, now, w);
		w.tm_sec = 0;
		check_form('H', "%u:%u", &tm, now, w);
	}
}

static void test_parse_examples(void **state)
{
	static const char *const bad[] = {
		"xyz", "", " ", "10", "10:", ":10", "10:00:", "10:00:00:00", "10:00 ", " 10:00",
		"2026-12-02 ", "2026-12-02 10:", "2026-12", "2026-12-02T10:00:00", "2026-13-01",
		"2026-00-01", "2026-02-29", "2026-04-31", "2026-12-00", "1969-12-31 23:59:59",
		"10000-01-01", "24:00", "23:60", "23:59:60", "-1:00", "+10:00", "@1795475739",
		"2026-12-02 10:00:00x", "12.32-10:00", "99999999999999999999:00",
	};
	long long now = 1795475739, got; /* Mon Nov 23 23:15:39 UTC 2026 */

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(date_parse(bad[i], now, &got), -EINVAL);
	assert_int_equal(date_parse("2026-12-02 10:00:00", now, &got), 0);
	assert_true(got == 1796205600);
	assert_int_equal(date_parse("10:11", now, &got), 0);
	assert_true(got == 1795475739 - (23 * 3600 + 15 * 60 + 39) + 10 * 3600 + 11 * 60);
	assert_int_equal(date_parse("2024-02-29", now, &got), 0);
	assert_true(got == 1709164800);
	assert_int_equal(date_parse("1970-01-01 00:00", now, &got), 0);
	assert_true(got == 0);
	assert_int_equal(date_parse("9999-12-31 23:59:59", now, &got), 0);
	assert_true(got == 253402300799ll);
	assert_int_equal(date_parse("0002026-012-002 010:000", now, &got), 0); /* %u reads zeros */
	assert_true(got == 1796205600);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_format_against_strftime),
		cmocka_unit_test(test_parse_each_form),
		cmocka_unit_test(test_parse_examples),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
