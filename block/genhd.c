/* The block layer: the disks drivers register, their partitions, the
 * /dev/<name> nodes and /proc/partitions (Linux 6.1's format), and range-
 * checked sector I/O (include/kernel/blkdev.h). The partition tables are
 * read by block/partitions/. */
#include <kernel/blkdev.h>
#include <kernel/errno.h>
#include <kernel/fs.h>
#include <kernel/slab.h>
#include <kernel/sprintf.h>
#include <kernel/string.h>

#include "partitions/check.h"

static struct gendisk *disks, **disks_tail = &disks;
static unsigned int next_ext_minor;

static int read_one_sector(void *ctx, u64 sector, void *buf)
{
	struct gendisk *disk = ctx;

	return disk->fops->read(disk, sector, buf, 1);
}

/* Fill bdev (part0, or partition partno named with prefix) and make its /dev node. */
static void add_bdev(struct gendisk *disk, struct block_device *bdev, unsigned int partno,
		     const char *prefix, u64 start, u64 size)
{
	char path[sizeof(bdev->name) + 5];

	memset(bdev, 0, sizeof(*bdev));
	snprintf(bdev->name, sizeof(bdev->name), partno ? "%s%s%u" : "%s", disk->disk_name, prefix, partno);
	bdev->major = disk->major;
	bdev->minor = disk->first_minor + partno;
	if (partno && partno >= disk->minors) {
		bdev->major = BLOCK_EXT_MAJOR;
		bdev->minor = next_ext_minor++;
	}
	bdev->partno = partno;
	bdev->start_sect = start;
	bdev->nr_sects = size;
	bdev->disk = disk;
	bdev->read_only = disk->read_only;
	snprintf(path, sizeof(path), "/dev/%s", bdev->name);
	vfs_mknod(path, S_IFBLK | 0660, MKDEV(bdev->major, bdev->minor));
}

int add_disk(struct gendisk *disk)
{
	struct parsed_partitions *state;

	if (!disk->fops || !disk->fops->read)
		return -EINVAL;
	state = kzalloc(sizeof(*state));
	if (!state)
		return -ENOMEM;
	add_bdev(disk, &disk->part0, 0, "", 0, disk->capacity);
	disk->nr_parts = 0;
	state->disk_name = disk->disk_name;
	state->capacity = disk->capacity;
	state->read = read_one_sector;
	state->ctx = disk;
	if (disk->capacity && check_partition(state) > 0)
		for (unsigned int p = 1; p < PARTITION_LIMIT; p++)
			if (state->parts[p].size)
				add_bdev(disk, &disk->parts[disk->nr_parts++], p, state->prefix,
					 state->parts[p].from, state->parts[p].size);
	kfree(state);
	disk->next = NULL;
	*disks_tail = disk;
	disks_tail = &disk->next;
	return 0;
}

struct block_device *blkdev_next(struct block_device *prev)
{
	struct gendisk *disk;
	unsigned int i;

	if (!prev)
		return disks ? &disks->part0 : NULL;
	disk = prev->disk;
	i = prev == &disk->part0 ? 0 : (unsigned int)(prev - disk->parts) + 1;
	if (i < disk->nr_parts)
		return &disk->parts[i];
	return disk->next ? &disk->next->part0 : NULL;
}

struct block_device *blkdev_get_by_path(const char *path)
{
	struct block_device *bdev;
	struct inode *inode;

	if (vfs_lookup(path, 0, &inode) || !S_ISBLK(inode->mode))
		return NULL;
	for (bdev = blkdev_next(NULL); bdev; bdev = blkdev_next(bdev))
		if (MKDEV(bdev->major, bdev->minor) == inode->rdev)
			return bdev;
	return NULL;
}

static int bdev_io(struct block_device *bdev, u64 sector, void *buf, unsigned int count, bool write)
{
	struct gendisk *disk = bdev->disk;

	if (write && (bdev->read_only || !disk->fops->write))
		return -EROFS;
	if (sector > bdev->nr_sects || count > bdev->nr_sects - sector)
		return -EIO;
	sector += bdev->start_sect;
	return write ? disk->fops->write(disk, sector, buf, count) : disk->fops->read(disk, sector, buf, count);
}

int bdev_read(struct block_device *bdev, u64 sector, void *buf, unsigned int count)
{
	return bdev_io(bdev, sector, buf, count, false);
}

int bdev_write(struct block_device *bdev, u64 sector, const void *buf, unsigned int count)
{
	return bdev_io(bdev, sector, (void *)buf, count, true);
}

/* Linux's show_partition(): the header once there is a disk, then every
 * device with sectors, sizes in KiB. */
static void show_partitions(struct seq_buf *m, void *data)
{
	(void)data;
	if (disks)
		seq_puts(m, "major minor  #blocks  name\n\n");
	for (struct block_device *bdev = blkdev_next(NULL); bdev; bdev = blkdev_next(bdev))
		if (bdev->disk->capacity && bdev->nr_sects)
			seq_printf(m, "%4u  %7u %10llu %s\n", bdev->major, bdev->minor, bdev->nr_sects >> 1,
				   bdev->name);
}
static const struct file_operations partitions_fops = { .show = show_partitions };
PSEUDO_FILE("proc", proc_partitions, "partitions", 0444, &partitions_fops, NULL);
