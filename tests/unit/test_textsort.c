/*
 * Host unit tests for the shell's sort order (kernel/shell/textsort.c).
 *
 * The reference is the host's GNU sort, run through popen with LC_ALL=C:
 * random files of lines (words, signed and decimal numbers, leading zeros,
 * runs of spaces and tabs, leading blanks, empty lines, duplicates) are
 * sorted with every combination of -n, -r and -k 1..4 (and no -k), and
 * textsort must give the same lines in the same order. A table of pairs,
 * checked against GNU sort when it was written (and again here through the
 * sort command), pins the corner cases: which blanks belong to a key, what
 * is a number, the last-resort whole-line comparison, -r reversing it too.
 * Every line is a buffer of exactly its length, so AddressSanitizer catches
 * a read past its end; stability is checked with equal lines at different
 * addresses.
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

#include <kernel/compiler.h>
#include <kernel/textsort.h>

#define MAX_LINES 400

static const char *option_string(unsigned int key, unsigned int flags, char *buf)
{
	buf[0] = '\0';
	if (flags & SORT_NUMERIC)
		strcat(buf, " -n");
	if (flags & SORT_REVERSE)
		strcat(buf, " -r");
	if (key)
		sprintf(buf + strlen(buf), " -k %u", key);
	return buf;
}

/* A copy of s[0..len) in a buffer of exactly that size. */
static char *exact_copy(const char *s, size_t len)
{
	char *p = malloc(len ? len : 1);

	assert_non_null(p);
	memcpy(p, s, len);
	return p;
}

/* Host sort's output for the lines (no newline in them), one string each. */
static size_t host_sort(char **in, size_t n, unsigned int key, unsigned int flags, char **out)
{
	char path[] = "/tmp/test_textsort.XXXXXX", command[128], opts[32], buf[256];
	int fd = mkstemp(path);
	FILE *f;
	size_t count = 0;

	assert_true(fd >= 0);
	f = fdopen(fd, "w");
	assert_non_null(f);
	for (size_t i = 0; i < n; i++)
		fprintf(f, "%s\n", in[i]);
	fclose(f);
	snprintf(command, sizeof(command), "LC_ALL=C sort%s %s", option_string(key, flags, opts),
		 path);
	f = popen(command, "r");
	assert_non_null(f);
	while (fgets(buf, sizeof(buf), f)) {
		buf[strcspn(buf, "\n")] = '\0';
		assert_true(count < n);
		out[count++] = strdup(buf);
	}
	assert_int_equal(pclose(f), 0);
	unlink(path);
	return count;
}

/* textsort on the lines, in exact-size copies; check it against host sort. */
static void expect_like_host(char **in, size_t n, unsigned int key, unsigned int flags)
{
	struct textsort_line lines[MAX_LINES], scratch[MAX_LINES];
	char *want[MAX_LINES], opts[32];
	size_t count = host_sort(in, n, key, flags, want);

	assert_int_equal(count, n);
	for (size_t i = 0; i < n; i++)
		lines[i] = (struct textsort_line){ exact_copy(in[i], strlen(in[i])), strlen(in[i]) };
	textsort(lines, n, scratch, key, flags);
	for (size_t i = 0; i < n; i++) {
		if (lines[i].len != strlen(want[i]) || memcmp(lines[i].text, want[i], lines[i].len))
			fail_msg("sort%s: line %zu is \"%.*s\", sort says \"%s\"",
				 option_string(key, flags, opts), i, (int)lines[i].len, lines[i].text,
				 want[i]);
	}
	for (size_t i = 0; i < n; i++) {
		free((void *)lines[i].text);
		free(want[i]);
	}
}

/* ---- pairs ------------------------------------------------------------- */

static const struct {
	const char *a, *b;
	unsigned int key, flags;
	int sign; /* of textsort_compare(a, b) */
} pairs[] = {
	{ "a", "b", 0, 0, -1 },
	{ "a", "a", 0, 0, 0 },
	{ "", "a", 0, 0, -1 },
	{ "ab", "a", 0, 0, 1 },
	{ "\xe9", "z", 0, 0, 1 },          /* bytes are unsigned */
	{ "a", "b", 0, SORT_REVERSE, 1 },
	{ "b 1", "a 2", 2, 0, -1 },
	{ "a  2", "b 1", 2, 0, -1 },       /* the blanks belong to the key */
	{ "a\t3", "a  1", 2, 0, -1 },      /* tab before space */
	{ " c 1", "b 2", 2, 0, -1 },       /* leading blanks are field 1's */
	{ "c", "", 2, 0, 1 },              /* empty keys: the whole lines decide */
	{ "x\vy", "x a", 2, 0, -1 },       /* \v is not a blank */
	{ "a\vz", "b\ty", 2, 0, -1 },       /* so "a\vz" has an empty key */
	{ "a\rz", "b\fy", 2, 0, -1 },      /* nor are \r and \f */
	{ "g 1 2", "h 3 1", 3, 0, 1 },
	{ "z", "a 1", 3, 0, 1 },
	{ "a 5", "b 5", 2, 0, -1 },        /* equal keys: the whole lines */
	{ "a 5", "b 5", 2, SORT_REVERSE, 1 },
	{ "10", "9", 0, SORT_NUMERIC, 1 },
	{ "10", "9", 0, 0, -1 },
	{ "-1", "1", 0, SORT_NUMERIC, -1 },
	{ "-10", "-9", 0, SORT_NUMERIC, -1 },
	{ "-0", "0", 0, SORT_NUMERIC, -1 }, /* equal: "-0" < "0" bytewise */
	{ "0", "-", 0, SORT_NUMERIC, 1 },   /* equal (0): bytewise */
	{ "b -0", "a 0", 2, SORT_NUMERIC, 1 }, /* -0 is 0 */
	{ "", "0", 0, SORT_NUMERIC, -1 },
	{ "a", "0", 0, SORT_NUMERIC, 1 },   /* no number is 0 */
	{ "a", "1", 0, SORT_NUMERIC, -1 },
	{ "+1", "0.5", 0, SORT_NUMERIC, -1 }, /* no '+': "+1" is 0 */
	{ "1e3", "2", 0, SORT_NUMERIC, -1 },
	{ "1,000", "2", 0, SORT_NUMERIC, -1 },
	{ "1,5", "1.2", 0, SORT_NUMERIC, -1 }, /* no thousands separator or ',' decimal point */
	{ "007", "7", 0, SORT_NUMERIC, -1 },  /* equal: "007" < "7" bytewise */
	{ "007", "8", 0, SORT_NUMERIC, -1 },
	{ "1.5", "1.50", 0, SORT_NUMERIC, -1 },
	{ "b 1.5", "a 1.50", 2, SORT_NUMERIC, 1 },
	{ "1.05", "1.5", 0, SORT_NUMERIC, -1 },
	{ ".5", "0.4", 0, SORT_NUMERIC, 1 },
	{ "-.5", "-0.4", 0, SORT_NUMERIC, -1 },
	{ "1.", "1", 0, SORT_NUMERIC, 1 },
	{ " 5", "05", 0, SORT_NUMERIC, -1 },
	{ "\t-3", "-2", 0, SORT_NUMERIC, -1 },
	{ "- 5", "1", 0, SORT_NUMERIC, -1 },
	{ "--5", "-5", 0, SORT_NUMERIC, 1 },
	{ "12345678901234567890123", "12345678901234567890124", 0, SORT_NUMERIC, -1 },
	{ "x -1.5", "y -.5", 2, SORT_NUMERIC, -1 },
	{ "x 10", "y 9", 2, SORT_NUMERIC, 1 },
	{ "x 10", "y 9", 2, SORT_NUMERIC | SORT_REVERSE, -1 },
	{ "a 7", "b 7", 2, SORT_NUMERIC | SORT_REVERSE, 1 },
	{ "a 1 9", "b 1 2", 2, SORT_NUMERIC, -1 }, /* the number ends the key's use */
};

static int sign(int x)
{
	return (x > 0) - (x < 0);
}

static void test_pairs(void **state)
{
	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(pairs); i++) {
		size_t alen = strlen(pairs[i].a), blen = strlen(pairs[i].b);
		char *a = exact_copy(pairs[i].a, alen), *b = exact_copy(pairs[i].b, blen);
		int ab = textsort_compare(a, alen, b, blen, pairs[i].key, pairs[i].flags);
		int ba = textsort_compare(b, blen, a, alen, pairs[i].key, pairs[i].flags);

		if (sign(ab) != pairs[i].sign || sign(ba) != -pairs[i].sign)
			fail_msg("pair %zu (\"%s\", \"%s\", key %u, flags %u): %d and %d", i,
				 pairs[i].a, pairs[i].b, pairs[i].key, pairs[i].flags, ab, ba);
		free(a);
		free(b);
	}
}

/* The table again, through the sort command: each pair sorted alone. */
static void test_pairs_against_host(void **state)
{
	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(pairs); i++) {
		char *two[2] = { (char *)pairs[i].a, (char *)pairs[i].b };

		if (pairs[i].sign)
			expect_like_host(two, 2, pairs[i].key, pairs[i].flags);
	}
}

/* NUL bytes are bytes like any other: the length, not a NUL, ends a line. */
static void test_nul_bytes(void **state)
{
	(void)state;
	assert_true(textsort_compare("a\0b", 3, "a\0c", 3, 0, 0) < 0);
	assert_true(textsort_compare("a\0", 2, "a", 1, 0, 0) > 0);
	assert_true(textsort_compare("x \0b", 4, "y \0a", 4, 2, 0) > 0);
	assert_true(textsort_compare("x 1\0", 4, "y 1", 3, 2, SORT_NUMERIC) < 0);
	assert_true(textsort_compare("abc", 2, "abd", 2, 0, 0) == 0); /* only len bytes */
}

/* ---- random files ------------------------------------------------------ */

static u64 rng_state = 0x853c49e6748fea9bULL;

static u32 rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return (u32)(rng_state >> 16);
}

static void random_field(char *out)
{
	static const char *const words[] = { "a", "b", "ab", "B", "abc", "-", ".", "x1", "+1", "1e3",
					     "a\vb", "\f", "\r1", "\xe9", "1,5" };
	static const char *const blanks[] = { " ", " ", " ", "  ", "\t", " \t" };
	char *p = out;
	int kind = rng() % 3;

	p += sprintf(p, "%s", blanks[rng() % ARRAY_SIZE(blanks)]);
	if (kind == 0) {
		p += sprintf(p, "%s", words[rng() % ARRAY_SIZE(words)]);
	} else {
		if (rng() % 3 == 0)
			*p++ = '-';
		for (int i = rng() % 4; i > 0; i--)
			*p++ = rng() % 3 ? '0' + rng() % 10 : '0';
		if (rng() % 3 == 0) {
			*p++ = '.';
			for (int i = rng() % 3; i > 0; i--)
				*p++ = '0' + rng() % 10;
		}
		if (rng() % 5 == 0)
			*p++ = 'a' + rng() % 3;
	}
	*p = '\0';
}

static char *random_line(void)
{
	char buf[256] = "", *p = buf;
	int fields = 1 + rng() % 4;

	if (rng() % 8 == 0)
		return strdup(""); /* empty lines */
	for (int i = 0; i < fields; i++) {
		random_field(p);
		/* the first field's blanks only sometimes */
		if (i == 0 && rng() % 3)
			memmove(p, p + strspn(p, " \t"), strlen(p + strspn(p, " \t")) + 1);
		p += strlen(p);
	}
	if (rng() % 6 == 0)
		strcat(p, rng() % 2 ? " " : "\t"); /* trailing blanks */
	return strdup(buf);
}

static void test_random_against_host(void **state)
{
	static const unsigned int flag_sets[] = { 0, SORT_NUMERIC, SORT_REVERSE,
						  SORT_NUMERIC | SORT_REVERSE };
	char *in[MAX_LINES];

	(void)state;
	for (int round = 0; round < 6; round++) {
		size_t n = round == 0 ? 1 : round == 1 ? 2 : 30 + rng() % (MAX_LINES - 30);

		for (size_t i = 0; i < n; i++)
			in[i] = i && rng() % 10 == 0 ? strdup(in[rng() % i]) : random_line();
		for (unsigned int key = 0; key <= 4; key++)
			for (size_t f = 0; f < ARRAY_SIZE(flag_sets); f++)
				expect_like_host(in, n, key, flag_sets[f]);
		for (size_t i = 0; i < n; i++)
			free(in[i]);
	}
}

/* ---- textsort itself --------------------------------------------------- */

/* Equal lines keep their order, at every size up to 70: line i is pool[i],
 * so among equal texts the addresses must still rise. */
static void test_stable(void **state)
{
	static char pool[70][2];
	struct textsort_line lines[70], scratch[70];

	(void)state;
	for (size_t n = 0; n <= ARRAY_SIZE(lines); n++) {
		for (size_t i = 0; i < n; i++) {
			pool[i][0] = "abcab"[rng() % 5];
			lines[i] = (struct textsort_line){ pool[i], 1 };
		}
		for (unsigned int flags = 0; flags <= SORT_REVERSE; flags += SORT_REVERSE) {
			for (size_t i = 0; i < n; i++)
				lines[i].text = pool[i];
			textsort(lines, n, scratch, 0, flags);
			for (size_t i = 1; i < n; i++) {
				int c = textsort_compare(lines[i - 1].text, 1, lines[i].text, 1, 0, flags);

				assert_true(c <= 0);
				if (!c)
					assert_true(lines[i - 1].text < lines[i].text);
			}
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pairs),
		cmocka_unit_test(test_pairs_against_host),
		cmocka_unit_test(test_nul_bytes),
		cmocka_unit_test(test_random_against_host),
		cmocka_unit_test(test_stable),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
