/* Test kernel only: a RAM disk, as Linux's brd, so that the block layer and
 * the partition readers can be tested in QEMU before there is an MMC driver.
 * test_ramdisk=PATH copies that file of the initramfs into memory at the
 * late level (after the rootfs level unpacked it) and registers it as ram0:
 * major 1 (Linux's RAMDISK_MAJOR), minor 0, one minor (brd's max_part=1), so
 * its partitions get 259:0, 259:1, ... as in Linux 6.1. The sectors past
 * the last whole one are dropped. */
#include <kernel/blkdev.h>
#include <kernel/errno.h>
#include <kernel/fs.h>
#include <kernel/init.h>
#include <kernel/params.h>
#include <kernel/printk.h>
#include <kernel/string.h>

#define RAMDISK_MAJOR 1

static char *ramdisk_path;
static char *ramdisk_data;

static int ramdisk_setup(char *path)
{
	if (!path || !*path)
		return -EINVAL;
	ramdisk_path = path;
	return 0;
}
__setup("test_ramdisk", ramdisk_setup);

static int ramdisk_read(struct gendisk *disk, u64 sector, void *buf, unsigned int count)
{
	(void)disk;
	memcpy(buf, ramdisk_data + sector * SECTOR_SIZE, (size_t)count * SECTOR_SIZE);
	return 0;
}

static int ramdisk_write(struct gendisk *disk, u64 sector, const void *buf, unsigned int count)
{
	(void)disk;
	memcpy(ramdisk_data + sector * SECTOR_SIZE, buf, (size_t)count * SECTOR_SIZE);
	return 0;
}

static const struct block_device_operations ramdisk_fops = {
	.read = ramdisk_read, .write = ramdisk_write,
};

static struct gendisk ramdisk = {
	.disk_name = "ram0", .major = RAMDISK_MAJOR, .first_minor = 0, .minors = 1, .fops = &ramdisk_fops,
};

static int __init ramdisk_init(void)
{
	size_t len;
	int err;

	if (!ramdisk_path)
		return 0;
	err = vfs_read_all(ramdisk_path, &ramdisk_data, &len, FILE_MAX_SIZE);
	if (err) {
		pr_err("ram0: cannot read %s: %d\n", ramdisk_path, err);
		return err;
	}
	ramdisk.capacity = len / SECTOR_SIZE;
	return add_disk(&ramdisk);
}
late_initcall(ramdisk_init);
