/*
 * Host unit tests for the initramfs unpacker (init/cpio.c).
 *
 * Real archives come from GNU cpio (`cpio -o -H newc`, and -H crc) run on a
 * directory tree the test makes in a temporary directory: directories, files
 * of 0, 1, 4097 (binary) bytes, symlinks, modes 0755, 0600, 04755 and 01777,
 * a fifo and a hard link. Every entry must come back with its path, mode and bytes as on
 * disk, and nothing else (not the "." entry, not the fifo). Hand-made
 * archives (the same layout, written here) check name normalisation ("..",
 * "/", ".", "//" resolved as in a chroot) and faults: bad magic, a non-hex
 * digit in each field, huge or zero namesize, huge filesize, symlink targets
 * at the limit, junk and padding between concatenated archives, and failing
 * sinks. A small real archive is unpacked cut at every length, from a buffer
 * of exactly that size (AddressSanitizer sees any read past it): each cut
 * before the end of the trailer fails with a reason, and exactly the entries
 * that lie wholly before the cut have been delivered. The recording sink also
 * checks every path is normalised as promised.
 */
#define _GNU_SOURCE /* memmem */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <ctype.h>
#include <errno.h> /* <kernel/errno.h> has the same numbers but clashes with <string.h> */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <kernel/compiler.h>
#include <kernel/cpio.h>

/* ---- a recording sink --------------------------------------------------- */

#define MAX_ENTRIES 64

struct entry {
	char type; /* 'd', 'f', 'l' */
	char *path;
	unsigned int mode;
	unsigned char *data; /* file bytes, or a symlink's target with its NUL */
	size_t size;
};

struct record {
	struct entry e[MAX_ENTRIES];
	int n;
	const char *fail_path; /* the sink fails on this path and those under it... */
	int fail_err;          /* ...with this error */
};

/* The promise: relative, no empty, "." or ".." component, not the root. */
static void check_normalised(const char *path)
{
	const char *c = path;

	assert_true(path[0] != '\0');
	for (;;) {
		size_t n = strcspn(c, "/");

		assert_true(n > 0);
		assert_false(n == 1 && c[0] == '.');
		assert_false(n == 2 && c[0] == '.' && c[1] == '.');
		if (!c[n])
			break;
		c += n + 1;
	}
	assert_true(strlen(path) < CPIO_PATH_MAX);
}

static int add(void *ctx, char type, const char *path, unsigned int mode, const void *data,
	       size_t size)
{
	struct record *r = ctx;
	struct entry *e;

	check_normalised(path);
	assert_true(mode <= 07777);
	assert_true(r->n < MAX_ENTRIES);
	e = &r->e[r->n++];
	e->type = type;
	e->path = strdup(path);
	e->mode = mode;
	e->size = size;
	e->data = malloc(size + 1);
	assert_non_null(e->path);
	assert_non_null(e->data);
	if (size)
		memcpy(e->data, data, size);
	if (r->fail_path && !strncmp(path, r->fail_path, strlen(r->fail_path)))
		return r->fail_err;
	return 0;
}

static int rec_mkdir(void *ctx, const char *path, unsigned int mode)
{
	return add(ctx, 'd', path, mode, NULL, 0);
}

static int rec_file(void *ctx, const char *path, unsigned int mode, const void *data, size_t size)
{
	return add(ctx, 'f', path, mode, data, size);
}

static int rec_symlink(void *ctx, const char *path, const char *target)
{
	return add(ctx, 'l', path, 0, target, strlen(target) + 1);
}

static void record_clear(struct record *r)
{
	for (int i = 0; i < r->n; i++) {
		free(r->e[i].path);
		free(r->e[i].data);
	}
	memset(r, 0, sizeof(*r));
}

/* Unpack from a copy of exactly len bytes. */
static int unpack(const void *buf, size_t len, struct record *r, const char **reason)
{
	struct cpio_sink sink = { rec_mkdir, rec_file, rec_symlink, r };
	unsigned char *copy = malloc(len ? len : 1);
	int ret;

	assert_non_null(copy);
	memcpy(copy, buf, len);
	*reason = "not set";
	ret = cpio_unpack(copy, len, &sink, reason);
	free(copy);
	if (ret) {
		assert_true(ret < 0);
		assert_non_null(*reason);
		assert_true((*reason)[0] != '\0');
	} else {
		assert_null(*reason);
	}
	return ret;
}

static const struct entry *find(const struct record *r, const char *path)
{
	for (int i = 0; i < r->n; i++)
		if (!strcmp(r->e[i].path, path))
			return &r->e[i];
	return NULL;
}

static void expect_entry(const struct record *r, int index, char type, const char *path)
{
	assert_true(index < r->n);
	assert_int_equal(r->e[index].type, type);
	assert_string_equal(r->e[index].path, path);
}

/* ---- hand-made archives ------------------------------------------------- */

struct archive {
	unsigned char *buf;
	size_t len, cap;
};

static void put(struct archive *a, const void *data, size_t n)
{
	if (!n)
		return;
	if (a->len + n > a->cap) {
		a->cap = (a->len + n) * 2 + 256;
		a->buf = realloc(a->buf, a->cap);
		assert_non_null(a->buf);
	}
	memcpy(a->buf + a->len, data, n);
	a->len += n;
}

static void put_zeros(struct archive *a, size_t n)
{
	static const unsigned char zeros[512];

	while (n) {
		size_t k = n < sizeof(zeros) ? n : sizeof(zeros);

		put(a, zeros, k);
		n -= k;
	}
}

/* An entry (newc, namesize from the name); returns its offset for patching. */
static size_t add_entry(struct archive *a, const char *name, unsigned int mode, const void *data,
			size_t size)
{
	size_t at = a->len, namesize = strlen(name) + 1;
	char header[128];

	assert_true(size <= 0xffffffffu);
	snprintf(header, sizeof(header), "070701%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X",
		 42u, mode, 0u, 0u, 1u, 0u, (unsigned int)size, 0u, 0u, 0u, 0u,
		 (unsigned int)namesize, 0u);
	put(a, header, 110);
	put(a, name, namesize);
	put_zeros(a, -(110 + namesize) & 3);
	put(a, data, size);
	put_zeros(a, -size & 3);
	return at;
}

static void add_trailer(struct archive *a)
{
	add_entry(a, "TRAILER!!!", 0, NULL, 0);
}

/* Field i (0 ino ... 6 filesize ... 11 namesize, 12 check) of the entry at `at`. */
static void set_field(struct archive *a, size_t at, int i, unsigned int value)
{
	char text[9];

	snprintf(text, sizeof(text), "%08X", value);
	memcpy(a->buf + at + 6 + 8 * i, text, 8);
}

static void archive_free(struct archive *a)
{
	free(a->buf);
	memset(a, 0, sizeof(*a));
}

/* ---- archives made by GNU cpio ------------------------------------------- */

static char tree[64]; /* the temporary directory: tree/root is archived */

static void run(const char *fmt, ...) __printf(1, 2);
static void run(const char *fmt, ...)
{
	char cmd[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	if (system(cmd) != 0)
		fail_msg("command failed: %s", cmd);
}

/* A whole file in a malloc'd buffer. */
static unsigned char *read_all(const char *path, size_t *len)
{
	unsigned char *buf;
	FILE *f;
	long n;

	f = fopen(path, "rb");
	assert_non_null(f);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	assert_true(n > 0);
	rewind(f);
	buf = malloc((size_t)n);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	*len = (size_t)n;
	return buf;
}

/* `cpio -o -H format` of tree/dir (entries sorted), read into a malloc'd buffer. */
static unsigned char *cpio_of(const char *dir, const char *format, size_t *len)
{
	char path[128];

	snprintf(path, sizeof(path), "%s/%s-%s.cpio", tree, dir, format);
	run("cd %s/%s && find . | LC_ALL=C sort | cpio -o -H %s --quiet > %s", tree, dir, format,
	    path);
	return read_all(path, len);
}

static void write_file(const char *path, const void *data, size_t size, mode_t mode)
{
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, size, f), size);
	fclose(f);
	assert_int_equal(chmod(path, mode), 0);
}

static unsigned char big[4097];

static int make_trees(void **state)
{
	char p[256];

	(void)state;
	strcpy(tree, "/tmp/test_cpio.XXXXXX");
	if (!mkdtemp(tree))
		return -1;
	for (size_t i = 0; i < sizeof(big); i++)
		big[i] = (unsigned char)(i * 131 + (i >> 8)); /* zeros, 0xff and all between */

	/* root: the full tree */
	run("mkdir -p %s/root/bin %s/root/etc/ssh %s/root/empty-dir", tree, tree, tree);
	snprintf(p, sizeof(p), "%s/root/empty", tree);
	write_file(p, "", 0, 0600);
	snprintf(p, sizeof(p), "%s/root/one", tree);
	write_file(p, "x", 1, 0755);
	snprintf(p, sizeof(p), "%s/root/bin/big", tree);
	write_file(p, big, sizeof(big), 0755);
	snprintf(p, sizeof(p), "%s/root/etc/ssh/key", tree);
	write_file(p, "secret\n", 7, 0600);
	snprintf(p, sizeof(p), "%s/root/bin/su", tree);
	write_file(p, "su", 2, 04755);
	run("chmod 0755 %s/root/bin %s/root/etc && chmod 0600 %s/root/etc/ssh && chmod 0700 "
	    "%s/root/empty-dir && mkdir -m 01777 %s/root/tmp",
	    tree, tree, tree, tree, tree);
	run("ln -s big %s/root/bin/sh && ln -s /etc/ssh/key %s/root/abs-link && "
	    "ln -s ../../../../etc/passwd %s/root/bin/up",
	    tree, tree, tree);
	run("mkfifo -m 0644 %s/root/fifo", tree);

	/* small: one entry of each kind, for the truncation test */
	run("mkdir -p %s/small/d && printf 'hello' > %s/small/d/f && ln -s f %s/small/d/l", tree,
	    tree, tree);

	/* links: a hard link pair */
	run("mkdir -p %s/links && printf 'shared' > %s/links/a && ln %s/links/a %s/links/b", tree,
	    tree, tree, tree);

	/* second: another tree, for concatenation */
	run("mkdir -p %s/second/etc && printf 'two' > %s/second/etc/motd", tree, tree);
	return 0;
}

static int remove_trees(void **state)
{
	(void)state;
	run("rm -rf %s", tree);
	return 0;
}

/* The entries of tree/root, as on disk. */
static void check_root_tree(const struct record *r)
{
	static const struct {
		char type;
		const char *path;
		unsigned int mode;
	} expect[] = {
		{ 'l', "abs-link", 0 },    { 'd', "bin", 0755 },    { 'f', "bin/big", 0755 },
		{ 'l', "bin/sh", 0 },      { 'f', "bin/su", 04755 }, { 'l', "bin/up", 0 },
		{ 'f', "empty", 0600 },    { 'd', "empty-dir", 0700 }, { 'd', "etc", 0755 },
		{ 'd', "etc/ssh", 0600 },  { 'f', "etc/ssh/key", 0600 }, { 'f', "one", 0755 },
		{ 'd', "tmp", 01777 },
	};
	const struct entry *e;

	/* Everything but "." and the fifo, in archive order (sorted). */
	assert_int_equal(r->n, ARRAY_SIZE(expect));
	for (size_t i = 0; i < ARRAY_SIZE(expect); i++) {
		expect_entry(r, (int)i, expect[i].type, expect[i].path);
		if (expect[i].type != 'l')
			assert_int_equal(r->e[i].mode, expect[i].mode);
	}
	e = find(r, "empty");
	assert_int_equal(e->size, 0);
	e = find(r, "one");
	assert_int_equal(e->size, 1);
	assert_memory_equal(e->data, "x", 1);
	e = find(r, "bin/big");
	assert_int_equal(e->size, sizeof(big));
	assert_memory_equal(e->data, big, sizeof(big));
	e = find(r, "etc/ssh/key");
	assert_int_equal(e->size, 7);
	assert_memory_equal(e->data, "secret\n", 7);
	/* Symlink targets as they are, not normalised. */
	assert_string_equal((char *)find(r, "bin/sh")->data, "big");
	assert_string_equal((char *)find(r, "abs-link")->data, "/etc/ssh/key");
	assert_string_equal((char *)find(r, "bin/up")->data, "../../../../etc/passwd");
}

/* ---- tests ---------------------------------------------------------------- */

static void test_real_archive(void **state)
{
	struct record r = { 0 };
	const char *reason;
	unsigned char *buf;
	size_t len;

	(void)state;
	buf = cpio_of("root", "newc", &len);
	assert_int_equal(len % 512, 0); /* GNU cpio pads to blocks: zeros after the trailer */
	assert_int_equal(unpack(buf, len, &r, &reason), 0);
	check_root_tree(&r);
	record_clear(&r);
	free(buf);
}

/* 070702: the same entries; the checksum is not checked. */
static void test_real_crc_archive(void **state)
{
	struct record r = { 0 };
	const char *reason;
	unsigned char *buf;
	size_t len;

	(void)state;
	buf = cpio_of("root", "crc", &len);
	assert_memory_equal(buf, "070702", 6);
	assert_int_equal(unpack(buf, len, &r, &reason), 0);
	check_root_tree(&r);
	record_clear(&r);
	free(buf);
}

/* Hard links are not linked: the data is on the last name, the first is empty. */
static void test_hard_links(void **state)
{
	struct record r = { 0 };
	const char *reason;
	unsigned char *buf;
	size_t len;

	(void)state;
	buf = cpio_of("links", "newc", &len);
	assert_int_equal(unpack(buf, len, &r, &reason), 0);
	assert_int_equal(r.n, 2);
	expect_entry(&r, 0, 'f', "a");
	expect_entry(&r, 1, 'f', "b");
	assert_int_equal(r.e[0].size, 0);
	assert_int_equal(r.e[1].size, 6);
	assert_memory_equal(r.e[1].data, "shared", 6);
	record_clear(&r);
	free(buf);
}

static void test_names_are_normalised(void **state)
{
	static const struct {
		const char *name, *path; /* path NULL: the root, skipped */
	} cases[] = {
		{ "../../etc/passwd", "etc/passwd" },
		{ "/abs/x", "abs/x" },
		{ "a/./b", "a/b" },
		{ "a//b", "a/b" },
		{ "a/../../b", "b" },
		{ "./x/", "x" },
		{ "//x//y//", "x/y" },
		{ "x/y/..", "x" },
		{ "x/y/../..", NULL },
		{ ".", NULL },
		{ "..", NULL },
		{ "/", NULL },
		{ "./..//./", NULL },
		{ "...", "..." },
		{ ".a/..b/.../c.", ".a/..b/.../c." },
		{ "a/b/c/../../../../../d/./e/../f", "d/f" },
	};
	struct archive a = { 0 };
	struct record r = { 0 };
	const char *reason;
	int expected = 0;

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		add_entry(&a, cases[i].name, 0100644, "data", 4);
		expected += cases[i].path != NULL;
	}
	add_trailer(&a);
	assert_int_equal(unpack(a.buf, a.len, &r, &reason), 0);
	assert_int_equal(r.n, expected);
	for (size_t i = 0, j = 0; i < ARRAY_SIZE(cases); i++) {
		if (!cases[i].path)
			continue;
		expect_entry(&r, (int)j, 'f', cases[i].path);
		assert_int_equal(r.e[j].mode, 0644);
		assert_int_equal(r.e[j].size, 4);
		j++;
	}
	record_clear(&r);

	/* The same names on directories and symlinks; the target stays as it is. */
	archive_free(&a);
	add_entry(&a, "/../d/", 040700, NULL, 0);
	add_entry(&a, "../d/./s", 0120777, "../../x/./y", 11);
	add_entry(&a, "./", 040755, NULL, 0);
	add_trailer(&a);
	assert_int_equal(unpack(a.buf, a.len, &r, &reason), 0);
	assert_int_equal(r.n, 2);
	expect_entry(&r, 0, 'd', "d");
	assert_int_equal(r.e[0].mode, 0700);
	expect_entry(&r, 1, 'l', "d/s");
	assert_string_equal((char *)r.e[1].data, "../../x/./y");
	record_clear(&r);
	archive_free(&a);
}

/* The longest name fits; CPIO_PATH_MAX - 1 characters of ".." normalise to nothing. */
static void test_long_names(void **state)
{
	struct archive a = { 0 };
	struct record r = { 0 };
	char name[CPIO_PATH_MAX + 1];
	const char *reason;
	size_t at;

	(void)state;
	memset(name, 'n', CPIO_PATH_MAX - 1);
	name[CPIO_PATH_MAX - 1] = '\0';
	add_entry(&a, name, 0100600, "z", 1);
	for (int i = 0; i < CPIO_PATH_MAX - 1; i++)
		name[i] = "../"[i % 3];
	add_entry(&a, name, 0100600, "z", 1);
	add_trailer(&a);
	assert_int_equal(unpack(a.buf, a.len, &r, &reason), 0);
	assert_int_equal(r.n, 1);
	assert_int_equal(strlen(r.e[0].path), CPIO_PATH_MAX - 1);
	record_clear(&r);
	archive_free(&a);

	/* One more is too long. */
	memset(name, 'n', CPIO_PATH_MAX);
	name[CPIO_PATH_MAX] = '\0';
	add_entry(&a, "first", 0100600, NULL, 0);
	add_entry(&a, name, 0100600, "z", 1);
	add_trailer(&a);
	assert_int_equal(unpack(a.buf, a.len, &r, &reason), -ENAMETOOLONG);
	assert_string_equal(reason, "name too long");
	assert_int_equal(r.n, 1);
	record_clear(&r);
	archive_free(&a);

	/* Symlink targets: CPIO_PATH_MAX - 1 bytes fit, CPIO_PATH_MAX do not. */
	memset(name, 't', CPIO_PATH_MAX);
	add_entry(&a, "ok", 0120777, name, CPIO_PATH_MAX - 1);
	at = add_entry(&a, "too-long", 0120777, name, CPIO_PATH_MAX);
	add_trailer(&a);
	assert_int_equal(unpack(a.buf, a.len, &r, &reason), -ENAMETOOLONG);
	assert_string_equal(reason, "symlink target too long");
	assert_int_equal(r.n, 1);
	expect_entry(&r, 0, 'l', "ok");
	assert_int_equal(r.e[0].size, CPIO_PATH_MAX); /* with its NUL */
	record_clear(&r);
	/* A regular file of that size is fine. */
	set_field(&a, at, 1, 0100644);
	assert_int_equal(unpack(a.buf, a.len, &r, &reason), 0);
	assert_int_equal(r.n, 2);
	assert_int_equal(r.e[1].size, CPIO_PATH_MAX);
	record_clear(&r);
	archive_free(&a);
}

/* A valid entry, then one corrupted by `corrupt`: the first is delivered, the
 * unpacking fails with `reason`. */
static void expect_corrupt(void (*corrupt)(struct archive *a, size_t at, int arg), int arg,
			   int err, const char *expected)
{
	struct archive a = { 0 };
	struct record r = { 0 };
	const char *reason;
	size_t at;

	add_entry(&a, "before", 040755, NULL, 0);
	at = add_entry(&a, "bad", 0100644, "contents", 8);
	add_entry(&a, "after", 040755, NULL, 0);
	add_trailer(&a);
	corrupt(&a, at, arg);
	assert_int_equal(unpack(a.buf, a.len, &r, &reason), err);
	assert_string_equal(reason, expected);
	assert_int_equal(r.n, 1);
	expect_entry(&r, 0, 'd', "before");
	record_clear(&r);
	archive_free(&a);
}

static void set_magic(struct archive *a, size_t at, int which)
{
	static const char *const magic[] = { "070700", "070703", "070707", "171701", "07070 ",
					     "\0" "70701" };

	memcpy(a->buf + at, magic[which], 6);
}

static void set_char(struct archive *a, size_t at, int offset)
{
	a->buf[at + offset] = (unsigned char)(offset & 1 ? 'g' : ' ');
}

static void set_namesize(struct archive *a, size_t at, int value)
{
	set_field(a, at, 11, (unsigned int)value);
}

static void set_filesize(struct archive *a, size_t at, int value)
{
	set_field(a, at, 6, (unsigned int)value);
}

static void unterminate_name(struct archive *a, size_t at, int unused)
{
	(void)unused;
	a->buf[at + 110 + 3] = 'x'; /* "bad" NUL */
}

static void test_corrupt_headers(void **state)
{
	(void)state;
	expect_corrupt(set_magic, 0, -EINVAL, "no cpio magic");
	expect_corrupt(set_magic, 1, -EINVAL, "no cpio magic");
	expect_corrupt(set_magic, 2, -EINVAL, "incorrect cpio method used: use -H newc option");
	expect_corrupt(set_magic, 3, -EINVAL, "no cpio magic");
	expect_corrupt(set_magic, 4, -EINVAL, "no cpio magic");
	/* A zero where a header starts is no padding inside an archive. */
	expect_corrupt(set_magic, 5, -EINVAL, "no cpio magic");
	/* A non-hex character at every place of every field. */
	for (int offset = 6; offset < 110; offset++)
		expect_corrupt(set_char, offset, -EINVAL, "bad header field");
	expect_corrupt(set_namesize, 0, -EINVAL, "name not NUL-terminated");
	expect_corrupt(set_namesize, 3, -EINVAL, "name not NUL-terminated");
	expect_corrupt(unterminate_name, 0, -EINVAL, "name not NUL-terminated");
	expect_corrupt(set_namesize, CPIO_PATH_MAX + 1, -ENAMETOOLONG, "name too long");
	expect_corrupt(set_namesize, 0x7fffffff, -ENAMETOOLONG, "name too long");
	expect_corrupt(set_namesize, -1, -ENAMETOOLONG, "name too long");
	expect_corrupt(set_filesize, -1, -EINVAL, "truncated archive");
	expect_corrupt(set_filesize, -4, -EINVAL, "truncated archive");
	expect_corrupt(set_filesize, 0x7fffffff, -EINVAL, "truncated archive");
}

/* A wrong filesize or namesize that stays inside the buffer: the next header is
 * read where the sizes say, and is not one. */
static void test_misplaced_next_header(void **state)
{
	struct archive a = { 0 };
	struct record r = { 0 };
	const char *reason;
	size_t at;

	(void)state;
	at = add_entry(&a, "f", 0100644, "12345678", 8);
	add_entry(&a, "g", 0100644, "x", 1);
	add_trailer(&a);
	set_field(&a, at, 6, 4); /* 4 bytes of data: "5678" is read as a header */
	assert_int_equal(unpack(a.buf, a.len, &r, &reason), -EINVAL);
	assert_string_equal(reason, "no cpio magic");
	assert_int_equal(r.n, 1);
	assert_int_equal(r.e[0].size, 4);
	record_clear(&r);
	archive_free(&a);
}

/* Lower-case hex digits are hex too; unknown types are skipped. */
static void test_lower_case_and_other_types(void **state)
{
	static const unsigned int types[] = { 0020644, 0060644, 0010644, 0140644, 0000644, 0170644 };
	struct archive a = { 0 };
	struct record r = { 0 };
	const char *reason;
	size_t at;

	(void)state;
	at = add_entry(&a, "lower", 0100755, "abcdefghijk", 11);
	for (size_t i = 6; i < 110; i++)
		a.buf[at + i] = (unsigned char)tolower(a.buf[at + i]);
	for (size_t i = 0; i < ARRAY_SIZE(types); i++)
		add_entry(&a, "node", types[i], "dev", 3);
	add_entry(&a, "last", 0100600, NULL, 0);
	add_trailer(&a);
	assert_int_equal(unpack(a.buf, a.len, &r, &reason), 0);
	assert_int_equal(r.n, 2);
	expect_entry(&r, 0, 'f', "lower");
	assert_int_equal(r.e[0].mode, 0755);
	assert_int_equal(r.e[0].size, 11);
	expect_entry(&r, 1, 'f', "last");
	record_clear(&r);
	archive_free(&a);
}

/* The offsets where each entry of a valid archive ends (its padding included),
 * and whether the unpacker delivers it, parsed independently. */
static int entry_ends(const unsigned char *buf, size_t len, size_t *ends, bool *delivered,
		      size_t *trailer_end)
{
	size_t off = 0;
	int n = 0;

	for (;;) {
		char field[9] = { 0 };
		unsigned long namesize, filesize;
		const char *name;

		assert_true(off + 110 <= len);
		memcpy(field, buf + off + 54, 8);
		filesize = strtoul(field, NULL, 16);
		memcpy(field, buf + off + 94, 8);
		namesize = strtoul(field, NULL, 16);
		name = (const char *)buf + off + 110;
		off += ((110 + namesize + 3) & ~3ul) + ((filesize + 3) & ~3ul);
		if (!strcmp(name, "TRAILER!!!")) {
			*trailer_end = off;
			return n;
		}
		ends[n] = off;
		delivered[n] = strcmp(name, ".") != 0;
		n++;
	}
}

static void test_every_truncation(void **state)
{
	size_t ends[MAX_ENTRIES], len, trailer_end;
	bool delivered[MAX_ENTRIES];
	struct record r = { 0 }, full = { 0 };
	const char *reason;
	unsigned char *buf;
	int n;

	(void)state;
	buf = cpio_of("small", "newc", &len);
	n = entry_ends(buf, len, ends, delivered, &trailer_end);
	assert_int_equal(n, 4); /* ".", "d", "d/f", "d/l" */
	assert_int_equal(unpack(buf, len, &full, &reason), 0);
	assert_int_equal(full.n, 3);

	for (size_t cut = 0; cut <= len; cut++) {
		int ret = unpack(buf, cut, &r, &reason), expected = 0;

		for (int i = 0; i < n; i++)
			expected += ends[i] <= cut && delivered[i];
		if (cut == 0 || cut >= trailer_end) {
			/* Nothing at all, or everything and some of the zeros after it. */
			assert_int_equal(ret, 0);
			assert_int_equal(r.n, cut ? full.n : 0);
		} else {
			if (ret != -EINVAL || strcmp(reason, "truncated archive"))
				fail_msg("cut at %zu: %d %s", cut, ret, reason);
			assert_int_equal(r.n, expected);
		}
		for (int i = 0; i < r.n; i++) {
			expect_entry(&r, i, full.e[i].type, full.e[i].path);
			assert_int_equal(r.e[i].size, full.e[i].size);
			assert_memory_equal(r.e[i].data, full.e[i].data, full.e[i].size);
		}
		record_clear(&r);
	}
	record_clear(&full);
	free(buf);
}

/* Archives one after another, with zeros between them, as Linux unpacks them. */
static void test_concatenated(void **state)
{
	struct archive a = { 0 };
	struct record r = { 0 };
	const char *reason;
	unsigned char *first, *second;
	size_t first_len, second_len;

	(void)state;
	first = cpio_of("small", "newc", &first_len);
	second = cpio_of("second", "newc", &second_len);

	/* Back to back (cpio pads to 512), then with 4 zeros more, with none (the
	 * hand-made archive ends right after its trailer), and with leading zeros. */
	put_zeros(&a, 8);
	put(&a, first, first_len);
	put(&a, second, second_len);
	put_zeros(&a, 4);
	add_entry(&a, "third", 0100600, "3", 1);
	add_trailer(&a);
	add_entry(&a, "fourth", 040700, NULL, 0);
	add_trailer(&a);
	assert_int_equal(unpack(a.buf, a.len, &r, &reason), 0);
	assert_int_equal(r.n, 3 + 2 + 2);
	expect_entry(&r, 0, 'd', "d");
	expect_entry(&r, 2, 'l', "d/l");
	expect_entry(&r, 3, 'd', "etc");
	expect_entry(&r, 4, 'f', "etc/motd");
	assert_memory_equal(r.e[4].data, "two", 3);
	expect_entry(&r, 5, 'f', "third");
	expect_entry(&r, 6, 'd', "fourth");
	record_clear(&r);
	archive_free(&a);

	/* Padding that breaks the alignment: the second archive is not read. */
	put(&a, first, first_len);
	put_zeros(&a, 3);
	put(&a, second, second_len);
	assert_int_equal(unpack(a.buf, a.len, &r, &reason), -EINVAL);
	assert_string_equal(reason, "broken padding");
	assert_int_equal(r.n, 3);
	record_clear(&r);
	archive_free(&a);

	/* Junk after the trailer, aligned: Linux's reason (it would try to decompress it). */
	put(&a, first, first_len);
	put(&a, "junk", 4);
	assert_int_equal(unpack(a.buf, a.len, &r, &reason), -EINVAL);
	assert_string_equal(reason, "invalid magic at start of compressed archive");
	assert_int_equal(r.n, 3);
	record_clear(&r);
	archive_free(&a);

	/* A compressed archive after an uncompressed one (early microcode + initrd). */
	put(&a, first, first_len);
	put(&a, "\x1f\x8b\x08\x00", 4);
	assert_int_equal(unpack(a.buf, a.len, &r, &reason), -EINVAL);
	assert_string_equal(reason, "compressed archive not supported");
	assert_int_equal(r.n, 3);
	record_clear(&r);
	archive_free(&a);

	/* An archive without its trailer is cut short, even on an entry boundary. */
	add_entry(&a, "x", 040755, NULL, 0);
	assert_int_equal(unpack(a.buf, a.len, &r, &reason), -EINVAL);
	assert_string_equal(reason, "truncated archive");
	assert_int_equal(r.n, 1);
	record_clear(&r);
	archive_free(&a);

	/* Only zeros, or nothing: no archive, no error. */
	put_zeros(&a, 1000);
	assert_int_equal(unpack(a.buf, a.len, &r, &reason), 0);
	assert_int_equal(unpack(a.buf, 0, &r, &reason), 0);
	assert_int_equal(r.n, 0);
	archive_free(&a);

	/* Not an archive at all. */
	assert_int_equal(unpack("hello world", 11, &r, &reason), -EINVAL);
	assert_string_equal(reason, "invalid magic at start of compressed archive");
	assert_int_equal(unpack("0hello world", 12, &r, &reason), -EINVAL);
	assert_string_equal(reason, "truncated archive");
	assert_int_equal(r.n, 0);
	free(first);
	free(second);
}

/* A failing sink: the first failure is returned, the other entries still come. */
static void test_sink_failures(void **state)
{
	static const struct {
		const char *path;
		const char *reason;
	} cases[] = {
		{ "d", "mkdir failed" }, /* and d/f, d/l after it */
		{ "d/f", "write error" },
		{ "d/l", "symlink failed" },
	};
	struct record r = { 0 };
	const char *reason;
	unsigned char *buf;
	size_t len;

	(void)state;
	buf = cpio_of("small", "newc", &len);
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		r.fail_path = cases[i].path;
		r.fail_err = -ENOSPC;
		assert_int_equal(unpack(buf, len, &r, &reason), -ENOSPC);
		assert_string_equal(reason, cases[i].reason);
		assert_int_equal(r.n, 3);
		record_clear(&r);
	}

	/* A later format fault does not hide the sink's failure. */
	{
		unsigned char *trailer = memmem(buf, len, "TRAILER!!!", 10);

		assert_non_null(trailer);
		trailer[-110 + 20] = 'q'; /* a digit of the trailer's header */
	}
	assert_int_equal(unpack(buf, len, &r, &reason), -EINVAL);
	assert_string_equal(reason, "bad header field");
	record_clear(&r);
	r.fail_path = "d/f";
	r.fail_err = -EIO;
	assert_int_equal(unpack(buf, len, &r, &reason), -EIO);
	assert_string_equal(reason, "write error");
	assert_int_equal(r.n, 3);
	record_clear(&r);

	/* A NULL error pointer is allowed. */
	{
		struct cpio_sink sink = { rec_mkdir, rec_file, rec_symlink, &r };

		assert_int_equal(cpio_unpack("junk", 4, &sink, NULL), -EINVAL);
	}
	free(buf);
}

static void test_compression(void **state)
{
	static const struct {
		const char *bytes, *name;
	} cases[] = {
		{ "\x1f\x8b", "gzip" }, { "\x1f\x9e", "gzip" }, { "BZh9", "bzip2" },
		{ "\x5d\x00\x00", "lzma" }, { "\xfd" "7zXZ", "xz" }, { "\x89LZO", "lzo" },
		{ "\x02\x21\x4c\x18", "lz4" }, { "\x28\xb5\x2f\xfd", "zstd" },
		{ "0707", NULL }, { "\x1f\x8c", NULL }, { "\x8b\x1f", NULL },
	};
	char path[128];
	unsigned char *buf;
	size_t len;

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		const char *got = cpio_compression(cases[i].bytes, 2);

		if (cases[i].name)
			assert_string_equal(got, cases[i].name);
		else
			assert_null(got);
		/* One byte is not enough. */
		assert_null(cpio_compression(cases[i].bytes, 1));
	}
	assert_null(cpio_compression("", 0));

	/* Real output: cpio's is not compressed, gzip's (Debian always has gzip) is. */
	buf = cpio_of("small", "newc", &len);
	assert_null(cpio_compression(buf, len));
	free(buf);
	snprintf(path, sizeof(path), "%s/small-newc.cpio", tree);
	run("gzip -9 -c %s > %s.gz", path, path);
	strcat(path, ".gz");
	buf = read_all(path, &len);
	assert_string_equal(cpio_compression(buf, len), "gzip");
	free(buf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_real_archive),
		cmocka_unit_test(test_real_crc_archive),
		cmocka_unit_test(test_hard_links),
		cmocka_unit_test(test_names_are_normalised),
		cmocka_unit_test(test_long_names),
		cmocka_unit_test(test_corrupt_headers),
		cmocka_unit_test(test_misplaced_next_header),
		cmocka_unit_test(test_lower_case_and_other_types),
		cmocka_unit_test(test_every_truncation),
		cmocka_unit_test(test_concatenated),
		cmocka_unit_test(test_sink_failures),
		cmocka_unit_test(test_compression),
	};

	return cmocka_run_group_tests(tests, make_trees, remove_trees);
}
