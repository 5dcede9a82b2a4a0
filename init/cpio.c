/*
 * The initramfs unpacker: cpio "newc" (and its "crc" variant, the checksum
 * not checked) read from memory, each entry handed to a struct cpio_sink
 * (include/kernel/cpio.h). The layout, as Linux's
 * Documentation/driver-api/early-userspace/buffer-format.rst gives it:
 *
 *   header   "070701" or "070702", then 13 fields of 8 hex digits (110 bytes)
 *   name     namesize bytes, its NUL included; header + name padded to 4
 *   data     filesize bytes (a symlink's target), padded to 4
 *
 * "TRAILER!!!" ends an archive; zero bytes may follow, then another archive.
 * The input is untrusted: every field is checked and every length is compared
 * with what is left before it is added to an offset, so nothing is read
 * outside buf[0..len) and no sum overflows (size_t is 32 bits on the target).
 * The reasons are Linux's where Linux has one for the fault.
 */
#include <kernel/compiler.h>
#include <kernel/cpio.h>
#include <kernel/errno.h>
#include <kernel/string.h>

#define HEADER_SIZE 110
#define FIELDS 13
#define F_MODE 1
#define F_FILESIZE 6
#define F_NAMESIZE 11

#define TYPE_MASK 0170000
#define TYPE_DIR 0040000
#define TYPE_REG 0100000
#define TYPE_LNK 0120000

/* The normalised path and a symlink's target with its NUL: static rather
 * than 8 KiB of a 16 KiB stack that the sink also needs. */
static char path[CPIO_PATH_MAX];
static char target[CPIO_PATH_MAX];

/* 8 hex digits, either case. -1 on anything else. */
static int hex8(const u8 *s, u32 *out)
{
	u32 value = 0;

	for (int i = 0; i < 8; i++) {
		unsigned int c = s[i], lower = c | 0x20;

		if (c - '0' < 10)
			value = value << 4 | (c - '0');
		else if (lower - 'a' < 6)
			value = value << 4 | (lower - 'a' + 10);
		else
			return -1;
	}
	*out = value;
	return 0;
}

/*
 * name into path: empty and "." components dropped, ".." removing the one
 * before it (nothing at the root), joined by single '/'. Returns the length,
 * 0 for the root. Each component written is preceded in name by at least the
 * '/' the output gets, so the output is never longer than name.
 */
static size_t normalise(const char *name)
{
	size_t len = 0, n;
	const char *start;

	while (*name) {
		start = name;
		while (*name && *name != '/')
			name++;
		n = (size_t)(name - start);
		if (*name)
			name++;
		if (n == 0 || (n == 1 && start[0] == '.'))
			continue;
		if (n == 2 && start[0] == '.' && start[1] == '.') {
			while (len && path[len - 1] != '/')
				len--;
			if (len)
				len--;
			continue;
		}
		if (len)
			path[len++] = '/';
		memcpy(path + len, start, n);
		len += n;
	}
	path[len] = '\0';
	return len;
}

int cpio_unpack(const void *buf, size_t len, const struct cpio_sink *sink, const char **error)
{
	const u8 *p = buf, *data;
	const char *name, *reason = NULL, *fault, *failed;
	size_t off = 0, left, data_off, size, pad;
	u32 field[FIELDS], namesize, type, mode;
	bool in_archive = false; /* after a header, before its trailer */
	int err = 0, fault_err = -EINVAL, ret;

	for (;;) {
		if (!in_archive) {
			/* Between archives, as Linux: zeros, then '0' on a 4-byte boundary. */
			while (off < len && !p[off])
				off++;
			if (off == len)
				break;
			if (off & 3) {
				fault = "broken padding";
				goto bad;
			}
			if (p[off] != '0') {
				fault = cpio_compression(p + off, len - off) ?
						 "compressed archive not supported" :
						 "invalid magic at start of compressed archive";
				goto bad;
			}
			in_archive = true;
		}

		left = len - off;
		if (left < HEADER_SIZE)
			goto truncated;
		if (memcmp(p + off, "07070", 5) || (p[off + 5] != '1' && p[off + 5] != '2')) {
			fault = memcmp(p + off, "070707", 6) ?
					 "no cpio magic" :
					 "incorrect cpio method used: use -H newc option";
			goto bad;
		}
		for (int i = 0; i < FIELDS; i++) {
			if (hex8(p + off + 6 + 8 * i, &field[i])) {
				fault = "bad header field";
				goto bad;
			}
		}

		/* The name: in the buffer, NUL-terminated, at most CPIO_PATH_MAX. */
		namesize = field[F_NAMESIZE];
		if (namesize > CPIO_PATH_MAX) {
			fault = "name too long";
			fault_err = -ENAMETOOLONG;
			goto bad;
		}
		if (namesize > left - HEADER_SIZE)
			goto truncated;
		name = (const char *)p + off + HEADER_SIZE;

		if (!namesize || name[namesize - 1]) {
			fault = "name not NUL-terminated";
			goto bad;
		}

		/* The data and both paddings: in the buffer (namesize is small). */
		data_off = ALIGN(HEADER_SIZE + namesize, 4);
		size = field[F_FILESIZE];
		pad = -size & 3;
		if (data_off > left || size > left - data_off || pad > left - data_off - size)
			goto truncated;
		data = p + off + data_off;

		off += data_off + size + pad;
		if (!strcmp(name, "TRAILER!!!")) {
			in_archive = false;
			continue;
		}

		type = field[F_MODE] & TYPE_MASK;
		mode = field[F_MODE] & 07777;
		if (type == TYPE_LNK && size >= CPIO_PATH_MAX) {
			fault = "symlink target too long";
			fault_err = -ENAMETOOLONG;
			goto bad;
		}
		if (!normalise(name))
			continue; /* the root: it is there already */

		if (type == TYPE_DIR) {
			ret = sink->mkdir(sink->ctx, path, mode);
			failed = "mkdir failed";
		} else if (type == TYPE_REG) {
			ret = sink->file(sink->ctx, path, mode, data, size);
			failed = "write error";
		} else if (type == TYPE_LNK) {
			memcpy(target, data, size);
			target[size] = '\0';
			ret = sink->symlink(sink->ctx, path, target);
			failed = "symlink failed";
		} else {
			continue; /* device nodes, fifos, sockets: nothing to make them in */
		}
		/* A sink's failure: keep the first, go on with the other entries. */
		if (ret < 0 && !reason) {
			reason = failed;
			err = ret;
		}
	}
	goto out;

truncated:
	fault = "truncated archive";
bad:
	/* A format fault ends the unpacking; a sink's earlier failure stays the one told. */
	if (!reason) {
		reason = fault;
		err = fault_err;
	}
out:
	if (error)
		*error = reason;
	return err;
}

/* lib/decompress.c's table: the first two bytes of each format. */
static const struct {
	u8 magic[2];
	const char *name;
} compressions[] = {
	{ { 0x1f, 0x8b }, "gzip" }, { { 0x1f, 0x9e }, "gzip" }, { { 0x42, 0x5a }, "bzip2" },
	{ { 0x5d, 0x00 }, "lzma" }, { { 0xfd, 0x37 }, "xz" },   { { 0x89, 0x4c }, "lzo" },
	{ { 0x02, 0x21 }, "lz4" },  { { 0x28, 0xb5 }, "zstd" },
};

const char *cpio_compression(const void *buf, size_t len)
{
	if (len < 2)
		return NULL;
	for (size_t i = 0; i < ARRAY_SIZE(compressions); i++)
		if (!memcmp(buf, compressions[i].magic, 2))
			return compressions[i].name;
	return NULL;
}
