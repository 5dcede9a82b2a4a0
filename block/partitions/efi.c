/* The GUID Partition Table, as Linux's efi_partition(): a protective MBR
 * (type 0xee from LBA 1), the header at LBA 1 (signature, header CRC32, its
 * own LBA, usable range and entry array inside the disk, 128-byte entries,
 * the array's CRC32) and its backup at the disk's last LBA, used with a
 * message when the primary is bad. Entry i is partition i + 1; entries with
 * a zero type GUID are unused. Linux reads the backup only with "gpt" on the
 * command line; initk always falls back to it. */
#include <kernel/crc32.h>
#include <kernel/errno.h>
#include <kernel/printk.h>
#include <kernel/string.h>

#include "check.h"

#define ENTRY_SIZE 128
#define ENTRIES_PER_SECTOR (SECTOR_SIZE / ENTRY_SIZE)
#define HEADER_MIN_SIZE 92
/* The most of an entry array Linux reads (KMALLOC_MAX_SIZE on 32-bit ARM). */
#define MAX_ARRAY_BYTES (4u << 20)

struct gpt {
	u64 alternate_lba, entries_lba;
	u32 entries;
};

static bool protective_mbr(struct parsed_partitions *state)
{
	const u8 *data = read_part_sector(state, 0);

	if (!data || !msdos_magic_present(data))
		return false;
	for (const u8 *e = data + 0x1be; e < data + 0x1fe; e += 16)
		if (e[4] == 0xee && get_le32(e + 8) == 1)
			return true;
	return false;
}

/* The header at lba and its entry array, checked as Linux's is_gpt_valid(). */
static bool gpt_valid(struct parsed_partitions *state, u64 lba, struct gpt *gpt)
{
	u64 last = state->capacity - 1, first_usable, last_usable;
	u8 *h = state->buf;
	u32 size, crc, array_crc, bytes, sectors;

	if (lba > last || !read_part_sector(state, lba) || memcmp(h, "EFI PART", 8))
		return false;
	size = get_le32(h + 12);
	if (size < HEADER_MIN_SIZE || size > SECTOR_SIZE)
		return false;
	crc = get_le32(h + 16);
	memset(h + 16, 0, 4); /* the CRC covers the header with its own field zero */
	if (crc32(0, h, size) != crc || get_le64(h + 24) != lba)
		return false;
	first_usable = get_le64(h + 40);
	last_usable = get_le64(h + 48);
	if (first_usable > last || last_usable > last || last_usable < first_usable)
		return false;
	gpt->alternate_lba = get_le64(h + 32);
	gpt->entries_lba = get_le64(h + 72);
	gpt->entries = get_le32(h + 80);
	array_crc = get_le32(h + 88);
	if (get_le32(h + 84) != ENTRY_SIZE || !gpt->entries || gpt->entries > MAX_ARRAY_BYTES / ENTRY_SIZE)
		return false;
	bytes = gpt->entries * ENTRY_SIZE;
	sectors = (bytes + SECTOR_SIZE - 1) / SECTOR_SIZE;
	if (gpt->entries_lba > last || sectors > last - gpt->entries_lba + 1)
		return false;
	crc = 0;
	for (u32 i = 0; i < sectors; i++, bytes -= SECTOR_SIZE) {
		if (!read_part_sector(state, gpt->entries_lba + i))
			return false;
		crc = crc32(crc, h, bytes < SECTOR_SIZE ? bytes : SECTOR_SIZE);
	}
	return crc == array_crc;
}

static bool guid_is_zero(const u8 *guid)
{
	for (int i = 0; i < 16; i++)
		if (guid[i])
			return false;
	return true;
}

int efi_partition(struct parsed_partitions *state)
{
	u64 last = state->capacity - 1;
	struct gpt gpt, alternate;
	const u8 *data = NULL;

	if (!protective_mbr(state))
		return 0;
	if (gpt_valid(state, 1, &gpt)) {
		if (!gpt_valid(state, gpt.alternate_lba, &alternate))
			pr_warn("Alternate GPT is invalid, using primary GPT.\n");
	} else if (gpt_valid(state, last, &gpt)) {
		pr_warn("Primary GPT is invalid, using alternate GPT.\n");
	} else {
		return 0;
	}
	for (u32 i = 0; i < gpt.entries && i < PARTITION_LIMIT - 1; i++) {
		const u8 *e;
		u64 start, end;

		if (i % ENTRIES_PER_SECTOR == 0 && !(data = read_part_sector(state, gpt.entries_lba + i / ENTRIES_PER_SECTOR)))
			return -EIO;
		e = data + (i % ENTRIES_PER_SECTOR) * ENTRY_SIZE;
		start = get_le64(e + 32);
		end = get_le64(e + 40);
		if (guid_is_zero(e) || start > last || end > last)
			continue;
		put_partition(state, i + 1, start, end - start + 1);
	}
	return 1;
}
