/* What the files of fs/fat/ share: the volume's geometry, the one-sector
 * cache, the FAT itself (fatent.c), directory entries and names (dir.c). */
#ifndef FS_FAT_FAT_H
#define FS_FAT_FAT_H

#include <kernel/blkdev.h>
#include <kernel/compiler.h>
#include <kernel/fs.h>
#include <kernel/types.h>

#define FAT_ENTRY_SIZE 32            /* a directory entry */
#define FAT_DIR_MAX_SIZE (65536 * 32) /* the spec's limit on a directory */
#define FAT_MAX_ENTRIES 16384         /* files and directories read at mount */
#define FAT_FILE_MAX 0xffffffffu

/* Directory entry fields (byte offsets) and attributes. */
#define DE_ATTR 11
#define DE_LCASE 12
#define DE_START_HI 20
#define DE_TIME 22
#define DE_DATE 24
#define DE_START 26
#define DE_SIZE 28
#define ATTR_RO 0x01
#define ATTR_VOLUME 0x08
#define ATTR_DIR 0x10
#define ATTR_ARCH 0x20
#define ATTR_LFN 0x0f
#define LFN_LAST 0x40
#define LFN_CHARS 13
#define DELETED 0xe5

/* One mounted volume (Linux's msdos_sb_info). */
struct fat_volume {
	struct block_device *bdev;
	struct super_block *sb;
	const char *id;             /* the device's name, for messages */
	bool vfat;                  /* long names (vfat), or 8.3 only (msdos) */
	unsigned int fat_bits;      /* 12, 16 or 32 */
	u32 sec_per_clus, cluster_size;
	u32 fat_start, fat_length, fats;
	u32 root_start, root_entries; /* FAT12/16: the fixed root directory */
	u32 data_start;
	u32 max_cluster;            /* clusters are 2 .. max_cluster - 1 */
	u32 fsinfo_sector;          /* FAT32 */
	u32 free_clusters, next_free;
	u32 cached;                 /* the sector in cache[] (~0: none) */
	u8 cache[SECTOR_SIZE];
	bool error_reported;
};

/* A file or directory's place on the volume: in inode->data, freed with it. */
struct fat_node {
	u32 start;                  /* first cluster; 0: none (or the fixed root) */
	u32 clusters;               /* length of its chain (the fixed root: sectors) */
	u32 entry_pos;              /* its short entry's byte offset in the parent */
	u8 slots;                   /* entries it takes: long name slots + 1 */
	u8 short_name[11];
	bool fixed_root;            /* FAT12/16 root: sectors, not clusters */
	u32 hint_index, hint_cluster; /* the last cluster mapped, for the next */
};

static inline struct fat_volume *FAT_VOL(const struct inode *inode)
{
	return inode->sb->fs_info;
}

static inline struct fat_node *FAT_NODE(const struct inode *inode)
{
	return (struct fat_node *)inode->data;
}

static inline u32 get_le16(const u8 *p)
{
	return p[0] | (u32)p[1] << 8;
}

static inline u32 get_le32(const u8 *p)
{
	return get_le16(p) | get_le16(p + 2) << 16;
}

static inline void put_le16(u8 *p, u32 v)
{
	p[0] = (u8)v;
	p[1] = (u8)(v >> 8);
}

static inline void put_le32(u8 *p, u32 v)
{
	put_le16(p, v);
	put_le16(p + 2, v >> 16);
}

void fat_msg(struct fat_volume *vol, const char *level, const char *fmt, ...) __printf(3, 4);
/* An inconsistency: say so, and make the volume read-only (Linux's errors=remount-ro). */
void fat_error(struct fat_volume *vol, const char *fmt, ...) __printf(2, 3);

/* --- fatent.c: sectors, FAT entries, chains -------------------------------------------- */

/* The cache holding sector; fat_sync() writes it back. NULL on a read error. */
u8 *fat_sector(struct fat_volume *vol, u32 sector);
int fat_sync(struct fat_volume *vol);
u32 fat_cluster_sector(struct fat_volume *vol, u32 cluster);

/* The next cluster of a chain: > 0, 0 at its end, -EIO if the entry is free,
 * bad or out of range. */
long fat_next(struct fat_volume *vol, u32 cluster);
int fat_get(struct fat_volume *vol, u32 cluster, u32 *value);
int fat_set(struct fat_volume *vol, u32 cluster, u32 value); /* every copy */
/* A free cluster, marked end of chain (ENOSPC if none). */
int fat_alloc(struct fat_volume *vol, u32 *cluster);
void fat_free_chain(struct fat_volume *vol, u32 cluster);
/* The sector holding byte pos of a node's data (its chain walked as needed). */
int fat_map(struct fat_volume *vol, struct fat_node *node, u32 pos, u32 *sector);
/* Every sector of cluster zeroed, on the disk. */
int fat_zero_cluster(struct fat_volume *vol, u32 cluster);

/* --- dir.c: entries and names -------------------------------------------------------- */

/* Make dir's children from its entries on the disk (mount). */
int fat_read_dir(struct fat_volume *vol, struct inode *dir, unsigned int *entries);
/* Write inode's start cluster and size into its entry. */
int fat_write_entry(struct fat_volume *vol, struct inode *inode);
/* inode's entry (and, for a directory, its first cluster) made in dir. */
int fat_add_entry(struct fat_volume *vol, struct inode *dir, struct inode *inode);
int fat_remove_entry(struct fat_volume *vol, struct inode *dir, struct inode *inode);

#endif
