/*
 * libFuzzer target for the shell's command-line parser (kernel/shell/parse.c).
 *
 * Built like fuzz_fdt.c (clang -fsanitize=fuzzer,address,undefined). The input is
 * a line as the shell reads one: at most SH_LINE_MAX - 1 bytes, up to the first
 * NUL or newline, copied to a buffer of exactly its size so AddressSanitizer sees
 * a read past the NUL. The first byte also gives $?: 0..127 as it is, 128..255
 * as a negative multiple of 2^24 (down to INT_MIN). A failed check aborts, which
 * libFuzzer reports as a crash. Checked: an error is -EINVAL with a known
 * message and no commands; otherwise the counts are in range, every argv and
 * redirection target is a NUL-terminated string inside script->words, no two
 * overlap, argv[argc] is NULL, no command is empty, the last has no pipe; the
 * words take no more room than the line unless $? grew them; and a second parse
 * into a script full of other garbage gives the same result.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <kernel/shell_parse.h>

#define check(cond)                                                                \
	do {                                                                       \
		if (!(cond)) {                                                     \
			fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, \
				#cond);                                            \
			abort();                                                   \
		}                                                                  \
	} while (0)

#define EINVAL 22 /* as <kernel/errno.h>, which clashes with the C library's <string.h> */

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

static struct sh_script first, second;

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

/* Returns the bytes of words used (up to the end of the last string). */
static size_t check_script(const struct sh_script *s, int ret, const char *error)
{
	const char *strings[SH_MAX_COMMANDS * (SH_MAX_ARGS + 3)];
	size_t n = 0, m;

	if (ret) {
		check(ret == -EINVAL && error);
		for (m = 0; m < sizeof(messages) / sizeof(messages[0]); m++)
			if (!strcmp(error, messages[m]))
				break;
		check(m < sizeof(messages) / sizeof(messages[0]));
		check(s->ncommands == 0);
		return 0;
	}
	check(s->ncommands >= 0 && s->ncommands <= SH_MAX_COMMANDS);
	for (int c = 0; c < s->ncommands; c++) {
		const struct sh_command *cmd = &s->cmd[c];
		const char *targets[3] = { cmd->in, cmd->out, cmd->err };

		check(cmd->argc >= 0 && cmd->argc <= SH_MAX_ARGS);
		for (int a = 0; a < cmd->argc; a++) {
			check(in_words(s, cmd->argv[a]));
			strings[n++] = cmd->argv[a];
		}
		check(cmd->argv[cmd->argc] == NULL);
		check(cmd->argc > 0 || cmd->in || cmd->out || cmd->err);
		check(cmd->out || !cmd->append);
		check(cmd->err || !cmd->err_append);
		for (int r = 0; r < 3; r++) {
			if (targets[r]) {
				check(in_words(s, targets[r]));
				strings[n++] = targets[r];
			}
		}
	}
	check(s->ncommands == 0 || !s->cmd[s->ncommands - 1].pipe_next);
	if (!n)
		return 0;
	qsort(strings, n, sizeof(strings[0]), compare_pointers);
	for (size_t i = 1; i < n; i++)
		check(strings[i - 1] + strlen(strings[i - 1]) < strings[i]);
	return (size_t)(strings[n - 1] + strlen(strings[n - 1]) + 1 - s->words);
}

/* Both parses found the same: counts, flags, and strings at the same offsets. */
static void check_same(const struct sh_script *a, const struct sh_script *b)
{
	check(a->ncommands == b->ncommands);
	for (int c = 0; c < a->ncommands; c++) {
		const struct sh_command *ca = &a->cmd[c], *cb = &b->cmd[c];
		const char *sa[3] = { ca->in, ca->out, ca->err }, *sb[3] = { cb->in, cb->out, cb->err };

		check(ca->argc == cb->argc && ca->append == cb->append &&
		      ca->err_append == cb->err_append && ca->pipe_next == cb->pipe_next);
		for (int i = 0; i < ca->argc; i++)
			check(ca->argv[i] - a->words == cb->argv[i] - b->words &&
			      !strcmp(ca->argv[i], cb->argv[i]));
		for (int r = 0; r < 3; r++)
			check((!sa[r] && !sb[r]) ||
			      (sa[r] && sb[r] && sa[r] - a->words == sb[r] - b->words &&
			       !strcmp(sa[r], sb[r])));
	}
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	const char *error1 = NULL, *error2 = NULL;
	size_t len = 0, used;
	int status = 0, ret1, ret2;
	char *line;

	while (len < size && len < SH_LINE_MAX - 1 && data[len] && data[len] != '\n')
		len++;
	line = malloc(len + 1);
	check(line);
	memcpy(line, data, len);
	line[len] = '\0';
	if (size)
		status = data[0] < 0x80 ? data[0] : (int)(signed char)data[0] * (1 << 24);

	memset(&first, 0xa5, sizeof(first));
	memset(&second, 0x5a, sizeof(second));
	ret1 = sh_parse(line, status, &first, &error1);
	used = check_script(&first, ret1, error1);
	/* Without $? the words fit in the line's own bytes. */
	if (!strstr(line, "$?"))
		check(used <= len + 1);
	ret2 = sh_parse(line, status, &second, &error2);
	check(ret1 == ret2);
	if (ret1)
		check(!strcmp(error1, error2));
	else
		check_same(&first, &second);
	free(line);
	return 0;
}
