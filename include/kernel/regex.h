/*
 * Line matching for the shell's grep (kernel/shell/regex.c): POSIX basic
 * regular expressions (grep's default syntax), as glibc's regcomp reads them,
 * or a fixed string. Pure code, no heap: a struct regex holds the compiled
 * pattern, and matching uses a bounded amount of stack.
 *
 * Syntax: c  .  [...] (ranges, [:class:], [.c.], [=c=], []...], [^...])  \c
 * (c literal, for c not below)  ^ $ (anchors at the start / end of the
 * pattern, of a \( \) group or of a \| branch; literal elsewhere)  X*
 * (literal at the start, after \( \| or ^)  X\{m\} X\{m,\} X\{m,n\} X\{,n\}
 * \(X\)  \1..\9  and the GNU operators X\+ X\? X\|Y. As in glibc, * or \{
 * right after another repetition is an error.
 * Not supported: the other GNU escapes (\w \s \< \b ...: here they are the
 * plain letters), multi-character collating elements, counts above 255.
 *
 * Matching is exact and takes time proportional to the line's length times
 * the program's (at most REGEX_MAX_INSNS instructions), except with
 * back-references: those patterns are matched by backtracking, capped at
 * REGEX_BACKTRACK_STEPS steps and 64 pending choices per line, and a line
 * that exhausts the cap (or is over 65000 bytes long) counts as not matching.
 */
#ifndef KERNEL_REGEX_H
#define KERNEL_REGEX_H

#include <kernel/types.h>

#define REGEX_ICASE 0x1   /* grep -i */
#define REGEX_FIXED 0x2   /* grep -F: the pattern is a literal string */

#define REGEX_MAX_PATTERN 255
#define REGEX_MAX_INSNS 256
#define REGEX_MAX_SETS 16           /* distinct bracket expressions */
#define REGEX_BACKTRACK_STEPS 500000

/* One instruction of the compiled program (its meaning is regex.c's). */
struct regex_insn {
	u8 op;
	u8 arg;
	s16 x;
};

struct regex {
	u16 ninsns;
	u8 nsets;
	u8 flags;                       /* REGEX_ICASE, and regex.c's own */
	u32 sets[REGEX_MAX_SETS][8];    /* bitmaps of the bracket expressions */
	struct regex_insn prog[REGEX_MAX_INSNS];
};

/* 0, or -EINVAL with *error set to a short static message (e.g. "Unmatched [ or [^",
 * "Invalid preceding regular expression", "Unmatched ( or \\(",
 * "Invalid content of \\{\\}", "Trailing backslash") */
int regex_compile(struct regex *re, const char *pattern, unsigned int flags, const char **error);
/* true if the pattern matches anywhere in line[0..len) (the line has no newline) */
bool regex_match(const struct regex *re, const char *line, size_t len);

#endif
