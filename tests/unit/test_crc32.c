/*
 * Host unit tests for kernel/crc32.c: the check value of CRC-32
 * ("123456789" -> 0xcbf43926), the empty buffer, and random buffers of
 * every length to 1100 bytes compared with python3's zlib.crc32 (the same
 * bytes written to a file and read by python), whole and in pieces
 * (crc32(crc32(0, a), b) is the CRC of a then b).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <kernel/crc32.h>

#define MAX_LEN 1100

static void test_check_value(void **s)
{
	(void)s;
	assert_int_equal(crc32(0, "123456789", 9), 0xcbf43926);
	assert_int_equal(crc32(0, "", 0), 0);
	assert_int_equal(crc32(0x12345678, "", 0), 0x12345678);
	assert_int_equal(crc32(0, "a", 1), 0xe8b7be43);
}

static void test_against_zlib(void **s)
{
	static unsigned char buf[MAX_LEN];
	char path[] = "/tmp/initk-crc32-XXXXXX", cmd[256];
	int fd = mkstemp(path);
	unsigned int len = 0, count = 0;
	unsigned long want;
	FILE *f, *p;

	(void)s;
	assert_true(fd >= 0);
	srand(14);
	for (unsigned int i = 0; i < MAX_LEN; i++)
		buf[i] = (unsigned char)rand();
	f = fdopen(fd, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(buf, 1, MAX_LEN, f), MAX_LEN);
	fclose(f);
	/* zlib's CRC of every prefix of the file */
	snprintf(cmd, sizeof(cmd),
		 "/usr/bin/python3 -c 'import sys, zlib; d = open(sys.argv[1], \"rb\").read(); "
		 "[print(n, zlib.crc32(d[:n])) for n in range(len(d) + 1)]' %s", path);
	p = popen(cmd, "r");
	assert_non_null(p);
	while (fscanf(p, "%u %lu", &len, &want) == 2) {
		assert_int_equal(crc32(0, buf, len), want);
		assert_int_equal(crc32(crc32(0, buf, len / 3), buf + len / 3, len - len / 3), want);
		count++;
	}
	assert_int_equal(pclose(p), 0);
	assert_int_equal(count, MAX_LEN + 1);
	unlink(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_check_value),
		cmocka_unit_test(test_against_zlib),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
