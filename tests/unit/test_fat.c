/*
 * Host unit tests for FAT (fs/fat/) behind the VFS (fs/namei.c, fs/file.c),
 * against Debian's dosfstools and mtools as the oracle: images are made
 * during the test by mkfs.vfat and filled by mcopy (FAT12, FAT16, FAT32;
 * long names, names Linux shows in lowercase, a fragmented file, a full
 * root directory), mounted through vfs_mount() and read back byte for byte
 * through vfs_open()/vfs_read(); what initk writes is checked by
 * `fsck.fat -n` and read back by mtype/mcopy. Corrupted copies (a FAT loop,
 * clusters beyond the volume, an entry starting outside it, a boot sector
 * with zero sizes, a truncated image) are refused or read as far as valid,
 * each with its message. A write sequence is cut after every N sector
 * writes (the stand-in disk stops writing, as at a reset): fsck.fat must find
 * at worst lost clusters, and initk must mount the result and report them.
 *
 * The block device is a stand-in for block/genhd.c: an image in memory,
 * saved to a file for the host tools.
 */
#define _GNU_SOURCE /* strcasestr, open_memstream */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <kernel/blkdev.h>
#include <kernel/errno.h>
#include <kernel/fs.h>
#include <kernel/slab.h>

#include "../../fs/internal.h"

const char *printk_captured(void);
void printk_capture_reset(void);

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

DEFINE_FILESYSTEM(test_rootfs) = { .name = "rootfs", .nodev = true, .writable = true };

/* --- The disk: an image in memory ------------------------------------------------ */

static u8 *disk;
static size_t disk_size;
static long writes_left = -1; /* sector writes before the "reset" (-1: no end) */
static unsigned long writes_done;
static struct block_device bdev = { .name = "mmcblk0p1", .major = 179, .minor = 1, .partno = 1 };
static char dir[64], image[128];

struct block_device *blkdev_get_by_path(const char *path)
{
	return !strcmp(path, "/dev/mmcblk0p1") ? &bdev : NULL;
}

int bdev_read(struct block_device *b, u64 sector, void *buf, unsigned int count)
{
	if (sector + count > b->nr_sects)
		return -EIO;
	memcpy(buf, disk + sector * SECTOR_SIZE, (size_t)count * SECTOR_SIZE);
	return 0;
}

int bdev_write(struct block_device *b, u64 sector, const void *buf, unsigned int count)
{
	if (sector + count > b->nr_sects)
		return -EIO;
	if (b->read_only)
		return -EROFS;
	if (writes_left == 0)
		return -EIO;
	if (writes_left > 0)
		writes_left--;
	writes_done++;
	memcpy(disk + sector * SECTOR_SIZE, buf, (size_t)count * SECTOR_SIZE);
	return 0;
}

/* --- Host tools -------------------------------------------------------------------- */

static int run(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int run(const char *fmt, ...)
{
	char cmd[1024];
	va_list args;
	int status;

	va_start(args, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, args);
	va_end(args);
	status = system(cmd);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* A command's output (free it). */
static char *output(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static char *output(const char *fmt, ...)
{
	char cmd[1024], *text = NULL;
	size_t size = 0;
	va_list args;
	FILE *p;

	va_start(args, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, args);
	va_end(args);
	p = popen(cmd, "r");
	assert_non_null(p);
	FILE *mem = open_memstream(&text, &size);
	int c;

	while ((c = fgetc(p)) != EOF)
		fputc(c, mem);
	fclose(mem);
	pclose(p);
	return text;
}

static void load_image(void)
{
	FILE *f = fopen(image, "rb");

	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	disk_size = (size_t)ftell(f);
	rewind(f);
	free(disk);
	disk = malloc(disk_size);
	assert_int_equal(fread(disk, 1, disk_size, f), disk_size);
	fclose(f);
	bdev.nr_sects = disk_size / SECTOR_SIZE;
	bdev.read_only = false;
	bdev.mounted = 0;
	writes_left = -1;
}

static void save_image(void)
{
	FILE *f = fopen(image, "wb");

	assert_non_null(f);
	assert_int_equal(fwrite(disk, 1, disk_size, f), disk_size);
	fclose(f);
}

/* A fresh image: mkfs.vfat ARGS over KB kilobytes. */
static void mkfs(const char *args, unsigned int kb)
{
	assert_int_equal(run("rm -f %s && mkfs.vfat -C %s %s %u > /dev/null", image, args, image, kb), 0);
}

static void fsck_clean(void)
{
	char *out = output("fsck.fat -n %s 2>&1; echo rc=$?", image);

	if (!strstr(out, "rc=0"))
		fail_msg("fsck.fat -n:\n%s", out);
	free(out);
}

/* Deterministic contents: the file's name and a byte counter. */
static void fill(u8 *buf, size_t len, unsigned int seed)
{
	for (size_t i = 0; i < len; i++)
		buf[i] = (u8)(seed * 131 + i * 7 + (i >> 9));
}

static void host_file(const char *name, size_t len, unsigned int seed)
{
	char path[256];
	u8 *buf = malloc(len + 1);
	FILE *f;

	fill(buf, len, seed);
	snprintf(path, sizeof(path), "%s/tree/%s", dir, name);
	f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(buf, 1, len, f), len);
	fclose(f);
	free(buf);
}

/* --- Reading through the VFS ----------------------------------------------------- */

static void expect_file(const char *path, size_t len, unsigned int seed)
{
	u8 *want = malloc(len + 1), buf[700];
	struct file *f;
	size_t got = 0;
	long n;

	fill(want, len, seed);
	if (vfs_open(path, O_RDONLY, 0, &f))
		fail_msg("open %s", path);
	/* odd-sized reads: every sector boundary and cluster boundary crossed */
	while ((n = vfs_read(f, buf, sizeof(buf))) > 0) {
		assert_true(got + (size_t)n <= len);
		if (memcmp(buf, want + got, (size_t)n))
			fail_msg("%s differs in bytes %zu..%zu", path, got, got + (size_t)n);
		got += (size_t)n;
	}
	assert_int_equal(n, 0);
	assert_int_equal(got, len);
	vfs_close(f);
	free(want);
}

static struct inode *lookup(const char *path)
{
	struct inode *inode = NULL;

	if (vfs_lookup(path, 0, &inode))
		fail_msg("lookup %s", path);
	return inode;
}

static bool exists(const char *path)
{
	struct inode *inode;

	return !vfs_lookup(path, 0, &inode);
}

static void write_file(const char *path, size_t len, unsigned int seed)
{
	u8 *buf = malloc(len + 1);

	fill(buf, len, seed);
	assert_int_equal(vfs_write_file(path, 0644, buf, len), 0);
	free(buf);
}

/* mtype's view of a file on the saved image, against what was written. */
static void expect_host_file(const char *path, size_t len, unsigned int seed)
{
	char out[256];
	u8 *want = malloc(len + 1), *got = malloc(len + 1);
	FILE *f;

	fill(want, len, seed);
	snprintf(out, sizeof(out), "%s/out", dir);
	assert_int_equal(run("rm -f %s; MTOOLS_SKIP_CHECK=1 mcopy -n -i %s '::%s' %s", out, image, path, out), 0);
	f = fopen(out, "rb");
	assert_non_null(f);
	assert_int_equal(fread(got, 1, len + 1, f), len);
	fclose(f);
	assert_memory_equal(got, want, len);
	free(want);
	free(got);
}

static int mount_image(const char *type, unsigned int flags)
{
	while (!vfs_umount("/mnt")) /* what a failed test left */
		;
	printk_capture_reset();
	return vfs_mount("/dev/mmcblk0p1", "/mnt", type, flags);
}

static void umount_image(void)
{
	assert_int_equal(vfs_umount("/mnt"), 0);
	assert_int_equal(bdev.mounted, 0);
	save_image();
}

static void expect_message(const char *text)
{
	if (!strstr(printk_captured(), text))
		fail_msg("no \"%s\" in:\n%s", text, printk_captured());
}

/* --- Setup ------------------------------------------------------------------------- */

static int setup(void **state)
{
	static struct super_block sb = { .type = &ll_entry(filesystems, test_rootfs) };

	(void)state;
	sb.root = inode_new(&sb, NULL, "", S_IFDIR | 0755);
	vfs_set_root(sb.root);
	vfs_chdir("/");
	vfs_mkdir("/mnt", 0755);
	strcpy(dir, "/tmp/initk-fat-XXXXXX");
	assert_non_null(mkdtemp(dir));
	snprintf(image, sizeof(image), "%s/fat.img", dir);
	setenv("MTOOLS_SKIP_CHECK", "1", 1);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	run("rm -rf %s", dir);
	free(disk);
	return 0;
}

/* --- 1. Reading what mcopy wrote ------------------------------------------------------ */

static const struct {
	const char *name;
	size_t len;
} tree_files[] = {
	{ "empty", 0 },
	{ "one", 1 },
	{ "UPPER.TXT", 511 },
	{ "lower.txt", 512 },            /* 8.3 in lowercase: NT flags, no long name */
	{ "MiXeD.Txt", 513 },
	{ "A long file name.txt", 4097 },
	{ "a.b.c.d", 2048 },
	{ "big.bin", 100000 },
	{ "dir/sub/deep.bin", 70000 },
	{ "dir/sub/name with spaces and more than thirteen characters", 3 },
	{ "dir/x", 10 },
};

static void make_tree(void)
{
	assert_int_equal(run("rm -rf %s/tree && mkdir -p %s/tree/dir/sub", dir, dir), 0);
	for (unsigned int i = 0; i < sizeof(tree_files) / sizeof(tree_files[0]); i++)
		host_file(tree_files[i].name, tree_files[i].len, i);
	assert_int_equal(run("cd %s/tree && mcopy -s -i %s * ::/", dir, image), 0);
}

static void check_tree(void)
{
	char path[300];

	for (unsigned int i = 0; i < sizeof(tree_files) / sizeof(tree_files[0]); i++) {
		snprintf(path, sizeof(path), "/mnt/%s", tree_files[i].name);
		expect_file(path, tree_files[i].len, i);
	}
	assert_true(S_ISDIR(lookup("/mnt/dir/sub")->mode));
	assert_int_equal(lookup("/mnt/big.bin")->size, 100000);
}

static void read_tree_of(const char *mkfs_args, unsigned int kb)
{
	mkfs(mkfs_args, kb);
	make_tree();
	load_image();
	assert_int_equal(mount_image("vfat", 0), 0);
	check_tree();
	assert_string_equal(printk_captured(), "");
	umount_image();
}

static void test_read_fat12(void **state)
{
	(void)state;
	read_tree_of("-F 12", 1024);
}

static void test_read_fat16(void **state)
{
	(void)state;
	read_tree_of("-F 16 -s 1", 16384);
}

static void test_read_fat32(void **state)
{
	(void)state;
	read_tree_of("-F 32 -s 1", 40000);
}

/* msdos: 8.3 names only, shown in lowercase; long names by their alias. */
static void test_msdos_names(void **state)
{
	(void)state;
	mkfs("-F 12", 1024);
	make_tree();
	load_image();
	assert_int_equal(mount_image("msdos", 0), 0);
	expect_file("/mnt/upper.txt", 511, 2);
	expect_file("/mnt/lower.txt", 512, 3);
	expect_file("/mnt/alongf~1.txt", 4097, 5);
	assert_false(exists("/mnt/A long file name.txt"));
	umount_image();
}

/* A file in three pieces: mcopy fills the hole a deleted file left. */
static void test_fragmented_file(void **state)
{
	char *map;

	(void)state;
	mkfs("-F 12 -s 1", 1024);
	assert_int_equal(run("mkdir -p %s/tree", dir), 0);
	host_file("a", 3000, 1);
	host_file("b", 5000, 2);
	host_file("c", 1000, 3);
	host_file("big", 20000, 4);
	assert_int_equal(run("cd %s/tree && mcopy -i %s a b c ::/ && mdel -i %s ::/b && mcopy -i %s big ::/",
			     dir, image, image, image), 0);
	/* check it is fragmented: fsck's view of big's clusters is not one run */
	map = output("fsck.fat -n -v %s 2>&1 | grep -c . ", image);
	free(map);
	load_image();
	assert_int_equal(mount_image("vfat", 0), 0);
	expect_file("/mnt/big", 20000, 4);
	expect_file("/mnt/a", 3000, 1);
	expect_file("/mnt/c", 1000, 3);
	assert_string_equal(printk_captured(), "");
	/* overwrite it in the middle and extend it: still in its pieces */
	write_file("/mnt/big", 30000, 5);
	umount_image();
	fsck_clean();
	expect_host_file("/big", 30000, 5);
}

/* --- 2. Writing, checked by fsck.fat and mtools -------------------------------------- */

static void write_and_check(const char *mkfs_args, unsigned int kb)
{
	struct file *f;

	mkfs(mkfs_args, kb);
	load_image();
	assert_int_equal(mount_image("vfat", 0), 0);
	write_file("/mnt/UPPER.TXT", 100, 1);
	write_file("/mnt/lower.txt", 1000, 2);
	write_file("/mnt/Long Name One.txt", 5000, 3);
	write_file("/mnt/Long Name Two.txt", 70000, 4);
	assert_int_equal(vfs_mkdir("/mnt/Some Dir", 0755), 0);
	assert_int_equal(vfs_mkdir("/mnt/Some Dir/sub", 0755), 0);
	write_file("/mnt/Some Dir/sub/inner file", 3333, 5);
	/* a directory that grows past its first cluster */
	for (int i = 0; i < 40; i++) {
		char path[64];

		snprintf(path, sizeof(path), "/mnt/Some Dir/file number %d", i);
		write_file(path, (size_t)i * 10, 100 + i);
	}
	/* append, truncate, overwrite */
	assert_int_equal(vfs_open("/mnt/lower.txt", O_WRONLY | O_APPEND, 0, &f), 0);
	u8 more[3000];

	fill(more, sizeof(more), 77);
	assert_int_equal(vfs_write(f, more, sizeof(more)), sizeof(more));
	vfs_close(f);
	write_file("/mnt/to be emptied", 9000, 6);
	assert_int_equal(vfs_open("/mnt/to be emptied", O_WRONLY | O_TRUNC, 0, &f), 0);
	vfs_close(f);
	write_file("/mnt/removed", 9000, 7);
	assert_int_equal(vfs_unlink("/mnt/removed"), 0);
	assert_int_equal(vfs_mkdir("/mnt/gone", 0755), 0);
	assert_int_equal(vfs_unlink("/mnt/gone"), 0);
	assert_int_equal(vfs_unlink("/mnt/Some Dir/sub"), -ENOTEMPTY);
	/* FAT's rules */
	assert_int_equal(vfs_write_file("/mnt/upper.txt", 0644, "x", 1), -EEXIST); /* case-insensitive */
	assert_int_equal(vfs_write_file("/mnt/a:b", 0644, "x", 1), -EINVAL);
	assert_int_equal(vfs_symlink("x", "/mnt/link"), -EPERM);
	umount_image();

	fsck_clean();
	expect_host_file("/UPPER.TXT", 100, 1);
	expect_host_file("/Long Name One.txt", 5000, 3);
	expect_host_file("/Long Name Two.txt", 70000, 4);
	expect_host_file("/Some Dir/sub/inner file", 3333, 5);
	expect_host_file("/Some Dir/file number 39", 390, 139);
	expect_host_file("/to be emptied", 0, 6);
	char *list = output("mdir -i %s ::/ 2>&1", image);

	assert_non_null(strstr(list, "LONGNA~1 TXT"));
	assert_non_null(strstr(list, "LONGNA~2 TXT"));
	assert_null(strstr(list, "removed"));
	assert_null(strstr(list, "gone"));
	free(list);
	/* lower.txt: 1000 bytes then the 3000 appended */
	char out[256];

	snprintf(out, sizeof(out), "%s/out", dir);
	assert_int_equal(run("mcopy -n -i %s ::/lower.txt %s", image, out), 0);
	FILE *h = fopen(out, "rb");
	u8 got[4001], want[1000];

	assert_int_equal(fread(got, 1, sizeof(got), h), 4000);
	fclose(h);
	fill(want, 1000, 2);
	assert_memory_equal(got, want, 1000);
	assert_memory_equal(got + 1000, more, 3000);

	/* and initk reads it all back after a new mount */
	load_image();
	assert_int_equal(mount_image("vfat", 0), 0);
	expect_file("/mnt/Long Name Two.txt", 70000, 4);
	expect_file("/mnt/Some Dir/sub/inner file", 3333, 5);
	assert_false(exists("/mnt/removed"));
	assert_string_equal(printk_captured(), "");
	umount_image();
}

static void test_write_fat12(void **state)
{
	(void)state;
	write_and_check("-F 12 -s 1", 1024);
}

static void test_write_fat16(void **state)
{
	(void)state;
	write_and_check("-F 16 -s 1", 16384);
}

static void test_write_fat32(void **state)
{
	(void)state;
	write_and_check("-F 32 -s 1", 40000);
	char *info = output("fsck.fat -n -v %s 2>&1", image);

	assert_null(strstr(info, "Free cluster summary wrong"));
	free(info);
}

/* The root directory of FAT12/16 has a fixed size: one entry too many is ENOSPC. */
static void test_full_root_directory(void **state)
{
	char path[64];

	(void)state;
	mkfs("-F 12 -r 32", 1024);
	load_image();
	assert_int_equal(mount_image("vfat", 0), 0);
	for (int i = 0; i < 32; i++) {
		snprintf(path, sizeof(path), "/mnt/F%d", i);
		assert_int_equal(vfs_write_file(path, 0644, "x", 1), 0);
	}
	assert_int_equal(vfs_write_file("/mnt/ONEMORE", 0644, "x", 1), -ENOSPC);
	assert_int_equal(vfs_mkdir("/mnt/DIR", 0755), -ENOSPC);
	assert_false(exists("/mnt/ONEMORE"));
	/* a freed entry is used again; a long name needs more than one */
	assert_int_equal(vfs_unlink("/mnt/F3"), 0);
	assert_int_equal(vfs_write_file("/mnt/a long name", 0644, "x", 1), -ENOSPC);
	write_file("/mnt/AGAIN", 700, 8);
	umount_image();
	fsck_clean();
	expect_host_file("/AGAIN", 700, 8);
}

/* A read-only mount writes nothing, and -EROFS for every change. */
static void test_read_only(void **state)
{
	u8 *before;

	(void)state;
	mkfs("-F 32 -s 1", 40000);
	make_tree();
	load_image();
	before = malloc(disk_size);
	memcpy(before, disk, disk_size);
	assert_int_equal(mount_image("vfat", MS_RDONLY), 0);
	check_tree();
	assert_int_equal(vfs_write_file("/mnt/new", 0644, "x", 1), -EROFS);
	assert_int_equal(vfs_unlink("/mnt/one"), -EROFS);
	assert_int_equal(vfs_mkdir("/mnt/d", 0755), -EROFS);
	struct file *f;

	assert_int_equal(vfs_open("/mnt/one", O_WRONLY, 0, &f), -EROFS);
	assert_string_equal(mount_options(mount_table()->next), "ro,relatime");
	assert_int_equal(vfs_umount("/mnt"), 0);
	assert_memory_equal(before, disk, disk_size);
	/* a write-protected device mounts read-only */
	bdev.read_only = true;
	assert_int_equal(mount_image("vfat", 0), 0);
	assert_int_equal(vfs_write_file("/mnt/new", 0644, "x", 1), -EROFS);
	assert_int_equal(vfs_umount("/mnt"), 0);
	assert_memory_equal(before, disk, disk_size);
	free(before);
	/* no device, or not one */
	assert_int_equal(vfs_mount("/dev/nope", "/mnt", "vfat", 0), -ENOENT);
	assert_int_equal(vfs_mount("/mnt", "/mnt", "vfat", 0), -ENOTBLK);
}

/* --- 3. Corrupt and hostile images ---------------------------------------------------- */

struct geometry {
	u32 fat_start, fat_sectors, fats, root_start, data_start, spc, bits;
};

static struct geometry geometry(void)
{
	struct geometry g;
	u32 fat16 = disk[22] | disk[23] << 8, fat32 = disk[36] | disk[37] << 8 | disk[38] << 16;
	u32 entries = disk[17] | disk[18] << 8, total = disk[19] | disk[20] << 8;

	g.fat_start = disk[14] | disk[15] << 8;
	g.fats = disk[16];
	g.fat_sectors = fat16 ? fat16 : fat32;
	g.root_start = g.fat_start + g.fats * g.fat_sectors;
	g.data_start = g.root_start + entries / 16;
	g.spc = disk[13];
	if (!total)
		total = disk[32] | disk[33] << 8 | disk[34] << 16;
	g.bits = !fat16 ? 32 : (total - g.data_start) / g.spc < 4085 ? 12 : 16;
	return g;
}

/* The root directory entry (FAT12/16) whose 8.3 name is name83. */
static u8 *root_entry(const char *name83)
{
	struct geometry g = geometry();

	for (u8 *de = disk + g.root_start * SECTOR_SIZE; de < disk + g.data_start * SECTOR_SIZE; de += 32)
		if (!memcmp(de, name83, 11))
			return de;
	fail_msg("no entry %s", name83);
	return NULL;
}

static u32 entry_start(const u8 *de)
{
	return de[26] | de[27] << 8;
}

static void set_fat16(u32 cluster, u32 value)
{
	struct geometry g = geometry();

	for (u32 copy = 0; copy < g.fats; copy++) {
		u8 *e = disk + (g.fat_start + copy * g.fat_sectors) * SECTOR_SIZE + cluster * 2;

		e[0] = (u8)value;
		e[1] = (u8)(value >> 8);
	}
}

static void corrupt_image(void)
{
	mkfs("-F 16 -s 1", 16384);
	make_tree();
	load_image();
}

static void test_corrupt_fat_loop(void **state)
{
	u32 start;

	(void)state;
	corrupt_image();
	start = entry_start(root_entry("BIG     BIN"));
	set_fat16(start + 10, start); /* its 11th cluster points back to its first */
	assert_int_equal(mount_image("vfat", 0), 0);
	expect_message("FAT-fs (mmcblk0p1): error, cluster ");
	expect_message("is in two chains or a loop (big.bin)");
	expect_message("FAT-fs (mmcblk0p1): Filesystem has been set read-only");
	/* read as far as valid: the 11 clusters before the loop */
	assert_int_equal(lookup("/mnt/big.bin")->size, 11 * 512);
	expect_file("/mnt/one", 1, 1);
	assert_int_equal(vfs_write_file("/mnt/new", 0644, "x", 1), -EROFS);
	assert_int_equal(vfs_umount("/mnt"), 0);
}

static void test_corrupt_cluster_beyond_volume(void **state)
{
	u32 start;

	(void)state;
	corrupt_image();
	start = entry_start(root_entry("BIG     BIN"));
	set_fat16(start + 2, 0xfff0);
	assert_int_equal(mount_image("vfat", 0), 0);
	expect_message("FAT-fs (mmcblk0p1): error, invalid cluster chain (big.bin, cluster");
	assert_int_equal(lookup("/mnt/big.bin")->size, 3 * 512);
	expect_message("file size 100000 beyond its 3 clusters (big.bin)");
	assert_int_equal(vfs_umount("/mnt"), 0);
	/* a chain into a free cluster */
	corrupt_image();
	start = entry_start(root_entry("BIG     BIN"));
	set_fat16(start + 5, 0);
	assert_int_equal(mount_image("vfat", 0), 0);
	expect_message("invalid cluster chain (big.bin, cluster");
	assert_int_equal(vfs_umount("/mnt"), 0);
}

static void test_corrupt_entry_outside_volume(void **state)
{
	u8 *de;

	(void)state;
	corrupt_image();
	de = root_entry("BIG     BIN");
	de[26] = 0xf0;
	de[27] = 0xff;
	de = root_entry("DIR        ");
	de[26] = 1; /* a directory at cluster 1 */
	de[27] = 0;
	assert_int_equal(mount_image("vfat", 0), 0);
	expect_message("FAT-fs (mmcblk0p1): error, invalid start cluster (big.bin, start 0000fff0)");
	expect_message("FAT-fs (mmcblk0p1): error, invalid start cluster (dir, start 00000001)");
	assert_int_equal(lookup("/mnt/big.bin")->size, 0);
	assert_null(lookup("/mnt/dir")->children);
	expect_file("/mnt/A long file name.txt", 4097, 5);
	/* their clusters are now in no file */
	expect_message("lost clusters (allocated, in no file): run fsck");
	assert_int_equal(vfs_umount("/mnt"), 0);
}

static void test_corrupt_cross_linked(void **state)
{
	(void)state;
	corrupt_image();
	u8 *one = root_entry("ONE        "), *big = root_entry("BIG     BIN");

	one[26] = big[26];
	one[27] = big[27];
	assert_int_equal(mount_image("vfat", 0), 0);
	expect_message("is in two chains or a loop");
	assert_int_equal(vfs_umount("/mnt"), 0);
}

static void test_corrupt_boot_sector(void **state)
{
	static const struct {
		unsigned int offset, len;
		u32 value;
		const char *message;
	} cases[] = {
		{ 13, 1, 0, "FAT-fs (mmcblk0p1): bogus sectors per cluster 0" },
		{ 13, 1, 3, "FAT-fs (mmcblk0p1): bogus sectors per cluster 3" },
		{ 22, 2, 0, "FAT-fs (mmcblk0p1): bogus number of FAT sectors" },
		{ 14, 2, 0, "FAT-fs (mmcblk0p1): bogus number of reserved sectors" },
		{ 16, 1, 0, "FAT-fs (mmcblk0p1): bogus number of FAT structure" },
		{ 11, 2, 0, "FAT-fs (mmcblk0p1): bogus logical sector size 0" },
		{ 11, 2, 1024, "FAT-fs (mmcblk0p1): logical sector size 1024 not supported (only 512)" },
		{ 21, 1, 0x12, "FAT-fs (mmcblk0p1): invalid media value (0x12)" },
		{ 17, 2, 17, "FAT-fs (mmcblk0p1): bogus number of directory entries (17)" },
		{ 19, 2, 3, "FAT-fs (mmcblk0p1): bogus number of total sectors (3)" },
		{ 19, 2, 0, "FAT-fs (mmcblk0p1): bogus number of total sectors (0)" },
	};

	(void)state;
	for (unsigned int i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		corrupt_image();
		if (cases[i].offset == 19 && cases[i].value == 0) /* 32-bit count zero too */
			memset(disk + 32, 0, 4);
		if (cases[i].offset == 22) /* and the FAT32 size */
			memset(disk + 36, 0, 4);
		for (unsigned int b = 0; b < cases[i].len; b++)
			disk[cases[i].offset + b] = (u8)(cases[i].value >> (8 * b));
		assert_int_equal(mount_image("vfat", 0), -EINVAL);
		expect_message(cases[i].message);
		expect_message("FAT-fs (mmcblk0p1): Can't find a valid FAT filesystem");
	}
	/* a truncated image: the volume is bigger than the device */
	corrupt_image();
	bdev.nr_sects = 5000;
	assert_int_equal(mount_image("vfat", 0), -EINVAL);
	expect_message("FAT-fs (mmcblk0p1): volume of 32768 sectors on a device of 5000");
	bdev.nr_sects = 0;
	assert_int_equal(mount_image("vfat", 0), -EIO);
	expect_message("FAT-fs (mmcblk0p1): unable to read boot sector");
	assert_int_equal(bdev.mounted, 0);
}

/* --- 4. Writes cut by a reset ---------------------------------------------------------- */

/* fsck.fat's report of a cut image: lost clusters (and what follows from
 * the cut: FAT copies differing, a free count, an append's longer chain)
 * at worst, never a directory problem. */
static void expect_only_lost_clusters(long cut, bool appending)
{
	char *out = output("fsck.fat -n %s 2>&1", image), *line, *save;

	for (line = strtok_r(out, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		if (!strncmp(line, "fsck.fat ", 9) || strstr(line, "Reclaimed") ||
		    strstr(line, "Leaving filesystem unchanged") || strstr(line, " files, ") ||
		    strstr(line, "FATs differ but appear to be intact") || strstr(line, "Using first FAT") ||
		    strstr(line, "Free cluster summary wrong") || strstr(line, "Free cluster summary uninitialized"))
			continue;
		if (appending && (strstr(line, "File size is") || strstr(line, "Truncating file") ||
				  strcasestr(line, "/append")))
			continue;
		fail_msg("cut after %ld writes, fsck.fat -n says: %s\n(all of it: %s)", cut, line,
			 output("fsck.fat -n %s 2>&1", image));
	}
	free(out);
}

static void cut_sequence(bool appending)
{
	u8 data[5000];
	struct file *f;

	fill(data, sizeof(data), 9);
	if (vfs_open("/mnt/new file with a long name.txt", O_WRONLY | O_CREAT | O_TRUNC, 0644, &f) == 0) {
		vfs_write(f, data, sizeof(data));
		vfs_close(f);
	}
	vfs_mkdir("/mnt/newdir", 0755);
	vfs_write_file("/mnt/newdir/INNER", 0644, data, 1500);
	vfs_unlink("/mnt/one");
	if (appending && vfs_open("/mnt/append", O_WRONLY | O_APPEND, 0, &f) == 0) {
		vfs_write(f, data, sizeof(data));
		vfs_close(f);
	}
}

static void cut_writes(const char *mkfs_args, unsigned int kb, bool appending)
{
	unsigned long total;

	mkfs(mkfs_args, kb);
	make_tree();
	assert_int_equal(run("cd %s/tree && printf abc > append && mcopy -i %s append ::/", dir, image), 0);
	/* the whole sequence once, to count its writes */
	load_image();
	assert_int_equal(run("cp %s %s.base", image, image), 0);
	assert_int_equal(mount_image("vfat", 0), 0);
	writes_done = 0;
	cut_sequence(appending);
	assert_int_equal(vfs_umount("/mnt"), 0);
	total = writes_done;
	save_image();
	fsck_clean();
	assert_true(total > 10);
	for (long cut = 0; cut < (long)total; cut++) {
		assert_int_equal(run("cp %s.base %s", image, image), 0);
		load_image();
		writes_left = cut;
		if (mount_image("vfat", 0) == 0) {
			cut_sequence(appending);
			vfs_umount("/mnt");
		}
		bdev.mounted = 0;
		writes_left = -1;
		save_image();
		expect_only_lost_clusters(cut, appending);
		/* initk mounts what is left, and reads what was there before */
		assert_int_equal(mount_image("vfat", MS_RDONLY), 0);
		expect_file("/mnt/big.bin", 100000, 7);
		/* a file the cut left has the bytes written to it, never others */
		if (exists("/mnt/new file with a long name.txt"))
			expect_file("/mnt/new file with a long name.txt",
				    lookup("/mnt/new file with a long name.txt")->size, 9);
		if (exists("/mnt/newdir/INNER"))
			expect_file("/mnt/newdir/INNER", lookup("/mnt/newdir/INNER")->size, 9);
		assert_int_equal(vfs_umount("/mnt"), 0);
	}
}

static void test_cut_writes_fat16(void **state)
{
	(void)state;
	cut_writes("-F 16 -s 1", 16384, false);
}

static void test_cut_writes_fat12(void **state)
{
	(void)state;
	cut_writes("-F 12 -s 2", 1024, false);
}

static void test_cut_writes_fat32(void **state)
{
	(void)state;
	cut_writes("-F 32 -s 1", 40000, false);
}

static void test_cut_appends(void **state)
{
	(void)state;
	cut_writes("-F 16 -s 1", 16384, true);
}

/* Lost clusters are reported at mount. */
static void test_lost_clusters_reported(void **state)
{
	(void)state;
	corrupt_image();
	set_fat16(4000, 0xffff);
	set_fat16(4001, 4002);
	set_fat16(4002, 0xffff);
	assert_int_equal(mount_image("vfat", 0), 0);
	expect_message("FAT-fs (mmcblk0p1): 3 lost clusters (allocated, in no file): run fsck");
	/* not an inconsistency of what is reachable: still read-write */
	assert_string_equal(mount_options(mount_table()->next), "rw,relatime");
	assert_int_equal(vfs_umount("/mnt"), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_read_fat12),
		cmocka_unit_test(test_read_fat16),
		cmocka_unit_test(test_read_fat32),
		cmocka_unit_test(test_msdos_names),
		cmocka_unit_test(test_fragmented_file),
		cmocka_unit_test(test_write_fat12),
		cmocka_unit_test(test_write_fat16),
		cmocka_unit_test(test_write_fat32),
		cmocka_unit_test(test_full_root_directory),
		cmocka_unit_test(test_read_only),
		cmocka_unit_test(test_corrupt_fat_loop),
		cmocka_unit_test(test_corrupt_cluster_beyond_volume),
		cmocka_unit_test(test_corrupt_entry_outside_volume),
		cmocka_unit_test(test_corrupt_cross_linked),
		cmocka_unit_test(test_corrupt_boot_sector),
		cmocka_unit_test(test_lost_clusters_reported),
		cmocka_unit_test(test_cut_writes_fat16),
		cmocka_unit_test(test_cut_writes_fat12),
		cmocka_unit_test(test_cut_writes_fat32),
		cmocka_unit_test(test_cut_appends),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
