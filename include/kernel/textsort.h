/*
 * Line ordering for the shell's sort (kernel/shell/textsort.c): the order of
 * `LC_ALL=C sort [-n] [-r] [-k N]` in GNU coreutils (and BusyBox). Pure code,
 * no heap.
 */
#ifndef KERNEL_TEXTSORT_H
#define KERNEL_TEXTSORT_H

#include <kernel/types.h>

#define SORT_NUMERIC 0x1  /* -n */
#define SORT_REVERSE 0x2  /* -r */

/*
 * Compare two lines (without their newline) as `sort [-n] [-r] [-k N]` does:
 * <0, 0 or >0. The key is field N (1-based; fields are separated by runs of
 * blanks, space and tab, and leading blanks belong to the field, as POSIX
 * -k N without -b) to the end of the line when key > 0, the whole line when
 * key == 0; a line with fewer fields has an empty key. SORT_NUMERIC: blanks
 * skipped, an optional '-', digits, an optional '.' and fraction digits; no
 * number is 0 (and -0 is 0). Ties on the key are broken by comparing the
 * whole lines bytewise (GNU sort's last-resort comparison); SORT_REVERSE
 * reverses the final result.
 */
int textsort_compare(const char *a, size_t alen, const char *b, size_t blen, unsigned int key,
		     unsigned int flags);

struct textsort_line {
	const char *text;
	size_t len;
};

/* Sort n lines in place by textsort_compare, stable (a merge sort using
 * scratch, n entries). */
void textsort(struct textsort_line *lines, size_t n, struct textsort_line *scratch,
	      unsigned int key, unsigned int flags);

#endif
