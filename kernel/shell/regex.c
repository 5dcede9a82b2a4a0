/*
 * POSIX basic regular expressions for the shell's grep (<kernel/regex.h> has
 * the syntax). Pure code: no heap, no recursion.
 *
 * regex_compile turns the pattern into a program in one left-to-right pass.
 * Jumps are relative, so the code of an atom can be moved or copied as it is:
 * a repetition copies its atom (X\{2,3\} is X X X?), a star inserts a split
 * in front of it, and \| inserts one in front of the branch it ends.
 *
 * regex_match runs the program as a Thompson NFA: one pass over the line with
 * the set of instructions the match can be at (a bitmap), a new match starting
 * at every position. That is exact and takes at most (line length) x
 * (program length) steps, whatever the pattern. Back-references are beyond an
 * NFA: a pattern with one is compiled a second time with capture and
 * loop-progress marks and run by a backtracking matcher with an explicit,
 * fixed-size stack and a step budget.
 */
#include <kernel/compiler.h>
#include <kernel/errno.h>
#include <kernel/regex.h>
#include <kernel/string.h>

enum {
	OP_MATCH,
	OP_CHAR,   /* the byte arg (lower case with REGEX_ICASE) */
	OP_ANY,
	OP_SET,    /* a byte in sets[arg] */
	OP_BOL,
	OP_EOL,
	OP_JMP,    /* to pc + x */
	OP_SPLIT,  /* to pc + 1 and pc + x; x < 0 closes a loop whose mark is slot arg */
	OP_SAVE,   /* slot arg = position: group bounds, loop marks (backtracking only) */
	OP_BREF,   /* the text group arg matched */
};

/* re->flags, beside REGEX_ICASE */
#define F_BREF 0x10       /* the pattern has back-references */
#define F_BACKTRACK 0x20  /* compiled for backtrack() */
#define F_FULL 0x40       /* compiling: the program overflowed */

#define MAX_DEPTH 16      /* nested groups */
#define MARK_SLOT 18      /* slots: 0..17 groups 1..9, then loop marks */
#define NSLOTS 32
#define REP_INF 0xffff
#define BT_DEPTH 128      /* backtracking: pending choices and saved slots */
#define BT_MAX_LINE 0xfff0

static const char TOO_BIG[] = "Regular expression too big";
static const char BADRPT[] = "Invalid preceding regular expression";
static const char EBRACK[] = "Unmatched [ or [^";
static const char BADRANGE[] = "Invalid range end";

static int fold(unsigned int flags, int c)
{
	return (flags & REGEX_ICASE) && c >= 'A' && c <= 'Z' ? c + 32 : c;
}

static bool consumes(const struct regex *re, const struct regex_insn *in, int c)
{
	switch (in->op) {
	case OP_CHAR:
		return c == in->arg;
	case OP_ANY:
		return true;
	case OP_SET:
		return re->sets[in->arg][c >> 3] >> (c & 7) & 1;
	}
	return false;
}

/* --- compiling ------------------------------------------------------------------------- */

/* An open group (or the whole pattern) */
struct level {
	s16 start;   /* its code */
	s16 branch;  /* its current \| branch */
	s16 jumps;   /* the JMPs ending its earlier branches, chained through x; -1 none */
	u8 group;    /* its number, 0 for the whole pattern */
};

static void emit(struct regex *re, int op, int arg, int x)
{
	if (re->ninsns >= REGEX_MAX_INSNS - 1) /* one is kept for the OP_MATCH */
		re->flags |= F_FULL;
	else
		re->prog[re->ninsns++] = (struct regex_insn){ op, arg, x };
}

/* Put an instruction at prog[at], moving the code after it along. */
static void insert(struct regex *re, int at, int op, int arg, int x)
{
	int n = re->ninsns;

	emit(re, op, arg, x);
	if (!(re->flags & F_FULL)) {
		memmove(&re->prog[at + 1], &re->prog[at], (n - at) * sizeof(re->prog[0]));
		re->prog[at] = (struct regex_insn){ op, arg, x };
	}
}

/*
 * Repeat the atom at prog[atom..] min to max times (max REP_INF: no limit):
 * X\{m,n\} is m copies of X then n - m of "split to the end; X", and X\{m,\}
 * is m - 1 copies then the loop "X; split back", with a split over it all
 * when m is 0. For backtracking, a loop whose body may match nothing starts
 * with a mark, so an iteration that consumed nothing is the last.
 */
static const char *repeat(struct regex *re, int atom, unsigned int min, unsigned int max, unsigned int *marks)
{
	struct regex_insn *prog = re->prog;
	int len = re->ninsns - atom, src = atom + !min, opt = max - min, body;
	bool mark = (re->flags & F_BACKTRACK) && (len > 1 || prog[atom].op == OP_BREF);

	if (!max) {
		re->ninsns = atom;
		return NULL;
	}
	if (!len)
		return NULL;
	if (max == REP_INF)
		opt = 0;
	if (re->ninsns + (min ? (min - 1) * len : 1) + (max == REP_INF ? 2 : opt * (len + 1)) >
		    REGEX_MAX_INSNS - 1 ||
	    (mark && *marks >= NSLOTS))
		return TOO_BIG;
	if (!min)
		insert(re, atom, OP_SPLIT, 0, 0);
	for (unsigned int i = 1; i < min; i++)
		for (int j = 0; j < len; j++)
			prog[re->ninsns++] = prog[src + j];
	if (max == REP_INF) {
		body = re->ninsns - len;
		if (mark)
			insert(re, body, OP_SAVE, *marks, 0);
		emit(re, OP_SPLIT, mark ? (*marks)++ : 0, body - re->ninsns);
		if (!min)
			prog[atom].x = re->ninsns - atom;
		return NULL;
	}
	/* the optional copies, the first of them X itself when min is 0 */
	for (int i = !min; i < opt; i++) {
		emit(re, OP_SPLIT, 0, 0);
		for (int j = 0; j < len; j++)
			prog[re->ninsns++] = prog[src + j];
	}
	for (int i = 0, at = atom + min * len; i < opt; i++, at += len + 1)
		prog[at].x = (opt - i) * (len + 1);
	return NULL;
}

/* The next element of a bracket expression: its kind ('c' a byte, '=' an
 * equivalence class, ':' a character class) and value, or 0 and *err. */
static int element(const u8 **pp, int *value, const char **err)
{
	static const char classes[] = "alpha\0digit\0alnum\0upper\0lower\0space\0"
				      "blank\0punct\0print\0graph\0cntrl\0xdigit";
	const u8 *p = *pp, *e;
	int kind = p[1];

	*value = *p;
	*pp = p + 1;
	if (*p != '[' || (kind != ':' && kind != '.' && kind != '='))
		return 'c';
	for (e = p + 2; e[0] != kind || e[1] != ']'; e++)
		if (!*e) {
			*err = EBRACK;
			return 0;
		}
	*pp = e + 2;
	p += 2;
	if (kind != ':') {
		*value = *p;
		if (e - p != 1) {
			*err = "Invalid collation character";
			return 0;
		}
		return kind == '.' ? 'c' : '=';
	}
	for (int k = 0, i = 0; k < 12; k++, i += strlen(classes + i) + 1)
		if (!strncmp(classes + i, (const char *)p, e - p) && !classes[i + (e - p)]) {
			*value = k;
			return ':';
		}
	*err = "Invalid character class name";
	return 0;
}

/* Whether c belongs to the class numbered as in element()'s list. */
static bool in_class(int k, int c)
{
	bool alpha = (unsigned int)((c | 32) - 'a') < 26, digit = (unsigned int)(c - '0') < 10;

	switch (k) {
	case 0:
		return alpha;
	case 1:
		return digit;
	case 2:
		return alpha || digit;
	case 3:
		return alpha && c < 'a';
	case 4:
		return alpha && c >= 'a';
	case 5:
		return c == ' ' || (unsigned int)(c - '\t') < 5;
	case 6:
		return c == ' ' || c == '\t';
	case 7:
		return c > ' ' && c < 127 && !alpha && !digit;
	case 8:
		return c >= ' ' && c < 127;
	case 9:
		return c > ' ' && c < 127;
	case 10:
		return c < ' ' || c == 127;
	}
	return digit || (unsigned int)((c | 32) - 'a') < 6;
}

/*
 * The bracket expression after the '[' at *pp, into a set (shared with an
 * identical earlier one). With REGEX_ICASE its bytes and range ends are taken
 * in lower case, as the line's are, and [:upper:] [:lower:] are [:alpha:].
 */
static const char *bracket(struct regex *re, const u8 **pp, int *index)
{
	const u8 *p = *pp;
	bool negate = *p == '^';
	const char *err = NULL;
	u8 set[32] = { 0 };
	int kind, lo, hi, i;

	p += negate;
	for (bool first = true; *p != ']' || first; first = false) {
		if (!*p)
			return EBRACK;
		/* '-' starts an element only first or last */
		if (*p == '-' && !first && p[1] && p[1] != ']')
			return BADRANGE;
		if (!(kind = element(&p, &lo, &err)))
			return err;
		if (kind == ':') {
			if ((lo == 3 || lo == 4) && (re->flags & REGEX_ICASE))
				lo = 0;
			for (i = 0; i < 256; i++)
				if (in_class(lo, i))
					set[i >> 3] |= 1 << (i & 7);
			hi = -1;
		} else if (*p == '-' && p[1] && p[1] != ']') {
			p++;
			if (kind != 'c' || element(&p, &hi, &err) != 'c')
				return err ? err : BADRANGE;
			lo = fold(re->flags, lo);
			hi = fold(re->flags, hi);
			if (hi < lo)
				return BADRANGE;
		} else {
			hi = lo = fold(re->flags, lo);
		}
		for (i = lo; i <= hi; i++)
			set[i >> 3] |= 1 << (i & 7);
	}
	*pp = p + 1;
	if (negate)
		for (i = 0; i < 32; i++)
			set[i] = ~set[i];
	for (i = 0; i < re->nsets && memcmp(re->sets[i], set, 32); i++)
		;
	if (i == REGEX_MAX_SETS)
		return TOO_BIG;
	if (i == re->nsets)
		memcpy(re->sets[re->nsets++], set, 32);
	*index = i;
	return NULL;
}

/* A number of an interval, -1 if there is none (large ones are capped). */
static int number(const u8 **pp)
{
	int v = -1;

	for (; **pp >= '0' && **pp <= '9'; (*pp)++)
		v = (v < 0 ? 0 : v > 9999 ? 9999 : v) * 10 + **pp - '0';
	return v;
}

/* The "m", "m,", "m,n" or ",n" and "\}" of an interval after its "\{". */
static const char *interval(const u8 **pp, unsigned int *min, unsigned int *max)
{
	const u8 *p = *pp, *e = p;
	int lo, hi;

	while (e[0] != '\\' || e[1] != '}')
		if (!*e++)
			return "Unmatched \\{";
	hi = lo = number(&p);
	if (*p == ',') {
		p++;
		hi = number(&p);
		if (hi < 0)
			hi = REP_INF;
		if (lo < 0)
			lo = 0;
	}
	if (p != e || lo < 0 || hi < lo)
		return "Invalid content of \\{\\}";
	if (lo > 255 || (hi > 255 && hi != REP_INF))
		return TOO_BIG;
	*min = lo;
	*max = hi;
	*pp = e + 2;
	return NULL;
}

static const char *compile(struct regex *re, const u8 *p, unsigned int flags)
{
	struct level levels[MAX_DEPTH + 1], *l = levels;
	int atom = -1;      /* where the last atom's code starts; -1 none: '*' is literal */
	bool dup = false;   /* the last token was a repetition: '*' and \{ may not follow */
	bool ctx = true;    /* at the start of the pattern, a group or a branch: '^' anchors */
	bool bt = flags & F_BACKTRACK;
	unsigned int groups = 0, closed = 0, marks = MARK_SLOT, min, max;
	const char *err = NULL;
	int c, set = 0;

	memset(re, 0, sizeof(*re));
	re->flags = flags;
	*l = (struct level){ 0, 0, -1, 0 };
	if (strnlen((const char *)p, REGEX_MAX_PATTERN + 1) > REGEX_MAX_PATTERN)
		return TOO_BIG;
	while (flags & REGEX_FIXED && *p)
		emit(re, OP_CHAR, fold(flags, *p++), 0);

	while (*p) {
		int start = re->ninsns;
		bool anchor = ctx;

		if (re->flags & F_FULL)
			return TOO_BIG;
		ctx = false;
		c = *p++;
		if (c == '\\') {
			c = *p++;
			if (!c)
				return "Trailing backslash";
			if (c == '(') {
				if (l == levels + MAX_DEPTH)
					return TOO_BIG;
				l++;
				groups++;
				if (bt && groups <= 9)
					emit(re, OP_SAVE, 2 * groups - 2, 0);
				*l = (struct level){ start, re->ninsns, -1, groups };
				ctx = true;
				atom = -1;
				continue;
			}
			if (c == ')') {
				if (l == levels)
					return "Unmatched ) or \\)";
				for (int j = l->jumps, next; j >= 0; j = next) {
					next = re->prog[j].x;
					re->prog[j].x = re->ninsns - j;
				}
				/* back-references may name it and the groups in it */
				if (l->group <= 9) {
					if (bt)
						emit(re, OP_SAVE, 2 * l->group - 1, 0);
					closed |= (2u << (groups < 9 ? groups : 9)) - (1u << l->group);
				}
				atom = l->start;
				dup = false;
				l--;
				continue;
			}
			if (c == '|') {
				/* the groups of the branch it ends are out of reach (as in glibc) */
				if (l->group < 9)
					closed &= (2u << l->group) - 1;
				insert(re, l->branch, OP_SPLIT, 0, 0);
				emit(re, OP_JMP, 0, l->jumps);
				l->jumps = re->ninsns - 1;
				re->prog[l->branch].x = re->ninsns - l->branch;
				l->branch = re->ninsns;
				ctx = true;
				atom = -1;
				continue;
			}
			if (c == '{') {
				if (atom < 0 || dup)
					return BADRPT;
				if ((err = interval(&p, &min, &max)))
					return err;
				goto repeat;
			}
			if ((c == '+' || c == '?') && atom >= 0) {
				min = c == '+';
				max = c == '+' ? REP_INF : 1;
				goto repeat;
			}
			if (c >= '1' && c <= '9') {
				if (!(closed & (1 << (c - '0'))))
					return "Invalid back reference";
				re->flags |= F_BREF;
				emit(re, OP_BREF, c - '0', 0);
				goto atom;
			}
		} else if (c == '*' && atom >= 0) {
			if (dup)
				return BADRPT;
			min = 0;
			max = REP_INF;
			goto repeat;
		} else if ((c == '^' && anchor) ||
			   (c == '$' && (!*p || (p[0] == '\\' && (p[1] == ')' || p[1] == '|'))))) {
			emit(re, c == '^' ? OP_BOL : OP_EOL, 0, 0);
			atom = -1;
			continue;
		} else if (c == '.') {
			emit(re, OP_ANY, 0, 0);
			goto atom;
		} else if (c == '[') {
			if ((err = bracket(re, &p, &set)))
				return err;
			emit(re, OP_SET, set, 0);
			goto atom;
		}
		emit(re, OP_CHAR, fold(flags, c), 0);
atom:
		atom = start;
		dup = false;
		continue;
repeat:
		if ((err = repeat(re, atom, min, max, &marks)))
			return err;
		dup = true;
	}
	if (l != levels)
		return "Unmatched ( or \\(";
	if (re->flags & F_FULL)
		return TOO_BIG;
	for (int j = l->jumps, next; j >= 0; j = next) {
		next = re->prog[j].x;
		re->prog[j].x = re->ninsns - j;
	}
	re->prog[re->ninsns++].op = OP_MATCH;
	return NULL;
}

int regex_compile(struct regex *re, const char *pattern, unsigned int flags, const char **error)
{
	const char *err = compile(re, (const u8 *)pattern, flags & (REGEX_ICASE | REGEX_FIXED));

	/* a back-reference: the same again, for backtracking */
	if (!err && (re->flags & F_BREF))
		err = compile(re, (const u8 *)pattern, (flags & REGEX_ICASE) | F_BACKTRACK);
	if (!err)
		return 0;
	*error = err;
	return -EINVAL;
}

/* --- matching -------------------------------------------------------------------------- */

#define SET_WORDS (REGEX_MAX_INSNS / 32)

/*
 * Add pc to the set, with everything reachable from it without consuming a
 * byte at position pos. An instruction already in the set is not followed
 * again, so each split pushes at most once and the stack needs one entry per
 * instruction.
 */
static void follow(const struct regex *re, u32 *set, u16 *stack, unsigned int pc, size_t pos, size_t len)
{
	unsigned int sp = 0;

	for (;;) {
		const struct regex_insn *in = &re->prog[pc];

		if (set[pc / 32] & (1u << (pc % 32)))
			goto next;
		set[pc / 32] |= 1u << (pc % 32);
		switch (in->op) {
		case OP_SPLIT:
			stack[sp++] = pc + in->x;
			pc++;
			continue;
		case OP_JMP:
			pc += in->x;
			continue;
		case OP_BOL:
		case OP_EOL:
			if (pos == (in->op == OP_BOL ? 0 : len)) {
				pc++;
				continue;
			}
		}
next:
		if (!sp)
			return;
		pc = stack[--sp];
	}
}

static __noinline bool nfa(const struct regex *re, const u8 *s, size_t len)
{
	u32 sets[2][SET_WORDS], *cur = sets[0], *next = sets[1], *t;
	u16 stack[REGEX_MAX_INSNS];
	unsigned int match = re->ninsns - 1;

	memset(cur, 0, sizeof(sets[0]));
	for (size_t pos = 0;; pos++) {
		follow(re, cur, stack, 0, pos, len); /* a match starting here */
		if (cur[match / 32] & (1u << (match % 32)))
			return true;
		if (pos == len)
			return false;
		memset(next, 0, sizeof(sets[0]));
		for (unsigned int pc = 0; pc < match; pc++)
			if ((cur[pc / 32] & (1u << (pc % 32))) &&
			    consumes(re, &re->prog[pc], fold(re->flags, s[pos])))
				follow(re, next, stack, pc + 1, pos + 1, len);
		t = cur;
		cur = next;
		next = t;
	}
}

/*
 * A choice to come back to: resume at pc with positions pos - 1 down to lo
 * (a plain choice has pos = lo + 1, a greedy run of one-byte loop iterations
 * covers its whole length). With pc & 0x8000 it restores slot pc & 0xff to pos.
 */
struct frame {
	u16 pc, pos, lo;
};

static __noinline bool backtrack(const struct regex *re, const u8 *s, size_t len)
{
	struct frame stack[BT_DEPTH];
	u16 slot[NSLOTS];
	u32 steps = REGEX_BACKTRACK_STEPS;
	unsigned int sp, pc, pos, a, e;

	if (len > BT_MAX_LINE)
		return false;
	for (size_t start = 0; start <= len; start++) {
		memset(slot, 0xff, sizeof(slot));
		sp = 0;
		pc = 0;
		pos = start;
		for (;;) {
			const struct regex_insn *in = &re->prog[pc];
			struct frame f;

			if (!--steps)
				return false;
			switch (in->op) {
			case OP_MATCH:
				return true;
			case OP_BOL:
			case OP_EOL:
				if (pos != (in->op == OP_BOL ? 0 : len))
					goto fail;
				pc++;
				continue;
			case OP_JMP:
				pc += in->x;
				continue;
			case OP_SAVE:
				f = (struct frame){ 0x8000 | in->arg, slot[in->arg], 0 };
				slot[in->arg] = pos;
				pc++;
				goto push;
			case OP_BREF:
				a = slot[2 * in->arg - 2];
				e = slot[2 * in->arg - 1];
				if (e == 0xffff || a > e || e - a > len - pos)
					goto fail;
				for (; a < e; a++, pos++)
					if (fold(re->flags, s[a]) != fold(re->flags, s[pos]))
						goto fail;
				pc++;
				continue;
			case OP_SPLIT:
				if (in->x > 0) {
					f = (struct frame){ pc + in->x, pos + 1, pos };
					pc++;
				} else if (in->x == -1) {
					/* a one-byte loop: take all it can, give back on failure */
					a = pos;
					while (pos < len && consumes(re, in - 1, fold(re->flags, s[pos])))
						pos++;
					if (pos - a >= steps)
						return false;
					steps -= pos - a;
					f = (struct frame){ pc + 1, pos, a };
					pc++;
					if (pos == a)
						continue;
				} else if (slot[in->arg] == pos) {
					pc++; /* the iteration consumed nothing: the loop ends */
					continue;
				} else {
					f = (struct frame){ pc + 1, pos + 1, pos };
					pc += in->x;
				}
				goto push;
			default:
				if (pos == len || !consumes(re, in, fold(re->flags, s[pos])))
					goto fail;
				pos++;
				pc++;
				continue;
			}
push:
			if (sp == BT_DEPTH)
				return false;
			stack[sp++] = f;
			continue;
fail:
			for (;;) {
				struct frame *top;

				if (!sp)
					goto next_start;
				top = &stack[sp - 1];
				if (top->pc & 0x8000) {
					slot[top->pc & 0xff] = top->pos;
					sp--;
					continue;
				}
				pc = top->pc;
				pos = --top->pos;
				if (pos == top->lo)
					sp--;
				break;
			}
		}
next_start:;
	}
	return false;
}

bool regex_match(const struct regex *re, const char *line, size_t len)
{
	if (re->flags & F_BACKTRACK)
		return backtrack(re, (const u8 *)line, len);
	return nfa(re, (const u8 *)line, len);
}
