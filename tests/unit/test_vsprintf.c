/*
 * Host unit tests for the kernel's printf engine (kernel/vsprintf.c), with
 * kernel/kallsyms.c behind %pS and %ps.
 *
 * Expected strings follow the C standard's printf rules; each one marked
 * "standard" is also formatted by the host C library (vasprintf, which this
 * program does not override) to show that the expectation itself is right.
 * The few kernel rules are checked against fixed strings only:
 *   %#x of 0 is "0x0", plain %p is zero-padded hex without "0x",
 *   %pS is "name+0xoff/0xsize" ("0x%08lx" outside every symbol), %ps the name.
 * Every case is formatted into buffers of every size from 0 to past its
 * length, each allocated to exactly that size, so AddressSanitizer catches
 * a write past the end and the truncation rules are checked everywhere.
 */
#define _GNU_SOURCE /* vasprintf */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <kernel/kallsyms.h>
#include <kernel/sprintf.h>

#include "kallsyms_table.h"

/* The symbol table behind %pS: three functions with a gap after the second. */
KALLSYMS_TEST_TABLE(
	KSYM(0x1000, 0x40, "start_kernel")
	KSYM(0x1040, 0x20, "con_init")
	KSYM(0x1100, 0x224, "do_one_initcall"));

/*
 * GCC knows snprintf and friends as builtins and may compute their result at
 * compile time; calling through volatile pointers makes sure the kernel's code runs.
 */
static int (*volatile kernel_snprintf)(char *, size_t, const char *, ...) = snprintf;
static int (*volatile kernel_scnprintf)(char *, size_t, const char *, ...) = scnprintf;

enum check_libc { KERNEL_RULE, STANDARD };

static void fail_case(int line, const char *fmt, size_t size, const char *what, const char *got,
		      const char *want)
{
	print_error("format \"%s\", size %zu: %s: got \"%s\", want \"%s\"\n", fmt, size, what, got,
		    want);
	_fail(__FILE__, line);
}

/* What a call left in the buffer, copied so the buffer can be freed before failing. */
struct result {
	int ret;
	char text[256];
};

static void call_into(char *buf, size_t size, bool counting, const char *fmt, va_list args,
		      struct result *r)
{
	va_list copy;

	memset(buf, '#', size ? size : 1);
	va_copy(copy, args);
	if (counting)
		r->ret = vscnprintf(buf, size, fmt, copy);
	else
		r->ret = vsnprintf(size ? buf : NULL, size, fmt, copy);
	va_end(copy);
	/* Size 0: nothing may be written, so the sentinel must still be there. */
	if (!size)
		strcpy(r->text, buf[0] == '#' ? "" : "(written to a 0-byte buffer)");
	else if (memchr(buf, '\0', size) && strlen(buf) < sizeof(r->text))
		strcpy(r->text, buf);
	else
		strcpy(r->text, "(not NUL-terminated)");
}

/* One vsnprintf and one vscnprintf call with a buffer of exactly `size` bytes. */
static void check_size(int line, const char *want, size_t size, const char *fmt, va_list args)
{
	size_t len = strlen(want), kept = size ? (len < size ? len : size - 1) : 0;
	char *buf = malloc(size ? size : 1);
	struct result full, counted;
	char number[64];

	assert_non_null(buf);
	call_into(buf, size, false, fmt, args, &full);
	call_into(buf, size, true, fmt, args, &counted);
	free(buf);

	if (full.ret != (int)len) {
		sprintf(number, "%d (want %zu)", full.ret, len);
		fail_case(line, fmt, size, "vsnprintf returned", number, want);
	}
	if (strlen(full.text) != kept || strncmp(full.text, want, kept))
		fail_case(line, fmt, size, "vsnprintf wrote", full.text, want);
	if (counted.ret != (int)kept) {
		sprintf(number, "%d (want %zu)", counted.ret, kept);
		fail_case(line, fmt, size, "vscnprintf returned", number, want);
	}
	if (strlen(counted.text) != kept || strncmp(counted.text, want, kept))
		fail_case(line, fmt, size, "vscnprintf wrote", counted.text, want);
}

static __noinline void expect_format(int line, enum check_libc check, const char *want,
				     const char *fmt, ...)
{
	size_t len = strlen(want);
	va_list args;

	va_start(args, fmt);
	for (size_t size = 0; size <= len + 2; size++)
		check_size(line, want, size, fmt, args);
	/* and with room to spare for the longest symbol %pS can print */
	for (size_t size = len + KSYM_SYMBOL_LEN - 2; size <= len + KSYM_SYMBOL_LEN + 2; size++)
		check_size(line, want, size, fmt, args);
	if (check == STANDARD) {
		char *libc;
		va_list copy;

		va_copy(copy, args);
		assert_true(vasprintf(&libc, fmt, copy) >= 0);
		va_end(copy);
		if (strcmp(libc, want))
			fail_case(line, fmt, 0, "the C library disagrees with the test", libc, want);
		free(libc);
	}
	va_end(args);
}

#define EXPECT(want, fmt, ...) expect_format(__LINE__, STANDARD, want, fmt, ##__VA_ARGS__)
#define EXPECT_KERNEL(want, fmt, ...) expect_format(__LINE__, KERNEL_RULE, want, fmt, ##__VA_ARGS__)

static void test_plain_text_and_percent(void **state)
{
	(void)state;
	EXPECT("", "");
	EXPECT("hello, world", "hello, world");
	EXPECT("100%", "100%%");
	EXPECT("%d", "%%d");
	EXPECT("a1b-2c", "a%db%dc", 1, -2);
}

static void test_signed_decimal(void **state)
{
	(void)state;
	EXPECT("0", "%d", 0);
	EXPECT("42", "%d", 42);
	EXPECT("-42", "%i", -42);
	EXPECT("2147483647", "%d", INT_MAX);
	EXPECT("-2147483648", "%d", INT_MIN);
	EXPECT("-2147483648", "%i", INT_MIN);
	EXPECT("9223372036854775807", "%lld", LLONG_MAX);
	EXPECT("-9223372036854775808", "%lld", LLONG_MIN);
	EXPECT("-9223372036854775808", "%lli", LLONG_MIN);
	EXPECT("-1", "%ld", -1L);
	if (sizeof(long) == 8)
		EXPECT("-9223372036854775808", "%ld", LONG_MIN);
	else
		EXPECT("-2147483648", "%ld", LONG_MIN);
}

static void test_unsigned_conversions(void **state)
{
	(void)state;
	EXPECT("4294967295", "%u", UINT_MAX);
	EXPECT("4294967295", "%u", -1);
	EXPECT("ffffffff", "%x", UINT_MAX);
	EXPECT("80000000", "%x", INT_MIN);
	EXPECT("deadbeef", "%x", 0xdeadbeefU);
	EXPECT("DEADBEEF", "%X", 0xdeadbeefU);
	EXPECT("0", "%x", 0);
	EXPECT("17", "%o", 15);
	EXPECT("0", "%o", 0);
	EXPECT("37777777777", "%o", UINT_MAX);
	EXPECT("18446744073709551615", "%llu", ULLONG_MAX);
	EXPECT("ffffffffffffffff", "%llx", ULLONG_MAX);
	EXPECT("FFFFFFFFFFFFFFFF", "%llX", ULLONG_MAX);
	EXPECT("1777777777777777777777", "%llo", ULLONG_MAX);
	EXPECT("123456789abcdef0", "%llx", 0x123456789abcdef0ULL);
	EXPECT("4294967296", "%llu", 1ULL << 32);
}

static void test_length_modifiers(void **state)
{
	(void)state;
	/* hh and h convert the promoted int back to char / short. */
	EXPECT("44", "%hhd", 300);
	EXPECT("-1", "%hhd", 255);
	EXPECT("-128", "%hhi", 128);
	EXPECT("255", "%hhu", -1);
	EXPECT("ff", "%hhx", -1);
	EXPECT("377", "%hho", -1);
	EXPECT("4464", "%hd", 70000);
	EXPECT("-32768", "%hd", 32768);
	EXPECT("65535", "%hu", -1);
	EXPECT("FFFF", "%hX", -1);
	/* l and ll take the whole argument. */
	EXPECT("ffffffff", "%lx", 0xffffffffUL);
	EXPECT("4294967295", "%lu", 4294967295UL);
	EXPECT("-5000000000", "%lld", -5000000000LL);
	EXPECT("12a05f200", "%llx", 5000000000ULL);
	/* z and t: size_t and ptrdiff_t. */
	EXPECT("12345", "%zu", (size_t)12345);
	EXPECT("-1", "%zd", (ptrdiff_t)-1);
	EXPECT("-5", "%td", (ptrdiff_t)-5);
	EXPECT("ff", "%tx", (ptrdiff_t)255);
	if (sizeof(size_t) == 8) {
		EXPECT("18446744073709551615", "%zu", SIZE_MAX);
		EXPECT("ffffffffffffffff", "%zx", SIZE_MAX);
	} else {
		EXPECT("4294967295", "%zu", SIZE_MAX);
	}
	/* A narrow argument does not leak into the next one. */
	EXPECT("1 2 3", "%hhd %hd %d", 1, 2, 3);
	EXPECT("1 2 3", "%lld %d %llu", 1LL, 2, 3ULL);
}

static void test_width_and_alignment(void **state)
{
	(void)state;
	EXPECT("   42", "%5d", 42);
	EXPECT("42   |", "%-5d|", 42);
	EXPECT("  -42", "%5d", -42);
	EXPECT("12345", "%3d", 12345);
	EXPECT("00042", "%05d", 42);
	EXPECT("-0042", "%05d", -42);
	EXPECT("+0042", "%+05d", 42);
	EXPECT("-42  |", "%-05d|", -42); /* '-' overrides '0' */
	EXPECT("0000ff", "%06x", 255);
	EXPECT("    ab", "%6x", 0xab);
	EXPECT("     hi", "%7s", "hi");
	EXPECT("hi     |", "%-7s|", "hi");
	EXPECT("  x", "%3c", 'x');
	EXPECT("x  |", "%-3c|", 'x');
	EXPECT("A", "%c", 'A');
	EXPECT("     -9223372036854775808", "%25lld", LLONG_MIN);
	EXPECT("18446744073709551615    |", "%-24llu|", ULLONG_MAX);
}

static void test_precision(void **state)
{
	(void)state;
	EXPECT("007", "%.3d", 7);
	EXPECT("-007", "%.3d", -7);
	EXPECT("  007", "%5.3d", 7);
	EXPECT("     007", "%08.3d", 7); /* '0' is ignored with a precision */
	EXPECT("12345", "%.3d", 12345);
	EXPECT("00ff", "%.4x", 255);
	EXPECT("", "%.0d", 0);           /* precision 0 and value 0: no digits */
	EXPECT("    ", "%4.0u", 0);
	EXPECT("", "%.0x", 0);
	EXPECT("5", "%.0d", 5);
	EXPECT("hel", "%.3s", "hello");
	EXPECT("  hel", "%5.3s", "hello");
	EXPECT("hel  |", "%-5.3s|", "hello");
	EXPECT("hello", "%.10s", "hello");
	EXPECT("", "%.0s", "hello");
	EXPECT("", "%.s", "hello");
}

static void test_precision_does_not_read_past_it(void **state)
{
	/* Not NUL-terminated: only `precision` bytes may be read. */
	char *text = malloc(4);

	(void)state;
	assert_non_null(text);
	memcpy(text, "abcd", 4);
	EXPECT("abcd", "%.4s", text);
	EXPECT("ab", "%.*s", 2, text);
	free(text);
}

static void test_star_width_and_precision(void **state)
{
	(void)state;
	EXPECT("   42", "%*d", 5, 42);
	EXPECT("42   |", "%*d|", -5, 42); /* negative width: left aligned */
	EXPECT("007", "%.*d", 3, 7);
	EXPECT("7", "%.*d", -1, 7); /* negative precision: as if none */
	EXPECT("00007", "%05.*d", -1, 7); /* so '0' applies */
	EXPECT("  007", "%*.*d", 5, 3, 7);
	EXPECT("ab   |", "%-*.*s|", 5, 2, "abc");
	EXPECT("abc", "%.*s", -1, "abc");
	EXPECT("[  x] [3]", "[%*c] [%d]", 3, 'x', 3);
}

static void test_sign_flags(void **state)
{
	(void)state;
	EXPECT("+5", "%+d", 5);
	EXPECT("-5", "%+d", -5);
	EXPECT("+0", "%+d", 0);
	EXPECT(" 5", "% d", 5);
	EXPECT("-5", "% d", -5);
	EXPECT("+5", "%+ d", 5); /* '+' wins over ' ' */
	EXPECT("+5", "% +d", 5);
	EXPECT("  +5", "%+4d", 5);
	EXPECT("+5  |", "%-+4d|", 5);
	EXPECT(" 005", "% 04d", 5);
	EXPECT("+9223372036854775807", "%+lld", LLONG_MAX);
	/* '+' and ' ' mean nothing for unsigned conversions. */
	EXPECT("5", "%+u", 5);
	EXPECT("5", "% u", 5);
	EXPECT("ff", "%+x", 255);
	EXPECT("FF", "% X", 255);
	EXPECT("17", "%+o", 15);
}

static void test_alternate_form(void **state)
{
	(void)state;
	EXPECT("0xff", "%#x", 255);
	EXPECT("0XFF", "%#X", 255);
	EXPECT("0x0000ff", "%#08x", 255);
	EXPECT("      0xff", "%#10x", 255);
	EXPECT("0xff      |", "%-#10x|", 255);
	EXPECT("0x00ff", "%#.4x", 255);
	EXPECT("0xffffffffffffffff", "%#llx", ULLONG_MAX);
	EXPECT("017", "%#o", 15);
	EXPECT("0", "%#o", 0);
	EXPECT("010", "%#.3o", 8); /* the precision already gives the leading 0 */
	EXPECT("  010", "%#5.3o", 8);
	EXPECT("0010", "%#.4o", 8);
	EXPECT("00000017", "%#08o", 15);
	EXPECT("0", "%#.0o", 0);
	EXPECT("01777777777777777777777", "%#llo", ULLONG_MAX);
	/* Kernel rule (Linux): the prefix is printed for 0 too; the C library prints "0". */
	EXPECT_KERNEL("0x0", "%#x", 0);
	EXPECT_KERNEL("0X0", "%#X", 0);
	EXPECT_KERNEL("  0x0", "%#5x", 0);
}

static void test_strings_and_null(void **state)
{
	(void)state;
	EXPECT("abc", "%s", "abc");
	EXPECT("", "%s", "");
	EXPECT("a-b", "%s-%s", "a", "b");
	EXPECT_KERNEL("(null)", "%s", (char *)NULL);
	EXPECT_KERNEL("  (null)", "%8s", (char *)NULL);
	EXPECT_KERNEL("(null)  |", "%-8s|", (char *)NULL);
}

static void test_plain_pointer(void **state)
{
	char want[32];

	(void)state;
	/* Zero-padded hex of the pointer's width, no "0x" (Linux %px). */
	if (sizeof(void *) == 8) {
		EXPECT_KERNEL("0000000000001234", "%p", (void *)0x1234UL);
		EXPECT_KERNEL("0000000000000000", "%p", NULL);
		EXPECT_KERNEL("[00000000deadbeef]", "[%p]", (void *)0xdeadbeefUL);
	} else {
		EXPECT_KERNEL("00001234", "%p", (void *)0x1234UL);
		EXPECT_KERNEL("00000000", "%p", NULL);
		EXPECT_KERNEL("[deadbeef]", "[%p]", (void *)0xdeadbeefUL);
	}
	memset(want, 'f', 2 * sizeof(void *));
	want[2 * sizeof(void *)] = '\0';
	EXPECT_KERNEL(want, "%p", (void *)UINTPTR_MAX);
	/* Any other letter after %p is plain text. */
	memset(want, '0', 2 * sizeof(void *));
	strcpy(want + 2 * sizeof(void *) - 1, "1x");
	EXPECT_KERNEL(want, "%px", (void *)1UL);
}

static void test_symbol_pointers(void **state)
{
	(void)state;
	EXPECT_KERNEL("start_kernel+0x0/0x40", "%pS", (void *)0x1000UL);
	EXPECT_KERNEL("start_kernel+0x10/0x40", "%pS", (void *)0x1010UL);
	EXPECT_KERNEL("start_kernel+0x3e/0x40", "%pS", (void *)0x103eUL);
	EXPECT_KERNEL("con_init+0x0/0x20", "%pS", (void *)0x1040UL);
	EXPECT_KERNEL("do_one_initcall+0x222/0x224", "%pS", (void *)0x1322UL);
	/* A Thumb function pointer or return address: bit 0 is the state. */
	EXPECT_KERNEL("con_init+0x0/0x20", "%pS", (void *)0x1041UL);
	EXPECT_KERNEL("do_one_initcall+0x222/0x224", "%pS", (void *)0x1323UL);
	/* Outside every symbol: below, in a gap, past the end. */
	EXPECT_KERNEL("0x00000fff", "%pS", (void *)0xfffUL);
	EXPECT_KERNEL("0x00001060", "%pS", (void *)0x1060UL);
	EXPECT_KERNEL("0x00001324", "%pS", (void *)0x1324UL);
	EXPECT_KERNEL("0x00000000", "%pS", NULL);
	/* %ps: the name alone. */
	EXPECT_KERNEL("start_kernel", "%ps", (void *)0x1010UL);
	EXPECT_KERNEL("do_one_initcall", "%ps", (void *)0x1100UL);
	EXPECT_KERNEL("0x00001060", "%ps", (void *)0x1060UL);
	/* In a line, with width, as initcall_debug prints them. */
	EXPECT_KERNEL("calling  con_init+0x0/0x20 @ 0", "calling  %pS @ %i", (void *)0x1040UL, 0);
	EXPECT_KERNEL("initcall con_init+0x0/0x20 returned -19 after 12 usecs",
		      "initcall %pS returned %d after %lld usecs", (void *)0x1040UL, -19, 12LL);
	EXPECT_KERNEL("      con_init|", "%14ps|", (void *)0x1044UL);
	EXPECT_KERNEL("con_init      |", "%-14ps|", (void *)0x1044UL);
	EXPECT_KERNEL("func=con_init+0x4/0x20 ret=0", "func=%pS ret=%d", (void *)0x1044UL, 0);
}

static void test_odd_formats(void **state)
{
	(void)state;
	/* Kernel choices: a lone '%' at the end and unknown conversions print as written. */
	EXPECT_KERNEL("50%", "50%");
	EXPECT_KERNEL("%q", "%q");
	EXPECT_KERNEL("%k 7", "%k %d", 7);
}

static void test_truncation(void **state)
{
	char buf[8];

	(void)state;
	memset(buf, '#', sizeof(buf));
	assert_int_equal(kernel_snprintf(buf, 5, "%s", "hello world"), 11);
	assert_string_equal(buf, "hell");
	assert_int_equal(buf[5], '#');

	memset(buf, '#', sizeof(buf));
	assert_int_equal(kernel_snprintf(buf, 1, "%d", 12345), 5);
	assert_int_equal(buf[0], '\0');
	assert_int_equal(buf[1], '#');

	memset(buf, '#', sizeof(buf));
	assert_int_equal(kernel_snprintf(buf, 0, "%d", 12345), 5);
	assert_int_equal(buf[0], '#');
	assert_int_equal(kernel_snprintf(NULL, 0, "%s=%d", "abc", -1), 6);

	/* Truncated in the middle of a padded number and a symbol. */
	memset(buf, '#', sizeof(buf));
	assert_int_equal(kernel_snprintf(buf, 4, "%08x", 0xabc), 8);
	assert_string_equal(buf, "000");
	memset(buf, '#', sizeof(buf));
	assert_int_equal(kernel_snprintf(buf, 8, "%pS", (void *)0x1010UL), 22);
	assert_string_equal(buf, "start_k");
}

static void test_scnprintf_returns_what_was_written(void **state)
{
	char buf[8];

	(void)state;
	assert_int_equal(kernel_scnprintf(buf, sizeof(buf), "%d", 123), 3);
	assert_string_equal(buf, "123");
	assert_int_equal(kernel_scnprintf(buf, sizeof(buf), "%s", "1234567"), 7);
	assert_int_equal(kernel_scnprintf(buf, sizeof(buf), "%s", "12345678"), 7);
	assert_string_equal(buf, "1234567");
	assert_int_equal(kernel_scnprintf(buf, sizeof(buf), "%s", "a very long string"), 7);
	assert_int_equal(kernel_scnprintf(buf, 1, "%s", "abc"), 0);
	assert_string_equal(buf, "");
	memset(buf, '#', sizeof(buf));
	assert_int_equal(kernel_scnprintf(buf, 0, "%s", "abc"), 0);
	assert_int_equal(buf[0], '#');

	/* Appending in a loop, as printk builds a line: never past the end. */
	int len = 0;

	for (int i = 0; i < 10; i++)
		len += kernel_scnprintf(buf + len, sizeof(buf) - len, "%d,", i);
	assert_int_equal(len, 7);
	assert_string_equal(buf, "0,1,2,3");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain_text_and_percent),
		cmocka_unit_test(test_signed_decimal),
		cmocka_unit_test(test_unsigned_conversions),
		cmocka_unit_test(test_length_modifiers),
		cmocka_unit_test(test_width_and_alignment),
		cmocka_unit_test(test_precision),
		cmocka_unit_test(test_precision_does_not_read_past_it),
		cmocka_unit_test(test_star_width_and_precision),
		cmocka_unit_test(test_sign_flags),
		cmocka_unit_test(test_alternate_form),
		cmocka_unit_test(test_strings_and_null),
		cmocka_unit_test(test_plain_pointer),
		cmocka_unit_test(test_symbol_pointers),
		cmocka_unit_test(test_odd_formats),
		cmocka_unit_test(test_truncation),
		cmocka_unit_test(test_scnprintf_returns_what_was_written),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
