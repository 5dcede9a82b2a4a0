/*
 * Line ordering for the shell's sort, as LC_ALL=C GNU sort orders lines with
 * -n, -r and -k N (see <kernel/textsort.h>). Pure code: numbers are compared
 * as digit strings, never converted, so any length works.
 */
#include <kernel/string.h>
#include <kernel/textsort.h>

static bool blank(char c)
{
	return c == ' ' || c == '\t';
}

static bool digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Bytewise, a prefix first: -1, 0 or 1. */
static int compare_bytes(const char *a, size_t alen, const char *b, size_t blen)
{
	int r = memcmp(a, b, alen < blen ? alen : blen);

	if (!r)
		return (alen > blen) - (alen < blen);
	return r < 0 ? -1 : 1;
}

/* The number at the start of s[0..len): its sign, integer digits without
 * leading zeros and fraction digits without trailing zeros. */
struct number {
	const char *i, *f;
	size_t ilen, flen;
	bool neg;
};

static void parse_number(const char *s, size_t len, struct number *n)
{
	const char *end = s + len;

	while (s < end && blank(*s))
		s++;
	n->neg = s < end && *s == '-';
	s += n->neg;
	while (s < end && *s == '0')
		s++;
	for (n->i = s; s < end && digit(*s); s++)
		;
	n->ilen = s - n->i;
	n->f = s;
	n->flen = 0;
	if (s < end && *s == '.')
		for (n->f = ++s; s < end && digit(*s); s++)
			if (*s != '0')
				n->flen = s + 1 - n->f;
	if (!n->ilen && !n->flen)
		n->neg = false; /* zero, whatever its sign */
}

static int compare_numbers(const char *a, size_t alen, const char *b, size_t blen)
{
	struct number x, y;
	int r;

	parse_number(a, alen, &x);
	parse_number(b, blen, &y);
	if (x.neg != y.neg)
		return x.neg ? -1 : 1;
	/* magnitudes: more integer digits, then the digits, then the fraction's */
	r = (x.ilen > y.ilen) - (x.ilen < y.ilen);
	if (!r)
		r = compare_bytes(x.i, x.ilen, y.i, y.ilen);
	if (!r)
		r = compare_bytes(x.f, x.flen, y.f, y.flen);
	return x.neg ? -r : r;
}

/* Where field key begins in s[0..len): after key - 1 runs of blanks then non-blanks. */
static size_t key_start(const char *s, size_t len, unsigned int key)
{
	size_t i = 0;

	while (key-- > 1) {
		while (i < len && blank(s[i]))
			i++;
		while (i < len && !blank(s[i]))
			i++;
	}
	return i;
}

int textsort_compare(const char *a, size_t alen, const char *b, size_t blen, unsigned int key,
		     unsigned int flags)
{
	size_t ka = key_start(a, alen, key), kb = key_start(b, blen, key);
	int r;

	if (flags & SORT_NUMERIC)
		r = compare_numbers(a + ka, alen - ka, b + kb, blen - kb);
	else
		r = compare_bytes(a + ka, alen - ka, b + kb, blen - kb);
	if (!r)
		r = compare_bytes(a, alen, b, blen);
	return flags & SORT_REVERSE ? -r : r;
}

/*
 * Bottom-up merge sort: runs of 1, 2, 4... lines are merged pairwise into
 * scratch, which is copied back after each pass. On equal lines the left
 * run's goes first, so the sort is stable.
 */
void textsort(struct textsort_line *lines, size_t n, struct textsort_line *scratch,
	      unsigned int key, unsigned int flags)
{
	for (size_t width = 1; width < n; width *= 2) {
		for (size_t lo = 0; lo < n; lo += 2 * width) {
			size_t mid = lo + width < n ? lo + width : n;
			size_t hi = mid + width < n ? mid + width : n;
			size_t i = lo, j = mid, k = lo;

			while (k < hi)
				if (j == hi || (i < mid && textsort_compare(lines[i].text, lines[i].len,
									    lines[j].text, lines[j].len,
									    key, flags) <= 0))
					scratch[k++] = lines[i++];
				else
					scratch[k++] = lines[j++];
		}
		memcpy(lines, scratch, n * sizeof(*lines));
	}
}
