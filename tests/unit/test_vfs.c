/*
 * Host unit tests for the VFS (fs/namei.c, fs/file.c): the path walk with
 * ".", "..", repeated slashes, symlinks (relative, absolute, chains, loops)
 * and mounts (walking into one and out of it with "..", the working
 * directory and its path across mounts, stacked mounts, busy umounts),
 * read-only mounts (EROFS, "ro" in the table), making and removing entries, ramfs files (write, append, truncate, read
 * back) and pseudo files (show at open, each write to write(), O_TRUNC to
 * open_write). kmalloc is the C library's malloc here, so AddressSanitizer
 * sees every byte the VFS touches. Filesystems and pseudo files are
 * registered the kernel's way, through the linker lists (host variant).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <kernel/errno.h>
#include <kernel/fs.h>
#include <kernel/slab.h>

#include "../../fs/internal.h"

/* --- What the VFS needs from the rest of the kernel ------------------------------- */

void *kmalloc(size_t size)
{
	return malloc(size);
}

void *kzalloc(size_t size)
{
	return calloc(1, size);
}

void *krealloc(void *p, size_t size)
{
	return realloc(p, size);
}

void kfree(const void *p)
{
	free((void *)p);
}

char *kstrdup(const char *s)
{
	return strdup(s);
}

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

/* --- Filesystems and pseudo files for the tests ------------------------------------ */

DEFINE_FILESYSTEM(test_rootfs) = { .name = "rootfs", .nodev = true, .writable = true };
DEFINE_FILESYSTEM(test_ramfs) = { .name = "ramfs", .nodev = true, .writable = true };

static int writes, truncations;
static char last_write[64];

static void show_hello(struct seq_buf *m, void *data)
{
	seq_printf(m, "hello %s\n", (const char *)data);
}

static int write_hello(void *data, const char *buf, size_t len)
{
	(void)data;
	writes++;
	snprintf(last_write, sizeof(last_write), "%.*s", (int)len, buf);
	return len && buf[0] == '!' ? -EINVAL : 0;
}

static int open_hello(void *data, int flags)
{
	(void)data;
	if (flags & O_TRUNC)
		truncations++;
	return 0;
}

static const struct file_operations hello_fops = {
	.show = show_hello, .write = write_hello, .open_write = open_hello,
};
static const struct file_operations ro_fops = { .show = show_hello };
DEFINE_FILESYSTEM(test_pseudo) = { .name = "testfs", .nodev = true };
PSEUDO_FILE("testfs", test_hello, "hello", 0644, &hello_fops, "world");
PSEUDO_FILE("testfs", test_deep, "a/b/deep", 0444, &ro_fops, "deep");

static int setup(void **state)
{
	static struct super_block sb = { .type = &ll_entry(filesystems, test_rootfs) };

	(void)state;
	sb.root = inode_new(&sb, NULL, "", S_IFDIR | 0755);
	vfs_set_root(sb.root);
	vfs_chdir("/");
	return 0;
}

static struct inode *lookup(const char *path)
{
	struct inode *inode = NULL;
	int err = vfs_lookup(path, 0, &inode);

	if (err)
		fail_msg("lookup %s: %d", path, err);
	return inode;
}

static int lookup_err(const char *path)
{
	struct inode *inode;

	return vfs_lookup(path, 0, &inode);
}

static char *read_text(const char *path)
{
	char *data;
	size_t len;
	int err = vfs_read_all(path, &data, &len, 1 << 20);

	if (err)
		fail_msg("read %s: %d", path, err);
	assert_int_equal(strlen(data), len);
	return data;
}

static void expect_text(const char *path, const char *want)
{
	char *got = read_text(path);

	assert_string_equal(got, want);
	free(got);
}

static void expect_cwd(const char *want)
{
	char buf[PATH_MAX];

	assert_int_equal(vfs_getcwd(buf, sizeof(buf)), 0);
	assert_string_equal(buf, want);
}

/* ---- 1. The walk ----------------------------------------------------------------- */

static void test_walk(void **state)
{
	(void)state;
	assert_int_equal(vfs_mkdir("/a", 0755), 0);
	assert_int_equal(vfs_mkdir("/a/b", 0700), 0);
	assert_int_equal(vfs_mkdir("a/b/c", 0755), 0); /* relative to / */
	assert_ptr_equal(lookup("/a/b/c"), lookup("//a///b/./c/"));
	assert_ptr_equal(lookup("/a/b/c/../.."), lookup("/a"));
	assert_ptr_equal(lookup("/.."), lookup("/"));
	assert_ptr_equal(lookup("/../../a"), lookup("/a"));
	assert_int_equal(lookup("/a/b")->mode, S_IFDIR | 0700);
	assert_int_equal(lookup_err("/a/x"), -ENOENT);
	assert_int_equal(lookup_err(""), -ENOENT);
	assert_int_equal(vfs_mkdir("/a", 0755), -EEXIST);
	assert_int_equal(vfs_mkdir("/", 0755), -EEXIST);
	assert_int_equal(vfs_mkdir("/nope/x", 0755), -ENOENT);
	assert_int_equal(vfs_write_file("/a/f", 0644, "x", 1), 0);
	assert_int_equal(lookup_err("/a/f/x"), -ENOTDIR);
	assert_int_equal(vfs_mkdir("/a/f/x", 0755), -ENOTDIR);

	char name[300];

	memset(name, 'n', sizeof(name) - 1);
	name[0] = '/';
	name[sizeof(name) - 1] = '\0';
	assert_int_equal(lookup_err(name), -ENAMETOOLONG);
	assert_int_equal(vfs_mkdir(name, 0755), -ENAMETOOLONG);
}

static void test_cwd(void **state)
{
	(void)state;
	assert_int_equal(vfs_mkdir("/w", 0755), 0);
	assert_int_equal(vfs_mkdir("/w/x", 0755), 0);
	assert_int_equal(vfs_chdir("/w/x"), 0);
	expect_cwd("/w/x");
	assert_int_equal(vfs_write_file("rel", 0644, "r\n", 2), 0);
	expect_text("/w/x/rel", "r\n");
	assert_int_equal(vfs_chdir(".."), 0);
	expect_cwd("/w");
	expect_text("x/rel", "r\n");
	assert_int_equal(vfs_chdir("x/rel"), -ENOTDIR);
	assert_int_equal(vfs_chdir("/nope"), -ENOENT);
	expect_cwd("/w");
	/* removing the working directory moves it to the parent */
	assert_int_equal(vfs_unlink("/w/x/rel"), 0);
	assert_int_equal(vfs_chdir("/w/x"), 0);
	assert_int_equal(vfs_unlink("/w/x"), 0);
	expect_cwd("/w");
	assert_int_equal(vfs_chdir("/"), 0);
}

/* ---- 2. Symlinks ------------------------------------------------------------------- */

static void test_symlinks(void **state)
{
	struct inode *link;

	(void)state;
	assert_int_equal(vfs_mkdir("/s", 0755), 0);
	assert_int_equal(vfs_mkdir("/s/d", 0755), 0);
	assert_int_equal(vfs_write_file("/s/d/f", 0600, "file\n", 5), 0);
	assert_int_equal(vfs_symlink("d/f", "/s/rel"), 0);
	assert_int_equal(vfs_symlink("/s/d", "/s/abs"), 0);
	assert_int_equal(vfs_symlink("rel", "/s/chain"), 0);
	assert_int_equal(vfs_symlink("../d/../d", "/s/d/up"), 0);
	expect_text("/s/rel", "file\n");
	expect_text("/s/abs/f", "file\n");
	expect_text("/s/chain", "file\n");
	assert_ptr_equal(lookup("/s/d/up"), lookup("/s/d"));
	assert_int_equal(vfs_lookup("/s/rel", LOOKUP_NOFOLLOW, &link), 0);
	assert_true(S_ISLNK(link->mode));
	assert_string_equal(link->data, "d/f");
	/* ".." after a symlink to a directory is the target's parent, not the link's */
	assert_int_equal(vfs_mkdir("/s/d/e", 0755), 0);
	assert_int_equal(vfs_symlink("/s/d/e", "/s/toe"), 0);
	assert_ptr_equal(lookup("/s/toe/.."), lookup("/s/d"));
	/* loops and long chains end */
	assert_int_equal(vfs_symlink("loop2", "/s/loop1"), 0);
	assert_int_equal(vfs_symlink("loop1", "/s/loop2"), 0);
	assert_int_equal(lookup_err("/s/loop1"), -ELOOP);
	assert_int_equal(vfs_symlink("self/x", "/s/self"), 0);
	assert_int_equal(lookup_err("/s/self"), -ELOOP);
	assert_int_equal(vfs_symlink("", "/s/empty"), 0);
	assert_int_equal(lookup_err("/s/empty"), -ENOENT);
	assert_int_equal(vfs_symlink("nowhere", "/s/dangling"), 0);
	assert_int_equal(lookup_err("/s/dangling"), -ENOENT);
	assert_int_equal(vfs_lookup("/s/dangling", LOOKUP_NOFOLLOW, &link), 0);
	/* unlink removes the link, not its target */
	assert_int_equal(vfs_unlink("/s/rel"), 0);
	expect_text("/s/d/f", "file\n");
	assert_int_equal(vfs_symlink("x", "/s/abs"), -EEXIST);
}

/* ---- 3. Mounts --------------------------------------------------------------------- */

static void test_mounts(void **state)
{
	struct inode *root;
	int before = 0, after = 0;

	(void)state;
	for (struct mount *m = mount_table(); m; m = m->next)
		before++;
	assert_int_equal(vfs_mkdir("/m", 0755), 0);
	assert_int_equal(vfs_mkdir("/m/under", 0755), 0);
	assert_int_equal(vfs_mount("none", "/m", "ramfs", 0), 0);
	/* the mount hides what was there */
	assert_int_equal(lookup_err("/m/under"), -ENOENT);
	root = lookup("/m");
	assert_ptr_equal(root->parent, root);
	assert_int_equal(vfs_mkdir("/m/in", 0755), 0);
	assert_ptr_equal(lookup("/m/in/.."), root);
	assert_ptr_equal(lookup("/m/.."), lookup("/"));
	assert_ptr_equal(lookup("/m/in/../../m"), root);
	assert_int_equal(vfs_chdir("/m/in"), 0);
	expect_cwd("/m/in");
	assert_int_equal(vfs_umount("/m"), -EBUSY); /* the working directory is in it */
	assert_int_equal(vfs_chdir("/"), 0);
	for (struct mount *m = mount_table(); m; m = m->next)
		after++;
	assert_int_equal(after, before + 1);
	assert_string_equal(mount_table()->next ? "ok" : "", "ok");

	/* stacked: a second mount on the same directory covers the first */
	assert_int_equal(vfs_mount("second", "/m", "ramfs", 0), 0);
	assert_int_equal(lookup_err("/m/in"), -ENOENT);
	assert_int_equal(vfs_umount("/m"), 0);
	assert_ptr_equal(lookup("/m"), root);
	assert_int_equal(lookup_err("/m/in"), 0);

	/* a mount inside a mount makes the outer one busy */
	assert_int_equal(vfs_mount("inner", "/m/in", "ramfs", 0), 0);
	assert_int_equal(vfs_umount("/m"), -EBUSY);
	assert_int_equal(vfs_umount("/m/in"), 0);
	assert_int_equal(vfs_umount("/m"), 0);
	assert_int_equal(lookup_err("/m/under"), 0);
	assert_int_equal(vfs_umount("/m"), -EINVAL); /* not a mountpoint */
	assert_int_equal(vfs_umount("/"), -EINVAL);

	assert_int_equal(vfs_mount("x", "/m", "nosuchfs", 0), -ENODEV);
	assert_int_equal(vfs_mount("x", "/nope", "ramfs", 0), -ENOENT);
	assert_int_equal(vfs_write_file("/mf", 0644, "", 0), 0);
	assert_int_equal(vfs_mount("x", "/mf", "ramfs", 0), -ENOTDIR);
	/* a read-only mount refuses every change, and says ro in the table */
	assert_int_equal(vfs_mount("x", "/m", "ramfs", MS_RDONLY), 0);
	struct mount *last = mount_table();

	while (last->next)
		last = last->next;
	assert_string_equal(mount_options(last), "ro,relatime");
	assert_string_equal(mount_options(mount_table()), "rw");
	assert_int_equal(vfs_mkdir("/m/d", 0755), -EROFS);
	assert_int_equal(vfs_write_file("/m/f", 0644, "x", 1), -EROFS);
	assert_int_equal(vfs_symlink("x", "/m/l"), -EROFS);
	assert_int_equal(vfs_mkdir("/m", 0755), -EEXIST);
	assert_int_equal(vfs_umount("/m"), 0);
	assert_int_equal(vfs_mount("x", "/m", "ramfs", 0), 0);
	assert_int_equal(vfs_write_file("/m/f", 0644, "x", 1), 0);
	assert_int_equal(vfs_umount("/m"), 0);
	/* a mountpoint cannot be removed */
	assert_int_equal(vfs_mount("x", "/m", "ramfs", 0), 0);
	assert_int_equal(vfs_unlink("/m"), -EBUSY);
	assert_int_equal(vfs_umount("/m"), 0);
}

/* ---- 4. Files ------------------------------------------------------------------------ */

static void test_ramfs_files(void **state)
{
	struct file *f;
	char big[10000];

	(void)state;
	assert_int_equal(vfs_open("/t1", O_WRONLY | O_CREAT | O_TRUNC, 0640, &f), 0);
	assert_int_equal(vfs_write(f, "one\n", 4), 4);
	vfs_close(f);
	assert_int_equal(lookup("/t1")->mode, S_IFREG | 0640);
	assert_int_equal(vfs_open("/t1", O_WRONLY | O_APPEND, 0, &f), 0);
	assert_int_equal(vfs_write(f, "two\n", 4), 4);
	vfs_close(f);
	expect_text("/t1", "one\ntwo\n");
	assert_int_equal(vfs_open("/t1", O_WRONLY | O_TRUNC, 0, &f), 0);
	vfs_close(f);
	expect_text("/t1", "");
	for (size_t i = 0; i < sizeof(big); i++)
		big[i] = (char)('a' + i % 26);
	assert_int_equal(vfs_write_file("/t1", 0644, big, sizeof(big)), 0);
	char *back;
	size_t len;

	assert_int_equal(vfs_read_all("/t1", &back, &len, 1 << 20), 0);
	assert_int_equal(len, sizeof(big));
	assert_memory_equal(back, big, sizeof(big));
	free(back);
	assert_int_equal(vfs_read_all("/t1", &back, &len, 100), -EFBIG);
	assert_int_equal(vfs_open("/t1", O_RDONLY, 0, &f), 0);
	assert_int_equal(vfs_write(f, "x", 1), -EBADF);
	vfs_close(f);
	assert_int_equal(vfs_open("/", O_RDONLY, 0, &f), -EISDIR);
	assert_int_equal(vfs_open("/nope", O_RDONLY, 0, &f), -ENOENT);
	assert_int_equal(vfs_open("/t1", O_WRONLY | O_CREAT | O_EXCL, 0644, &f), -EEXIST);
	/* directories: not removed while they hold something */
	assert_int_equal(vfs_mkdir("/full", 0755), 0);
	assert_int_equal(vfs_write_file("/full/x", 0644, "", 0), 0);
	assert_int_equal(vfs_unlink("/full"), -ENOTEMPTY);
	assert_int_equal(vfs_unlink("/full/x"), 0);
	assert_int_equal(vfs_unlink("/full"), 0);
	assert_int_equal(vfs_unlink("/full"), -ENOENT);
}

static void test_pseudo_files(void **state)
{
	struct file *f;

	(void)state;
	assert_int_equal(vfs_mkdir("/p", 0755), 0);
	assert_int_equal(vfs_mount("none", "/p", "testfs", 0), 0);
	expect_text("/p/hello", "hello world\n");
	expect_text("/p/a/b/deep", "hello deep\n"); /* its directories were made for it */
	assert_true(S_ISDIR(lookup("/p/a")->mode));
	/* each write() goes to write(), as it is */
	assert_int_equal(vfs_open("/p/hello", O_WRONLY | O_TRUNC, 0, &f), 0);
	assert_int_equal(truncations, 1);
	assert_int_equal(vfs_write(f, "abc\n", 4), 4);
	assert_int_equal(vfs_write(f, "!bad", 4), -EINVAL);
	vfs_close(f);
	assert_int_equal(writes, 2);
	assert_string_equal(last_write, "!bad");
	assert_int_equal(vfs_open("/p/hello", O_WRONLY | O_APPEND, 0, &f), 0);
	assert_int_equal(truncations, 1);
	vfs_close(f);
	/* read-only pseudo files refuse writers; pseudo filesystems refuse new entries */
	assert_int_equal(vfs_open("/p/a/b/deep", O_WRONLY, 0, &f), -EACCES);
	assert_int_equal(vfs_write_file("/p/new", 0644, "x", 1), -EPERM);
	assert_int_equal(vfs_mkdir("/p/newdir", 0755), -EPERM);
	assert_int_equal(vfs_unlink("/p/hello"), -EPERM);
	/* two mounts: two instances with the same files */
	assert_int_equal(vfs_mkdir("/p2", 0755), 0);
	assert_int_equal(vfs_mount("none", "/p2", "testfs", 0), 0);
	assert_ptr_not_equal(lookup("/p2/hello"), lookup("/p/hello"));
	expect_text("/p2/hello", "hello world\n");
	char path[PATH_MAX];

	assert_int_equal(vfs_path_of(lookup("/p2/a/b"), path, sizeof(path)), 0);
	assert_string_equal(path, "/p2/a/b");
	assert_int_equal(vfs_path_of(lookup("/p2/a/b"), path, 5), -ENAMETOOLONG);
}

static void test_seq_buf_grows(void **state)
{
	struct seq_buf m = { 0 };
	char want[4000];
	size_t n = 0;

	(void)state;
	for (int i = 0; i < 300; i++) {
		seq_printf(&m, "%d,", i);
		n += (size_t)snprintf(want + n, sizeof(want) - n, "%d,", i);
	}
	seq_printf(&m, "%s", "a line longer than the 128 bytes seq_printf tries first: "
			      "0123456789012345678901234567890123456789012345678901234567890123456789012345");
	assert_false(m.overflow);
	assert_memory_equal(m.buf, want, n);
	assert_int_equal(m.len, n + 133);
	free(m.buf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_walk),
		cmocka_unit_test(test_cwd),
		cmocka_unit_test(test_symlinks),
		cmocka_unit_test(test_mounts),
		cmocka_unit_test(test_ramfs_files),
		cmocka_unit_test(test_pseudo_files),
		cmocka_unit_test(test_seq_buf_grows),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
