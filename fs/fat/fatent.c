/* The FAT: a one-sector cache over the block device, FAT12/16/32 entries
 * read and written (every copy of the FAT, in order), clusters allocated
 * and chains freed, and a file's byte offset mapped to its sector.
 *
 * The cache is write-through: a change reaches the disk when fat_sync()
 * is called, before anything else is read, so the order the callers write
 * in is the order the disk sees. */
#include <kernel/errno.h>
#include <kernel/string.h>

#include "fat.h"

#define NO_SECTOR 0xffffffffu

u8 *fat_sector(struct fat_volume *vol, u32 sector)
{
	if (vol->cached != sector) {
		vol->cached = NO_SECTOR;
		if (bdev_read(vol->bdev, sector, vol->cache, 1))
			return NULL;
		vol->cached = sector;
	}
	return vol->cache;
}

int fat_sync(struct fat_volume *vol)
{
	int err = bdev_write(vol->bdev, vol->cached, vol->cache, 1);

	if (err)
		vol->cached = NO_SECTOR; /* the disk may hold the old bytes */
	return err;
}

u32 fat_cluster_sector(struct fat_volume *vol, u32 cluster)
{
	return vol->data_start + (cluster - 2) * vol->sec_per_clus;
}

/* Byte offset of cluster's entry in a FAT; its bytes (FAT12: two, maybe
 * across a sector boundary). */
static u32 entry_offset(struct fat_volume *vol, u32 cluster, unsigned int *bytes)
{
	*bytes = vol->fat_bits == 32 ? 4 : 2;
	if (vol->fat_bits == 12)
		return cluster + cluster / 2;
	return cluster * (vol->fat_bits / 8);
}

int fat_get(struct fat_volume *vol, u32 cluster, u32 *value)
{
	unsigned int bytes;
	u32 offset = entry_offset(vol, cluster, &bytes), v = 0;

	for (unsigned int i = 0; i < bytes; i++) {
		u8 *s = fat_sector(vol, vol->fat_start + (offset + i) / SECTOR_SIZE);

		if (!s)
			return -EIO;
		v |= (u32)s[(offset + i) % SECTOR_SIZE] << (8 * i);
	}
	if (vol->fat_bits == 12)
		v = cluster & 1 ? v >> 4 : v & 0xfff;
	else if (vol->fat_bits == 32)
		v &= 0x0fffffff;
	*value = v;
	return 0;
}

int fat_set(struct fat_volume *vol, u32 cluster, u32 value)
{
	unsigned int bytes;
	u32 offset = entry_offset(vol, cluster, &bytes);
	u32 mask = vol->fat_bits == 12 ? (cluster & 1 ? 0xfff0 : 0x0fff) : vol->fat_bits == 16 ? 0xffff : 0x0fffffff;

	if (vol->fat_bits == 12 && (cluster & 1))
		value <<= 4;
	for (u32 copy = 0; copy < vol->fats; copy++) {
		u32 base = vol->fat_start + copy * vol->fat_length;

		for (unsigned int i = 0; i < bytes; i++) {
			u32 sector = base + (offset + i) / SECTOR_SIZE;
			u8 *s = fat_sector(vol, sector), *b;
			u8 keep = (u8)~(mask >> (8 * i));
			int err;

			if (!s)
				return -EIO;
			b = &s[(offset + i) % SECTOR_SIZE];
			*b = (u8)((*b & keep) | ((value >> (8 * i)) & ~keep));
			/* the entry's last byte in this sector: write the sector */
			if ((i + 1 == bytes || (offset + i + 1) % SECTOR_SIZE == 0) && (err = fat_sync(vol)))
				return err;
		}
	}
	return 0;
}

static u32 end_of_chain(struct fat_volume *vol)
{
	return vol->fat_bits == 12 ? 0xff8 : vol->fat_bits == 16 ? 0xfff8 : 0x0ffffff8;
}

long fat_next(struct fat_volume *vol, u32 cluster)
{
	u32 v;
	int err = fat_get(vol, cluster, &v);

	if (err)
		return err;
	if (v >= end_of_chain(vol))
		return 0;
	if (v < 2 || v >= vol->max_cluster)
		return -EIO; /* free, bad (0x...ff7) or outside the volume */
	return v;
}

int fat_alloc(struct fat_volume *vol, u32 *cluster)
{
	u32 count = vol->max_cluster - 2, c = vol->next_free;

	for (u32 i = 0; i < count; i++, c++) {
		u32 v;
		int err;

		if (c < 2 || c >= vol->max_cluster)
			c = 2;
		if ((err = fat_get(vol, c, &v)))
			return err;
		if (v)
			continue;
		if ((err = fat_set(vol, c, 0x0fffffff)))
			return err;
		vol->next_free = c + 1;
		if (vol->free_clusters != ~0u)
			vol->free_clusters--;
		*cluster = c;
		return 0;
	}
	return -ENOSPC;
}

/* From its first cluster: a reset part way leaves the rest a lost chain. */
void fat_free_chain(struct fat_volume *vol, u32 cluster)
{
	for (u32 n = 0; cluster >= 2 && cluster < vol->max_cluster && n < vol->max_cluster; n++) {
		long next = fat_next(vol, cluster);

		if (fat_set(vol, cluster, 0))
			return;
		if (vol->free_clusters != ~0u)
			vol->free_clusters++;
		if (next <= 0)
			return;
		cluster = (u32)next;
	}
}

int fat_map(struct fat_volume *vol, struct fat_node *node, u32 pos, u32 *sector)
{
	u32 index = pos / vol->cluster_size, i = 0, c = node->start;

	if (node->fixed_root) {
		if (pos >= node->clusters * SECTOR_SIZE)
			return -EIO;
		*sector = vol->root_start + pos / SECTOR_SIZE;
		return 0;
	}
	if (index >= node->clusters)
		return -EIO;
	if (node->hint_cluster && node->hint_index <= index) {
		i = node->hint_index;
		c = node->hint_cluster;
	}
	for (; i < index; i++) {
		long next = fat_next(vol, c);

		if (next <= 0) {
			fat_error(vol, "invalid cluster chain (cluster %u)", c);
			return -EIO;
		}
		c = (u32)next;
	}
	node->hint_index = index;
	node->hint_cluster = c;
	*sector = fat_cluster_sector(vol, c) + pos % vol->cluster_size / SECTOR_SIZE;
	return 0;
}

int fat_zero_cluster(struct fat_volume *vol, u32 cluster)
{
	u32 first = fat_cluster_sector(vol, cluster);

	for (u32 i = 0; i < vol->sec_per_clus; i++) {
		int err;

		memset(vol->cache, 0, SECTOR_SIZE);
		vol->cached = first + i;
		if ((err = fat_sync(vol)))
			return err;
	}
	return 0;
}
