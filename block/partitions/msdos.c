/* The MBR (DOS) partition table, as Linux's msdos_partition(): four primary
 * entries at 0x1be, and extended partitions (types 0x05, 0x0f, 0x85) that
 * hold a chain of EBRs, each giving one logical partition (numbered 5, 6, ...)
 * and a link to the next. A protective MBR (type 0xee) is left to the GPT
 * reader; a FAT boot sector on the whole disk is a table with no partitions. */
#include <kernel/errno.h>
#include <kernel/printk.h>

#include "check.h"

/* The four 16-byte entries: boot flag at 0, type at 4, start and size at 8 and 12. */
#define ENTRY(sector, i) ((sector) + 0x1be + 16 * (i))
#define BOOT(e) ((e)[0])
#define TYPE(e) ((e)[4])
#define START(e) get_le32((e) + 8)
#define SIZE(e) get_le32((e) + 12)
#define TYPE_GPT_PROTECTIVE 0xee
/* Links followed without finding a partition: a chain this long is a loop. */
#define MAX_EMPTY_LINKS 100

static bool is_extended(const u8 *e)
{
	return TYPE(e) == 0x05 || TYPE(e) == 0x0f || TYPE(e) == 0x85;
}

/* The logical partitions of the extended partition [first, first + first_size). */
static void parse_extended(struct parsed_partitions *state, u64 first, u64 first_size)
{
	u64 this_sector = first, this_size = first_size;
	unsigned int empty_links = 0;

	for (;;) {
		const u8 *data, *e;
		int i;

		if (++empty_links > MAX_EMPTY_LINKS) {
			pr_warn("%s: extended partition: %u links without a partition, the rest ignored\n",
				state->disk_name, MAX_EMPTY_LINKS);
			return;
		}
		data = read_part_sector(state, this_sector);
		if (!data || !msdos_magic_present(data))
			return;
		/* The data partitions first: usually entry 0; entries 2 and 3
		 * only if they lie inside this EBR's and the extended partition. */
		for (i = 0; i < 4; i++) {
			u64 offs, size, next;

			e = ENTRY(data, i);
			offs = START(e);
			size = SIZE(e);
			next = this_sector + offs;
			if (!size || is_extended(e))
				continue;
			if (i >= 2 && (offs + size > this_size || next + size > first + first_size))
				continue;
			if (state->next >= PARTITION_LIMIT) {
				pr_warn("%s: more than %u partitions, the rest ignored\n", state->disk_name,
					PARTITION_LIMIT - 1);
				return;
			}
			put_partition(state, state->next++, next, size);
			empty_links = 0;
		}
		/* Then the link to the next EBR, relative to the extended partition. */
		for (i = 0; i < 4 && !(SIZE(ENTRY(data, i)) && is_extended(ENTRY(data, i))); i++)
			;
		if (i == 4)
			return;
		e = ENTRY(data, i);
		this_sector = first + START(e);
		this_size = SIZE(e);
	}
}

int msdos_partition(struct parsed_partitions *state)
{
	const u8 *data = read_part_sector(state, 0), *e;
	int slot;

	if (!data)
		return -EIO;
	if (!msdos_magic_present(data))
		return 0;
	for (slot = 0; slot < 4; slot++) {
		e = ENTRY(data, slot);
		/* A boot flag other than 0 or 0x80: no partition table, but
		 * maybe a FAT boot sector (reserved sectors, FATs, media byte). */
		if (BOOT(e) && BOOT(e) != 0x80) {
			if (slot == 0 && (data[0x0e] || data[0x0f]) && data[0x10] &&
			    (data[0x15] >= 0xf8 || data[0x15] == 0xf0)) {
				printk("\n"); /* Linux's empty line, before " mmcblk0:" */
				return 1;
			}
			return 0;
		}
		if (TYPE(e) == TYPE_GPT_PROTECTIVE)
			return 0;
	}
	state->next = 5;
	for (slot = 0; slot < 4; slot++) {
		u64 start, size;

		e = ENTRY(data, slot);
		start = START(e);
		size = SIZE(e);
		if (!size)
			continue;
		if (is_extended(e)) {
			/* Linux shows 2 sectors of it (room for LILO, never mkfs). */
			put_partition(state, slot + 1, start, size < 2 ? size : 2);
			partition_line_add(state, " <");
			parse_extended(state, start, size);
			partition_line_add(state, " >");
			/* the EBRs took the buffer: the MBR again for the next slots */
			data = read_part_sector(state, 0);
			if (!data)
				return 1;
			continue;
		}
		put_partition(state, slot + 1, start, size);
	}
	return 1;
}
