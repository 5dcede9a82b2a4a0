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
 * loop marks and run by a backtracking matcher with an explicit, fixed-size
 * stack and a step budget.
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
	OP_SPLIT,  /* to pc + 1 and pc + x; x < 0 ends a loop, whose mark is slot arg */
	OP_SAVE,   /* slot arg = position | x: group bounds, loop marks (backtracking only) */
	OP_BREF,   /* the text group arg matched */
};

/* re->flags, beside REGEX_ICASE */
#define F_BREF 0x10       /* the pattern has back-references */
#define F_BACKTRACK 0x20  /* compiled for backtrack() */
#define F_FULL 0x40       /* compiling: the program overflowed */

#define MAX_DEPTH 16      /* nested groups */
#define MARK_SLOT 18      /* slots: 0..17 groups 1..9, then loop marks */
#define NSLOTS 32
#define FIRST 0x8000      /* in a loop mark: the loop's first iteration */
#define REP_INF 0xffff
#define BT_DEPTH 128      /* backtracking: pending choices and saved slots */
#define BT_MAX_LINE 0x7fff
#define ESC(c) ((c) | 0x100)

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
	c = fold(re->flags, c);
	if (in->op == OP_SET)
		return re->sets[in->arg][c >> 5] >> (c & 31) & 1;
	return in->op == OP_ANY || (in->op == OP_CHAR && c == in->arg);
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

/* Point the JMPs that end a group's branches at its end. */
static void end_branches(struct regex *re, const struct level *l)
{
	for (int j = l->jumps, next; j >= 0; j = next) {
		next = re->prog[j].x;
		re->prog[j].x = re->ninsns - j;
	}
}

/*
 * Repeat the atom at prog[atom..] min to max times (max REP_INF: no limit):
 * X\{m,n\} is m copies of X then n - m of "split to the end; X", X\{m,\} is
 * m - 1 copies then the loop "X; split back", and with m = 0 it is X\{1,n\}
 * with a split over it all. For backtracking, a loop whose body may match
 * nothing starts with a mark.
 */
static const char *repeat(struct regex *re, int atom, unsigned int min, unsigned int max,
			  unsigned int *marks)
{
	struct regex_insn *prog = re->prog;
	int len = re->ninsns - atom, copies = min ? min : 1, body;
	bool mark = (re->flags & F_BACKTRACK) && (len > 1 || prog[atom].op == OP_BREF);

	if (!max) {
		re->ninsns = atom;
		return NULL;
	}
	if (!len)
		return NULL;
	if (atom + copies * len + (max == REP_INF ? 2 : (max - copies) * (len + 1)) + !min >
		    REGEX_MAX_INSNS - 1 || (mark && *marks == NSLOTS))
		return TOO_BIG;
	while (--copies) {
		memcpy(&prog[re->ninsns], &prog[atom], len * sizeof(*prog));
		re->ninsns += len;
	}
	if (max == REP_INF) {
		body = re->ninsns - len;
		if (mark)
			insert(re, body, OP_SAVE, *marks, FIRST);
		emit(re, OP_SPLIT, mark ? (*marks)++ : 0, body - re->ninsns);
	} else {
		for (unsigned int i = min ? min : 1; i < max; i++) {
			emit(re, OP_SPLIT, 0, (max - i) * (len + 1));
			memcpy(&prog[re->ninsns], &prog[atom], len * sizeof(*prog));
			re->ninsns += len;
		}
	}
	if (!min)
		insert(re, atom, OP_SPLIT, 0, re->ninsns + 1 - atom);
	return NULL;
}

/* Character classes: name length, name, ranges length, ranges (first, last). */
static const u8 classes[] = "\5alpha\4AZaz" "\5digit\2" "09" "\5alnum\6" "09AZaz"
			    "\5upper\2AZ" "\5lower\2az" "\5space\4\t\r  " "\5blank\4\t\t  "
			    "\5punct\10!/:@[`{~" "\5print\2 ~" "\5graph\2!~" "\5cntrl\4\0\37\177\177"
			    "\6xdigit\6" "09AFaf";

static void add_range(u32 *set, int first, int last)
{
	for (int c = first; c <= last; c++)
		set[c >> 5] |= 1u << (c & 31);
}

/*
 * The bracket expression after the '[' at *pp, into a set (shared with an
 * identical earlier one). With REGEX_ICASE its bytes and range ends are taken
 * in lower case, as the line's are, and a class's capitals add their lower case.
 */
static const char *bracket(struct regex *re, const u8 **pp, int *index)
{
	const u8 *p = *pp, *begin, *e, *k = NULL;
	bool negate = *p == '^', range_next;
	u32 set[8] = { 0 };
	int c, first = -1, i, kind;

	begin = p += negate;
	do {
		kind = 0;
		c = *p++;
		if (c == '[' && (*p == ':' || *p == '.' || *p == '=')) {
			/* [:class:], [.c.] or [=c=] */
			kind = *p++;
			for (e = p; e[0] != kind || e[1] != ']'; e++)
				if (!*e)
					return EBRACK;
			i = e - p;
			for (k = classes; kind == ':' && *k && (*k != i || memcmp(k + 1, p, i));
			     k += *k + k[*k + 1] + 2)
				;
			if (kind == ':' && !*k)
				return "Invalid character class name";
			if (kind != ':' && i != 1)
				return "Invalid collation character";
			c = *p;
			p = e + 2;
		}
		if (!c)
			return EBRACK;
		range_next = *p == '-' && p[1] && p[1] != ']';
		/* a class or an equivalence class is no range end, and '-' is
		 * literal only first or last */
		if ((kind && kind != '.' && (first >= 0 || range_next)) ||
		    (!kind && c == '-' && first < 0 && p - 1 != begin && *p && *p != ']'))
			return BADRANGE;
		if (kind == ':') {
			for (k += *k + 2, i = 0; i < k[-1]; i += 2)
				add_range(set, k[i], k[i + 1]);
			continue;
		}
		c = fold(re->flags, c);
		if (first < 0 && range_next) {
			first = c;
			p++;
			continue;
		}
		if (first < 0)
			first = c;
		if (c < first)
			return BADRANGE;
		add_range(set, first, c);
		first = -1;
	} while (*p != ']');
	*pp = p + 1;
	if (re->flags & REGEX_ICASE)
		set[3] |= set[2] & 0x07fffffe; /* 'A'..'Z' to 'a'..'z' */
	for (i = 0; negate && i < 8; i++)
		set[i] = ~set[i];
	for (i = 0; i < re->nsets && memcmp(re->sets[i], set, sizeof(set)); i++)
		;
	if (i == REGEX_MAX_SETS)
		return TOO_BIG;
	if (i == re->nsets)
		memcpy(re->sets[re->nsets++], set, sizeof(set));
	*index = i;
	return NULL;
}

/* A number of an interval: -1 if there is none, 256 for any above 255. */
static int number(const u8 **pp)
{
	int v = -1;

	for (; **pp >= '0' && **pp <= '9'; (*pp)++)
		if ((v = (v < 0 ? 0 : v * 10) + **pp - '0') > 256)
			v = 256;
	return v;
}

/* The "m", "m,", "m,n" or ",n" and "\}" of an interval after its "\{". */
static const char *interval(const u8 **pp, unsigned int *min, unsigned int *max)
{
	const u8 *p = *pp;
	int lo = number(&p), hi = lo;

	if (*p == ',') {
		p++;
		hi = number(&p);
		if (hi < 0)
			hi = REP_INF;
		if (lo < 0)
			lo = 0;
	}
	if (p[0] != '\\' || p[1] != '}') {
		while (*p && (p[0] != '\\' || p[1] != '}'))
			p++;
		return *p ? "Invalid content of \\{\\}" : "Unmatched \\{";
	}
	if (lo < 0 || hi < lo)
		return "Invalid content of \\{\\}";
	if (lo > 255 || (hi > 255 && hi != REP_INF))
		return TOO_BIG;
	*min = lo;
	*max = hi;
	*pp = p + 2;
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
	const char *err;
	int c;

	memset(re, 0, sizeof(*re));
	re->flags = flags;
	*l = (struct level){ 0, 0, -1, 0 };
	if (strnlen((const char *)p, REGEX_MAX_PATTERN + 1) > REGEX_MAX_PATTERN)
		return TOO_BIG;
	while (flags & REGEX_FIXED && *p)
		emit(re, OP_CHAR, fold(flags, *p++), 0);

	while ((c = *p++)) {
		int start = re->ninsns, op = OP_CHAR, arg = 0;
		bool anchor = ctx;

		if (re->flags & F_FULL)
			return TOO_BIG;
		ctx = false;
		if (c == '\\') {
			if (!*p)
				return "Trailing backslash";
			c = ESC(*p++);
		}
		switch (c) {
		case ESC('('):
			if (l == levels + MAX_DEPTH)
				return TOO_BIG;
			groups++;
			if (bt && groups <= 9)
				emit(re, OP_SAVE, 2 * groups - 2, 0);
			*++l = (struct level){ start, re->ninsns, -1, groups };
			ctx = true;
			atom = -1;
			continue;
		case ESC(')'):
			if (l == levels)
				return "Unmatched ) or \\)";
			end_branches(re, l);
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
		case ESC('|'):
			/* the groups of the branch it ends are out of reach (as in glibc) */
			if (l->group < 9)
				closed &= (2u << l->group) - 1;
			insert(re, l->branch, OP_SPLIT, 0, re->ninsns + 2 - l->branch);
			emit(re, OP_JMP, 0, l->jumps);
			l->jumps = re->ninsns - 1;
			l->branch = re->ninsns;
			ctx = true;
			atom = -1;
			continue;
		case ESC('{'):
			if (atom < 0 || dup)
				return BADRPT;
			if ((err = interval(&p, &min, &max)))
				return err;
			break;
		case '*':
			if (atom < 0)
				goto literal;
			if (dup)
				return BADRPT;
			min = 0;
			max = REP_INF;
			break;
		case ESC('+'):
		case ESC('?'):
			if (atom < 0)
				goto literal;
			min = c == ESC('+');
			max = min ? REP_INF : 1;
			break;
		case ESC('1') ... ESC('9'):
			arg = c - ESC('0');
			if (!(closed & (1 << arg)))
				return "Invalid back reference";
			re->flags |= F_BREF;
			op = OP_BREF;
			goto atom;
		case '^':
			if (!anchor)
				goto literal;
			op = OP_BOL;
			goto atom;
		case '$':
			if (*p && (p[0] != '\\' || (p[1] != ')' && p[1] != '|')))
				goto literal;
			op = OP_EOL;
			goto atom;
		case '.':
			op = OP_ANY;
			goto atom;
		case '[':
			if ((err = bracket(re, &p, &arg)))
				return err;
			op = OP_SET;
			goto atom;
		default:
			/* glibc's word and buffer operators: refused, not read as letters */
			if (c > 0xff && strchr("wWsSbB<>`'", c & 0xff))
				return "Unsupported escape";
literal:
			arg = fold(flags, c & 0xff);
atom:
			emit(re, op, arg, 0);
			/* an anchor is no atom: a '*' after it is literal */
			atom = op == OP_BOL || op == OP_EOL ? -1 : start;
			dup = false;
			continue;
		}
		if ((err = repeat(re, atom, min, max, &marks)))
			return err;
		dup = true;
	}
	if (l != levels)
		return "Unmatched ( or \\(";
	if (re->flags & F_FULL)
		return TOO_BIG;
	end_branches(re, l);
	re->ninsns++; /* OP_MATCH */
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
static void follow(const struct regex *re, u32 *set, u16 *stack, unsigned int pc, size_t pos,
		   size_t len)
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
			    consumes(re, &re->prog[pc], s[pos]))
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

/*
 * Depth-first search of the program from each start in turn, undoing slot
 * writes on the way back. As POSIX says, an iteration of a loop may match
 * nothing only if it is the first (then the loop ends there); the mark at
 * the loop's start says where its iteration began and whether it is the first.
 */
static __noinline bool backtrack(const struct regex *re, const u8 *s, size_t len)
{
	struct frame stack[BT_DEPTH], f;
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
				a = pos | (u16)in->x;
				pc++;
				goto save;
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
				f = (struct frame){ pc + 1, pos + 1, pos };
				if (in->x > 0) {
					f.pc = pc + in->x;
					pc++;
				} else if (in->x == -1) {
					/* a one-byte loop: take all it can, give back on failure
					 * (each byte given back is a step: the budget bounds runs too) */
					a = pos;
					while (pos < len && consumes(re, in - 1, s[pos]))
						pos++;
					f = (struct frame){ pc + 1, pos, a };
					pc++;
					if (pos == a)
						continue;
				} else {
					/* the end of an iteration: another one after its mark, or out */
					a = slot[in->arg];
					if ((a & ~FIRST) == pos) {
						if (!(a & FIRST))
							goto fail;
						pc++;
						continue;
					}
					if (sp == BT_DEPTH)
						return false;
					stack[sp++] = f;
					a = pos;
					pc += in->x + 1;
					goto save;
				}
				goto push;
			default:
				if (pos == len || !consumes(re, in, s[pos]))
					goto fail;
				pos++;
				pc++;
				continue;
			}
save:
			/* slot in->arg = a, to be restored on the way back */
			f = (struct frame){ 0x8000 | in->arg, slot[in->arg], 0 };
			slot[in->arg] = a;
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
