/* A host stand-in for the kernel's scnprintf, from the C library's
 * vsnprintf, for unit tests of code that formats with plain C formats (no
 * %pS): the length stored, never more than size - 1. */
#include <stdarg.h>
#include <stdio.h>

#include <kernel/sprintf.h>

int scnprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list args;
	int n;

	va_start(args, fmt);
	n = vsnprintf(buf, size, fmt, args);
	va_end(args);
	if (!size || n < 0)
		return 0;
	return (size_t)n >= size ? (int)size - 1 : n;
}
