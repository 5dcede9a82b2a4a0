/*
 * libFuzzer target for FAT (fs/fat/) behind the VFS (fs/namei.c, fs/file.c).
 *
 * Built like fuzz_fdt.c (clang -fsanitize=fuzzer,address,undefined); seeded
 * with small images made by mkfs.vfat and mcopy (FAT12, FAT16, FAT32, long
 * names, directories). The input is the disk: mounted read-write as vfat,
 * every file read to its end and every directory walked; then a file is
 * made and written, a directory made, a file removed (whatever the mount
 * allows), and the volume unmounted and mounted again, as msdos, read-only,
 * and walked again. Whatever the image, this must end, without a fault or a
 * leak; a mount must succeed or fail with a negative errno, a read never
 * return more than the size.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <kernel/blkdev.h>
#include <kernel/errno.h>
#include <kernel/fs.h>
#include <kernel/slab.h>

#include "../../fs/internal.h"

#define check(cond)                                                                \
	do {                                                                       \
		if (!(cond)) {                                                     \
			fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, \
				#cond);                                            \
			abort();                                                   \
		}                                                                  \
	} while (0)

void printk_capture_reset(void);

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

DEFINE_FILESYSTEM(fuzz_rootfs) = { .name = "rootfs", .nodev = true, .writable = true };
/* The list of pseudo files must not be empty (its bounds would be NULL). */
static const struct file_operations no_fops;
PSEUDO_FILE("none", fuzz_unused, "unused", 0444, &no_fops, NULL);

static u8 *disk;
static struct block_device bdev = { .name = "mmcblk0p1" };

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
	memcpy(disk + sector * SECTOR_SIZE, buf, (size_t)count * SECTOR_SIZE);
	return 0;
}

/* Does an earlier entry of the same name hide one of inode's ancestors (or
 * inode) from a path lookup? */
static bool shadowed(const struct inode *inode)
{
	for (; inode && inode->parent; inode = inode->parent)
		for (const struct inode *e = inode->parent->children; e && e != inode; e = e->next)
			if (!strcasecmp(e->name, inode->name)) /* vfat names match without case */
				return true;
	return false;
}

/* Every file of the tree read to its end, without recursion. */
static void walk(void)
{
	char path[PATH_MAX], buf[1000];
	struct inode *root, *inode;

	check(vfs_lookup("/mnt", 0, &root) == 0);
	for (inode = root->children; inode;) {
		if (S_ISREG(inode->mode) && !vfs_path_of(inode, path, sizeof(path))) {
			struct inode *found;
			struct file *f;
			size_t got = 0;
			long n;

			/* a name the directory has twice reaches the first of them; a
			 * directory named twice on the path hides the second's files */
			if (vfs_lookup(path, 0, &found) != 0) {
				check(shadowed(inode));
				goto next;
			}
			if (found != inode) {
				check(!strcmp(found->name, inode->name));
				goto next;
			}
			check(vfs_open(path, O_RDONLY, 0, &f) == 0);
			while ((n = vfs_read(f, buf, sizeof(buf))) > 0)
				got += (size_t)n;
			check(n == 0 || n == -EIO);
			check(got <= inode->size);
			vfs_close(f);
		}
next:
		if (inode->children) {
			inode = inode->children;
			continue;
		}
		while (inode != root && !inode->next)
			inode = inode->parent;
		inode = inode == root ? NULL : inode->next;
	}
}

static void change(void)
{
	static const char text[3000] = "initk was here";
	struct inode *root, *victim = NULL;
	struct file *f;

	if (vfs_open("/mnt/a new file with a long name", O_WRONLY | O_CREAT, 0644, &f) == 0) {
		vfs_write(f, text, sizeof(text));
		vfs_write(f, text, 10);
		vfs_close(f);
	}
	vfs_mkdir("/mnt/NEWDIR", 0755);
	vfs_write_file("/mnt/NEWDIR/x", 0644, text, 600);
	check(vfs_lookup("/mnt", 0, &root) == 0);
	for (struct inode *c = root->children; c; c = c->next)
		if (S_ISREG(c->mode))
			victim = c;
	if (victim) {
		char path[PATH_MAX];

		check(vfs_path_of(victim, path, sizeof(path)) == 0);
		vfs_unlink(path);
	}
	vfs_open("/mnt/a new file with a long name", O_WRONLY | O_TRUNC, 0, &f) == 0 ? vfs_close(f) : (void)0;
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size);

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	static struct super_block sb = { .type = &ll_entry(filesystems, fuzz_rootfs) };
	int err;

	if (!sb.root) {
		sb.root = inode_new(&sb, NULL, "", S_IFDIR | 0755);
		vfs_set_root(sb.root);
		vfs_chdir("/");
		vfs_mkdir("/mnt", 0755);
	}
	disk = malloc(size + 1);
	memcpy(disk, data, size);
	bdev.nr_sects = size / SECTOR_SIZE;
	printk_capture_reset();
	err = vfs_mount("/dev/mmcblk0p1", "/mnt", "vfat", 0);
	check(err <= 0);
	if (!err) {
		walk();
		change();
		walk();
		check(vfs_umount("/mnt") == 0);
		check(bdev.mounted == 0);
		if (vfs_mount("/dev/mmcblk0p1", "/mnt", "msdos", MS_RDONLY) == 0) {
			walk();
			check(vfs_umount("/mnt") == 0);
		}
	}
	free(disk);
	return 0;
}
