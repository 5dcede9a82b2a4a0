/* Shell commands on text: grep, head, tail, wc, sort. Each takes files or
 * its standard input, whole, and works line by line. */
#include <kernel/errno.h>
#include <kernel/params.h>
#include <kernel/regex.h>
#include <kernel/shell.h>
#include <kernel/slab.h>
#include <kernel/string.h>
#include <kernel/textsort.h>

/* The next line of text[*pos..len): its start and length without the "\n". */
static bool next_line(const char *text, size_t len, size_t *pos, const char **line, size_t *line_len)
{
	const char *nl;

	if (*pos >= len)
		return false;
	*line = text + *pos;
	nl = memchr(*line, '\n', len - *pos);
	*line_len = nl ? (size_t)(nl - *line) : len - *pos;
	*pos += *line_len + (nl ? 1 : 0);
	return true;
}

static int count_arg(const char *cmd, const char *value, unsigned long *out)
{
	if (value && !param_parse_ulong(value, out))
		return 0;
	sh_error("%s: invalid number '%s'", cmd, value ? value : "");
	return -1;
}

/* --- grep ------------------------------------------------------------------------------- */

struct grep {
	struct regex re;
	struct sh_opts o;
	const char *name;  /* the file's name, when several are searched */
	unsigned long matched;
};

static int grep_text(struct sh_io *io, const char *text, size_t len, void *ctx)
{
	struct grep *g = ctx;
	const char *line;
	size_t pos = 0, line_len;
	unsigned long count = 0, number = 0;

	while (next_line(text, len, &pos, &line, &line_len)) {
		number++;
		if (regex_match(&g->re, line, line_len) == sh_opt(&g->o, 'v'))
			continue;
		count++;
		if (sh_opt(&g->o, 'c'))
			continue;
		if (g->name)
			sh_printf(io, "%s:", g->name);
		if (sh_opt(&g->o, 'n'))
			sh_printf(io, "%lu:", number);
		sh_write(io, line, line_len);
		sh_write(io, "\n", 1);
	}
	if (sh_opt(&g->o, 'c')) {
		if (g->name)
			sh_printf(io, "%s:", g->name);
		sh_printf(io, "%lu\n", count);
	}
	g->matched += count;
	return 0;
}

static int cmd_grep(struct sh_io *io, int argc, char **argv)
{
	struct grep *g = kzalloc(sizeof(*g));
	int first, status = 0;
	const char *error;

	if (!g)
		return 2;
	first = sh_getopt(argc, argv, "vcinF", &g->o);
	if (first < 0 || first >= argc) {
		if (first >= 0)
			sh_error("Usage: grep [-vcinF] PATTERN [FILE]...");
		kfree(g);
		return 2;
	}
	if (regex_compile(&g->re, argv[first], (sh_opt(&g->o, 'i') ? REGEX_ICASE : 0) |
				 (sh_opt(&g->o, 'F') ? REGEX_FIXED : 0), &error)) {
		sh_error("grep: %s", error);
		kfree(g);
		return 2;
	}
	if (argc - first > 2) {
		for (int i = first + 1; i < argc; i++) {
			char *one[2] = { argv[0], argv[i] };

			g->name = argv[i];
			status |= sh_for_each_input(io, 2, one, 1, false, grep_text, g);
		}
	} else {
		status = sh_for_each_input(io, argc, argv, first + 1, false, grep_text, g);
	}
	status = status ? 2 : g->matched ? 0 : 1;
	kfree(g);
	return status;
}
SHELL_COMMAND(grep, cmd_grep, "grep [-vcinF] PATTERN [FILE]...");

/* --- head, tail ------------------------------------------------------------------------------ */

static int head_text(struct sh_io *io, const char *text, size_t len, void *ctx)
{
	unsigned long lines = *(unsigned long *)ctx;
	const char *line;
	size_t pos = 0, line_len;

	while (lines-- && next_line(text, len, &pos, &line, &line_len))
		;
	sh_write(io, text, pos);
	return 0;
}

static int tail_text(struct sh_io *io, const char *text, size_t len, void *ctx)
{
	unsigned long lines = *(unsigned long *)ctx;
	size_t start = len;

	if (!lines)
		return 0;
	/* back from the end: a last line without "\n" counts as a line */
	if (start && text[start - 1] == '\n')
		start--;
	while (start && lines) {
		start--;
		if (text[start] == '\n' && !--lines)
			start++;
	}
	sh_write(io, text + start, len - start);
	return 0;
}

static int head_tail(struct sh_io *io, int argc, char **argv,
		     int (*fn)(struct sh_io *, const char *, size_t, void *))
{
	struct sh_opts o;
	unsigned long lines = 10;
	int first;

	/* the old form BusyBox takes too: "tail -25" */
	if (argc > 1 && argv[1][0] == '-' && argv[1][1] >= '0' && argv[1][1] <= '9') {
		if (count_arg(argv[0], argv[1] + 1, &lines))
			return 1;
		argv[1] = argv[0];
		return sh_for_each_input(io, argc - 1, argv + 1, 1, false, fn, &lines);
	}
	first = sh_getopt(argc, argv, "n:", &o);
	if (first < 0 || (sh_opt(&o, 'n') && count_arg(argv[0], sh_optarg(&o, 'n'), &lines)))
		return 1;
	return sh_for_each_input(io, argc, argv, first, false, fn, &lines);
}

static int cmd_head(struct sh_io *io, int argc, char **argv)
{
	return head_tail(io, argc, argv, head_text);
}
SHELL_COMMAND(head, cmd_head, "head [-n N] [FILE]...");

static int cmd_tail(struct sh_io *io, int argc, char **argv)
{
	return head_tail(io, argc, argv, tail_text);
}
SHELL_COMMAND(tail, cmd_tail, "tail [-n N] [FILE]...");

/* --- wc ---------------------------------------------------------------------------------------- */

struct wc {
	struct sh_opts o;
	unsigned long lines, words, bytes;
};

static int wc_text(struct sh_io *io, const char *text, size_t len, void *ctx)
{
	struct wc *w = ctx;
	bool in_word = false;

	(void)io;
	for (size_t i = 0; i < len; i++) {
		bool blank = text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r' ||
			     text[i] == '\v' || text[i] == '\f';

		w->lines += text[i] == '\n';
		w->words += !blank && !in_word;
		in_word = !blank;
	}
	w->bytes += len;
	return 0;
}

static void wc_print(struct sh_io *io, const struct wc *w, unsigned long lines, unsigned long words,
		     unsigned long bytes, const char *name)
{
	const unsigned long counts[3] = { lines, words, bytes };
	const char *letters = "lwc";
	bool all = !w->o.set;
	int shown = 0;

	for (int i = 0; i < 3; i++) {
		if (!all && !sh_opt(&w->o, letters[i]))
			continue;
		/* BusyBox: one count alone unpadded, several in 9-wide columns */
		sh_printf(io, all || (w->o.set & (w->o.set - 1)) ? "%s%9lu" : "%s%lu", shown++ ? " " : "",
			  counts[i]);
	}
	if (name)
		sh_printf(io, " %s", name);
	sh_puts(io, "\n");
}

static int cmd_wc(struct sh_io *io, int argc, char **argv)
{
	struct wc w = { 0 };
	int first = sh_getopt(argc, argv, "lwc", &w.o), status = 0;
	unsigned long lines = 0, words = 0, bytes = 0;

	if (first < 0)
		return 1;
	if (first == argc) {
		status = sh_for_each_input(io, argc, argv, first, false, wc_text, &w);
		wc_print(io, &w, w.lines, w.words, w.bytes, NULL);
		return status;
	}
	for (int i = first; i < argc; i++) {
		char *one[2] = { argv[0], argv[i] };

		w.lines = w.words = w.bytes = 0;
		if (sh_for_each_input(io, 2, one, 1, false, wc_text, &w)) {
			status = 1;
			continue;
		}
		wc_print(io, &w, w.lines, w.words, w.bytes, argv[i]);
		lines += w.lines;
		words += w.words;
		bytes += w.bytes;
	}
	if (argc - first > 1)
		wc_print(io, &w, lines, words, bytes, "total");
	return status;
}
SHELL_COMMAND(wc, cmd_wc, "wc [-lwc] [FILE]...");

/* --- sort --------------------------------------------------------------------------------------- */

struct sort {
	char *text;  /* every input, one after the other */
	size_t len;
	int err;
};

static int sort_collect(struct sh_io *io, const char *text, size_t len, void *ctx)
{
	struct sort *s = ctx;
	char *p;

	(void)io;
	if (!(p = krealloc(s->text, s->len + len + 2))) {
		s->err = -ENOMEM;
		return 1;
	}
	s->text = p;
	memcpy(s->text + s->len, text, len);
	s->len += len;
	if (len && text[len - 1] != '\n')
		s->text[s->len++] = '\n';
	return 0;
}

static int cmd_sort(struct sh_io *io, int argc, char **argv)
{
	struct sh_opts o;
	struct sort s = { 0 };
	struct textsort_line *lines = NULL;
	unsigned long key = 0;
	size_t n = 0, pos = 0, len;
	const char *line;
	int first = sh_getopt(argc, argv, "nrk:", &o), status;

	if (first < 0 || (sh_opt(&o, 'k') && count_arg("sort", sh_optarg(&o, 'k'), &key)))
		return 1;
	status = sh_for_each_input(io, argc, argv, first, false, sort_collect, &s);
	for (pos = 0; next_line(s.text, s.len, &pos, &line, &len);)
		n++;
	if (n >= (1u << 24)) { /* 16 M lines: more than the 16 MiB an input may have */
		sh_error("sort: too many lines");
		kfree(s.text);
		return 1;
	}
	lines = kmalloc(sizeof(*lines) * 2 * (n + 1));
	if (!lines) {
		kfree(s.text);
		return 1;
	}
	n = 0;
	for (pos = 0; next_line(s.text, s.len, &pos, &line, &len); n++) {
		lines[n].text = line;
		lines[n].len = len;
	}
	textsort(lines, n, lines + n + 1, (unsigned int)key,
		 (sh_opt(&o, 'n') ? SORT_NUMERIC : 0) | (sh_opt(&o, 'r') ? SORT_REVERSE : 0));
	for (size_t i = 0; i < n; i++) {
		sh_write(io, lines[i].text, lines[i].len);
		sh_write(io, "\n", 1);
	}
	kfree(lines);
	kfree(s.text);
	return status;
}
SHELL_COMMAND(sort, cmd_sort, "sort [-nr] [-k N] [FILE]...");
