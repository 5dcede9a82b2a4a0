/*
 * Host unit tests for finding and expanding names in the symbol table
 * (kernel/kallsyms.c): enough symbols to need three markers, so names are
 * found from the first, a middle and the last marker, and one name longer
 * than scripts/kallsyms would ever store, which the decoder must cut to
 * KSYM_NAME_LEN - 1 characters rather than write past the caller's buffer.
 * The table is built by tests/unit/include/kallsyms_table.h.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <kernel/errno.h>
#include <kernel/kallsyms.h>

#include "kallsyms_table.h"

/* Also read by the assembler: no UL. */
#define BASE 0x8000
#define SIZE 0x40
#define NR_NUMBERED 80

/* Ten symbols of SIZE bytes back to back: prefix "0" at base up to prefix "9". */
#define KSYM_TEN(base, prefix)                                                              \
	KSYM(base + 0 * SIZE, SIZE, prefix "0") KSYM(base + 1 * SIZE, SIZE, prefix "1")    \
	KSYM(base + 2 * SIZE, SIZE, prefix "2") KSYM(base + 3 * SIZE, SIZE, prefix "3")    \
	KSYM(base + 4 * SIZE, SIZE, prefix "4") KSYM(base + 5 * SIZE, SIZE, prefix "5")    \
	KSYM(base + 6 * SIZE, SIZE, prefix "6") KSYM(base + 7 * SIZE, SIZE, prefix "7")    \
	KSYM(base + 8 * SIZE, SIZE, prefix "8") KSYM(base + 9 * SIZE, SIZE, prefix "9")

/* 70 characters: the table holds them all, a lookup gives the first 63. */
#define LONG_NAME "a_name_longer_than_any_that_scripts_kallsyms_would_put_in_the_table_70"
#define LONG_ADDR (BASE + NR_NUMBERED * SIZE)

KALLSYMS_TEST_TABLE(
	KSYM_TEN(BASE + 0 * SIZE, "sym_0")
	KSYM_TEN(BASE + 10 * SIZE, "sym_1")
	KSYM_TEN(BASE + 20 * SIZE, "sym_2")
	KSYM_TEN(BASE + 30 * SIZE, "sym_3")
	KSYM_TEN(BASE + 40 * SIZE, "sym_4")
	KSYM_TEN(BASE + 50 * SIZE, "sym_5")
	KSYM_TEN(BASE + 60 * SIZE, "sym_6")
	KSYM_TEN(BASE + 70 * SIZE, "sym_7")
	KSYM(BASE + 80 * SIZE, 0x10, LONG_NAME));

static void expected_name(char *buf, unsigned int i)
{
	snprintf(buf, KSYM_NAME_LEN, "sym_%02u", i);
}

static void test_the_table_spans_three_markers(void **state)
{
	(void)state;
	assert_int_equal(strlen(LONG_NAME), 70);
	assert_int_equal(kallsyms_num_syms, NR_NUMBERED + 1);
	assert_true(NR_NUMBERED > 2 * KSYM_MARKER_INTERVAL);
}

/* Backwards too: each call finds its name afresh, nothing is kept between calls. */
static void test_symbols_by_number_either_way(void **state)
{
	char want[KSYM_NAME_LEN], namebuf[KSYM_NAME_LEN];
	unsigned long addr;

	(void)state;
	for (unsigned int i = 0; i < NR_NUMBERED; i++) {
		expected_name(want, i);
		assert_int_equal(kallsyms_symbol(i, &addr, namebuf), 0);
		assert_string_equal(namebuf, want);
		assert_int_equal(addr, BASE + i * SIZE);
	}
	for (unsigned int i = NR_NUMBERED; i-- > 0;) {
		expected_name(want, i);
		assert_int_equal(kallsyms_symbol(i, &addr, namebuf), 0);
		assert_string_equal(namebuf, want);
	}
	assert_int_equal(kallsyms_symbol(NR_NUMBERED + 1, &addr, namebuf), -ERANGE);
}

static void test_symbols_by_address_and_name(void **state)
{
	char want[KSYM_NAME_LEN], namebuf[KSYM_NAME_LEN];
	unsigned long size, offset;

	(void)state;
	for (unsigned int i = 0; i < NR_NUMBERED; i++) {
		unsigned long last = BASE + i * SIZE + SIZE - 1;

		expected_name(want, i);
		assert_ptr_equal(kallsyms_lookup(last, &size, &offset, namebuf), namebuf);
		assert_string_equal(namebuf, want);
		assert_int_equal(size, SIZE);
		assert_int_equal(offset, SIZE - 1);
		assert_int_equal(kallsyms_lookup_name(want), BASE + i * SIZE);
	}
}

/* The cut: into a buffer of exactly KSYM_NAME_LEN bytes, so ASan sees a byte more. */
static void test_a_name_too_long_is_cut(void **state)
{
	char *namebuf = malloc(KSYM_NAME_LEN);
	char buf[KSYM_SYMBOL_LEN];
	unsigned long addr;

	(void)state;
	assert_non_null(namebuf);
	assert_ptr_equal(kallsyms_lookup(LONG_ADDR + 4, NULL, NULL, namebuf), namebuf);
	assert_int_equal(strlen(namebuf), KSYM_NAME_LEN - 1);
	assert_memory_equal(namebuf, LONG_NAME, KSYM_NAME_LEN - 1);

	memset(namebuf, '#', KSYM_NAME_LEN);
	assert_int_equal(kallsyms_symbol(NR_NUMBERED, &addr, namebuf), 0);
	assert_int_equal(addr, LONG_ADDR);
	assert_int_equal(strlen(namebuf), KSYM_NAME_LEN - 1);

	assert_int_equal(sprint_symbol(buf, sizeof(buf), LONG_ADDR + 4), KSYM_NAME_LEN - 1 + 9);
	assert_memory_equal(buf, LONG_NAME, KSYM_NAME_LEN - 1);
	assert_string_equal(buf + KSYM_NAME_LEN - 1, "+0x4/0x10");
	/* It is found by what a lookup shows, not by the whole name. */
	assert_int_equal(kallsyms_lookup_name(namebuf), LONG_ADDR);
	assert_int_equal(kallsyms_lookup_name(LONG_NAME), 0);
	free(namebuf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_the_table_spans_three_markers),
		cmocka_unit_test(test_symbols_by_number_either_way),
		cmocka_unit_test(test_symbols_by_address_and_name),
		cmocka_unit_test(test_a_name_too_long_is_cut),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
