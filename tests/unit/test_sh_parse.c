/*
 * Host unit tests for the shell's command-line parser (kernel/shell/parse.c).
 *
 * Tables of lines give the commands expected, written as one string ("[echo][a]
 * out=f | [wc]": each command's words in brackets, then its redirections, then
 * " | " or " ; " before the next command), and the errors expected, in BusyBox
 * ash's words. The host's /bin/sh (dash) checks the parser on them: it accepts
 * the lines that parse and refuses the ash syntax errors (sh -n), and it splits
 * and unquotes the quoting lines (with $?) into the same words. Then the limits
 * (33 arguments, 17 commands, 1024-byte lines, a line with no NUL in its first
 * 1024 bytes, which AddressSanitizer watches, words that fill the whole words
 * buffer), and random lines: 20000 from a small alphabet of the special
 * characters, checked for invariants (argv pointers inside the words buffer,
 * NUL-terminated, no overlap, argv[argc] NULL, known errors); a few hundred of
 * quoting characters, whose words must be /bin/sh's; and a few hundred with the
 * operators too, valid for the parser exactly when valid for /bin/sh.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h> /* EINVAL: <kernel/errno.h> has the same numbers but clashes with <string.h> */
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <kernel/compiler.h>
#include <kernel/shell_parse.h>

static struct sh_script script; /* static, as in the shell */

/* ---- helpers ----------------------------------------------------------- */

/* The parse as one string, in the tables' notation. */
static void describe(const struct sh_script *s, char *buf, size_t size)
{
	size_t len = 0;

	buf[0] = '\0';
#define ADD(...) (len += (size_t)snprintf(buf + len, len < size ? size - len : 0, __VA_ARGS__))
	for (int c = 0; c < s->ncommands; c++) {
		const struct sh_command *cmd = &s->cmd[c];

		if (c)
			ADD("%s", s->cmd[c - 1].pipe_next ? " | " : " ; ");
		for (int a = 0; a < cmd->argc; a++)
			ADD("[%s]", cmd->argv[a]);
		if (cmd->in)
			ADD(" in=%s", cmd->in);
		if (cmd->out)
			ADD(" %s=%s", cmd->append ? "append" : "out", cmd->out);
		if (cmd->err)
			ADD(" %s=%s", cmd->err_append ? "err_append" : "err", cmd->err);
	}
#undef ADD
	assert_true(len < size);
}

/* Is p..p+strlen(p) inside s->words? */
static bool in_words(const struct sh_script *s, const char *p)
{
	return p >= s->words && p < s->words + SH_WORDS_SIZE &&
	       memchr(p, '\0', (size_t)(s->words + SH_WORDS_SIZE - p));
}

static int compare_pointers(const void *a, const void *b)
{
	const char *pa = *(const char *const *)a, *pb = *(const char *const *)b;

	return pa < pb ? -1 : pa > pb;
}

static const char *const messages[] = {
	"syntax error: unterminated quoted string",
	"syntax error: unexpected \";\"",
	"syntax error: unexpected \";;\"",
	"syntax error: unexpected \"|\"",
	"syntax error: unexpected newline",
	"syntax error: unexpected redirection",
	"syntax error: unsupported \"&\"",
	"syntax error: unsupported \"&&\"",
	"syntax error: unsupported \"||\"",
	"syntax error: unsupported \"(\"",
	"syntax error: unsupported \")\"",
	"syntax error: unsupported redirection",
	"line too long",
	"too many arguments",
	"too many commands",
};

/* What must hold after any parse, good or not. */
static void check_invariants(const struct sh_script *s, int ret, const char *error)
{
	const char *strings[SH_MAX_COMMANDS * (SH_MAX_ARGS + 3)];
	size_t n = 0, m;

	if (ret) {
		assert_int_equal(ret, -EINVAL);
		assert_non_null(error);
		for (m = 0; m < ARRAY_SIZE(messages); m++)
			if (!strcmp(error, messages[m]))
				break;
		if (m == ARRAY_SIZE(messages))
			fail_msg("unknown message \"%s\"", error);
		assert_int_equal(s->ncommands, 0);
		return;
	}
	assert_in_range(s->ncommands, 0, SH_MAX_COMMANDS);
	for (int c = 0; c < s->ncommands; c++) {
		const struct sh_command *cmd = &s->cmd[c];

		assert_in_range(cmd->argc, 0, SH_MAX_ARGS);
		for (int a = 0; a < cmd->argc; a++) {
			assert_true(in_words(s, cmd->argv[a]));
			strings[n++] = cmd->argv[a];
		}
		assert_null(cmd->argv[cmd->argc]);
		/* No empty command: words or at least one redirection. */
		assert_true(cmd->argc > 0 || cmd->in || cmd->out || cmd->err);
		if (!cmd->out)
			assert_false(cmd->append);
		if (!cmd->err)
			assert_false(cmd->err_append);
		for (int r = 0; r < 3; r++) {
			const char *target = r == 0 ? cmd->in : r == 1 ? cmd->out : cmd->err;

			if (target) {
				assert_true(in_words(s, target));
				strings[n++] = target;
			}
		}
	}
	if (s->ncommands)
		assert_false(s->cmd[s->ncommands - 1].pipe_next);
	for (int c = s->ncommands; c < SH_MAX_COMMANDS; c++)
		assert_int_equal(s->cmd[c].argc, 0);
	/* Every word has its own bytes. */
	qsort(strings, n, sizeof(strings[0]), compare_pointers);
	for (size_t i = 1; i < n; i++)
		assert_true(strings[i - 1] + strlen(strings[i - 1]) < strings[i]);
}

static int parse(const char *line, int status, const char **error)
{
	int ret;

	*error = NULL;
	memset(&script, 0x5a, sizeof(script)); /* no help from a previous parse */
	ret = sh_parse(line, status, &script, error);
	check_invariants(&script, ret, *error);
	return ret;
}

static void expect_parse(const char *line, int status, const char *expected)
{
	const char *error;
	char got[4096];
	int ret = parse(line, status, &error);

	if (ret)
		fail_msg("\"%s\": %s", line, error);
	describe(&script, got, sizeof(got));
	if (strcmp(got, expected))
		fail_msg("\"%s\": got \"%s\", expected \"%s\"", line, got, expected);
}

static void expect_error(const char *line, int status, const char *expected)
{
	const char *error;
	char got[4096];
	int ret = parse(line, status, &error);

	if (!ret) {
		describe(&script, got, sizeof(got));
		fail_msg("\"%s\": parsed as \"%s\", expected \"%s\"", line, got, expected);
	}
	if (strcmp(error, expected))
		fail_msg("\"%s\": got \"%s\", expected \"%s\"", line, error, expected);
}

/*
 * Runs /bin/sh with args (stdin and stderr /dev/null); its stdout into out.
 * Returns its exit status.
 */
static int run_sh(const char *const args[], char *out, size_t size)
{
	int fds[2], status;
	size_t len = 0;
	ssize_t got;
	pid_t pid;

	assert_int_equal(pipe(fds), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		int null = open("/dev/null", O_RDWR);

		dup2(null, 0);
		dup2(null, 2);
		dup2(fds[1], 1);
		close(fds[0]);
		close(fds[1]);
		execv("/bin/sh", (char *const *)args);
		_exit(127);
	}
	close(fds[1]);
	while ((got = read(fds[0], out + len, size - 1 - len)) > 0)
		len += (size_t)got;
	out[len] = '\0';
	close(fds[0]);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/* Does /bin/sh accept the line's syntax (sh -n: read, do not run)? */
static bool sh_accepts(const char *line)
{
	const char *const args[] = { "sh", "-n", "-c", line, NULL };
	char out[64];

	return run_sh(args, out, sizeof(out)) == 0;
}

/*
 * The words of a one-command line as /bin/sh has them, $? being status:
 * "<argc><arg1><arg2>..." or "" when sh finds an error. No globbing (set -f).
 */
static void sh_words(const char *line, int status, char *out, size_t size)
{
	char script_text[SH_LINE_MAX + 200];
	const char *const args[] = { "sh", "-c", script_text, NULL };

	snprintf(script_text, sizeof(script_text),
		 "set -f; f() { printf %%d $#; for a in \"$@\"; do printf '<%%s>' \"$a\"; done; }; "
		 "(exit %d); f %s", status, line);
	run_sh(args, out, size);
}

/* The same from the parser; false for an error. */
static bool our_words(const char *line, int status, char *out, size_t size)
{
	const struct sh_command *cmd = &script.cmd[0];
	const char *error;
	size_t len;

	out[0] = '\0';
	if (parse(line, status, &error))
		return false;
	assert_in_range(script.ncommands, 0, 1); /* 0: blank or comment */
	len = (size_t)snprintf(out, size, "%d", cmd->argc);
	for (int a = 0; a < cmd->argc; a++)
		len += (size_t)snprintf(out + len, size - len, "<%s>", cmd->argv[a]);
	assert_true(len < size);
	return true;
}

static bool expect_same_words_as_sh(const char *line, int status)
{
	char ours[4096], theirs[4096];
	bool ok = our_words(line, status, ours, sizeof(ours));

	sh_words(line, status, theirs, sizeof(theirs));
	if (strcmp(ours, theirs))
		fail_msg("\"%s\" ($? %d): ours \"%s\", /bin/sh's \"%s\"", line, status, ours, theirs);
	return ok;
}

/* ---- tables ------------------------------------------------------------ */

struct good_line {
	const char *line;
	int status;
	const char *expected;
	bool words_vs_sh; /* one command of words only: compare them with /bin/sh's */
};

static const struct good_line good_lines[] = {
	/* Nothing to run. */
	{ "", 0, "", false },
	{ " \t  ", 0, "", false },
	{ "# a comment ; with | operators > f", 0, "", false },
	{ "  \t# indented comment 'unterminated", 0, "", false },
	/* Words and blanks. */
	{ "echo", 0, "[echo]", true },
	{ "echo a  b\tc ", 0, "[echo][a][b][c]", true },
	{ "\techo\t\ta", 0, "[echo][a]", true },
	/* Quoting. */
	{ "''", 0, "[]", true },
	{ "echo '' \"\" x''", 0, "[echo][][][x]", true },
	{ "a'b'c\"d\"e", 0, "[abcde]", true },
	{ "'a  b' \"c\td\"", 0, "[a  b][c\td]", true },
	{ "'a\\b' '\\'", 0, "[a\\b][\\]", true },
	{ "'\"' \"'\" '$?'", 3, "[\"]['][$?]", true },
	{ "\"a\\\"b\"", 0, "[a\"b]", true },
	{ "\"\\\\ \\$ \\` \\a \\' \\n\"", 0, "[\\ $ ` \\a \\' \\n]", true },
	{ "a\\ b \\' \\\" \\\\ \\a", 0, "[a b]['][\"][\\][a]", true },
	{ "a\\", 0, "[a\\]", true },
	{ "\\", 0, "[\\]", true },
	{ "\"a\"'b'\\c", 0, "[abc]", true },
	{ "\"a \"\\ \" b\"", 0, "[a   b]", true },
	/* $? */
	{ "echo $?", 0, "[echo][0]", true },
	{ "echo $?", 127, "[echo][127]", true },
	{ "x$?y \"$?\" $?$?", 42, "[x42y][42][4242]", true },
	{ "'$?' \\$? $\\? \"\\$?\"", 1, "[$?][$?][$?][$?]", true },
	{ "$?", -1, "[-1]", false },
	{ "$?", INT_MIN + 1, "[-2147483647]", false },
	/* SH_STATUS_LATER (INT_MIN): a mark the shell expands when the command runs */
	{ "x$?y \"$?\" '$?'", SH_STATUS_LATER, "[x\001y][\001][$?]", false },
	{ "$?", INT_MAX, "[2147483647]", false },
	/* Every other $ is literal ($x and the like are variables in sh). */
	{ "$ \"$\" a$ $' ' $\"x\"", 0, "[$][$][a$][$ ][$x]", true },
	{ "$x ${x} $$ $1 \"$(x)\" `x` ~ * ?", 0, "[$x][${x}][$$][$1][$(x)][`x`][~][*][?]", false },
	/* # starts a comment at the start of a word only. */
	{ "a#b #c", 0, "[a#b]", true },
	{ "a '#b' \\#c \"#d\" e#", 0, "[a][#b][#c][#d][e#]", true },
	{ "a;#b | c", 0, "[a]", false },
	/* Sequences. */
	{ "a;b", 0, "[a] ; [b]", false },
	{ "a ; b c ;", 0, "[a] ; [b][c]", false },
	{ "a;", 0, "[a]", false },
	/* Pipes. */
	{ "a|b", 0, "[a] | [b]", false },
	{ "a x | b y | c", 0, "[a][x] | [b][y] | [c]", false },
	{ "a | b ; c | d", 0, "[a] | [b] ; [c] | [d]", false },
	/* Operators in quotes are words. */
	{ "a '|' ';' '>' \"<\" \\| \\; \\& \\( \\)", 0, "[a][|][;][>][<][|][;][&][(][)]", true },
	/* Redirections. */
	{ "a>f", 0, "[a] out=f", false },
	{ "a > f b", 0, "[a][b] out=f", false },
	{ "a >>f", 0, "[a] append=f", false },
	{ "a >| f", 0, "[a] out=f", false },
	{ "a <f", 0, "[a] in=f", false },
	{ "<i a >o b", 0, "[a][b] in=i out=o", false },
	{ "a 2>e", 0, "[a] err=e", false },
	{ "a 2>>e >o", 0, "[a] out=o err_append=e", false },
	{ "a 1>o 0<i 2>|e", 0, "[a] in=i out=o err=e", false },
	{ "a 01>o", 0, "[a] out=o", false },
	{ "a >x >>y", 0, "[a] append=y", false },
	{ "a >>x >y", 0, "[a] out=y", false },
	{ "a > 'my file' < \"$?\"", 5, "[a] in=5 out=my file", false },
	{ "a >''", 0, "[a] out=", false },
	{ "> f", 0, " out=f", false },
	{ "a > f | b < g", 0, "[a] out=f | [b] in=g", false },
	{ "a | >f", 0, "[a] |  out=f", false },
	/* A number is the fd only as a whole unquoted word. */
	{ "a2>f", 0, "[a2] out=f", false },
	{ "\"2\">f '1'>g", 0, "[2][1] out=g", false },
	{ "2\\>f", 0, "[2>f]", true },
	{ "2 >f", 0, "[2] out=f", false },
	{ "$?>f", 2, "[2] out=f", false },
	{ "a 3", 0, "[a][3]", true },
};

struct bad_line {
	const char *line;
	const char *expected;
	bool ash_syntax; /* an ash syntax error: /bin/sh refuses it too */
};

#define UNTERMINATED "syntax error: unterminated quoted string"
#define SEMI "syntax error: unexpected \";\""
#define DSEMI "syntax error: unexpected \";;\""
#define PIPE "syntax error: unexpected \"|\""
#define NEWLINE "syntax error: unexpected newline"
#define REDIR "syntax error: unexpected redirection"
#define UNSUPPORTED_REDIR "syntax error: unsupported redirection"

static const struct bad_line bad_lines[] = {
	{ "\"abc", UNTERMINATED, true },
	{ "'abc", UNTERMINATED, true },
	{ "a\"b", UNTERMINATED, true },
	{ "\"a\\\"", UNTERMINATED, true },
	{ "\"a\\", UNTERMINATED, true },
	{ "echo 'a ; b | c", UNTERMINATED, true },
	{ "a > 'f", UNTERMINATED, true },
	{ "'abc | ", UNTERMINATED, true },
	{ ";", SEMI, true },
	{ "; a", SEMI, true },
	{ "  ;a", SEMI, true },
	{ "a ; ; b", SEMI, true },
	{ "a | ; b", SEMI, true },
	{ "a > ;", SEMI, true },
	{ ";;", DSEMI, true },
	{ "a;;", DSEMI, true },
	{ "a ;; b", DSEMI, true },
	{ "a > ;;", DSEMI, true },
	{ "|", PIPE, true },
	{ "| a", PIPE, true },
	{ "| 'abc", PIPE, true }, /* the first error is the one reported */
	{ "a | | b", PIPE, true },
	{ "a ; | b", PIPE, true },
	{ "a > | b", PIPE, true },
	{ "a >>|b", PIPE, true },
	{ "a |", NEWLINE, true },
	{ "a | b |  ", NEWLINE, true },
	{ "a|#b", NEWLINE, true },
	{ "echo >", NEWLINE, true },
	{ "echo <", NEWLINE, true },
	{ "echo >> ", NEWLINE, true },
	{ "echo 2>", NEWLINE, true },
	{ "echo > #f", NEWLINE, true },
	{ ">", NEWLINE, true },
	{ "a > > f", REDIR, true },
	{ "a < 2>f", REDIR, true },
	{ "a )", "syntax error: unsupported \")\"", true },
	/* Valid sh that this shell does not do. */
	{ "a &", "syntax error: unsupported \"&\"", false },
	{ "a&b", "syntax error: unsupported \"&\"", false },
	{ "a && b", "syntax error: unsupported \"&&\"", false },
	{ "a || b", "syntax error: unsupported \"||\"", false },
	{ "(a)", "syntax error: unsupported \"(\"", false },
	{ "echo $(date)", "syntax error: unsupported \"(\"", false },
	{ "a <<EOF", UNSUPPORTED_REDIR, false },
	{ "a <>f", UNSUPPORTED_REDIR, false },
	{ "a <&0", UNSUPPORTED_REDIR, false },
	{ "a >&2", UNSUPPORTED_REDIR, false },
	{ "a 2>&1", UNSUPPORTED_REDIR, false },
	{ "a 3>f", UNSUPPORTED_REDIR, false },
	{ "a 10>f", UNSUPPORTED_REDIR, false },
	{ "a 0>f", UNSUPPORTED_REDIR, false },
	{ "a 1<f", UNSUPPORTED_REDIR, false },
	{ "a 2<f", UNSUPPORTED_REDIR, false },
};

static void test_good_lines(void **state)
{
	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(good_lines); i++)
		expect_parse(good_lines[i].line, good_lines[i].status, good_lines[i].expected);
}

static void test_bad_lines(void **state)
{
	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(bad_lines); i++)
		expect_error(bad_lines[i].line, 0, bad_lines[i].expected);
}

/* Do the parser and /bin/sh agree on whether the line is valid? */
static void expect_same_syntax_as_sh(const char *line)
{
	const char *error;
	bool ours = parse(line, 0, &error) == 0, theirs = sh_accepts(line);

	if (ours != theirs)
		fail_msg("\"%s\": %s, /bin/sh %s", line, ours ? "parsed" : error,
			 theirs ? "accepts it" : "refuses it");
}

/* The host's shell agrees on the lines of the tables that are valid or ash syntax errors. */
static void test_tables_against_sh_syntax(void **state)
{
	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(good_lines); i++)
		expect_same_syntax_as_sh(good_lines[i].line);
	for (size_t i = 0; i < ARRAY_SIZE(bad_lines); i++)
		if (bad_lines[i].ash_syntax)
			expect_same_syntax_as_sh(bad_lines[i].line);
}

/* ... and on the words of the quoting lines. */
static void test_tables_against_sh_words(void **state)
{
	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(good_lines); i++)
		if (good_lines[i].words_vs_sh)
			expect_same_words_as_sh(good_lines[i].line, good_lines[i].status);
}

/* After an error the script holds no commands, though some were read before it. */
static void test_error_leaves_no_commands(void **state)
{
	const char *error;

	(void)state;
	assert_int_equal(parse("a b | c d > f ; e ; |", 0, &error), -EINVAL);
	assert_string_equal(error, PIPE);
	assert_int_equal(script.ncommands, 0);
	/* The message made from a token lives in the script. */
	assert_ptr_equal(error, script.msg);
	assert_int_equal(parse("a '", 0, &error), -EINVAL);
	assert_int_equal(script.ncommands, 0);
}

/* ---- limits ------------------------------------------------------------ */

/* n copies of word, separated by sep. */
static char *repeat(const char *word, const char *sep, int n)
{
	size_t size = (strlen(word) + strlen(sep)) * (size_t)n + 1;
	char *line = malloc(size);

	assert_non_null(line);
	line[0] = '\0';
	for (int i = 0; i < n; i++) {
		strcat(line, word);
		if (i < n - 1)
			strcat(line, sep);
	}
	return line;
}

static void test_argument_limit(void **state)
{
	const char *error;
	char *line, *word;

	(void)state;
	line = repeat("a", " ", SH_MAX_ARGS);
	assert_int_equal(parse(line, 0, &error), 0);
	assert_int_equal(script.ncommands, 1);
	assert_int_equal(script.cmd[0].argc, SH_MAX_ARGS);
	assert_null(script.cmd[0].argv[SH_MAX_ARGS]);
	free(line);

	/* Redirections are no arguments. */
	line = repeat("a", " ", SH_MAX_ARGS);
	line = realloc(line, strlen(line) + 16);
	strcat(line, " >f <g 2>h");
	assert_int_equal(parse(line, 0, &error), 0);
	assert_int_equal(script.cmd[0].argc, SH_MAX_ARGS);
	free(line);

	line = repeat("a", " ", SH_MAX_ARGS + 1);
	expect_error(line, 0, "too many arguments");
	free(line);
	line = repeat("''", "", SH_MAX_ARGS + 1); /* '''''' is one word */
	expect_parse(line, 0, "[]");
	free(line);
	line = repeat("''", " ", SH_MAX_ARGS + 1);
	expect_error(line, 0, "too many arguments");
	free(line);

	/* The limit is per command. */
	word = repeat("a", " ", SH_MAX_ARGS);
	line = repeat(word, " | ", 2);
	free(word);
	assert_int_equal(parse(line, 0, &error), 0);
	assert_int_equal(script.cmd[0].argc, SH_MAX_ARGS);
	assert_int_equal(script.cmd[1].argc, SH_MAX_ARGS);
	free(line);
}

static void test_command_limit(void **state)
{
	const char *error;
	char *line, *word;

	(void)state;
	line = repeat("a", ";", SH_MAX_COMMANDS);
	assert_int_equal(parse(line, 0, &error), 0);
	assert_int_equal(script.ncommands, SH_MAX_COMMANDS);
	free(line);
	line = repeat("a", "|", SH_MAX_COMMANDS);
	assert_int_equal(parse(line, 0, &error), 0);
	assert_int_equal(script.ncommands, SH_MAX_COMMANDS);
	assert_true(script.cmd[SH_MAX_COMMANDS - 2].pipe_next);
	free(line);
	line = repeat("a", ";", SH_MAX_COMMANDS + 1);
	expect_error(line, 0, "too many commands");
	free(line);
	line = repeat("a", " | ", SH_MAX_COMMANDS + 1);
	expect_error(line, 0, "too many commands");
	free(line);
	line = repeat(">f", ";", SH_MAX_COMMANDS + 1); /* redirections only are commands too */
	expect_error(line, 0, "too many commands");
	free(line);
	/* Empty parts are no commands: 16 and a trailing ';'. */
	line = repeat("a", ";", SH_MAX_COMMANDS);
	line = realloc(line, strlen(line) + 4);
	strcat(line, "; #");
	assert_int_equal(parse(line, 0, &error), 0);
	assert_int_equal(script.ncommands, SH_MAX_COMMANDS);
	free(line);

	/* Everything at once: 16 commands of 32 words in 1023 bytes. */
	word = repeat("a", " ", SH_MAX_ARGS);
	line = repeat(word, ";", SH_MAX_COMMANDS);
	free(word);
	assert_int_equal(strlen(line), SH_LINE_MAX - 1);
	assert_int_equal(parse(line, 0, &error), 0);
	assert_int_equal(script.ncommands, SH_MAX_COMMANDS);
	for (int c = 0; c < SH_MAX_COMMANDS; c++)
		assert_int_equal(script.cmd[c].argc, SH_MAX_ARGS);
	free(line);
}

static void test_line_length(void **state)
{
	char *line = malloc(SH_LINE_MAX + 1);
	const char *error;

	(void)state;
	/* 1023 characters: one word that takes 1024 bytes of the buffer. */
	memset(line, 'x', SH_LINE_MAX - 1);
	line[SH_LINE_MAX - 1] = '\0';
	assert_int_equal(parse(line, 0, &error), 0);
	assert_int_equal(strlen(script.cmd[0].argv[0]), SH_LINE_MAX - 1);
	/* 512 words of 1 character in 1023: 1024 bytes of words (16 commands of 32). */
	for (int i = 0; i < SH_LINE_MAX - 1; i++)
		line[i] = i % 64 == 63 ? ';' : i % 2 ? ' ' : 'x';
	assert_int_equal(parse(line, 0, &error), 0);
	/* 1024 characters. */
	memset(line, 'x', SH_LINE_MAX);
	line[SH_LINE_MAX] = '\0';
	expect_error(line, 0, "line too long");
	memset(line, ' ', SH_LINE_MAX);
	expect_error(line, 0, "line too long");
	free(line);

	/* No NUL at all in the 1024 bytes there are: not read past them. */
	line = malloc(SH_LINE_MAX);
	memset(line, ' ', SH_LINE_MAX);
	expect_error(line, 0, "line too long");
	free(line);
}

/* xs x's, then n words of $?, each repeated per_word times, sep after each but the last. */
static void dollar_line(char *line, int xs, int n, int per_word, const char *sep)
{
	char *p = line;

	for (int i = 0; i < xs; i++)
		*p++ = 'x';
	for (int i = 0; i < n; i++) {
		for (int k = 0; k < per_word; k++)
			p += sprintf(p, "$?");
		if (i < n - 1)
			p += sprintf(p, "%s", i % 30 == 29 ? ";" : sep);
	}
	*p = '\0';
}

/* $? grows the words: they may fill the whole buffer, not more. */
static void test_words_fill_the_buffer(void **state)
{
	int n = (SH_WORDS_SIZE - 2) / 3; /* $? as "255": 3 bytes each */
	int xs = SH_WORDS_SIZE - 1 - 3 * n;
	char line[SH_LINE_MAX];
	const char *error;

	(void)state;
	/* xs + 3n + the NUL: every byte of the buffer. */
	dollar_line(line, xs, 1, n, "");
	assert_int_equal(parse(line, 255, &error), 0);
	assert_ptr_equal(script.cmd[0].argv[0], script.words);
	assert_int_equal(strlen(script.cmd[0].argv[0]) + 1, SH_WORDS_SIZE);
	/* One byte more. */
	dollar_line(line, xs + 1, 1, n, "");
	expect_error(line, 255, "line too long");
	/* Or the NUL of another word. */
	dollar_line(line, xs, 1, n, "");
	memmove(line + xs + 1, line + xs, strlen(line + xs) + 1);
	line[xs] = ' ';
	expect_error(line, 255, "line too long");
	/* With a smaller status, that fits. */
	assert_int_equal(parse(line, 99, &error), 0);

	/* The longest expansions: 90 words of $? as -2147483647, 12 bytes each. */
	dollar_line(line, 0, SH_WORDS_SIZE / 12, 1, " ");
	assert_int_equal(parse(line, INT_MIN + 1, &error), 0);
	assert_int_equal(script.ncommands, 3);
	assert_string_equal(script.cmd[2].argv[29], "-2147483647");
	dollar_line(line, 0, SH_WORDS_SIZE / 12 + 1, 1, " ");
	expect_error(line, INT_MIN + 1, "line too long");
	/* In one word: 9 x's and 98 of them (1078 bytes) and the NUL fill the buffer. */
	dollar_line(line, 9, 1, 98, "");
	assert_int_equal(parse(line, INT_MIN + 1, &error), 0);
	assert_int_equal(strlen(script.cmd[0].argv[0]) + 1, SH_WORDS_SIZE);
	dollar_line(line, 10, 1, 98, "");
	expect_error(line, INT_MIN + 1, "line too long");
}

/* ---- random lines ------------------------------------------------------ */

static u64 rng_state = 0x2545f4914f6cdd1dULL;

static u32 rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return (u32)(rng_state >> 16);
}

static void random_line(char *line, size_t max_len, const char *alphabet)
{
	size_t len = rng() % (max_len + 1), n = strlen(alphabet);

	for (size_t i = 0; i < len; i++)
		line[i] = alphabet[rng() % n];
	line[len] = '\0';
}

/* Any line: no crash, no overrun (ASan), and the invariants. */
static void test_random_lines(void **state)
{
	char line[SH_LINE_MAX];
	const char *error;
	int good = 0;

	(void)state;
	for (int i = 0; i < 20000; i++) {
		random_line(line, i % 10 == 0 ? SH_LINE_MAX - 1 : 40, "a'\"\\|;><#$? \t2&");
		if (parse(line, (int)(rng() % 300) - 20, &error) == 0)
			good++;
	}
	/* Enough of them parse to have checked something. */
	assert_true(good > 1000);
}

/*
 * Lines of words, quotes, backslashes and $?: the same words as /bin/sh, or an
 * error where it has one. $ is followed only by what leaves it literal in sh
 * too (not a letter, $, # or a digit, which are variables there).
 */
static void test_random_words_against_sh(void **state)
{
	static const char *const pieces[] = { "a", "b", " ", "\t", "'", "\"", "\\", "$?", "$", "#", "?" };
	char line[128];
	int errors = 0;

	(void)state;
	for (int i = 0; i < 400; i++) {
		size_t len = 0;
		int n = (int)(rng() % 16);

		for (int k = 0; k < n; k++) {
			const char *piece = pieces[rng() % ARRAY_SIZE(pieces)];

			/* $ then a letter, $, # or ? makes a variable in sh. */
			if (len && line[len - 1] == '$' && strchr("ab$#?", piece[0]))
				piece = " ";
			strcpy(line + len, piece);
			len += strlen(piece);
		}
		line[len] = '\0';
		errors += !expect_same_words_as_sh(line, (int)(rng() % 256));
	}
	/* Both outcomes were compared. */
	assert_true(errors > 20 && errors < 380);
}

/*
 * Lines of words, quotes and the operators this shell has: valid for the parser
 * exactly when valid for /bin/sh (no digits, & or parens in the alphabet, and
 * lines with <> << || are left out: sh has them, this shell not).
 */
static void test_random_syntax_against_sh(void **state)
{
	char line[64];
	int good = 0;

	(void)state;
	for (int i = 0; i < 600; i++) {
		random_line(line, 20, "ab'\"\\|;><#$? ");
		if (strstr(line, "<>") || strstr(line, "<<") || strstr(line, "||"))
			continue;
		expect_same_syntax_as_sh(line);
		good += script.ncommands > 0;
	}
	assert_true(good > 50);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good_lines),
		cmocka_unit_test(test_bad_lines),
		cmocka_unit_test(test_tables_against_sh_syntax),
		cmocka_unit_test(test_tables_against_sh_words),
		cmocka_unit_test(test_error_leaves_no_commands),
		cmocka_unit_test(test_argument_limit),
		cmocka_unit_test(test_command_limit),
		cmocka_unit_test(test_line_length),
		cmocka_unit_test(test_words_fill_the_buffer),
		cmocka_unit_test(test_random_lines),
		cmocka_unit_test(test_random_words_against_sh),
		cmocka_unit_test(test_random_syntax_against_sh),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
