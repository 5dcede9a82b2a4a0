/*
 * Host unit tests for boot parameter parsing (kernel/params.c) against Linux's
 * rules: next_arg() from lib/cmdline.c, the early pass (do_early_param), the
 * normal pass and the list of unknown parameters that Linux 6.1 prints as
 * "Unknown kernel command line parameters" (unknown_bootoption() collects bare
 * words into init's argv and name=value into its environment, after HOME=/ and
 * TERM=linux, a repeated name replacing the earlier value in place;
 * print_unknown_bootoptions() prints argv, then the environment).
 * printk goes to tests/unit/printk_stub.c, which captures it.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <kernel/errno.h>
#include <kernel/params.h>

/* From printk_stub.c. */
const char *printk_captured(void);
void printk_capture_reset(void);

/* The C library of Debian bookworm (glibc 2.36) has no strlcpy; params.c uses the kernel's. */
size_t strlcpy(char *dest, const char *src, size_t size)
{
	size_t len = strlen(src);

	if (size) {
		size_t n = len < size - 1 ? len : size - 1;

		memcpy(dest, src, n);
		dest[n] = '\0';
	}
	return len;
}

/* Every handler call, in order: "name" without a value, "name=<value>" with one. */
static char calls[4096];

static int record(const char *name, const char *value)
{
	size_t len = strlen(calls);

	snprintf(calls + len, sizeof(calls) - len, "%s%s%s%s%s", len ? " " : "", name,
		 value ? "=<" : "", value ? value : "", value ? ">" : "");
	return 0;
}

static int earlycon_setup(char *value)
{
	return record("earlycon", value);
}

static int loglevel_setup(char *value)
{
	long level;

	record("loglevel", value);
	return param_parse_int(value, &level);
}

static int quiet_setup(char *value)
{
	return record("quiet", value);
}

static int printk_time_setup(char *value)
{
	bool on;

	record("printk.time", value);
	return param_parse_bool(value, &on);
}

static int console_setup(char *value)
{
	record("console", value);
	return value ? 0 : -EINVAL;
}

static int initcall_debug_setup(char *value)
{
	bool on;

	record("initcall_debug", value);
	return param_parse_bool(value, &on);
}

static int always_fails_setup(char *value)
{
	record("always_fails", value);
	return -ENODEV;
}

static const struct boot_param params[] = {
	{ .name = "earlycon", .setup = earlycon_setup, .early = true },
	{ .name = "loglevel", .setup = loglevel_setup, .early = true },
	{ .name = "quiet", .setup = quiet_setup, .early = true },
	{ .name = "printk.time", .setup = printk_time_setup, .early = true },
	{ .name = "console", .setup = console_setup, .early = false },
	{ .name = "initcall_debug", .setup = initcall_debug_setup, .early = false },
	{ .name = "always_fails", .setup = always_fails_setup, .early = false },
};
static const struct param_table table = { params, params + ARRAY_SIZE(params) };

static int reset(void **state)
{
	(void)state;
	calls[0] = '\0';
	printk_capture_reset();
	return 0;
}

/* ---- next_arg ----------------------------------------------------------- */

/* All the arguments of cmdline, as "name" or "name=<value>", joined by '|'. */
static void split(const char *cmdline, char *out, size_t size)
{
	char *copy = strdup(cmdline), *args, *name, *value;
	size_t len = 0;

	assert_non_null(copy);
	out[0] = '\0';
	for (args = copy; *args;) {
		args = next_arg(args, &name, &value);
		len += snprintf(out + len, size - len, "%s%s%s%s%s", len ? "|" : "", name,
				value ? "=<" : "", value ? value : "", value ? ">" : "");
		assert_true(len < size);
	}
	free(copy);
}

static void expect_split(const char *cmdline, const char *want)
{
	char got[512];

	split(cmdline, got, sizeof(got));
	if (strcmp(got, want)) {
		print_error("next_arg over \"%s\": got \"%s\", want \"%s\"\n", cmdline, got, want);
		fail();
	}
}

static void test_next_arg_splitting(void **state)
{
	(void)state;
	expect_split("a b c", "a|b|c");
	expect_split("a    b", "a|b");
	expect_split("  a\tb\t\tc \n d\r\n", "a|b|c|d");
	expect_split("name=value", "name=<value>");
	expect_split("a=b=c", "a=<b=c>");
	expect_split("name= next", "name=<>|next");
	expect_split("name=", "name=<>");
	expect_split("name=\"a b c\" x", "name=<a b c>|x");
	expect_split("name=\"a\tb\" x", "name=<a\tb>|x");
	expect_split("\"name=a b\" x", "name=<a b>|x");
	expect_split("\"two words\" y", "two words|y");
	expect_split("name=\"\" z", "name=<>|z");
	expect_split("name=\"unterminated value", "name=<unterminated value>");
	expect_split("a=\"b c\"d", "a=<b c\"d>");
	expect_split("console=ttyS0,115200 earlycon=uart8250,mmio32,0x01c28000 initcall_debug",
		     "console=<ttyS0,115200>|earlycon=<uart8250,mmio32,0x01c28000>|initcall_debug");
	expect_split("x -- y=1", "x|--|y=<1>");
}

static void test_next_arg_returns_the_rest(void **state)
{
	char buf[] = "first=1   second \t ", *name, *value, *rest;

	(void)state;
	rest = next_arg(buf, &name, &value);
	assert_string_equal(name, "first");
	assert_string_equal(value, "1");
	assert_string_equal(rest, "second \t "); /* spaces after an argument are skipped */
	rest = next_arg(rest, &name, &value);
	assert_string_equal(name, "second");
	assert_null(value);
	assert_string_equal(rest, ""); /* trailing spaces: nothing left */
	assert_ptr_equal(rest, buf + strlen("first=1   second \t "));
}

/* ---- the two passes ----------------------------------------------------- */

static void test_early_pass_calls_only_early_handlers(void **state)
{
	(void)state;
	parse_params("console=ttyS0 loglevel=7 earlycon initcall_debug quiet foo printk.time=0",
		     &table, true, NULL, 0);
	assert_string_equal(calls, "loglevel=<7> earlycon quiet printk.time=<0>");
	assert_string_equal(printk_captured(), "");
}

static void test_normal_pass_calls_only_the_others(void **state)
{
	char unknown[256];

	(void)state;
	parse_params("console=ttyS0 loglevel=7 earlycon initcall_debug quiet foo printk.time=0",
		     &table, false, unknown, sizeof(unknown));
	assert_string_equal(calls, "console=<ttyS0> initcall_debug");
	assert_string_equal(unknown, "foo");
	assert_string_equal(printk_captured(), "");
}

static void test_handler_gets_null_without_equals(void **state)
{
	char unknown[64];

	(void)state;
	parse_params("earlycon earlycon= earlycon=x", &table, true, NULL, 0);
	assert_string_equal(calls, "earlycon earlycon=<> earlycon=<x>");
	calls[0] = '\0';
	parse_params("console console= console=\"ttyS0 115200\"", &table, false, unknown,
		     sizeof(unknown));
	assert_string_equal(calls, "console console=<> console=<ttyS0 115200>");
	/* The bare console failed (its handler wants a value): it goes to init. */
	assert_string_equal(unknown, "console");
}

static void test_malformed_early_option(void **state)
{
	char unknown[64];

	(void)state;
	parse_params("loglevel=abc quiet printk.time=maybe loglevel", &table, true, NULL, 0);
	assert_string_equal(printk_captured(), "\0014Malformed early option 'loglevel'\n"
					       "\0014Malformed early option 'printk.time'\n"
					       "\0014Malformed early option 'loglevel'\n");
	/* The normal pass neither calls early handlers nor lists them as unknown. */
	calls[0] = '\0';
	printk_capture_reset();
	parse_params("loglevel=abc quiet printk.time=maybe loglevel", &table, false, unknown,
		     sizeof(unknown));
	assert_string_equal(calls, "");
	assert_string_equal(unknown, "");
	assert_string_equal(printk_captured(), "");
}

static void test_double_dash_ends_parsing(void **state)
{
	char unknown[64];

	(void)state;
	parse_params("quiet -- loglevel=abc earlycon", &table, true, NULL, 0);
	assert_string_equal(calls, "quiet");
	assert_string_equal(printk_captured(), "");
	calls[0] = '\0';
	parse_params("a console=x -- console=y b c=d", &table, false, unknown, sizeof(unknown));
	assert_string_equal(calls, "console=<x>");
	assert_string_equal(unknown, "a");
	/* "--=1" is a parameter named "--", not the separator. */
	calls[0] = '\0';
	parse_params("--=1 console=x", &table, false, unknown, sizeof(unknown));
	assert_string_equal(calls, "console=<x>");
	assert_string_equal(unknown, "--=1");
}

/* ---- unknown parameters ------------------------------------------------- */

static void expect_unknown(const char *cmdline, const char *want)
{
	char unknown[COMMAND_LINE_SIZE];

	memset(unknown, '#', sizeof(unknown));
	parse_params(cmdline, &table, false, unknown, sizeof(unknown));
	if (strcmp(unknown, want)) {
		print_error("unknown of \"%s\": got \"%s\", want \"%s\"\n", cmdline, unknown, want);
		fail();
	}
}

static void test_unknown_order_like_linux(void **state)
{
	(void)state;
	expect_unknown("", "");
	expect_unknown("console=ttyS0 initcall_debug", "");
	expect_unknown("foo", "foo");
	/* Bare words (init's arguments) first, then name=value (its environment). */
	expect_unknown("a=1 foo b=2 bar console=x baz", "foo bar baz a=1 b=2");
	expect_unknown("root=/dev/mmcblk0p2 rootwait rw init=/sbin/init",
		       "rootwait rw root=/dev/mmcblk0p2 init=/sbin/init");
	/* Quotes are gone, the value's spaces stay. */
	expect_unknown("msg=\"hello world\" word", "word msg=hello world");
	expect_unknown("\"msg=a b\" \"two words\"", "two words msg=a b");
	expect_unknown("empty= x", "x empty=");
	/* A repeated environment name keeps its first place and takes the last value. */
	expect_unknown("x=1 y=2 x=3 w", "w x=3 y=2");
	/* Repeated bare words are all passed. */
	expect_unknown("w w", "w w");
	/* HOME and TERM replace init's own HOME=/ and TERM=linux, which are not listed. */
	expect_unknown("TERM=vt100 z=1 HOME=/root", "z=1");
}

static void test_unknown_dotted_names_are_ignored(void **state)
{
	(void)state;
	expect_unknown("usbcore.autosuspend=-1 foo.bar x", "x");
	/* Only a '.' in the name counts. */
	expect_unknown("a=b.c", "a=b.c");
	/* A known dotted name is handled, not listed (here: an early one). */
	expect_unknown("printk.time=1", "");
}

static void test_failing_handler_counts_as_unknown(void **state)
{
	(void)state;
	expect_unknown("initcall_debug=maybe always_fails always_fails=1 initcall_debug=1",
		       "always_fails initcall_debug=maybe always_fails=1");
	assert_string_equal(calls, "initcall_debug=<maybe> always_fails always_fails=<1> "
				   "initcall_debug=<1>");
}

static void test_unknown_may_be_null(void **state)
{
	(void)state;
	parse_params("foo a=1 console=x", &table, false, NULL, 0);
	assert_string_equal(calls, "console=<x>");
}

/* Every buffer size, each allocated exactly: the start of the full list, NUL-terminated. */
static void test_unknown_never_overflows(void **state)
{
	const char *cmdline = "alpha b=22 gamma delta=\"4 4\" e";
	const char *full = "alpha gamma e b=22 delta=4 4";
	size_t len = strlen(full);

	(void)state;
	for (size_t size = 0; size <= len + 2; size++) {
		char *unknown = malloc(size ? size : 1);
		size_t kept = size ? (len < size ? len : size - 1) : 0;

		assert_non_null(unknown);
		memset(unknown, '#', size ? size : 1);
		parse_params(cmdline, &table, false, unknown, size);
		if (!size) {
			assert_int_equal(unknown[0], '#'); /* nothing written */
		} else {
			assert_int_equal(unknown[kept], '\0');
			assert_memory_equal(unknown, full, kept);
		}
		free(unknown);
	}
}

/* "x0 x1 ... x9 x0 ..." then `tail`: `len` characters, len - strlen(tail) a multiple of 3. */
static const char *long_cmdline(size_t len, const char *tail)
{
	static char cmdline[2 * COMMAND_LINE_SIZE];
	size_t tail_len = strlen(tail), pos = 0;

	assert_true(len < sizeof(cmdline) && tail_len < len && (len - tail_len) % 3 == 0);
	for (int i = 0; pos < len - tail_len; i++)
		pos += sprintf(cmdline + pos, "x%d ", i % 10);
	strcpy(cmdline + pos, tail);
	return cmdline;
}

static void test_longest_command_line(void **state)
{
	static char unknown[COMMAND_LINE_SIZE];
	const char *cmdline = long_cmdline(COMMAND_LINE_SIZE - 1, "console=LAST");

	(void)state;
	assert_int_equal(strlen(cmdline), 1023);
	parse_params(cmdline, &table, false, unknown, sizeof(unknown));
	assert_string_equal(calls, "console=<LAST>");
	/* Every word but the last one is unknown. */
	assert_int_equal(strlen(unknown), 1023 - strlen(" console=LAST"));
	assert_memory_equal(unknown, cmdline, strlen(unknown));

	/* Longer lines are cut at 1023 characters: "console=L" is what is left of the last word. */
	cmdline = long_cmdline(COMMAND_LINE_SIZE + 2, "console=LAST");
	calls[0] = '\0';
	parse_params(cmdline, &table, false, unknown, sizeof(unknown));
	assert_string_equal(calls, "console=<L>");
}

/* ---- value parsers ------------------------------------------------------ */

static void expect_bool(const char *value, bool want)
{
	bool out = !want;

	assert_int_equal(param_parse_bool(value, &out), 0);
	assert_int_equal(out, want);
}

static void expect_bool_error(const char *value)
{
	bool out = true;

	assert_int_equal(param_parse_bool(value, &out), -EINVAL);
	assert_true(out); /* untouched */
	out = false;
	assert_int_equal(param_parse_bool(value, &out), -EINVAL);
	assert_false(out);
}

/* Flag parameters (early_param_flag / setup_flag): no handler, a bool set or cleared. */
static bool early_flag, normal_flag;
static const struct boot_param flag_params[] = {
	{ .name = "eflag", .flag = &early_flag, .early = true },
	{ .name = "nflag", .flag = &normal_flag, .early = false },
};
static const struct param_table flag_table = { flag_params, flag_params + ARRAY_SIZE(flag_params) };

static void test_flag_params(void **state)
{
	char unknown[64];

	(void)state;
	early_flag = normal_flag = false;
	parse_params("eflag nflag", &flag_table, true, NULL, 0);
	assert_true(early_flag);
	assert_false(normal_flag); /* not in the early pass */
	parse_params("eflag nflag", &flag_table, false, unknown, sizeof(unknown));
	assert_true(normal_flag);
	assert_string_equal(unknown, "");

	parse_params("eflag=0 nflag=off", &flag_table, true, NULL, 0);
	parse_params("eflag=0 nflag=off", &flag_table, false, unknown, sizeof(unknown));
	assert_false(early_flag);
	assert_false(normal_flag);

	/* a value that is no boolean: malformed early option, unknown normal one */
	early_flag = normal_flag = true;
	printk_capture_reset();
	parse_params("eflag=maybe nflag=maybe", &flag_table, true, NULL, 0);
	assert_string_equal(printk_captured(), "\0014Malformed early option 'eflag'\n");
	parse_params("eflag=maybe nflag=maybe", &flag_table, false, unknown, sizeof(unknown));
	assert_string_equal(unknown, "nflag=maybe");
	assert_true(early_flag);
	assert_true(normal_flag);
}

static void test_param_parse_bool(void **state)
{
	(void)state;
	expect_bool(NULL, true);
	expect_bool("", true);
	expect_bool("1", true);
	expect_bool("y", true);
	expect_bool("Y", true);
	expect_bool("on", true);
	expect_bool("0", false);
	expect_bool("n", false);
	expect_bool("N", false);
	expect_bool("off", false);
	expect_bool_error("2");
	expect_bool_error("maybe");
	expect_bool_error("o");
	expect_bool_error("of");
	expect_bool_error("-1");
}

static void expect_int(const char *value, long want)
{
	long out = 12345;

	if (param_parse_int(value, &out) != 0) {
		print_error("param_parse_int(\"%s\") failed\n", value);
		fail();
	}
	assert_int_equal(out, want);
}

static void expect_int_error(const char *value, int err)
{
	long out = 12345;

	if (param_parse_int(value, &out) != err) {
		print_error("param_parse_int(\"%s\"): want %d\n", value ? value : "(NULL)", err);
		fail();
	}
	assert_int_equal(out, 12345); /* untouched */
}

static void expect_size(const char *value, int err, unsigned long want)
{
	unsigned long out = 12345;

	if (param_parse_size(value, &out) != err) {
		print_error("param_parse_size(\"%s\"): want %d\n", value ? value : "(NULL)", err);
		fail();
	}
	assert_int_equal(out, err ? 12345 : want);
}

/* Linux's memparse(): a number (decimal or 0x), then K, M or G. */
static void test_param_parse_size(void **state)
{
	char text[64];

	(void)state;
	expect_size("0", 0, 0);
	expect_size("49152", 0, 49152);
	expect_size("48K", 0, 48 << 10);
	expect_size("48k", 0, 48 << 10);
	expect_size("64M", 0, 64ul << 20);
	expect_size("2g", 0, 2ul << 30);
	expect_size("0x100", 0, 256);
	expect_size("0x10K", 0, 16 << 10);
	snprintf(text, sizeof(text), "%lu", ULONG_MAX);
	expect_size(text, 0, ULONG_MAX);
	snprintf(text, sizeof(text), "%luK", ULONG_MAX >> 10);
	expect_size(text, 0, (ULONG_MAX >> 10) << 10);
	snprintf(text, sizeof(text), "%luK", (ULONG_MAX >> 10) + 1);
	expect_size(text, -ERANGE, 0);
	snprintf(text, sizeof(text), "%lu0", ULONG_MAX);
	expect_size(text, -ERANGE, 0);
	expect_size(NULL, -EINVAL, 0);
	expect_size("", -EINVAL, 0);
	expect_size("K", -EINVAL, 0);
	expect_size("-1", -EINVAL, 0);
	expect_size("12KB", -EINVAL, 0);
	expect_size("12T", -EINVAL, 0);
	expect_size("junk", -EINVAL, 0);
	expect_size("1 K", -EINVAL, 0);
}

static void test_param_parse_ulong(void **state)
{
	unsigned long out = 0;

	(void)state;
	assert_int_equal(param_parse_ulong("0xd0000000", &out), 0);
	assert_int_equal(out, 0xd0000000ul);
	assert_int_equal(param_parse_ulong("4294967295", &out), 0);
	assert_int_equal(out, 4294967295ul);
	assert_int_equal(param_parse_ulong("-1", &out), -EINVAL);
	assert_int_equal(param_parse_ulong("12k", &out), -EINVAL);
	assert_int_equal(param_parse_ulong("", &out), -EINVAL);
	assert_int_equal(param_parse_ulong("99999999999999999999999", &out), -ERANGE);
}

static void test_param_parse_int(void **state)
{
	char text[64];

	(void)state;
	expect_int("0", 0);
	expect_int("7", 7);
	expect_int("42", 42);
	expect_int("-42", -42);
	expect_int("+42", 42);
	expect_int("-0", 0);
	expect_int("010", 10); /* decimal, not octal */
	expect_int("0x1f", 31);
	expect_int("0X1F", 31);
	expect_int("0xDeadBeef", 0xdeadbeefL);
	expect_int("-0x10", -16);
	expect_int("0x0", 0);

	/* The limits of long, and one past them. */
	snprintf(text, sizeof(text), "%ld", LONG_MAX);
	expect_int(text, LONG_MAX);
	snprintf(text, sizeof(text), "%ld", LONG_MIN);
	expect_int(text, LONG_MIN);
	snprintf(text, sizeof(text), "%#lx", LONG_MAX);
	expect_int(text, LONG_MAX);
	snprintf(text, sizeof(text), "-%#lx", (unsigned long)LONG_MAX + 1);
	expect_int(text, LONG_MIN);
	snprintf(text, sizeof(text), "%lu", (unsigned long)LONG_MAX + 1);
	expect_int_error(text, -ERANGE);
	snprintf(text, sizeof(text), "-%lu", (unsigned long)LONG_MAX + 2);
	expect_int_error(text, -ERANGE);
	snprintf(text, sizeof(text), "%#lx", (unsigned long)LONG_MAX + 1);
	expect_int_error(text, -ERANGE);
	snprintf(text, sizeof(text), "%lu0", ULONG_MAX);
	expect_int_error(text, -ERANGE);
	expect_int_error("99999999999999999999999999", -ERANGE);
	expect_int_error("0x10000000000000000000", -ERANGE);

	/* Junk. */
	expect_int_error(NULL, -EINVAL);
	expect_int_error("", -EINVAL);
	expect_int_error("-", -EINVAL);
	expect_int_error("+", -EINVAL);
	expect_int_error("0x", -EINVAL);
	expect_int_error("-0x", -EINVAL);
	expect_int_error("12a", -EINVAL);
	expect_int_error("a12", -EINVAL);
	expect_int_error(" 1", -EINVAL);
	expect_int_error("1 ", -EINVAL);
	expect_int_error("--1", -EINVAL);
	expect_int_error("+-1", -EINVAL);
	expect_int_error("0x-1", -EINVAL);
	expect_int_error("0xg", -EINVAL);
	expect_int_error("1.5", -EINVAL);
	expect_int_error("1e3", -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_next_arg_splitting, reset),
		cmocka_unit_test_setup(test_next_arg_returns_the_rest, reset),
		cmocka_unit_test_setup(test_early_pass_calls_only_early_handlers, reset),
		cmocka_unit_test_setup(test_normal_pass_calls_only_the_others, reset),
		cmocka_unit_test_setup(test_handler_gets_null_without_equals, reset),
		cmocka_unit_test_setup(test_malformed_early_option, reset),
		cmocka_unit_test_setup(test_double_dash_ends_parsing, reset),
		cmocka_unit_test_setup(test_unknown_order_like_linux, reset),
		cmocka_unit_test_setup(test_unknown_dotted_names_are_ignored, reset),
		cmocka_unit_test_setup(test_failing_handler_counts_as_unknown, reset),
		cmocka_unit_test_setup(test_unknown_may_be_null, reset),
		cmocka_unit_test_setup(test_unknown_never_overflows, reset),
		cmocka_unit_test_setup(test_longest_command_line, reset),
		cmocka_unit_test_setup(test_flag_params, reset),
		cmocka_unit_test_setup(test_param_parse_bool, reset),
		cmocka_unit_test_setup(test_param_parse_int, reset),
		cmocka_unit_test_setup(test_param_parse_size, reset),
		cmocka_unit_test_setup(test_param_parse_ulong, reset),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
