/* kernel/errname.c against the host's C library: every errno initk names has
 * glibc's name for it (strerrorname_np) and glibc's message (strerror), the
 * wording BusyBox prints; a negative errno reads the same; others have none. */
#define _GNU_SOURCE
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

const char *errname(int err);
const char *errmessage(int err);

static void test_names_and_messages_are_glibcs(void **state)
{
	int named = 0;

	(void)state;
	for (int n = 1; n < 256; n++) {
		if (!errname(n)) {
			assert_string_equal(errmessage(n), "Unknown error");
			assert_null(errname(-n));
			continue;
		}
		named++;
		assert_string_equal(errname(n), strerrorname_np(n));
		assert_string_equal(errname(-n), errname(n));
		assert_string_equal(errmessage(n), strerror(n));
		assert_string_equal(errmessage(-n), strerror(n));
	}
	assert_int_equal(named, 36);
	assert_string_equal(errname(2), "ENOENT");
	assert_string_equal(errname(19), "ENODEV");
	assert_string_equal(errname(110), "ETIMEDOUT");
	assert_null(errname(0));
	assert_null(errname(100000));
}

static void test_probe_defer(void **state)
{
	(void)state;
	assert_string_equal(errname(517), "EPROBE_DEFER");
	assert_string_equal(errname(-517), "EPROBE_DEFER");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names_and_messages_are_glibcs),
		cmocka_unit_test(test_probe_defer),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
