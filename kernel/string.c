/* Freestanding implementations of the C string and memory functions.
 * GCC may also emit calls to memcpy/memset/memmove/memcmp on its own. */
#include <kernel/module.h>
#include <kernel/string.h>

#define ONES 0x01010101u

/* Words (the kernel builds without unaligned access): the destination is
 * aligned first; a source still out of step is read by aligned words and
 * shifted into place (little-endian), so printk's short, unaligned copies
 * cost about a word's price per word too. Sixteen bytes a round when both
 * line up: cat of a large file copies megabytes. */
void *memcpy(void *dest, const void *src, size_t n)
{
	u8 *d = dest;
	const u8 *s = src;

	for (; n && ((unsigned long)d & 3); n--)
		*d++ = *s++;
	if (!((unsigned long)s & 3)) {
		u32 *dw = (u32 *)d;
		const u32 *sw = (const u32 *)s;

		/* one load-multiple and one store-multiple a round */
		for (; n >= 16; n -= 16)
			asm volatile("ldmia %0!, {r4, r5, r6, r7}\n\tstmia %1!, {r4, r5, r6, r7}"
				     : "+r"(sw), "+r"(dw) : : "r4", "r5", "r6", "r7", "memory");
		for (; n >= 4; n -= 4)
			*dw++ = *sw++;
		d = (u8 *)dw;
		s = (const u8 *)sw;
	} else if (n >= 4) {
		/* the aligned words around the source: never a byte outside them */
		unsigned int shift = ((unsigned long)s & 3) * 8;
		const u32 *sw = (const u32 *)((unsigned long)s & ~3ul);
		u32 *dw = (u32 *)d, cur = *sw++;

		for (; n >= 4; n -= 4, s += 4) {
			u32 next = *sw++;

			*dw++ = (cur >> shift) | (next << (32 - shift));
			cur = next;
		}
		d = (u8 *)dw;
	}
	while (n--)
		*d++ = *s++;
	return dest;
}
EXPORT_SYMBOL(memcpy);

void *memmove(void *dest, const void *src, size_t n)
{
	u8 *d = dest;
	const u8 *s = src;

	if (d <= s || d >= s + n)
		return memcpy(dest, src, n);
	while (n--)
		d[n] = s[n];
	return dest;
}
EXPORT_SYMBOL(memmove);

void *memset(void *s, int c, size_t n)
{
	u8 *p = s;
	u32 *w;

	for (; n && ((unsigned long)p & 3); n--)
		*p++ = (u8)c;
	for (w = (u32 *)p; n >= 4; n -= 4)
		*w++ = (u8)c * ONES;
	for (p = (u8 *)w; n; n--)
		*p++ = (u8)c;
	return s;
}
EXPORT_SYMBOL(memset);

int memcmp(const void *a, const void *b, size_t n)
{
	const u8 *x = a, *y = b;

	for (; n; n--, x++, y++)
		if (*x != *y)
			return *x - *y;
	return 0;
}
EXPORT_SYMBOL(memcmp);

/* A word at a time once aligned: printk looks for the line's end in every message. */
void *memchr(const void *s, int c, size_t n)
{
	const u8 *p = s;
	const u32 *w;

	for (; n && ((unsigned long)p & 3); n--, p++)
		if (*p == (u8)c)
			return (void *)p;
	for (w = (const u32 *)p; n >= 4 && !word_has_zero(*w ^ ((u8)c * ONES)); n -= 4)
		w++;
	for (p = (const u8 *)w; n; n--, p++)
		if (*p == (u8)c)
			return (void *)p;
	return NULL;
}

size_t strlen(const char *s)
{
	const char *p = s;

	while (*p)
		p++;
	return p - s;
}
EXPORT_SYMBOL(strlen);

size_t strnlen(const char *s, size_t max)
{
	const char *p = s;
	const u32 *w;

	for (; max && ((unsigned long)p & 3); max--, p++)
		if (!*p)
			return (size_t)(p - s);
	for (w = (const u32 *)p; max >= 4 && !word_has_zero(*w); max -= 4)
		w++;
	for (p = (const char *)w; max && *p; max--)
		p++;
	return (size_t)(p - s);
}

int strcmp(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return (u8)*a - (u8)*b;
}
EXPORT_SYMBOL(strcmp);

int strncmp(const char *a, const char *b, size_t n)
{
	for (; n; n--, a++, b++) {
		if (*a != *b)
			return (u8)*a - (u8)*b;
		if (!*a)
			break;
	}
	return 0;
}
EXPORT_SYMBOL(strncmp);

char *strchr(const char *s, int c)
{
	for (;; s++) {
		if (*s == (char)c)
			return (char *)s;
		if (!*s)
			return NULL;
	}
}
EXPORT_SYMBOL(strchr);

size_t strlcpy(char *dest, const char *src, size_t size)
{
	size_t len = strlen(src);

	if (size) {
		size_t n = len < size - 1 ? len : size - 1;

		memcpy(dest, src, n);
		dest[n] = '\0';
	}
	return len;
}
