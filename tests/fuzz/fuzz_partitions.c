/*
 * libFuzzer target for the partition table readers (block/partitions/).
 *
 * The input is a whole disk: its sectors, the last one padded with zeros.
 * Seeds are small images sfdisk writes (MBR with primaries, MBR with
 * logicals, GPT with a short entry array) and hand-broken copies (a corrupt
 * primary GPT header, an EBR that links to itself): see the Makefile. Each
 * input is scanned twice and must give the same result both times: 1, 0 or
 * a negative errno; every partition kept inside the disk; the printed line
 * inside its buffer and terminated; no read past the disk; and a bounded
 * number of reads (no endless EBR chain). A failed check aborts, which
 * libFuzzer reports as a crash.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <kernel/errno.h>

#include "../../block/partitions/check.h"

void printk_capture_reset(void);

#define check(cond)                                                                \
	do {                                                                       \
		if (!(cond)) {                                                     \
			fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, \
				#cond);                                            \
			abort();                                                   \
		}                                                                  \
	} while (0)

/* A GPT's entry array may be 4 MiB (8192 sectors), read once per header
 * tried; an EBR chain 100 links between partitions. */
#define MAX_READS (3 * 8192 + 4 * 200 * PARTITION_LIMIT)

static const uint8_t *input;
static size_t input_size;
static unsigned int reads;

static int read_sector(void *ctx, u64 sector, void *buf)
{
	u64 offset = sector * SECTOR_SIZE;
	size_t n;

	(void)ctx;
	check(offset < input_size);
	check(++reads <= MAX_READS);
	n = input_size - offset < SECTOR_SIZE ? input_size - offset : SECTOR_SIZE;
	memset(buf, 0, SECTOR_SIZE);
	memcpy(buf, input + offset, n);
	return 0;
}

static int scan(struct parsed_partitions *state)
{
	int res;

	memset(state, 0, sizeof(*state));
	state->disk_name = "mmcblk0";
	state->capacity = (input_size + SECTOR_SIZE - 1) / SECTOR_SIZE;
	state->read = read_sector;
	reads = 0;
	printk_capture_reset();
	res = check_partition(state);
	check(res == 1 || res == 0 || res == -ENOSPC || res == -EIO);
	check(state->line_len < sizeof(state->line) && state->line[state->line_len] == '\0');
	for (unsigned int p = 1; p < PARTITION_LIMIT; p++) {
		if (!state->parts[p].size || res != 1)
			continue;
		check(state->parts[p].from < state->capacity);
		check(state->parts[p].size <= state->capacity - state->parts[p].from);
	}
	return res;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct parsed_partitions first, second;
	int res;

	if (!size)
		return 0;
	input = data;
	input_size = size;
	res = scan(&first);
	check(scan(&second) == res);
	check(!memcmp(first.parts, second.parts, sizeof(first.parts)));
	check(!strcmp(first.line, second.line));
	return 0;
}
