/*
 * Line matching for the shell's grep (kernel/shell/regex.c): POSIX basic
 * regular expressions (grep's default syntax) as glibc's regcomp reads them,
 * or a fixed string. Pure code, no heap: a struct regex holds the compiled
 * pattern, and a match uses under 1 KiB of stack.
 *
 * Syntax: c  .  [...] (ranges, [:class:] of the C locale, [.c.], [=c=],
 * []...], [^...])  \c (c literal, for any c not below)  ^ $ (anchors at the
 * start / end of the pattern, of a \( \) group or of a \| branch; literal
 * elsewhere)  X* (literal at the start, after \( \| or ^)  X\{m\}
 * X\{m,\} X\{m,n\} X\{,n\}  \(X\)  \1..\9  and the GNU operators X\+ X\?
 * X\|Y. As in glibc, * or \{ right after another repetition is an error.
 * Refused: glibc's other escapes \w \W \s \S \b \B \< \> \` \' ("Unsupported
 * escape"), multi-character collating elements; and, as "Regular
 * expression too big", patterns over 255 bytes, counts over 255, programs
 * over REGEX_MAX_INSNS instructions (counted repetitions are expanded),
 * groups nested deeper than 16, more than REGEX_MAX_SETS different bracket
 * expressions, and with back-references more than 14 loops.
 *
 * Matching is exact and takes time proportional to the line's length times
 * the program's, except with back-references: those patterns are matched by
 * backtracking, at most REGEX_BACKTRACK_STEPS steps and 128 pending choices
 * per line; a line that exhausts them (or is over 32 KiB) counts as not
 * matching. A back-reference names its group's last iteration; as POSIX
 * says, an iteration of *, \+ or \{m,\} beyond the m-th may not match the
 * empty string (those of \{m,n\} may).
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
