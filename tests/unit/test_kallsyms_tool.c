/*
 * Host unit test of the symbol table's encoder and decoder together:
 * scripts/kallsyms compresses tests/unit/fixtures/kallsyms-initk.nm (the
 * kernel's `nm -n -S`, with the cases it lacks added at its end: a name of
 * KSYM_NAME_LEN - 1 characters, aliases, runs of one letter, lines the tool
 * must skip), tests/unit/Makefile links its output in here as the table,
 * and kernel/kallsyms.c reads it back.
 *
 * What the table must hold is read from the same listing here, by the rules
 * scripts/kallsyms states: code symbols (t, T, w, W) with a size, but no
 * mapping symbols ($a, $d) or .L labels; of several at one address the
 * first, unless a global one follows a local one.
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

struct expected {
	unsigned long addr, size;
	char type;
	char name[KSYM_NAME_LEN];
};

static struct expected *symbols;
static unsigned int nr_symbols;

static int is_code(char type, unsigned long size, const char *name)
{
	return size && strchr("tTwW", type) && name[0] != '$' && strncmp(name, ".L", 2);
}

/* "addr size type name" lines; the ones without a size have three fields. */
static int read_listing(const char *path)
{
	FILE *file = fopen(path, "r");
	char line[256];

	if (!file) {
		perror(path);
		return -1;
	}
	while (fgets(line, sizeof(line), file)) {
		struct expected *last = nr_symbols ? &symbols[nr_symbols - 1] : NULL;
		char *field[5];
		unsigned long addr, size;
		int n = 0;

		for (char *p = strtok(line, " \n"); p && n < 5; p = strtok(NULL, " \n"))
			field[n++] = p;
		if (n != 4)
			continue;
		addr = strtoul(field[0], NULL, 16);
		size = strtoul(field[1], NULL, 16);
		if (!is_code(field[2][0], size, field[3]))
			continue;
		if (strlen(field[3]) >= KSYM_NAME_LEN) {
			fprintf(stderr, "%s: %s is too long for the table\n", path, field[3]);
			return -1;
		}
		if (last && last->addr == addr) {
			if (last->type != 't' || field[2][0] != 'T')
				continue;
			nr_symbols--;
		}
		symbols = realloc(symbols, (nr_symbols + 1) * sizeof(*symbols));
		if (!symbols)
			return -1;
		symbols[nr_symbols] = (struct expected){ addr, size, field[2][0], "" };
		strcpy(symbols[nr_symbols++].name, field[3]);
	}
	fclose(file);
	return 0;
}

/* The listing's own cases are there: a test of nothing would pass too. */
static void test_listing_has_the_cases(void **state)
{
	int longest = 0, alias = 0, global_wins = 0;

	(void)state;
	assert_true(nr_symbols > 10 * KSYM_MARKER_INTERVAL);
	for (unsigned int i = 0; i < nr_symbols; i++) {
		if (strlen(symbols[i].name) == KSYM_NAME_LEN - 1)
			longest = 1;
		if (!strcmp(symbols[i].name, "weak_alias_first"))
			alias = 1;
		if (!strcmp(symbols[i].name, "foo_global_after_local"))
			global_wins = 1;
		assert_string_not_equal(symbols[i].name, "weak_alias_second");
		assert_string_not_equal(symbols[i].name, "foo.constprop.0");
	}
	assert_true(longest && alias && global_wins);
}

static void test_every_symbol_by_number(void **state)
{
	char *namebuf = malloc(KSYM_NAME_LEN); /* exactly: ASan sees a write past it */
	unsigned long addr;

	(void)state;
	assert_int_equal(kallsyms_num_syms, nr_symbols);
	for (unsigned int i = 0; i < nr_symbols; i++) {
		assert_int_equal(kallsyms_symbol(i, &addr, namebuf), 0);
		assert_string_equal(namebuf, symbols[i].name);
		assert_int_equal(addr, symbols[i].addr);
	}
	assert_int_equal(kallsyms_symbol(nr_symbols, &addr, namebuf), -ERANGE);
	free(namebuf);
}

static void test_every_symbol_by_address(void **state)
{
	char *namebuf = malloc(KSYM_NAME_LEN);

	(void)state;
	for (unsigned int i = 0; i < nr_symbols; i++) {
		const struct expected *s = &symbols[i];
		unsigned long size, offset;

		assert_ptr_equal(kallsyms_lookup(s->addr, &size, &offset, namebuf), namebuf);
		assert_string_equal(namebuf, s->name);
		assert_int_equal(size, s->size);
		assert_int_equal(offset, 0);
		assert_non_null(kallsyms_lookup(s->addr + s->size - 1, &size, &offset, namebuf));
		assert_string_equal(namebuf, s->name);
		assert_int_equal(offset, s->size - 1);
	}
	free(namebuf);
}

/* Names that occur twice (static functions of two files) give the first. */
static void test_every_symbol_by_name(void **state)
{
	(void)state;
	for (unsigned int i = 0; i < nr_symbols; i++) {
		unsigned int first = 0;

		while (strcmp(symbols[first].name, symbols[i].name))
			first++;
		assert_int_equal(kallsyms_lookup_name(symbols[i].name), symbols[first].addr);
	}
	assert_int_equal(kallsyms_lookup_name("foo.constprop.0"), 0);
	assert_int_equal(kallsyms_lookup_name("data_is_not_kept"), 0);
}

/* The names (length bytes and tokens) take much less than the names as text. */
static void test_names_are_compressed(void **state)
{
	unsigned int plain = 0, packed = 0;

	(void)state;
	for (unsigned int i = 0; i < nr_symbols; i++) {
		plain += (unsigned int)strlen(symbols[i].name) + 1;
		packed += 1u + kallsyms_names[packed];
	}
	print_message("names: %u bytes as text, %u compressed\n", plain, packed);
	assert_true(packed * 10 < plain * 6);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_listing_has_the_cases),
		cmocka_unit_test(test_every_symbol_by_number),
		cmocka_unit_test(test_every_symbol_by_address),
		cmocka_unit_test(test_every_symbol_by_name),
		cmocka_unit_test(test_names_are_compressed),
	};
	int ret;

	if (argc != 3 || read_listing(argv[2])) {
		fprintf(stderr, "usage: %s FIXTURES-DIR LISTING.nm\n", argv[0]);
		return 1;
	}
	ret = cmocka_run_group_tests(tests, NULL, NULL);
	free(symbols);
	return ret;
}
