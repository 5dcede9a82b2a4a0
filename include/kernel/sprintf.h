/* Formatted output into a buffer: the kernel's vsnprintf and friends.
 * Conversions: %d %i %u %x %X %o %c %s %p %pS %ps %%, the length modifiers
 * hh h l ll z t, flags - 0 + space #, field width and precision (also *). */
#ifndef KERNEL_SPRINTF_H
#define KERNEL_SPRINTF_H

#include <stdarg.h>
#include <kernel/compiler.h>
#include <kernel/types.h>

/* Like C99: returns the length the whole output would have, writes at most size-1 chars plus NUL. */
int vsnprintf(char *buf, size_t size, const char *fmt, va_list args);
int snprintf(char *buf, size_t size, const char *fmt, ...) __printf(3, 4);
/* Returns the number of characters actually written (excluding the NUL). */
int vscnprintf(char *buf, size_t size, const char *fmt, va_list args);
int scnprintf(char *buf, size_t size, const char *fmt, ...) __printf(3, 4);

#endif
