/* The C string and memory functions the kernel provides (kernel/string.c).
 * Host unit tests get the same names from the C library. */
#ifndef KERNEL_STRING_H
#define KERNEL_STRING_H

#include <kernel/types.h>

void *memcpy(void *dest, const void *src, size_t n);
void *memmove(void *dest, const void *src, size_t n);
void *memset(void *s, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
void *memchr(const void *s, int c, size_t n);
size_t strlen(const char *s);
size_t strnlen(const char *s, size_t max);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strchr(const char *s, int c);
size_t strlcpy(char *dest, const char *src, size_t size);

/* Some byte of x is 0: the word-at-a-time test (string.c, the FDT reader). */
static inline bool word_has_zero(u32 x)
{
	return ((x - 0x01010101u) & ~x & 0x80808080u) != 0;
}

#endif
