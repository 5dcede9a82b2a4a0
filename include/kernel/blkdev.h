/* Block devices: the disks drivers register (mmcblk0), their partitions
 * (mmcblk0p1), and reading and writing them in 512-byte sectors.
 *
 * A driver fills a struct gendisk (name, capacity, its read and write
 * functions) and calls add_disk(): the partition table is read and printed
 * as Linux does (" mmcblk0: p1 p2"), each partition becomes a block_device,
 * and /dev/<name> appears for the disk and each partition, with
 * /proc/partitions listing them. Filesystems find theirs by path
 * (blkdev_get_by_path("/dev/mmcblk0p1")) and read and write inside it with
 * bdev_read()/bdev_write(), which check the range: a sector outside the
 * partition is -EIO, never another partition's data. */
#ifndef KERNEL_BLKDEV_H
#define KERNEL_BLKDEV_H

#include <kernel/types.h>

#define SECTOR_SIZE 512
#define SECTOR_SHIFT 9

#define MMC_BLOCK_MAJOR 179 /* Linux's major for mmcblk, 8 minors per card */
#define DISK_MAX_PARTS 16   /* partitions per disk initk keeps (Linux: 256) */
/* Partitions numbered from minors on get their numbers here, as in Linux
 * 6.1 (mmcblk0p8 is 259:0): the first free minor, from 0. */
#define BLOCK_EXT_MAJOR 259

struct gendisk;

struct block_device_operations {
	/* count sectors from sector (of the whole disk): 0 or a negative errno. */
	int (*read)(struct gendisk *disk, u64 sector, void *buf, unsigned int count);
	int (*write)(struct gendisk *disk, u64 sector, const void *buf, unsigned int count);
};

struct block_device {
	char name[32];           /* "mmcblk0" for the disk, "mmcblk0p1" for a partition */
	unsigned int major, minor;
	unsigned int partno;     /* 0: the whole disk */
	u64 start_sect, nr_sects;
	struct gendisk *disk;
	bool read_only;          /* the disk's, or a partition's own */
	unsigned int mounted;    /* filesystems using it */
};

struct gendisk {
	char disk_name[32];
	unsigned int major, first_minor, minors;
	u64 capacity;            /* in sectors */
	bool read_only;
	const struct block_device_operations *fops;
	void *private_data;      /* the driver's */
	struct block_device part0;
	struct block_device parts[DISK_MAX_PARTS];
	unsigned int nr_parts;
	struct gendisk *next;    /* the block layer's list of disks, in add_disk() order */
};

/* Register disk: read its partitions, make its /dev nodes. 0 or -errno. */
int add_disk(struct gendisk *disk);

/* The block device /dev/<name> names, or NULL. */
struct block_device *blkdev_get_by_path(const char *path);
/* Every block device: disks, each followed by its partitions; NULL ends. */
struct block_device *blkdev_next(struct block_device *prev);

/* count sectors at sector inside bdev: 0, -EIO outside it or on a device
 * error, -EROFS writing a read-only one. */
int bdev_read(struct block_device *bdev, u64 sector, void *buf, unsigned int count);
int bdev_write(struct block_device *bdev, u64 sector, const void *buf, unsigned int count);

#endif
