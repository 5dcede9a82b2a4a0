/*
 * Host unit test for kernel/kallsyms.c with an empty symbol table (an image
 * built before its table exists). The tables are const globals, so this
 * needs a program of its own (linked with the same sources as test_kallsyms).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <kernel/errno.h>
#include <kernel/kallsyms.h>
#include <kernel/sprintf.h>

#include "kallsyms_table.h"

/* One entry past the count: code that ignores the count would find "ghost". */
KALLSYMS_TEST_TABLE(KSYM_PAST_END(0x1000, 0x100, "ghost"));

static void test_empty_table_finds_nothing(void **state)
{
	unsigned long size = 0xbad, offset = 0xbad, addr = 0xbad;
	char buf[KSYM_SYMBOL_LEN], namebuf[KSYM_NAME_LEN] = "untouched";

	(void)state;
	assert_null(kallsyms_lookup(0, &size, &offset, namebuf));
	assert_null(kallsyms_lookup(0x1000, &size, &offset, namebuf));
	assert_null(kallsyms_lookup(0x1010, &size, &offset, namebuf));
	assert_null(kallsyms_lookup(~0UL, &size, &offset, namebuf));
	assert_int_equal(kallsyms_symbol(0, &addr, namebuf), -ERANGE);
	assert_int_equal(size, 0xbad);
	assert_int_equal(offset, 0xbad);
	assert_int_equal(addr, 0xbad);
	assert_string_equal(namebuf, "untouched");
	assert_int_equal(kallsyms_lookup_name(""), 0);
	assert_int_equal(kallsyms_lookup_name("ghost"), 0);
	assert_int_equal(sprint_symbol(buf, sizeof(buf), 0x1000), 10);
	assert_string_equal(buf, "0x00001000");
	assert_int_equal(sprint_symbol_no_offset(buf, sizeof(buf), 0xc0008000UL), 10);
	assert_string_equal(buf, "0xc0008000");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty_table_finds_nothing),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
