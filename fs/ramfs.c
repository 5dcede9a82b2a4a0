/* The in-memory filesystems: rootfs (what / is, as in Linux before any other
 * root is mounted), ramfs and tmpfs (the same thing under the names people
 * mount). vfs_init() makes the root with the directories an init expects to
 * find, whether or not an initramfs adds to them. */
#include <kernel/init.h>
#include <kernel/fs.h>
#include <kernel/panic.h>

#include "internal.h"

DEFINE_FILESYSTEM(rootfs) = { .name = "rootfs", .nodev = true, .writable = true };
DEFINE_FILESYSTEM(ramfs) = { .name = "ramfs", .nodev = true, .writable = true };
DEFINE_FILESYSTEM(tmpfs) = { .name = "tmpfs", .nodev = true, .writable = true };

static const char *const skeleton[] __initconst = {
	"/dev", "/proc", "/sys", "/sys/kernel", "/sys/kernel/debug", "/sys/kernel/tracing",
	"/mnt", "/tmp", "/root",
};

static void show_null(struct seq_buf *m, void *data)
{
	(void)m;
	(void)data;
}

static int write_null(void *data, const char *buf, size_t len)
{
	(void)data;
	(void)buf;
	(void)len;
	return 0;
}

static const struct file_operations null_fops = { .show = show_null, .write = write_null };

void __init vfs_init(void)
{
	static struct super_block sb = { .type = &ll_entry(filesystems, rootfs) };
	struct inode *dev;

	sb.root = inode_new(&sb, NULL, "", S_IFDIR | 0755);
	if (!sb.root)
		panic("VFS: no memory for the root filesystem");
	vfs_set_root(sb.root);
	for (unsigned int i = 0; i < ARRAY_SIZE(skeleton); i++)
		vfs_mkdir(skeleton[i], 0755);
	if (!vfs_lookup("/dev", 0, &dev))
		pseudo_create(dev, "null", 0666, &null_fops, NULL);
	vfs_chdir("/");
}
