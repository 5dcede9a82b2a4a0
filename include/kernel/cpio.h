/*
 * The initramfs unpacker (init/cpio.c): reads cpio "newc" archives, as the
 * boot loader's initrd or `cpio -o -H newc` makes them, and hands each entry
 * to a sink that creates it. It touches no filesystem itself, so host tests
 * and the fuzzer drive it with their own sinks.
 *
 * Entries: directories, regular files and symlinks. Device nodes, fifos and
 * sockets are skipped. Hard links are not linked: each name becomes a file
 * with the data of its own entry (newc puts the data on the last name of a
 * link group, so the earlier names come out empty). Uses no stack to speak
 * of, but two static buffers of CPIO_PATH_MAX bytes: not reentrant.
 */
#ifndef KERNEL_CPIO_H
#define KERNEL_CPIO_H

#include <kernel/types.h>

/* Longest name (namesize, its NUL included) and symlink target (plus a NUL). */
#define CPIO_PATH_MAX 4096

/* What the unpacker creates; each returns 0 or a negative errno. Paths are
 * relative to the root, normalised: no leading '/', no empty, "." or ".."
 * components. mode is the permission bits (07777) of the entry. A symlink's
 * target is the archive's, unchanged. All three callbacks are required. */
struct cpio_sink {
	int (*mkdir)(void *ctx, const char *path, unsigned int mode);
	int (*file)(void *ctx, const char *path, unsigned int mode, const void *data, size_t size);
	int (*symlink)(void *ctx, const char *path, const char *target);
	void *ctx;
};

/*
 * Unpack the archive buf[0..len): one or more concatenated archives, each
 * ending in "TRAILER!!!", zero padding allowed between and after them (an
 * empty or all-zero buffer is no archive and no error). Names are resolved
 * lexically as in a chroot ("../../etc/x" is "etc/x"); the root itself
 * ("." or "/") is skipped. Returns 0, or a negative errno with *error (if
 * error is not NULL) set to a static reason for the first fault. A format
 * fault stops the unpacking; a sink's failure is remembered and the next
 * entries are still given to the sink. Either way the entries before the
 * fault have been given to the sink.
 */
int cpio_unpack(const void *buf, size_t len, const struct cpio_sink *sink, const char **error);

/* The compression the first bytes announce, by the magic numbers of Linux's
 * lib/decompress.c: "gzip", "bzip2", "lzma", "xz", "lzo", "lz4", "zstd",
 * or NULL. */
const char *cpio_compression(const void *buf, size_t len);

#endif
