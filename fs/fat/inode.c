/* vfat and msdos: FAT12/16/32 volumes on a block device, read and written.
 *
 * The design, for the VFS as it is (every inode in memory): at mount the
 * boot sector is checked (Linux's messages where Linux has one), then the
 * whole tree is read into inodes, each file's and directory's cluster
 * chain walked and checked on the way, marking every cluster in a bitmap
 * (a cluster met twice is a loop or a cross-link); file data is read and
 * written on demand through the hooks. The walk is bounded: at most
 * FAT_MAX_ENTRIES entries, each cluster once, no recursion. Whatever is
 * found wrong is reported ("FAT-fs (mmcblk0p1): error, ...") and the
 * volume is read as far as it is valid and made read-only, as Linux's
 * default errors=remount-ro does. Then the FAT is read once more to count
 * the free clusters and the lost ones, allocated but in no file, which
 * initk reports (Linux has no such message: the wording is initk's).
 *
 * Writes are ordered so that a reset at any point leaves at worst a lost
 * chain: clusters are allocated (marked end of chain in every FAT copy),
 * linked and filled before the directory entry that points to them is
 * written (start and size together, one sector); a directory grows by a
 * cluster zeroed before it is linked; an entry is marked deleted before
 * its chain is freed. Appending to a file that already has clusters links
 * the new ones before the size is written: a reset between leaves a chain
 * longer than the size, which fsck truncates (the same loss). On FAT32 the
 * FSInfo free count is set "unknown" while mounted read-write and written
 * at umount. */
#include <kernel/errno.h>
#include <kernel/printk.h>
#include <kernel/slab.h>
#include <kernel/sprintf.h>
#include <kernel/string.h>

#include "../internal.h"
#include "fat.h"

#define FSINFO_UNKNOWN 0xffffffffu

void fat_msg(struct fat_volume *vol, const char *level, const char *fmt, ...)
{
	char text[160];
	va_list args;

	va_start(args, fmt);
	vsnprintf(text, sizeof(text), fmt, args);
	va_end(args);
	printk("%sFAT-fs (%s): %s\n", level, vol->id, text);
}

void fat_error(struct fat_volume *vol, const char *fmt, ...)
{
	char text[160];
	va_list args;

	va_start(args, fmt);
	vsnprintf(text, sizeof(text), fmt, args);
	va_end(args);
	fat_msg(vol, KERN_ERR, "error, %s", text);
	if (!(vol->sb->flags & MS_RDONLY)) {
		vol->sb->flags |= MS_RDONLY;
		fat_msg(vol, KERN_ERR, "Filesystem has been set read-only");
	}
}

/* --- Mounting ------------------------------------------------------------------------ */

static bool power_of_2(u32 v)
{
	return v && !(v & (v - 1));
}

/* The boot sector's BIOS parameter block: the volume's geometry, or -EINVAL
 * with the reason (Linux's words, Linux's order). */
static int read_boot_sector(struct fat_volume *vol)
{
	static const u32 max_clusters[] = { 0xff4, 0xfff4, 0x0ffffff6 };
	u8 *b = fat_sector(vol, 0);
	u32 sector_size, fat16_length, total, dir_entries, clusters, fat_clusters;
	u64 root_start;

	if (!b) {
		fat_msg(vol, KERN_ERR, "unable to read boot sector");
		return -EIO;
	}
	sector_size = get_le16(b + 11);
	vol->sec_per_clus = b[13];
	vol->fat_start = get_le16(b + 14);
	vol->fats = b[16];
	dir_entries = get_le16(b + 17);
	total = get_le16(b + 19) ? get_le16(b + 19) : get_le32(b + 32);
	fat16_length = get_le16(b + 22);
	vol->fat_length = fat16_length ? fat16_length : get_le32(b + 36);
	if (!vol->fat_start)
		return fat_msg(vol, KERN_ERR, "bogus number of reserved sectors"), -EINVAL;
	if (!vol->fats)
		return fat_msg(vol, KERN_ERR, "bogus number of FAT structure"), -EINVAL;
	if (b[21] != 0xf0 && b[21] < 0xf8)
		return fat_msg(vol, KERN_ERR, "invalid media value (0x%02x)", b[21]), -EINVAL;
	if (!power_of_2(sector_size) || sector_size < 512 || sector_size > 4096)
		return fat_msg(vol, KERN_ERR, "bogus logical sector size %u", sector_size), -EINVAL;
	if (!power_of_2(vol->sec_per_clus))
		return fat_msg(vol, KERN_ERR, "bogus sectors per cluster %u", vol->sec_per_clus), -EINVAL;
	if (!vol->fat_length)
		return fat_msg(vol, KERN_ERR, "bogus number of FAT sectors"), -EINVAL;
	if (sector_size != SECTOR_SIZE)
		return fat_msg(vol, KERN_ERR, "logical sector size %u not supported (only 512)", sector_size), -EINVAL;
	if (dir_entries % (SECTOR_SIZE / FAT_ENTRY_SIZE))
		return fat_msg(vol, KERN_ERR, "bogus number of directory entries (%u)", dir_entries), -EINVAL;
	root_start = vol->fat_start + (u64)vol->fats * vol->fat_length;
	if (root_start + dir_entries / 16 >= total)
		return fat_msg(vol, KERN_ERR, "bogus number of total sectors (%u)", total), -EINVAL;
	if (total > vol->bdev->nr_sects)
		return fat_msg(vol, KERN_ERR, "volume of %u sectors on a device of %llu", total,
			       (unsigned long long)vol->bdev->nr_sects), -EINVAL;
	vol->root_start = (u32)root_start;
	vol->root_entries = dir_entries;
	vol->data_start = vol->root_start + dir_entries / 16;
	vol->cluster_size = vol->sec_per_clus * SECTOR_SIZE;
	clusters = (total - vol->data_start) / vol->sec_per_clus;
	/* FAT12 or FAT16 by the count of clusters, as the spec says; FAT32 when
	 * the 16-bit FAT size is zero, as Linux and mkfs.vfat have it */
	vol->fat_bits = !fat16_length ? 32 : clusters < 4085 ? 12 : 16;
	fat_clusters = (u32)((u64)vol->fat_length * SECTOR_SIZE * 8 / vol->fat_bits);
	if (fat_clusters < 3)
		return fat_msg(vol, KERN_ERR, "bogus number of FAT sectors"), -EINVAL;
	if (clusters > fat_clusters - 2)
		clusters = fat_clusters - 2;
	if (clusters > max_clusters[vol->fat_bits / 16])
		return fat_msg(vol, KERN_ERR, "count of clusters too big (%u)", clusters), -EINVAL;
	vol->max_cluster = clusters + 2;
	vol->fsinfo_sector = vol->fat_bits == 32 ? get_le16(b + 48) : 0;
	vol->next_free = 2;
	if (vol->fat_bits == 32)
		vol->root_entries = get_le32(b + 44); /* the root's cluster, until the root has its node */
	return 0;
}

static void check_chain(struct fat_volume *vol, struct inode *inode, u8 *used)
{
	struct fat_node *node = FAT_NODE(inode);
	const char *name = inode == inode->sb->root ? "/" : inode->name;
	u32 c = node->start, n = 0;

	if (node->fixed_root)
		return;
	if ((c && (c < 2 || c >= vol->max_cluster)) || (!c && S_ISDIR(inode->mode))) {
		fat_error(vol, "invalid start cluster (%s, start %08x)", name, c);
		c = node->start = 0;
	}
	while (c) {
		long next;

		if (used[c / 8] & (1 << c % 8)) {
			fat_error(vol, "cluster %u is in two chains or a loop (%s)", c, name);
			break;
		}
		used[c / 8] |= (u8)(1 << c % 8);
		n++;
		next = fat_next(vol, c);
		if (next < 0) {
			fat_error(vol, "invalid cluster chain (%s, cluster %u)", name, c);
			break;
		}
		c = (u32)next;
	}
	node->clusters = n;
	if (S_ISDIR(inode->mode)) {
		if ((u64)n * vol->cluster_size > FAT_DIR_MAX_SIZE)
			node->clusters = FAT_DIR_MAX_SIZE / vol->cluster_size;
	} else if (inode->size > (u64)n * vol->cluster_size) {
		fat_error(vol, "file size %zu beyond its %u clusters (%s)", inode->size, n, name);
		inode->size = n * vol->cluster_size;
	}
}

/* Every file and directory into inodes, depth first without recursion:
 * each directory's entries are read when the walk reaches it. */
static int read_tree(struct fat_volume *vol, u8 *used)
{
	struct inode *root = vol->sb->root, *inode = root;
	unsigned int entries = 0;

	while (inode) {
		check_chain(vol, inode, used);
		if (S_ISDIR(inode->mode)) {
			int err = fat_read_dir(vol, inode, &entries);

			if (err == -ENOMEM)
				return err;
			if (err)
				fat_error(vol, "unable to read directory %s", inode == root ? "/" : inode->name);
		}
		if (inode->children) {
			inode = inode->children;
			continue;
		}
		while (inode != root && !inode->next)
			inode = inode->parent;
		inode = inode == root ? NULL : inode->next;
	}
	if (entries > FAT_MAX_ENTRIES) {
		fat_error(vol, "more than %u files and directories: the rest are not read", FAT_MAX_ENTRIES);
		return 1;
	}
	return 0;
}

/* Free clusters, and lost ones: allocated, but in no file. */
static void count_clusters(struct fat_volume *vol, const u8 *used)
{
	u32 free = 0, lost = 0, bad = vol->fat_bits == 12 ? 0xff7 : vol->fat_bits == 16 ? 0xfff7 : 0x0ffffff7;

	for (u32 c = 2; c < vol->max_cluster; c++) {
		u32 v;

		if (fat_get(vol, c, &v))
			return;
		if (!v)
			free++;
		else if (v != bad && !(used[c / 8] & (1 << c % 8)))
			lost++;
	}
	vol->free_clusters = free;
	if (lost)
		fat_msg(vol, KERN_WARNING, "%u lost clusters (allocated, in no file): run fsck", lost);
}

static void write_fsinfo(struct fat_volume *vol, u32 free)
{
	u8 *s;

	if (vol->fat_bits != 32 || !vol->fsinfo_sector || vol->fsinfo_sector >= vol->fat_start)
		return;
	if (!(s = fat_sector(vol, vol->fsinfo_sector)))
		return;
	if (get_le32(s) != 0x41615252 || get_le32(s + 484) != 0x61417272) {
		fat_msg(vol, KERN_ERR, "Invalid FSINFO signature: 0x%08x, 0x%08x (sector = %u)", get_le32(s),
			get_le32(s + 484), vol->fsinfo_sector);
		return;
	}
	put_le32(s + 488, free);
	put_le32(s + 492, free == FSINFO_UNKNOWN ? FSINFO_UNKNOWN : vol->next_free);
	fat_sync(vol);
}

static int fat_fill_super(struct super_block *sb, const char *source)
{
	struct block_device *bdev = blkdev_get_by_path(source);
	struct fat_volume *vol;
	struct fat_node *root;
	struct inode *inode;
	u8 *used;
	int err;

	if (!bdev)
		return vfs_lookup(source, 0, &inode) ? -ENOENT : -ENOTBLK;
	if (bdev->mounted)
		return -EBUSY;
	vol = kzalloc(sizeof(*vol));
	root = kzalloc(sizeof(*root));
	if (!vol || !root) {
		err = -ENOMEM;
		goto out_free;
	}
	vol->bdev = bdev;
	vol->sb = sb;
	vol->id = bdev->name;
	vol->vfat = !strcmp(sb->type->name, "vfat");
	vol->cached = 0xffffffff;
	vol->free_clusters = FSINFO_UNKNOWN;
	err = read_boot_sector(vol);
	if (err) {
		if (err == -EINVAL)
			fat_msg(vol, KERN_INFO, "Can't find a valid FAT filesystem");
		goto out_free;
	}
	if (bdev->read_only)
		sb->flags |= MS_RDONLY;
	sb->fs_info = vol;
	sb->root->data = (char *)root;
	root->fixed_root = vol->fat_bits != 32;
	root->clusters = root->fixed_root ? vol->root_entries / 16 : 0;
	root->start = root->fixed_root ? 0 : vol->root_entries;
	used = kzalloc(vol->max_cluster / 8 + 1);
	if (!used) {
		err = -ENOMEM;
		goto out_free;
	}
	err = read_tree(vol, used);
	if (!err)
		count_clusters(vol, used);
	kfree(used);
	if (err < 0)
		goto out_free; /* the inodes made so far go with the instance */
	if (!(sb->flags & MS_RDONLY))
		write_fsinfo(vol, FSINFO_UNKNOWN);
	bdev->mounted++;
	return 0;

out_free:
	sb->fs_info = NULL;
	kfree(vol);
	if (sb->root->data != (char *)root)
		kfree(root);
	return err;
}

static void fat_put_super(struct super_block *sb)
{
	struct fat_volume *vol = sb->fs_info;

	if (!(sb->flags & MS_RDONLY) && vol->free_clusters != FSINFO_UNKNOWN)
		write_fsinfo(vol, vol->free_clusters);
	vol->bdev->mounted--;
	kfree(vol);
}

/* --- Files ----------------------------------------------------------------------------- */

static long fat_read(struct inode *inode, size_t pos, void *buf, size_t len)
{
	struct fat_volume *vol = FAT_VOL(inode);
	size_t done = 0;

	while (done < len) {
		u32 sector, offset = (pos + done) % SECTOR_SIZE, n = SECTOR_SIZE - offset;
		u8 *s;

		if (fat_map(vol, FAT_NODE(inode), pos + done, &sector) || !(s = fat_sector(vol, sector)))
			return done ? (long)done : -EIO;
		if (n > len - done)
			n = len - done;
		memcpy((u8 *)buf + done, s + offset, n);
		done += n;
	}
	return (long)done;
}

/* count more clusters at the end of inode's chain: allocated and chained
 * first, then linked (or, for a file with none, kept for its entry). */
static int grow(struct fat_volume *vol, struct inode *inode, u32 count)
{
	struct fat_node *node = FAT_NODE(inode);
	u32 first = 0, prev = 0, c, sector;
	int err = 0;

	for (u32 i = 0; i < count; i++) {
		if ((err = fat_alloc(vol, &c)))
			goto out_free;
		if (prev && (err = fat_set(vol, prev, c))) {
			fat_set(vol, c, 0);
			goto out_free;
		}
		first = first ? first : c;
		prev = c;
	}
	if (!node->clusters)
		node->start = first;
	else if ((err = fat_map(vol, node, (node->clusters - 1) * vol->cluster_size, &sector)) ||
		 (err = fat_set(vol, node->hint_cluster, first)))
		goto out_free;
	node->clusters += count;
	return 0;

out_free:
	if (first)
		fat_free_chain(vol, first);
	return err;
}

static long fat_write(struct inode *inode, size_t pos, const void *buf, size_t len)
{
	static const u8 zeros[64];
	struct fat_volume *vol = FAT_VOL(inode);
	struct fat_node *node = FAT_NODE(inode);
	u32 start = node->start;
	size_t done = 0, old_size = inode->size;
	u64 end = (u64)pos + len;
	int err;

	if (end > FAT_FILE_MAX)
		return -EFBIG;
	while (inode->size < pos) { /* a hole: zeros */
		size_t n = pos - inode->size < sizeof(zeros) ? pos - inode->size : sizeof(zeros);
		long r = fat_write(inode, inode->size, zeros, n);

		if (r < 0)
			return r;
	}
	if (end > (u64)node->clusters * vol->cluster_size &&
	    (err = grow(vol, inode, (u32)((end + vol->cluster_size - 1) / vol->cluster_size) - node->clusters)))
		return err;
	while (done < len) {
		u32 sector, offset = (pos + done) % SECTOR_SIZE, n = SECTOR_SIZE - offset;
		u8 *s;

		if ((err = fat_map(vol, node, pos + done, &sector)))
			return err;
		if (!(s = fat_sector(vol, sector)))
			return -EIO;
		if (n > len - done)
			n = len - done;
		memcpy(s + offset, (const u8 *)buf + done, n);
		if ((err = fat_sync(vol)))
			return err;
		done += n;
	}
	if (end > inode->size)
		inode->size = (size_t)end;
	if ((inode->size != old_size || node->start != start) && (err = fat_write_entry(vol, inode)))
		return err;
	return (long)len;
}

/* Shrinking only (O_TRUNC): the entry first, then the chain's tail freed. */
static int fat_setsize(struct inode *inode, size_t size)
{
	struct fat_volume *vol = FAT_VOL(inode);
	struct fat_node *node = FAT_NODE(inode);
	u32 keep = (u32)(((u64)size + vol->cluster_size - 1) / vol->cluster_size), old = node->start, sector;
	long next;
	int err;

	if (size >= inode->size)
		return size == inode->size ? 0 : -EINVAL;
	if (keep >= node->clusters) {
		inode->size = size;
		return fat_write_entry(vol, inode);
	}
	if (keep && (err = fat_map(vol, node, (keep - 1) * vol->cluster_size, &sector)))
		return err;
	old = keep ? node->hint_cluster : node->start;
	inode->size = size;
	if (!keep)
		node->start = 0;
	if ((err = fat_write_entry(vol, inode)))
		return err;
	node->clusters = keep;
	node->hint_cluster = 0;
	if (!keep) {
		fat_free_chain(vol, old);
		return 0;
	}
	next = fat_next(vol, old);
	if ((err = fat_set(vol, old, 0x0fffffff)))
		return err;
	if (next > 0)
		fat_free_chain(vol, (u32)next);
	return 0;
}

static int fat_create(struct inode *dir, struct inode *inode)
{
	struct fat_node *node = kzalloc(sizeof(*node));

	if (!node)
		return -ENOMEM;
	inode->data = (char *)node; /* freed with the inode */
	return fat_add_entry(FAT_VOL(dir), dir, inode);
}

static int fat_unlink(struct inode *dir, struct inode *inode)
{
	struct fat_volume *vol = FAT_VOL(dir);
	int err = fat_remove_entry(vol, dir, inode);

	if (!err && FAT_NODE(inode)->start)
		fat_free_chain(vol, FAT_NODE(inode)->start);
	return err;
}

static const struct super_operations fat_ops = {
	.fill_super = fat_fill_super,
	.read = fat_read,
	.write = fat_write,
	.setsize = fat_setsize,
	.create = fat_create,
	.unlink = fat_unlink,
	.put_super = fat_put_super,
};

DEFINE_FILESYSTEM(vfat) = { .name = "vfat", .writable = true, .ops = &fat_ops };
DEFINE_FILESYSTEM(msdos) = { .name = "msdos", .writable = true, .ops = &fat_ops };
