/*
 * Host unit tests for the symbol table lookups (kernel/kallsyms.c).
 *
 * The kallsyms tables are globals that the build normally generates; here
 * the test defines them (tests/unit/include/kallsyms_table.h): nine symbols,
 * some back to back, some with gaps between them. Every address around the
 * table is also checked against a linear search, so the binary search is
 * covered on every path.
 * The empty table needs other globals, so it lives in test_kallsyms_empty.c.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include <kernel/compiler.h>
#include <kernel/errno.h>
#include <kernel/kallsyms.h>

#include "kallsyms_table.h"

KALLSYMS_TEST_TABLE(
	KSYM(0x1000, 0x10, "alpha")
	KSYM(0x1010, 0x30, "beta")
	KSYM(0x1080, 0x8, "gamma")
	KSYM(0x1088, 0x78, "delta")
	KSYM(0x1200, 0x4, "epsilon")
	KSYM(0x1204, 0x1c, "zeta")
	KSYM(0x1300, 0x100, "eta")
	KSYM(0x1400, 0x20, "theta")
	KSYM(0x2000, 0x100, "last_function"));

/* The same table, written out, as the tests' point of truth. */
static const struct {
	const char *name;
	unsigned long start, size;
} symbols[] = {
	{ "alpha", 0x1000, 0x10 },   { "beta", 0x1010, 0x30 },  { "gamma", 0x1080, 0x8 },
	{ "delta", 0x1088, 0x78 },   { "epsilon", 0x1200, 0x4 }, { "zeta", 0x1204, 0x1c },
	{ "eta", 0x1300, 0x100 },    { "theta", 0x1400, 0x20 },
	{ "last_function", 0x2000, 0x100 },
};

/* Lookup expected to find `name`, with the size and offset it must report. */
static void expect_symbol(unsigned long addr, const char *name, unsigned long size,
			  unsigned long offset)
{
	unsigned long got_size = 0xbad, got_offset = 0xbad;
	char namebuf[KSYM_NAME_LEN];
	const char *got = kallsyms_lookup(addr, &got_size, &got_offset, namebuf);

	if (!got) {
		print_error("address %#lx: no symbol, want %s\n", addr, name);
		fail();
	}
	assert_ptr_equal(got, namebuf);
	assert_string_equal(got, name);
	assert_int_equal(got_size, size);
	assert_int_equal(got_offset, offset);
}

static void expect_no_symbol(unsigned long addr)
{
	unsigned long size = 0xbad, offset = 0xbad;
	char namebuf[KSYM_NAME_LEN];
	const char *got = kallsyms_lookup(addr, &size, &offset, namebuf);

	if (got) {
		print_error("address %#lx: found %s, want none\n", addr, got);
		fail();
	}
	/* Nothing is reported for an address outside every symbol. */
	assert_int_equal(size, 0xbad);
	assert_int_equal(offset, 0xbad);
}

static void test_start_inside_last_byte_and_one_past(void **state)
{
	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(symbols); i++) {
		unsigned long start = symbols[i].start, size = symbols[i].size;

		expect_symbol(start, symbols[i].name, size, 0);
		expect_symbol(start + size / 2, symbols[i].name, size, size / 2);
		expect_symbol(start + size - 1, symbols[i].name, size, size - 1);
		/* One past the end: the next symbol when they touch, else nothing. */
		if (i + 1 < ARRAY_SIZE(symbols) && symbols[i + 1].start == start + size)
			expect_symbol(start + size, symbols[i + 1].name, symbols[i + 1].size, 0);
		else
			expect_no_symbol(start + size);
	}
}

static void test_gaps_below_and_above(void **state)
{
	(void)state;
	expect_no_symbol(0);
	expect_no_symbol(0xfff);
	expect_no_symbol(0x1040);  /* after beta */
	expect_no_symbol(0x107f);  /* just before gamma */
	expect_no_symbol(0x1100);  /* after delta */
	expect_no_symbol(0x11ff);
	expect_no_symbol(0x1220);  /* after zeta */
	expect_no_symbol(0x1420);  /* the long gap before the last symbol */
	expect_no_symbol(0x1fff);
	expect_no_symbol(0x2100);  /* past the last symbol */
	expect_no_symbol(0xffffffffUL);
	expect_no_symbol(~0UL);
}

static void test_size_and_offset_are_optional(void **state)
{
	unsigned long size = 0, offset = 0;
	char namebuf[KSYM_NAME_LEN];

	(void)state;
	assert_string_equal(kallsyms_lookup(0x1210, NULL, NULL, namebuf), "zeta");
	assert_string_equal(kallsyms_lookup(0x1210, &size, NULL, namebuf), "zeta");
	assert_int_equal(size, 0x1c);
	assert_string_equal(kallsyms_lookup(0x1210, NULL, &offset, namebuf), "zeta");
	assert_int_equal(offset, 0xc);
	assert_null(kallsyms_lookup(0x1220, NULL, NULL, namebuf));
}

/* Every address from below the table to past its end, against a linear search. */
static void test_every_address_matches_linear_search(void **state)
{
	(void)state;
	for (unsigned long addr = 0xf00; addr < 0x2200; addr++) {
		size_t i;

		for (i = 0; i < ARRAY_SIZE(symbols); i++)
			if (addr >= symbols[i].start && addr - symbols[i].start < symbols[i].size)
				break;
		if (i == ARRAY_SIZE(symbols))
			expect_no_symbol(addr);
		else
			expect_symbol(addr, symbols[i].name, symbols[i].size, addr - symbols[i].start);
	}
}

static void test_lookup_name(void **state)
{
	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(symbols); i++)
		assert_int_equal(kallsyms_lookup_name(symbols[i].name), symbols[i].start);
	assert_int_equal(kallsyms_lookup_name("missing"), 0);
	assert_int_equal(kallsyms_lookup_name(""), 0);
	assert_int_equal(kallsyms_lookup_name("alph"), 0);     /* a prefix is not a match */
	assert_int_equal(kallsyms_lookup_name("alphabet"), 0); /* nor a longer name */
	assert_int_equal(kallsyms_lookup_name("last_functio"), 0);
	assert_int_equal(kallsyms_lookup_name("Alpha"), 0);
}

/* Symbol i by number, in address order, then -ERANGE (what /proc/kallsyms walks). */
static void test_symbols_by_number(void **state)
{
	char namebuf[KSYM_NAME_LEN];
	unsigned long addr;

	(void)state;
	for (unsigned int i = 0; i < ARRAY_SIZE(symbols); i++) {
		addr = 0xbad;
		assert_int_equal(kallsyms_symbol(i, &addr, namebuf), 0);
		assert_string_equal(namebuf, symbols[i].name);
		assert_int_equal(addr, symbols[i].start);
	}
	assert_int_equal(kallsyms_symbol(ARRAY_SIZE(symbols), &addr, namebuf), -ERANGE);
	assert_int_equal(kallsyms_symbol(~0u, &addr, namebuf), -ERANGE);
}

static void test_sprint_symbol(void **state)
{
	char buf[KSYM_SYMBOL_LEN];

	(void)state;
	assert_int_equal(sprint_symbol(buf, sizeof(buf), 0x1000), 14);
	assert_string_equal(buf, "alpha+0x0/0x10");
	assert_int_equal(sprint_symbol(buf, sizeof(buf), 0x103e), 14);
	assert_string_equal(buf, "beta+0x2e/0x30");
	sprint_symbol(buf, sizeof(buf), 0x20fe);
	assert_string_equal(buf, "last_function+0xfe/0x100");
	/* Thumb: bit 0 of a function pointer or return address is the state. */
	sprint_symbol(buf, sizeof(buf), 0x1001);
	assert_string_equal(buf, "alpha+0x0/0x10");
	sprint_symbol(buf, sizeof(buf), 0x103f);
	assert_string_equal(buf, "beta+0x2e/0x30");
	sprint_symbol(buf, sizeof(buf), 0x1041); /* in no symbol: as given */
	assert_string_equal(buf, "0x00001041");
	sprint_symbol(buf, sizeof(buf), 0x1088);
	assert_string_equal(buf, "delta+0x0/0x78");

	/* In no symbol: the address, at least eight hex digits. */
	assert_int_equal(sprint_symbol(buf, sizeof(buf), 0x1040), 10);
	assert_string_equal(buf, "0x00001040");
	sprint_symbol(buf, sizeof(buf), 0);
	assert_string_equal(buf, "0x00000000");
	sprint_symbol(buf, sizeof(buf), 0xc0008000UL);
	assert_string_equal(buf, "0xc0008000");

	assert_int_equal(sprint_symbol_no_offset(buf, sizeof(buf), 0x1405), 5);
	assert_string_equal(buf, "theta");
	assert_int_equal(sprint_symbol_no_offset(buf, sizeof(buf), 0x2000), 13);
	assert_string_equal(buf, "last_function");
	assert_int_equal(sprint_symbol_no_offset(buf, sizeof(buf), 0x1100), 10);
	assert_string_equal(buf, "0x00001100");
}

/* Each buffer size from 0 to past the text, allocated to exactly that size. */
static void check_truncation(int (*print)(char *, size_t, unsigned long), unsigned long addr,
			     const char *full)
{
	size_t len = strlen(full);

	for (size_t size = 0; size <= len + 2; size++) {
		char *buf = malloc(size ? size : 1);
		size_t kept = size ? (len < size ? len : size - 1) : 0;
		int ret;

		assert_non_null(buf);
		memset(buf, '#', size ? size : 1);
		ret = print(buf, size, addr);
		/* Returns what it wrote, NUL-terminated; a 0-byte buffer is left alone. */
		assert_int_equal(ret, kept);
		if (size) {
			assert_int_equal(buf[kept], '\0');
			assert_memory_equal(buf, full, kept);
		} else {
			assert_int_equal(buf[0], '#');
		}
		free(buf);
	}
}

static void test_truncation(void **state)
{
	(void)state;
	check_truncation(sprint_symbol, 0x1210, "zeta+0xc/0x1c");
	check_truncation(sprint_symbol, 0x1fff, "0x00001fff");
	check_truncation(sprint_symbol_no_offset, 0x2080, "last_function");
	check_truncation(sprint_symbol_no_offset, 0x1fff, "0x00001fff");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_start_inside_last_byte_and_one_past),
		cmocka_unit_test(test_gaps_below_and_above),
		cmocka_unit_test(test_size_and_offset_are_optional),
		cmocka_unit_test(test_every_address_matches_linear_search),
		cmocka_unit_test(test_lookup_name),
		cmocka_unit_test(test_symbols_by_number),
		cmocka_unit_test(test_sprint_symbol),
		cmocka_unit_test(test_truncation),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
