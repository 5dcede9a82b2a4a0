/*
 * libFuzzer target for the initramfs unpacker (init/cpio.c).
 *
 * Built like fuzz_fdt.c (clang -fsanitize=fuzzer,address,undefined); seeded with
 * small archives made by `cpio -o -H newc`. Each input is unpacked as a whole
 * buffer (libFuzzer gives exactly its size, so AddressSanitizer sees any read past
 * it), twice, into a sink that checks what it is given: every path normalised as
 * promised (relative, not empty, no empty, "." or ".." component, shorter than
 * CPIO_PATH_MAX), modes within 07777, file data inside the input, symlink targets
 * shorter than CPIO_PATH_MAX, no more entries than the input has room for. The
 * result must be 0 with no reason, or a negative errno with one of the known
 * reasons, and the same both times. A failed check aborts, which libFuzzer
 * reports as a crash.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <kernel/cpio.h>
#include <kernel/errno.h>

#define check(cond)                                                                \
	do {                                                                       \
		if (!(cond)) {                                                     \
			fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, \
				#cond);                                            \
			abort();                                                   \
		}                                                                  \
	} while (0)

static const u8 *input;
static size_t input_size, entries;

static void check_path(const char *path)
{
	const char *c = path;

	check(strlen(path) > 0 && strlen(path) < CPIO_PATH_MAX);
	for (;;) {
		size_t n = strcspn(c, "/");

		check(n > 0);
		check(!(n == 1 && c[0] == '.'));
		check(!(n == 2 && c[0] == '.' && c[1] == '.'));
		if (!c[n])
			break;
		c += n + 1;
	}
	/* Each entry takes a 110-byte header and a 2-byte name at least. */
	check(++entries <= input_size / 112);
}

static int sink_mkdir(void *ctx, const char *path, unsigned int mode)
{
	(void)ctx;
	check_path(path);
	check(mode <= 07777);
	return 0;
}

static int sink_file(void *ctx, const char *path, unsigned int mode, const void *data, size_t size)
{
	const u8 *at = data;

	(void)ctx;
	check_path(path);
	check(mode <= 07777);
	check(at >= input && at <= input + input_size && size <= (size_t)(input + input_size - at));
	/* Fail now and then (the name's length decides), as a full filesystem would. */
	return strlen(path) % 7 == 3 ? -ENOSPC : 0;
}

static int sink_symlink(void *ctx, const char *path, const char *target)
{
	(void)ctx;
	check_path(path);
	check(strlen(target) < CPIO_PATH_MAX);
	return 0;
}

static bool known_reason(const char *reason)
{
	static const char *const reasons[] = {
		"no cpio magic",
		"incorrect cpio method used: use -H newc option",
		"broken padding",
		"invalid magic at start of compressed archive",
		"compressed archive not supported",
		"truncated archive",
		"bad header field",
		"name too long",
		"name not NUL-terminated",
		"symlink target too long",
		"mkdir failed",
		"write error",
		"symlink failed",
	};

	for (size_t i = 0; i < sizeof(reasons) / sizeof(reasons[0]); i++)
		if (reason && !strcmp(reason, reasons[i]))
			return true;
	return false;
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size);

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	static const struct cpio_sink sink = { sink_mkdir, sink_file, sink_symlink, NULL };
	const char *reason = "unset", *again = "unset";
	size_t first_entries;
	int err, err_again;

	input = data;
	input_size = size;
	entries = 0;
	err = cpio_unpack(data, size, &sink, &reason);
	if (err)
		check(err < 0 && known_reason(reason));
	else
		check(reason == NULL);
	first_entries = entries;

	entries = 0;
	err_again = cpio_unpack(data, size, &sink, &again);
	check(err_again == err && again == reason && entries == first_entries);

	(void)cpio_compression(data, size);
	return 0;
}
