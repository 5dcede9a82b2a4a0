/* The rootfs level's job, as Linux's populate_rootfs: unpack the initramfs
 * the boot loader loaded (/chosen/linux,initrd-start and -end: QEMU's
 * -initrd, U-Boot's ramdisk) into the root filesystem, then give its memory
 * to the allocator. The archive is cpio "newc", uncompressed (init/cpio.c
 * reads it); what was unpacked before an error stays, and the boot goes on. */
#include <asm/setup.h>
#include <kernel/cpio.h>
#include <kernel/errno.h>
#include <kernel/fs.h>
#include <kernel/init.h>
#include <kernel/of.h>
#include <kernel/printk.h>
#include <kernel/slab.h>
#include <kernel/sprintf.h>
#include <kernel/string.h>

static int absolute(char *buf, const char *path)
{
	return (size_t)snprintf(buf, PATH_MAX, "/%s", path) >= PATH_MAX ? -ENAMETOOLONG : 0;
}

/* Like Linux's clean_path(): what is there with another type goes first. */
static void clear_path(const char *path, unsigned int type)
{
	struct inode *inode;

	if (!vfs_lookup(path, LOOKUP_NOFOLLOW, &inode) && (inode->mode & S_IFMT) != type)
		vfs_unlink(path);
}

static int unpack_mkdir(void *ctx, const char *path, unsigned int mode)
{
	char abs[PATH_MAX];
	struct inode *inode;
	int err = absolute(abs, path);

	(void)ctx;
	if (err)
		return err;
	clear_path(abs, S_IFDIR);
	err = vfs_mkdir(abs, mode);
	if (err == -EEXIST && !vfs_lookup(abs, 0, &inode) && S_ISDIR(inode->mode)) {
		inode->mode = S_IFDIR | (mode & 07777);
		err = 0;
	}
	return err;
}

static int unpack_file(void *ctx, const char *path, unsigned int mode, const void *data, size_t size)
{
	char abs[PATH_MAX];
	int err = absolute(abs, path);

	(void)ctx;
	if (err)
		return err;
	clear_path(abs, S_IFREG);
	return vfs_write_file(abs, mode, data, size);
}

static int unpack_symlink(void *ctx, const char *path, const char *target)
{
	char abs[PATH_MAX];
	int err = absolute(abs, path);

	(void)ctx;
	if (err)
		return err;
	vfs_unlink(abs);
	return vfs_symlink(target, abs);
}

static int __init populate_rootfs(void)
{
	extern char _text[], _end[];
	static const struct cpio_sink sink = {
		.mkdir = unpack_mkdir, .file = unpack_file, .symlink = unpack_symlink,
	};
	u64 start, end, ram_base, ram_size;
	const char *compression, *reason;
	int err = devicetree_initrd(&start, &end);

	if (err == -ENOENT)
		return 0;
	if (err) {
		pr_err("Initramfs unpacking failed: /chosen/linux,initrd-start and -end are "
		       "missing one another or out of order\n");
		return 0;
	}
	arch_ram_range(&ram_base, &ram_size);
	if (start < (unsigned long)_end && end > (unsigned long)_text) {
		pr_err("INITRD: 0x%08llx+0x%08llx overlaps in-use memory region - disabling initrd\n",
		       start, end - start);
		return 0;
	}
	if (start < ram_base || end > ram_base + ram_size) {
		pr_err("INITRD: 0x%08llx+0x%08llx is not a memory region - disabling initrd\n", start,
		       end - start);
		return 0;
	}
	compression = cpio_compression((const void *)(unsigned long)start, (size_t)(end - start));
	if (compression) {
		pr_err("Initramfs unpacking failed: %s-compressed data: this kernel unpacks "
		       "uncompressed cpio (newc) only\n", compression);
	} else if ((err = cpio_unpack((const void *)(unsigned long)start, (size_t)(end - start), &sink,
				      &reason))) {
		pr_err("Initramfs unpacking failed: %s\n", reason);
	}
	free_reserved_area((unsigned long)start, (unsigned long)end, "initrd");
	return 0; /* as Linux: the failure is reported, the boot goes on with what there is */
}
rootfs_initcall(populate_rootfs);
