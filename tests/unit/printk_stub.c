/*
 * A host stand-in for printk, for unit tests of code that logs: messages are
 * formatted by the C library and appended, level prefix and all ("\0014..."
 * for pr_warn), to a capture buffer that the test reads and clears:
 *
 *   const char *printk_captured(void);  everything printed since the last reset
 *   void printk_capture_reset(void);
 *
 * Output beyond the buffer is dropped and marks the capture as overflowed, so
 * a test comparing the text fails rather than seeing a silent cut.
 */
#include <stdio.h>
#include <string.h>

#include <kernel/printk.h>

#define CAPTURE_SIZE 8192

static char captured[CAPTURE_SIZE];
static size_t captured_len;

const char *printk_captured(void);
void printk_capture_reset(void);

const char *printk_captured(void)
{
	return captured;
}

void printk_capture_reset(void)
{
	captured_len = 0;
	captured[0] = '\0';
}

int vprintk(const char *fmt, va_list args)
{
	static const char overflow[] = "<printk capture overflow>";
	size_t room = sizeof(captured) - captured_len;
	int n = vsnprintf(captured + captured_len, room, fmt, args);

	if (n < 0)
		return n;
	if ((size_t)n >= room) {
		captured_len = sizeof(captured) - sizeof(overflow);
		memcpy(captured + captured_len, overflow, sizeof(overflow));
		return n;
	}
	captured_len += (size_t)n;
	return n;
}

int printk(const char *fmt, ...)
{
	va_list args;
	int n;

	va_start(args, fmt);
	n = vprintk(fmt, args);
	va_end(args);
	return n;
}
