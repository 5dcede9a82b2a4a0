/* FAT directories: reading a directory's entries into inodes (8.3 names
 * and VFAT long names), and making and removing entries.
 *
 * Names are shown as Linux's vfat shows them by default (shortname=mixed):
 * the long name when a valid one (slots in order, checksum of the short
 * name matching) comes before the entry, else the 8.3 name as stored,
 * lowercased only where the NT flags of byte 12 say so; msdos shows 8.3
 * names in lowercase. Long names are ASCII here: other characters show as
 * '?', and names made here must be printable ASCII.
 *
 * A new name is stored as Linux does by default: a short entry alone when
 * the name is an uppercase 8.3 name, else long name slots and a short
 * alias (the name in uppercase if that is a unique 8.3 name, else BASE~N).
 * Every entry is written with one sector write: the slots of a name are
 * kept inside one sector (names of at most 195 characters, 16 slots), so a
 * reset leaves the name whole or absent, never a fragment. */
#include <kernel/errno.h>
#include <kernel/slab.h>
#include <kernel/sprintf.h>
#include <kernel/string.h>

#include "../internal.h"
#include "fat.h"

#define ENTRIES_PER_SECTOR (SECTOR_SIZE / FAT_ENTRY_SIZE)
#define NAME_MAX_MADE (LFN_CHARS * (ENTRIES_PER_SECTOR - 1))
#define LFN_MAX_SLOTS 20

/* Where the 13 UTF-16 characters of a long name slot are. */
static const u8 lfn_offsets[LFN_CHARS] = { 1, 3, 5, 7, 9, 14, 16, 18, 20, 22, 24, 28, 30 };

static u8 short_checksum(const u8 *name)
{
	u8 sum = 0;

	for (int i = 0; i < 11; i++)
		sum = (u8)(((sum & 1) << 7) + (sum >> 1) + name[i]);
	return sum;
}

static u32 dir_size(struct fat_volume *vol, const struct fat_node *node)
{
	return node->clusters * (node->fixed_root ? SECTOR_SIZE : vol->cluster_size);
}

/* --- Reading --------------------------------------------------------------------------- */

struct long_name {
	char name[LFN_MAX_SLOTS * LFN_CHARS + 1];
	u8 next;  /* the slot number expected next (0: none, or all seen) */
	u8 slots; /* seen so far */
	u8 sum;
};

static char shown_char(u32 c)
{
	return c < 0x20 || c > 0x7e || c == '/' ? '?' : (char)c;
}

static void long_name_add(struct long_name *ln, const u8 *de)
{
	unsigned int n = de[0] & 0x1f;

	if (de[0] & LFN_LAST) {
		if (!n || n > LFN_MAX_SLOTS)
			goto out_forget;
		ln->next = (u8)n;
		ln->slots = 0;
		ln->sum = de[13];
		ln->name[n * LFN_CHARS] = '\0';
	}
	if (!n || n != ln->next || de[0] != (n | (ln->slots ? 0 : LFN_LAST)) || de[13] != ln->sum)
		goto out_forget;
	for (unsigned int i = 0; i < LFN_CHARS; i++) {
		u32 c = get_le16(de + lfn_offsets[i]);

		ln->name[(n - 1) * LFN_CHARS + i] = c == 0 || c == 0xffff ? '\0' : shown_char(c);
	}
	ln->next--;
	ln->slots++;
	return;

out_forget:
	ln->next = ln->slots = 0;
}

/* The 8.3 name as Linux shows it: "NAME.EXT", msdos in lowercase. */
static void short_name_shown(struct fat_volume *vol, const u8 *de, char *out)
{
	char *p = out, *dot = out;

	for (unsigned int i = 0; i < 11; i++) {
		bool lower = !vol->vfat || (de[DE_LCASE] & (i < 8 ? 0x08 : 0x10));
		u8 c = i == 0 && de[0] == 0x05 ? DELETED : de[i];

		if (i == 8) {
			while (p > out && p[-1] == ' ')
				p--;
			dot = p;
			*p++ = '.';
		}
		*p++ = lower && c >= 'A' && c <= 'Z' ? (char)(c + 'a' - 'A') : shown_char(c);
	}
	while (p > dot + 1 && p[-1] == ' ')
		p--;
	*(p == dot + 1 ? dot : p) = '\0'; /* no extension: no dot */
}

static int add_child(struct fat_volume *vol, struct inode *dir, const u8 *de, u32 pos,
		     const struct long_name *ln)
{
	char short_name[13];
	const char *name = short_name;
	unsigned int slots = 1;
	struct inode *inode;
	struct fat_node *node;
	u8 attr = de[DE_ATTR];

	short_name_shown(vol, de, short_name);
	if (vol->vfat && ln->slots && !ln->next && ln->sum == short_checksum(de) && ln->name[0]) {
		name = ln->name;
		slots += ln->slots;
	}
	if (!*name || !strcmp(name, ".") || !strcmp(name, ".."))
		return 0; /* nothing sane to show it as */
	node = kzalloc(sizeof(*node));
	inode = node ? inode_new(dir->sb, dir, name, attr & ATTR_DIR ? S_IFDIR | 0755 :
						       S_IFREG | (attr & ATTR_RO ? 0555 : 0755))
		     : NULL;
	if (!inode) {
		kfree(node);
		return -ENOMEM;
	}
	inode->data = (char *)node;
	node->start = get_le16(de + DE_START) | (vol->fat_bits == 32 ? get_le16(de + DE_START_HI) << 16 : 0);
	node->entry_pos = pos;
	node->slots = (u8)slots;
	memcpy(node->short_name, de, 11);
	if (!(attr & ATTR_DIR))
		inode->size = get_le32(de + DE_SIZE);
	return 0;
}

int fat_read_dir(struct fat_volume *vol, struct inode *dir, unsigned int *entries)
{
	struct fat_node *node = FAT_NODE(dir);
	struct long_name ln = { .next = 0 };

	for (u32 pos = 0; pos < dir_size(vol, node) && *entries <= FAT_MAX_ENTRIES; pos += FAT_ENTRY_SIZE) {
		u32 sector;
		u8 *de;
		int err;

		if (fat_map(vol, node, pos, &sector) || !(de = fat_sector(vol, sector)))
			return -EIO;
		de += pos % SECTOR_SIZE;
		if (!de[0])
			break;
		if (de[0] != DELETED && (de[DE_ATTR] & 0x3f) == ATTR_LFN) {
			long_name_add(&ln, de);
			continue;
		}
		if (de[0] != DELETED && !(de[DE_ATTR] & ATTR_VOLUME)) {
			if ((err = add_child(vol, dir, de, pos, &ln)))
				return err;
			++*entries;
		}
		ln.next = ln.slots = 0;
	}
	return 0;
}

/* --- Writing --------------------------------------------------------------------------- */

/* n entries from pos in directory node: data (32 bytes each), or NULL to
 * mark them deleted; one write per sector. */
static int write_slots(struct fat_volume *vol, struct fat_node *node, u32 pos, unsigned int n, const u8 *data)
{
	for (unsigned int i = 0; i < n; i++, pos += FAT_ENTRY_SIZE) {
		u32 sector;
		int err;

		if (i == 0 || pos % SECTOR_SIZE == 0) {
			if (i && (err = fat_sync(vol)))
				return err;
			if ((err = fat_map(vol, node, pos, &sector)))
				return err;
			if (!fat_sector(vol, sector))
				return -EIO;
		}
		if (data)
			memcpy(vol->cache + pos % SECTOR_SIZE, data + i * FAT_ENTRY_SIZE, FAT_ENTRY_SIZE);
		else
			vol->cache[pos % SECTOR_SIZE] = DELETED;
	}
	return fat_sync(vol);
}

static void set_start(struct fat_volume *vol, u8 *de, u32 start)
{
	put_le16(de + DE_START, start);
	put_le16(de + DE_START_HI, vol->fat_bits == 32 ? start >> 16 : 0);
}

int fat_write_entry(struct fat_volume *vol, struct inode *inode)
{
	struct fat_node *node = FAT_NODE(inode);
	u32 sector;
	u8 *de;
	int err = fat_map(vol, FAT_NODE(inode->parent), node->entry_pos, &sector);

	if (err)
		return err;
	if (!(de = fat_sector(vol, sector)))
		return -EIO;
	de += node->entry_pos % SECTOR_SIZE;
	set_start(vol, de, node->start);
	put_le32(de + DE_SIZE, S_ISDIR(inode->mode) ? 0 : (u32)inode->size);
	return fat_sync(vol);
}

int fat_remove_entry(struct fat_volume *vol, struct inode *dir, struct inode *inode)
{
	struct fat_node *node = FAT_NODE(inode);

	return write_slots(vol, FAT_NODE(dir), node->entry_pos - (node->slots - 1u) * FAT_ENTRY_SIZE,
			   node->slots, NULL);
}

static bool short_char_ok(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || (c && strchr("!#$%&'()-@^_`{}~", c));
}

/* name's 8.3 form in out (space padded, uppercase); whether it is
 * lossless (nothing dropped or replaced), and whether name had lowercase. */
static bool make_short_name(const char *name, u8 out[11], bool *lower)
{
	const char *dot = NULL;
	unsigned int n = 0, limit = 8;
	bool exact = true;

	for (const char *p = name; *p; p++)
		if (*p == '.')
			dot = p;
	if (dot == name)
		dot = NULL; /* ".profile": no extension */
	memset(out, ' ', 11);
	*lower = false;
	for (const char *p = name; *p; p++) {
		char c = *p;

		if (p == dot) {
			n = 8;
			limit = 11;
			continue;
		}
		if (c >= 'a' && c <= 'z') {
			*lower = true;
			c = (char)(c - 'a' + 'A');
		}
		if (c == ' ' || c == '.' || n == limit) {
			exact = false;
			continue;
		}
		if (!short_char_ok(c)) {
			exact = false;
			c = '_';
		}
		out[n++] = (u8)c;
	}
	if (out[0] == ' ') {
		exact = false;
		out[0] = '_';
	}
	if (out[0] == DELETED)
		out[0] = 0x05;
	return exact;
}

/* Whether an entry of dir other than self has the 8.3 name. */
static bool short_name_taken(struct inode *dir, struct inode *self, const u8 *name)
{
	for (struct inode *c = dir->children; c; c = c->next)
		if (c != self && c->data && !memcmp(FAT_NODE(c)->short_name, name, 11))
			return true;
	return false;
}

static bool same_name_any_case(const char *a, const char *b)
{
	for (; *a && *b; a++, b++)
		if (*a != *b && ((*a | 0x20) != (*b | 0x20) || (*a | 0x20) < 'a' || (*a | 0x20) > 'z'))
			return false;
	return *a == *b;
}

/* BASE~N: the first N that no other entry of dir has (at most one per
 * entry is taken: the loop ends by the number of entries). */
static int make_alias(struct inode *dir, struct inode *self, u8 name[11])
{
	unsigned int base = 8;
	u8 alias[11];

	while (base > 1 && name[base - 1] == ' ')
		base--;
	for (unsigned int n = 1; n < 1000000; n++) {
		char tail[9];
		unsigned int len = (unsigned int)snprintf(tail, sizeof(tail), "~%u", n);
		unsigned int at = base < 8 - len ? base : 8 - len;

		memcpy(alias, name, 11);
		memcpy(alias + at, tail, len);
		memset(alias + at + len, ' ', 8 - at - len);
		if (!short_name_taken(dir, self, alias)) {
			memcpy(name, alias, 11);
			return 0;
		}
	}
	return -EEXIST;
}

/* n free entries inside one sector of dir (the directory grown by a
 * cluster if it has none): their position. */
static int find_slots(struct fat_volume *vol, struct inode *dir, unsigned int n, u32 *out)
{
	struct fat_node *node = FAT_NODE(dir);

	for (;;) {
		u32 size = dir_size(vol, node), run = 0, cluster, last_sector;
		int err;

		for (u32 pos = 0; pos < size; pos += FAT_ENTRY_SIZE) {
			u32 sector, left = (SECTOR_SIZE - pos % SECTOR_SIZE) / FAT_ENTRY_SIZE;
			u8 *de;

			if (pos % SECTOR_SIZE == 0)
				run = 0;
			if ((err = fat_map(vol, node, pos, &sector)) || !(de = fat_sector(vol, sector)))
				return err ? err : -EIO;
			de += pos % SECTOR_SIZE;
			if (de[0] && de[0] != DELETED) {
				run = 0;
				continue;
			}
			if (++run == n) {
				*out = pos - (n - 1) * FAT_ENTRY_SIZE;
				return 0;
			}
			/* The end of the directory, but too little of this sector is
			 * left: mark the rest deleted rather than end, so that what
			 * goes into the next sector is not hidden behind an end. */
			if (!de[0] && left < n - run + 1) {
				for (u32 i = pos % SECTOR_SIZE; i < SECTOR_SIZE; i += FAT_ENTRY_SIZE)
					if (!vol->cache[i])
						vol->cache[i] = DELETED;
				if ((err = fat_sync(vol)))
					return err;
				pos += (left - 1) * FAT_ENTRY_SIZE;
			}
		}
		if (node->fixed_root || !node->clusters || size + vol->cluster_size > FAT_DIR_MAX_SIZE)
			return -ENOSPC;
		/* a cluster marked end of chain, zeroed, then linked */
		if ((err = fat_map(vol, node, size - 1, &last_sector)) || (err = fat_alloc(vol, &cluster)))
			return err;
		if ((err = fat_zero_cluster(vol, cluster)) || (err = fat_set(vol, node->hint_cluster, cluster)))
			return err;
		node->clusters++;
	}
}

static void set_short_entry(struct fat_volume *vol, u8 *de, const u8 *name, u8 attr, u32 start)
{
	memset(de, 0, FAT_ENTRY_SIZE);
	memcpy(de, name, 11);
	de[DE_ATTR] = attr;
	put_le16(de + 16, 0x21); /* created, accessed and written 1980-01-01 00:00: no clock */
	put_le16(de + 18, 0x21);
	put_le16(de + DE_DATE, 0x21);
	set_start(vol, de, start);
}

/* A new directory's cluster: "." and ".." in it, the rest zero. */
static int make_dir_cluster(struct fat_volume *vol, struct inode *dir, u32 *out)
{
	static const u8 dot[11] = ".          ", dotdot[11] = "..         ";
	u32 cluster;
	int err = fat_alloc(vol, &cluster);

	if (err)
		return err;
	if ((err = fat_zero_cluster(vol, cluster)))
		return err;
	set_short_entry(vol, vol->cache, dot, ATTR_DIR, cluster);
	set_short_entry(vol, vol->cache + FAT_ENTRY_SIZE, dotdot, ATTR_DIR,
			dir == dir->sb->root ? 0 : FAT_NODE(dir)->start);
	vol->cached = fat_cluster_sector(vol, cluster);
	if ((err = fat_sync(vol)))
		return err;
	*out = cluster;
	return 0;
}

static int check_name(struct inode *dir, struct inode *self)
{
	const char *name = self->name;
	size_t len = strlen(name);

	if (len > NAME_MAX_MADE)
		return -ENAMETOOLONG;
	for (const char *p = name; *p; p++)
		if (*p < 0x20 || *p > 0x7e || strchr("\"*/:<>?\\|", *p))
			return -EINVAL;
	if (name[len - 1] == '.' || name[len - 1] == ' ')
		return -EINVAL;
	for (struct inode *c = dir->children; c; c = c->next)
		if (c != self && same_name_any_case(c->name, name))
			return -EEXIST;
	return 0;
}

int fat_add_entry(struct fat_volume *vol, struct inode *dir, struct inode *inode)
{
	struct fat_node *node = FAT_NODE(inode);
	const char *name = inode->name;
	size_t len = strlen(name);
	u8 slots[ENTRIES_PER_SECTOR * FAT_ENTRY_SIZE];
	unsigned int n = 1, lfn;
	bool lower, exact, taken;
	u32 pos, start = 0;
	int err = check_name(dir, inode);

	if (err)
		return err;
	exact = make_short_name(name, node->short_name, &lower);
	taken = short_name_taken(dir, inode, node->short_name);
	if (!vol->vfat) {
		if (!exact || taken)
			return exact ? -EEXIST : -EINVAL; /* msdos: 8.3 names only */
	} else if (!exact || lower || taken) {
		n += (unsigned int)(len + LFN_CHARS - 1) / LFN_CHARS;
		if ((!exact || taken) && (err = make_alias(dir, inode, node->short_name)))
			return err;
	}
	if ((err = find_slots(vol, dir, n, &pos)))
		return err;
	if (S_ISDIR(inode->mode) && (err = make_dir_cluster(vol, dir, &start)))
		return err;
	lfn = n - 1;
	for (unsigned int i = 0; i < lfn; i++) {
		u8 *de = slots + i * FAT_ENTRY_SIZE;
		unsigned int ord = lfn - i;

		memset(de, 0, FAT_ENTRY_SIZE);
		de[0] = (u8)(ord | (i == 0 ? LFN_LAST : 0));
		de[DE_ATTR] = ATTR_LFN;
		de[13] = short_checksum(node->short_name);
		for (unsigned int j = 0; j < LFN_CHARS; j++) {
			size_t at = (ord - 1) * LFN_CHARS + j;

			put_le16(de + lfn_offsets[j], at < len ? (u8)name[at] : at == len ? 0 : 0xffff);
		}
	}
	set_short_entry(vol, slots + lfn * FAT_ENTRY_SIZE, node->short_name,
			S_ISDIR(inode->mode) ? ATTR_DIR : ATTR_ARCH, start);
	node->start = start;
	node->clusters = start ? 1 : 0;
	node->entry_pos = pos + lfn * FAT_ENTRY_SIZE;
	node->slots = (u8)n;
	return write_slots(vol, FAT_NODE(dir), pos, n, slots);
}
