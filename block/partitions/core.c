/* Reading a disk's partition table, as Linux's check_partition() and
 * blk_add_partitions(): try each kind of table (GPT first: its protective
 * MBR would otherwise pass for an MBR), print the line of partitions found
 * (" mmcblk0: p1 p2 < p5 p6 >"), then drop a partition that starts past the
 * end of the disk and cut one that runs past it, with Linux's messages. */
#include <stdarg.h>
#include <kernel/compiler.h>
#include <kernel/errno.h>
#include <kernel/printk.h>
#include <kernel/sprintf.h>
#include <kernel/string.h>

#include "check.h"

u32 get_le32(const u8 *p)
{
	return p[0] | (u32)p[1] << 8 | (u32)p[2] << 16 | (u32)p[3] << 24;
}

u64 get_le64(const u8 *p)
{
	return get_le32(p) | (u64)get_le32(p + 4) << 32;
}

const u8 *read_part_sector(struct parsed_partitions *state, u64 n)
{
	if (n >= state->capacity) {
		state->access_beyond_eod = true;
		return NULL;
	}
	return state->read(state->ctx, n, state->buf) ? NULL : state->buf;
}

void partition_line_add(struct parsed_partitions *state, const char *fmt, ...)
{
	size_t room = sizeof(state->line) - state->line_len;
	va_list args;
	int n;

	va_start(args, fmt);
	n = vsnprintf(state->line + state->line_len, room, fmt, args);
	va_end(args);
	state->line_len += (size_t)n < room ? (size_t)n : room - 1;
}

void put_partition(struct parsed_partitions *state, unsigned int n, u64 from, u64 size)
{
	if (n >= PARTITION_LIMIT)
		return;
	state->parts[n].from = from;
	state->parts[n].size = size;
	partition_line_add(state, " %s%u", *state->prefix ? state->prefix : state->disk_name, n);
}

static void check_end_of_disk(struct parsed_partitions *state)
{
	u64 capacity = state->capacity;

	if (state->access_beyond_eod)
		pr_warn("%s: partition table partially beyond EOD, truncated\n", state->disk_name);
	for (unsigned int p = 1; p < PARTITION_LIMIT; p++) {
		u64 from = state->parts[p].from, size = state->parts[p].size;

		if (!size)
			continue;
		if (from >= capacity) {
			pr_warn("%s: p%u start %llu is beyond EOD, truncated\n", state->disk_name, p, from);
			state->parts[p].size = 0;
		} else if (size > capacity - from) {
			pr_warn("%s: p%u size %llu extends beyond EOD, truncated\n", state->disk_name, p, size);
			state->parts[p].size = capacity - from;
		}
	}
}

int check_partition(struct parsed_partitions *state)
{
	static int (*const readers[])(struct parsed_partitions *) = { efi_partition, msdos_partition };
	size_t len = strlen(state->disk_name);
	int res = 0, err = 0;

	state->prefix = len && state->disk_name[len - 1] >= '0' && state->disk_name[len - 1] <= '9' ? "p" : "";
	for (unsigned int i = 0; !res && i < ARRAY_SIZE(readers); i++) {
		memset(state->parts, 0, sizeof(state->parts));
		state->line_len = 0;
		partition_line_add(state, " %s:", state->disk_name);
		res = readers[i](state);
		if (res < 0) {
			err = res; /* a read failed: let the next reader try */
			res = 0;
			state->access_beyond_eod = false;
		}
	}
	if (res > 0) {
		printk(KERN_INFO "%s\n", state->line);
		check_end_of_disk(state);
		return 1;
	}
	if (state->access_beyond_eod)
		err = -ENOSPC;
	if (!err)
		return 0;
	printk(KERN_INFO "%s unable to read partition table\n", state->line);
	if (err == -ENOSPC)
		pr_warn("%s: partition table beyond EOD, truncated\n", state->disk_name);
	return err;
}
