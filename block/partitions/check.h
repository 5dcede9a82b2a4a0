/* What the partition table readers share: the state of one disk's scan (as
 * Linux's struct parsed_partitions), the sector-reading callback the caller
 * gives, and little-endian field access. Pure code: block/partitions/ builds
 * for the host unchanged, for the unit tests and the fuzzer. */
#ifndef BLOCK_PARTITIONS_CHECK_H
#define BLOCK_PARTITIONS_CHECK_H

#include <kernel/blkdev.h>
#include <kernel/compiler.h>
#include <kernel/types.h>

/* Partitions numbered 1 .. PARTITION_LIMIT - 1 are kept (Linux: 1 .. 255). */
#define PARTITION_LIMIT (DISK_MAX_PARTS + 1)

struct parsed_partitions {
	/* Given by the caller. */
	const char *disk_name;
	u64 capacity; /* sectors of 512 bytes */
	/* Sector sector of the disk into buf (512 bytes): 0 or a negative errno. */
	int (*read)(void *ctx, u64 sector, void *buf);
	void *ctx;

	/* Found: parts[n] is partition n; size 0 means there is none. */
	struct {
		u64 from, size;
	} parts[PARTITION_LIMIT];
	unsigned int next;     /* msdos: the next logical partition's number */
	bool access_beyond_eod; /* the table pointed past the end of the disk */
	char line[160];        /* " mmcblk0: p1 p2 < p5 p6 >", as Linux prints it */
	size_t line_len;
	const char *prefix;    /* of partition names: "p" if the disk's name ends in a digit, else "" */
	u8 buf[SECTOR_SIZE];
};

/* Read the table (GPT, then MBR), print its line as Linux does, then drop or
 * cut what lies past the end of the disk (with Linux's messages). Returns 1
 * if a table was found (state->parts filled), 0 if there is none, or a
 * negative errno if the disk could not be read. */
int check_partition(struct parsed_partitions *state);

/* The readers: 1 found, 0 not this kind of table, negative: a read failed. */
int efi_partition(struct parsed_partitions *state);
int msdos_partition(struct parsed_partitions *state);

/* For the readers: sector n into state->buf (NULL past the end or on error). */
const u8 *read_part_sector(struct parsed_partitions *state, u64 n);
/* Partition n (ignored if n is past the limit), shown in the line. */
void put_partition(struct parsed_partitions *state, unsigned int n, u64 from, u64 size);
/* Append to the line (" <", " >"); what does not fit is cut. */
void partition_line_add(struct parsed_partitions *state, const char *fmt, ...) __printf(2, 3);

/* Little-endian fields, at any alignment. */
u32 get_le32(const u8 *p);
u64 get_le64(const u8 *p);

static inline bool msdos_magic_present(const u8 *sector)
{
	return sector[510] == 0x55 && sector[511] == 0xaa;
}

#endif
