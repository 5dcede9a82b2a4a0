/* Host tool: read `nm -n -S` output of the linked kernel on stdin and write
 * the assembly of the symbol table (include/kernel/kallsyms.h) to stdout.
 *
 * Only code symbols with a size are kept (what %pS needs). When several share
 * an address, the global one wins. A name longer than KSYM_NAME_LEN - 1 is
 * refused, so the kernel never has to cut one.
 *
 * Names are compressed by byte-pair encoding: the tokens start as one per
 * character that occurs, then the most frequent adjacent pair of tokens
 * becomes a token of its own, again and again, while there is a free token
 * number (one of 256, so a name is a string of bytes) and the pair occurs
 * often enough to pay for the new token's text. A longer token that no name
 * uses any more gives its number back; the one-character tokens stay.
 *
 * The table's size depends only on the names, never on the addresses: pairs
 * are counted over all names and ties go to the lowest token numbers, not to
 * whichever name comes first. So linking the table in moves only what comes
 * after it, once; scripts/link-initk.sh links three times and checks that
 * nothing moved between the last two links.
 *
 * The output uses only directives that mean the same to every GNU assembler
 * (.4byte, .2byte, .byte), so the host unit tests can link it too. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <kernel/kallsyms.h>

#define NR_TOKENS 256
#define MAX_NAME (KSYM_NAME_LEN - 1)

struct sym {
	unsigned long addr, size;
	char type;
	char name[KSYM_NAME_LEN];
	unsigned char code[MAX_NAME]; /* the name as token numbers */
	unsigned int code_len;
};

/* A token is free when its text is empty. */
struct token {
	char text[KSYM_NAME_LEN];
	unsigned int len;
	unsigned int offset; /* in kallsyms_token_table */
};

static struct sym *syms;
static size_t nsyms, cap;
static struct token tokens[NR_TOKENS];
static unsigned int pair_count[NR_TOKENS][NR_TOKENS];

static int keep(char type, const char *name, unsigned long size)
{
	if (!size)
		return 0;
	if (type != 't' && type != 'T' && type != 'w' && type != 'W')
		return 0;
	/* Mapping symbols and compiler-local labels are not functions. */
	if (name[0] == '$' || !strncmp(name, ".L", 2))
		return 0;
	return 1;
}

/* One line "addr size type name" into s; 0 if it is not a symbol to keep, -1 on error. */
static int parse_line(char *line, struct sym *s)
{
	char *field[5];
	int n = 0;

	for (char *p = strtok(line, " \t\n"); p && n < 5; p = strtok(NULL, " \t\n"))
		field[n++] = p;
	/* Symbols without a size have three fields. */
	if (n != 4 || strlen(field[2]) != 1)
		return 0;
	s->addr = strtoul(field[0], NULL, 16);
	s->size = strtoul(field[1], NULL, 16);
	s->type = field[2][0];
	if (!keep(s->type, field[3], s->size))
		return 0;
	if (strlen(field[3]) > MAX_NAME) {
		fprintf(stderr,
			"kallsyms: symbol %s is %zu characters long, longer than KSYM_NAME_LEN - 1 "
			"(%d): rename it or raise KSYM_NAME_LEN in include/kernel/kallsyms.h\n",
			field[3], strlen(field[3]), MAX_NAME);
		return -1;
	}
	strcpy(s->name, field[3]);
	return 1;
}

static int read_symbols(void)
{
	char line[4096];

	while (fgets(line, sizeof(line), stdin)) {
		struct sym s = { 0 };
		int ret;

		if (!strchr(line, '\n') && !feof(stdin)) {
			fprintf(stderr, "kallsyms: a line longer than %zu bytes\n", sizeof(line) - 2);
			return -1;
		}
		ret = parse_line(line, &s);
		if (ret < 0)
			return -1;
		if (!ret)
			continue;
		if (nsyms && syms[nsyms - 1].addr == s.addr) {
			if (syms[nsyms - 1].type == 't' && s.type == 'T')
				syms[nsyms - 1] = s;
			continue;
		}
		if (nsyms == cap) {
			cap = cap ? cap * 2 : 256;
			syms = realloc(syms, cap * sizeof(*syms));
			if (!syms) {
				fprintf(stderr, "kallsyms: out of memory\n");
				return -1;
			}
		}
		syms[nsyms++] = s;
	}
	return 0;
}

/* --- Choosing the tokens ------------------------------------------------------ */

/* Every name as its characters, each character a token of its own. */
static void start_with_characters(void)
{
	for (size_t i = 0; i < nsyms; i++) {
		struct sym *s = &syms[i];

		s->code_len = (unsigned int)strlen(s->name);
		for (unsigned int j = 0; j < s->code_len; j++) {
			unsigned char c = (unsigned char)s->name[j];

			s->code[j] = c;
			tokens[c].text[0] = (char)c;
			tokens[c].len = 1;
		}
	}
}

/* How many times each pair of tokens could be replaced: "aaa" holds one "aa". */
static void count_pairs(void)
{
	memset(pair_count, 0, sizeof(pair_count));
	for (size_t i = 0; i < nsyms; i++) {
		const struct sym *s = &syms[i];
		unsigned int last_same = ~0u; /* where the last counted "aa" started */

		for (unsigned int j = 0; j + 1 < s->code_len; j++) {
			unsigned char a = s->code[j], b = s->code[j + 1];

			if (a == b) {
				if (last_same + 1 == j)
					continue;
				last_same = j;
			}
			pair_count[a][b]++;
		}
	}
}

/* The most frequent pair among those whose replacement pays for the new
 * token's text and NUL; 0 if none does. Ties go to the lowest pair. */
static int best_pair(unsigned int *first, unsigned int *second)
{
	unsigned int best = 0;

	for (unsigned int a = 0; a < NR_TOKENS; a++)
		for (unsigned int b = 0; b < NR_TOKENS; b++) {
			unsigned int count = pair_count[a][b];

			if (count > best && count > tokens[a].len + tokens[b].len + 1) {
				best = count;
				*first = a;
				*second = b;
			}
		}
	return best > 0;
}

static int free_token(void)
{
	for (int t = 0; t < NR_TOKENS; t++)
		if (!tokens[t].len)
			return t;
	return -1;
}

/* Replace every pair (a, b) by token t, left to right. */
static void replace_pair(unsigned int a, unsigned int b, unsigned int t)
{
	for (size_t i = 0; i < nsyms; i++) {
		struct sym *s = &syms[i];
		unsigned int out = 0;

		for (unsigned int j = 0; j < s->code_len; j++) {
			if (j + 1 < s->code_len && s->code[j] == a && s->code[j + 1] == b) {
				s->code[out++] = (unsigned char)t;
				j++;
			} else {
				s->code[out++] = s->code[j];
			}
		}
		s->code_len = out;
	}
}

/* Longer tokens that no name uses any more are free again. */
static void free_unused_tokens(void)
{
	bool used[NR_TOKENS] = { false };

	for (size_t i = 0; i < nsyms; i++)
		for (unsigned int j = 0; j < syms[i].code_len; j++)
			used[syms[i].code[j]] = true;
	for (int t = 0; t < NR_TOKENS; t++)
		if (tokens[t].len > 1 && !used[t]) {
			tokens[t].len = 0;
			tokens[t].text[0] = '\0';
		}
}

static void choose_tokens(void)
{
	unsigned int a, b;
	int t;

	start_with_characters();
	for (;;) {
		t = free_token();
		if (t < 0)
			break;
		count_pairs();
		if (!best_pair(&a, &b))
			break;
		/* Both come from one name, so the text fits KSYM_NAME_LEN. */
		memcpy(tokens[t].text, tokens[a].text, tokens[a].len);
		memcpy(tokens[t].text + tokens[a].len, tokens[b].text, tokens[b].len + 1);
		tokens[t].len = tokens[a].len + tokens[b].len;
		replace_pair(a, b, (unsigned int)t);
		free_unused_tokens();
	}
}

/* --- Writing the table ---------------------------------------------------------- */

/* The token whose text holds t's as its end, the longest (say "_init" for
 * "init"), or t itself: t's text is stored only once, inside that one. */
static int longest_ending_with(int t)
{
	int best = t;

	for (int u = 0; u < NR_TOKENS; u++) {
		const struct token *tu = &tokens[u], *tb = &tokens[best];

		if (u == t || tu->len < tokens[t].len)
			continue;
		if (strcmp(tu->text + tu->len - tokens[t].len, tokens[t].text))
			continue;
		/* Equal texts: the lowest number is the one stored. */
		if (tu->len > tb->len || (tu->len == tb->len && u < best))
			best = u;
	}
	return best;
}

static void print_string(const char *s)
{
	putchar('"');
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\')
			putchar(c);
		else
			printf("\\%03o", c);
	}
	putchar('"');
}

/* Whether a name can go into a C comment of the .S file as it is. */
static bool plain_name(const char *s)
{
	return strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.$") ==
	       strlen(s);
}

static void print_label(const char *name)
{
	printf("\t.globl %s\n%s:\n", name, name);
}

/* Symbol i's size is listed in kallsyms_sizes: not the distance to the next. */
static unsigned long size_listed(size_t i)
{
	return i + 1 == nsyms || syms[i + 1].addr - syms[i].addr != syms[i].size;
}

static int write_table(void)
{
	int stored[NR_TOKENS];
	unsigned int table_size = 0, empty = 0, names_size = 0, nsizes = 0;

	printf("/* Generated by scripts/kallsyms from the linked kernel. Do not edit. */\n");
	printf("\t.section .rodata.kallsyms, \"a\"\n\t.balign 4\n");
	print_label("kallsyms_num_syms");
	printf("\t.4byte %zu\n", nsyms);
	/* Sizes, indexes and offsets fit 16 bits: the build fails here
	 * otherwise. Only sizes that are not the distance to the next symbol
	 * are stored (and the last symbol's); bit 0 of its offset says which. */
	if (nsyms > 0xffff) {
		fprintf(stderr, "kallsyms: %zu symbols: more than 65535\n", nsyms);
		return -1;
	}
	/* Addresses as 16-bit byte offsets from the first address of their
	 * group of KSYM_BASE_INTERVAL symbols; Thumb-2 code is halfword-aligned,
	 * so bit 0 is free for the flag. */
	print_label("kallsyms_relative_base");
	if (!nsyms)
		printf("\t.4byte 0\n");
	for (size_t i = 0; i < nsyms; i += KSYM_BASE_INTERVAL)
		printf("\t.4byte 0x%08lx\n", syms[i].addr);
	print_label("kallsyms_offsets");
	for (size_t i = 0; i < nsyms; i++) {
		unsigned long delta = syms[i].addr - syms[i - i % KSYM_BASE_INTERVAL].addr;

		if (syms[i].addr % 2 || delta > 0xffff) {
			fprintf(stderr, "kallsyms: %s at 0x%08lx: not halfword-aligned, or over 64 KiB "
				"past the first symbol of its group\n", syms[i].name, syms[i].addr);
			return -1;
		}
		printf("\t.2byte 0x%lx\n", delta | size_listed(i));
	}
	print_label("kallsyms_sizes");
	for (size_t i = 0; i < nsyms; i++) {
		if (syms[i].size > 0xffff) {
			fprintf(stderr, "kallsyms: %s is larger than 64 KiB\n", syms[i].name);
			return -1;
		}
		if (size_listed(i)) {
			printf("\t.2byte %zu, 0x%lx\n", i, syms[i].size);
			nsizes++;
		}
	}
	printf("\t.balign 4\n");
	print_label("kallsyms_num_sizes");
	printf("\t.4byte %u\n", nsizes);
	print_label("kallsyms_markers");
	for (size_t i = 0; i < nsyms; i++) {
		if (i % KSYM_MARKER_INTERVAL == 0)
			printf("\t.2byte %u\n", names_size);
		names_size += 1 + syms[i].code_len;
		if (names_size > 0xffff) {
			fprintf(stderr, "kallsyms: more than 64 KiB of symbol names\n");
			return -1;
		}
	}

	/* Stored texts first, so that the others can point into them. */
	for (int t = 0; t < NR_TOKENS; t++) {
		stored[t] = tokens[t].len ? longest_ending_with(t) : -1;
		if (stored[t] == t) {
			tokens[t].offset = table_size;
			table_size += tokens[t].len + 1;
		}
	}
	for (int t = 0; t < NR_TOKENS; t++)
		if (stored[t] >= 0 && stored[t] != t)
			tokens[t].offset = tokens[stored[t]].offset + tokens[stored[t]].len -
					   tokens[t].len;
	/* Free numbers: the NUL that ends the last text (no name uses them). */
	if (table_size)
		empty = table_size - 1;
	print_label("kallsyms_token_index");
	for (int t = 0; t < NR_TOKENS; t++)
		printf("%s%u%s", t % 16 ? "," : "\t.2byte ", tokens[t].len ? tokens[t].offset : empty,
		       t % 16 == 15 ? "\n" : "");

	print_label("kallsyms_names");
	for (size_t i = 0; i < nsyms; i++) {
		printf("\t.byte %u", syms[i].code_len);
		for (unsigned int j = 0; j < syms[i].code_len; j++)
			printf(",%u", syms[i].code[j]);
		if (plain_name(syms[i].name))
			printf("\t/* %s */", syms[i].name);
		putchar('\n');
	}

	print_label("kallsyms_token_table");
	for (int t = 0; t < NR_TOKENS; t++) {
		if (stored[t] != t)
			continue;
		printf("\t.asciz ");
		print_string(tokens[t].text);
		printf("\t/* token %d */\n", t);
	}
	if (!table_size)
		printf("\t.byte 0\n");
	return 0;
}

int main(void)
{
	int ret = 1;

	if (read_symbols())
		goto out_free;
	choose_tokens();
	if (write_table())
		goto out_free;
	ret = 0;
out_free:
	free(syms);
	return ret;
}
