/*
 * Host unit tests for the partition table readers (block/partitions/).
 *
 * Real tables come from sfdisk (util-linux), written by the test on images
 * in a temporary directory: MBR with primaries, MBR with an extended
 * partition holding logicals (and a primary after it), GPT with a hole in
 * its numbering, GPT with 20 partitions. What the reader found is checked
 * against `sfdisk -d` of the same image (start, size, number; an extended
 * partition shows 2 sectors, as in Linux), and the line printed against the
 * one Linux builds from that dump. Hand-corrupted tables, patched here on
 * such images with the CRCs recomputed by the test's own bitwise CRC-32:
 * a corrupt primary GPT header or entry array (the backup is used, with
 * Linux's message), both corrupt (no table), absurd entry counts and
 * arrays past the disk, GPT entries past the disk or of zero size, MBR
 * partitions past the end (dropped or cut, with Linux's messages), EBR
 * chains that loop with and without partitions, an EBR past the disk, zero
 * sizes, a FAT boot sector, an empty disk and a failing read. The reading
 * callback fails the test if a reader asks for a sector past the disk, and
 * every image is exactly its size in memory (ASan sees reads past it).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../block/partitions/check.h"

const char *printk_captured(void);
void printk_capture_reset(void);

#define SFDISK "/usr/sbin/sfdisk"
#define MiB_SECTORS 2048

static char tmpdir[] = "/tmp/initk-partitions-XXXXXX";

struct disk {
	char path[256];
	u8 *data;
	u64 sectors;
	u64 fail_from; /* reads from this sector on fail (0: none fail) */
	unsigned int reads;
};

struct expected {
	unsigned int n;
	u64 start, size;
	bool extended;
};

/* ---- images ------------------------------------------------------------------ */

static void load(struct disk *d)
{
	FILE *f = fopen(d->path, "rb");

	assert_non_null(f);
	d->data = malloc(d->sectors * SECTOR_SIZE);
	assert_non_null(d->data);
	assert_int_equal(fread(d->data, SECTOR_SIZE, d->sectors, f), d->sectors);
	fclose(f);
}

/* An image of sectors sectors, sfdisk's script written on it. Lines of the
 * script name partitions "@N : ..." (@ becomes the image's path). */
static struct disk make_disk(const char *name, u64 sectors, const char *script)
{
	struct disk d = { .sectors = sectors };
	char cmd[600], line[512];
	const char *s = script;
	FILE *p;

	snprintf(d.path, sizeof(d.path), "%s/%s", tmpdir, name);
	{
		FILE *f = fopen(d.path, "wb");

		assert_non_null(f);
		assert_int_equal(ftruncate(fileno(f), (off_t)(sectors * SECTOR_SIZE)), 0);
		fclose(f);
	}
	if (script) {
		snprintf(cmd, sizeof(cmd), SFDISK " -q --no-reread --no-tell-kernel '%s' >/dev/null", d.path);
		p = popen(cmd, "w");
		assert_non_null(p);
		while (*s) {
			size_t n = strcspn(s, "\n");

			snprintf(line, sizeof(line), "%.*s\n", (int)n, s);
			if (line[0] == '@')
				fprintf(p, "%s%s", d.path, line + 1);
			else
				fputs(line, p);
			s += n + (s[n] == '\n');
		}
		assert_int_equal(pclose(p), 0);
	}
	load(&d);
	return d;
}

static void free_disk(struct disk *d)
{
	free(d->data);
	unlink(d->path);
}

/* What sfdisk says is on the image: `sfdisk -d`, its partition lines. */
static unsigned int sfdisk_dump(const struct disk *d, struct expected *out, unsigned int max)
{
	char cmd[400], line[512];
	unsigned int n = 0;
	size_t plen = strlen(d->path);
	FILE *p;

	snprintf(cmd, sizeof(cmd), SFDISK " -d '%s'", d->path);
	p = popen(cmd, "r");
	assert_non_null(p);
	while (fgets(line, sizeof(line), p)) {
		unsigned long long start, size;
		unsigned int num;
		char type[64];

		if (strncmp(line, d->path, plen))
			continue;
		assert_int_equal(sscanf(line + plen, "%u : start= %llu, size= %llu, type=%63[^,\n]", &num, &start,
					&size, type), 4);
		assert_true(n < max);
		out[n++] = (struct expected){ num, start, size,
					     !strcmp(type, "5") || !strcmp(type, "f") || !strcmp(type, "85") };
	}
	assert_int_equal(pclose(p), 0);
	return n;
}

/* ---- reading --------------------------------------------------------------------- */

static int disk_read(void *ctx, u64 sector, void *buf)
{
	struct disk *d = ctx;

	assert_true(sector < d->sectors); /* the readers never ask past the disk */
	d->reads++;
	assert_true(d->reads < 100000);
	if (d->fail_from && sector >= d->fail_from)
		return -5;
	memcpy(buf, d->data + sector * SECTOR_SIZE, SECTOR_SIZE);
	return 0;
}

static struct parsed_partitions *scan(struct disk *d, const char *name, int want)
{
	static struct parsed_partitions state;

	memset(&state, 0, sizeof(state));
	state.disk_name = name;
	state.capacity = d->sectors;
	state.read = disk_read;
	state.ctx = d;
	printk_capture_reset();
	assert_int_equal(check_partition(&state), want);
	return &state;
}

/* The partitions found are exactly those of the list, and nothing else. */
static void assert_parts(const struct parsed_partitions *st, const struct expected *e, unsigned int n)
{
	for (unsigned int p = 1; p < PARTITION_LIMIT; p++) {
		const struct expected *found = NULL;

		for (unsigned int i = 0; i < n; i++)
			if (e[i].n == p)
				found = &e[i];
		if (!found || !found->size) {
			if (st->parts[p].size)
				fail_msg("p%u found at %llu (%llu sectors): not in the table", p, st->parts[p].from,
					 st->parts[p].size);
			continue;
		}
		assert_int_equal(st->parts[p].from, found->start);
		assert_int_equal(st->parts[p].size, found->extended && found->size > 2 ? 2 : found->size);
	}
}

/* The line Linux prints for the dump's partitions: in the dump's order, but
 * an MBR's logicals between " <" and " >" after its extended partition. */
static void expected_line(char *out, size_t size, const char *name, const struct expected *e, unsigned int n)
{
	size_t len = (size_t)snprintf(out, size, "\0016 %s:", name);
	bool digit = name[strlen(name) - 1] >= '0' && name[strlen(name) - 1] <= '9';
	bool has_extended = false;

	for (unsigned int i = 0; i < n; i++)
		has_extended |= e[i].extended;
	for (unsigned int i = 0; i < n; i++) {
		if (e[i].n >= PARTITION_LIMIT || (has_extended && e[i].n > 4))
			continue;
		len += (size_t)snprintf(out + len, size - len, " %s%u", digit ? "p" : name, e[i].n);
		if (!e[i].extended)
			continue;
		len += (size_t)snprintf(out + len, size - len, " <");
		for (unsigned int j = 0; j < n; j++)
			if (e[j].n > 4 && e[j].n < PARTITION_LIMIT)
				len += (size_t)snprintf(out + len, size - len, " %s%u", digit ? "p" : name, e[j].n);
		len += (size_t)snprintf(out + len, size - len, " >");
	}
	snprintf(out + len, size - len, "\n");
}

/* Scan, then compare with sfdisk's dump: partitions and the printed line. */
static void check_against_sfdisk(struct disk *d, const char *name, const char *messages_before)
{
	struct expected e[64];
	unsigned int n = sfdisk_dump(d, e, 64);
	char line[512], want[1024];
	struct parsed_partitions *st = scan(d, name, 1);

	assert_true(n > 0);
	assert_parts(st, e, n);
	expected_line(line, sizeof(line), name, e, n);
	snprintf(want, sizeof(want), "%s%s", messages_before, line);
	assert_string_equal(printk_captured(), want);
}

/* ---- a reference CRC-32 (bitwise) and GPT patching --------------------------------- */

static u32 ref_crc32(const u8 *p, size_t len)
{
	u32 crc = 0xffffffff;

	while (len--) {
		crc ^= *p++;
		for (int i = 0; i < 8; i++)
			crc = crc & 1 ? (crc >> 1) ^ 0xedb88320 : crc >> 1;
	}
	return ~crc;
}

static void put32(u8 *p, u32 v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (u8)(v >> (8 * i));
}

static void put64(u8 *p, u64 v)
{
	put32(p, (u32)v);
	put32(p + 4, (u32)(v >> 32));
}

static u8 *sector(struct disk *d, u64 lba)
{
	return d->data + lba * SECTOR_SIZE;
}

static void gpt_fix_header_crc(u8 *h)
{
	u32 size = get_le32(h + 12);

	put32(h + 16, 0);
	put32(h + 16, ref_crc32(h, size <= SECTOR_SIZE ? size : SECTOR_SIZE));
}

/* Recompute the CRC of the entry array (of array_entries entries) and the header's. */
static void gpt_fix_crcs(struct disk *d, u64 header_lba, u32 array_entries)
{
	u8 *h = sector(d, header_lba);
	u64 entries_lba = get_le64(h + 72);

	put32(h + 88, ref_crc32(sector(d, entries_lba), (size_t)array_entries * 128));
	gpt_fix_header_crc(h);
}

static void gpt_fix_both(struct disk *d)
{
	gpt_fix_crcs(d, 1, get_le32(sector(d, 1) + 80));
	gpt_fix_crcs(d, d->sectors - 1, get_le32(sector(d, d->sectors - 1) + 80));
}

static const char gpt_script[] = "label: gpt\n"
				 "@1 : start=2048, size=2048\n"
				 "@3 : start=4096, size=4096, type=0FC63DAF-8483-4772-8E79-3D69D8477DE4\n"
				 "@4 : start=8192, size=8192\n";

/* ---- MBR ----------------------------------------------------------------------------- */

static void test_mbr_primaries(void **s)
{
	struct disk d = make_disk("primaries.img", 16 * MiB_SECTORS,
				  "label: dos\nstart=2048, size=4096, type=83\nsize=2048, type=c\n"
				  "size=1024, type=82\nsize=8192, type=83, bootable\n");

	(void)s;
	check_against_sfdisk(&d, "mmcblk0", "");
	/* a name without a final digit: partitions are sda1, not sdap1 */
	check_against_sfdisk(&d, "sda", "");
	assert_string_equal(printk_captured(), "\0016 sda: sda1 sda2 sda3 sda4\n");
	free_disk(&d);
}

static const char logical_script[] = "label: dos\n"
				     "@1 : start=2048, size=2048, type=83\n"
				     "@2 : start=4096, size=16384, type=5\n"
				     "@3 : start=20480, size=2048, type=c\n"
				     "@5 : start=6144, size=2048, type=83\n"
				     "@6 : start=10240, size=2048\n"
				     "@7 : start=14336, size=4096\n";

static void test_mbr_logicals(void **s)
{
	struct disk d = make_disk("logicals.img", 16 * MiB_SECTORS, logical_script);

	(void)s;
	check_against_sfdisk(&d, "mmcblk0", "");
	assert_string_equal(printk_captured(), "\0016 mmcblk0: p1 p2 < p5 p6 p7 > p3\n");
	free_disk(&d);
	/* Windows' type 0x0f and Linux's 0x85 are extended partitions too */
	d = make_disk("logicals-f.img", 16 * MiB_SECTORS, logical_script);
	sector(&d, 0)[0x1be + 16 + 4] = 0x0f;
	check_against_sfdisk(&d, "mmcblk0", "");
	sector(&d, 0)[0x1be + 16 + 4] = 0x85;
	scan(&d, "mmcblk0", 1);
	assert_string_equal(printk_captured(), "\0016 mmcblk0: p1 p2 < p5 p6 p7 > p3\n");
	free_disk(&d);
}

static void test_mbr_beyond_the_disk(void **s)
{
	struct disk d = make_disk("eod.img", 16 * MiB_SECTORS,
				  "label: dos\nstart=2048, size=2048\nstart=4096, size=2048\nstart=8192, size=2048\n");
	u8 *mbr = sector(&d, 0);
	struct expected want[] = { { 1, 2048, 2048, false }, { 3, d.sectors - 100, 100, false } };
	struct parsed_partitions *st;
	char msg[512];

	(void)s;
	put32(mbr + 0x1be + 16 + 8, (u32)d.sectors + 10);  /* p2 starts past the end */
	put32(mbr + 0x1be + 32 + 8, (u32)d.sectors - 100); /* p3 runs 900 sectors past it */
	put32(mbr + 0x1be + 32 + 12, 1000);
	st = scan(&d, "mmcblk0", 1);
	assert_parts(st, want, 2);
	snprintf(msg, sizeof(msg),
		 "\0016 mmcblk0: p1 p2 p3\n"
		 "\0014mmcblk0: p2 start %llu is beyond EOD, truncated\n"
		 "\0014mmcblk0: p3 size 1000 extends beyond EOD, truncated\n",
		 d.sectors + 10);
	assert_string_equal(printk_captured(), msg);
	free_disk(&d);
}

static void test_mbr_zero_sizes(void **s)
{
	struct disk d = make_disk("zero.img", 16 * MiB_SECTORS, logical_script);
	struct expected e[8];
	unsigned int n = sfdisk_dump(&d, e, 8);

	(void)s;
	assert_int_equal(n, 6);
	put32(sector(&d, 0) + 0x1be + 12, 0); /* p1: size 0 */
	put32(sector(&d, 4096) + 0x1be + 12, 0); /* p5 (first EBR, entry 0): size 0 */
	/* p1 is gone; the logicals are numbered as found, so p6 and p7 become p5 and p6 */
	e[0].size = 0;
	e[3].start = e[4].start, e[3].size = e[4].size;
	e[4].start = e[5].start, e[4].size = e[5].size;
	e[5].size = 0;
	assert_parts(scan(&d, "mmcblk0", 1), e, n);
	assert_string_equal(printk_captured(), "\0016 mmcblk0: p2 < p5 p6 > p3\n");
	free_disk(&d);
}

static void test_ebr_loops(void **s)
{
	struct disk d = make_disk("loop.img", 16 * MiB_SECTORS, logical_script);
	u8 *ebr = sector(&d, 4096);
	struct parsed_partitions *st;

	(void)s;
	/* The first EBR links to itself: p5 again and again, until the limit. */
	put32(ebr + 0x1be + 16 + 8, 0);
	st = scan(&d, "mmcblk0", 1);
	for (unsigned int p = 5; p < PARTITION_LIMIT; p++) {
		assert_int_equal(st->parts[p].from, 6144);
		assert_int_equal(st->parts[p].size, 2048);
	}
	assert_string_equal(printk_captured(),
			    "\0014mmcblk0: more than 16 partitions, the rest ignored\n"
			    "\0016 mmcblk0: p1 p2 < p5 p6 p7 p8 p9 p10 p11 p12 p13 p14 p15 p16 > p3\n");
	/* ... and without a partition in it: stopped after 100 links. */
	memset(ebr + 0x1be, 0, 16);
	st = scan(&d, "mmcblk0", 1);
	assert_int_equal(st->parts[5].size, 0);
	assert_string_equal(printk_captured(),
			    "\0014mmcblk0: extended partition: 100 links without a partition, the rest ignored\n"
			    "\0016 mmcblk0: p1 p2 < > p3\n");
	assert_true(d.reads < 200);
	free_disk(&d);
}

static void test_ebr_outside_the_disk(void **s)
{
	struct disk d = make_disk("ebr-eod.img", 16 * MiB_SECTORS, logical_script);

	(void)s;
	put32(sector(&d, 4096) + 0x1be + 16 + 8, (u32)d.sectors); /* the link to the second EBR */
	scan(&d, "mmcblk0", 1);
	assert_string_equal(printk_captured(), "\0016 mmcblk0: p1 p2 < p5 > p3\n"
					       "\0014mmcblk0: partition table partially beyond EOD, truncated\n");
	free_disk(&d);
}

static void test_no_table_fat_and_errors(void **s)
{
	struct disk d = make_disk("empty.img", 4 * MiB_SECTORS, NULL);
	struct parsed_partitions *st;
	u8 *b = sector(&d, 0);

	(void)s;
	scan(&d, "mmcblk0", 0);
	assert_string_equal(printk_captured(), "");
	/* a FAT boot sector on the whole disk: Linux's empty line and a bare name */
	b[0] = 0xeb, b[0x0e] = 1, b[0x10] = 2, b[0x15] = 0xf8, b[510] = 0x55, b[511] = 0xaa;
	b[0x1be] = 0x12; /* boot code where the first entry's boot flag would be */
	st = scan(&d, "mmcblk0", 1);
	assert_string_equal(printk_captured(), "\n\0016 mmcblk0:\n");
	for (unsigned int p = 1; p < PARTITION_LIMIT; p++)
		assert_int_equal(st->parts[p].size, 0);
	b[0x15] = 0x12; /* not a FAT media byte: nothing */
	scan(&d, "mmcblk0", 0);
	assert_string_equal(printk_captured(), "");
	/* the first sector cannot be read */
	d.fail_from = 0;
	free_disk(&d);
	d = make_disk("fail.img", 16 * MiB_SECTORS, logical_script);
	d.fail_from = 1; /* a table whose EBRs cannot be read: p1 and p3 only */
	scan(&d, "mmcblk0", 1);
	assert_string_equal(printk_captured(), "\0016 mmcblk0: p1 p2 < > p3\n");
	free_disk(&d);
}

static int fail_all(void *ctx, u64 sector, void *buf)
{
	(void)ctx, (void)sector, (void)buf;
	return -5;
}

static void test_read_error(void **s)
{
	struct parsed_partitions st = { .disk_name = "mmcblk0", .capacity = 100, .read = fail_all };

	(void)s;
	printk_capture_reset();
	assert_int_equal(check_partition(&st), -5);
	assert_string_equal(printk_captured(), "\0016 mmcblk0: unable to read partition table\n");
}

/* ---- GPT ----------------------------------------------------------------------------- */

static void test_gpt(void **s)
{
	struct disk d = make_disk("gpt.img", 16 * MiB_SECTORS, gpt_script);

	(void)s;
	check_against_sfdisk(&d, "mmcblk0", "");
	assert_string_equal(printk_captured(), "\0016 mmcblk0: p1 p3 p4\n");
	free_disk(&d);
}

static void test_gpt_more_partitions_than_kept(void **s)
{
	char script[2048];
	size_t len = (size_t)snprintf(script, sizeof(script), "label: gpt\n");
	struct disk d;

	(void)s;
	for (int i = 0; i < 20; i++)
		len += (size_t)snprintf(script + len, sizeof(script) - len, "size=1024\n");
	d = make_disk("gpt20.img", 32 * MiB_SECTORS, script);
	check_against_sfdisk(&d, "mmcblk0", ""); /* the dump's p17..p20 are left out of both */
	assert_string_equal(printk_captured(), "\0016 mmcblk0: p1 p2 p3 p4 p5 p6 p7 p8 p9 p10 p11 p12 p13 p14 p15 p16\n");
	free_disk(&d);
}

static void test_gpt_backup_used_when_primary_is_bad(void **s)
{
	struct disk d = make_disk("gpt-bad-primary.img", 16 * MiB_SECTORS, gpt_script);

	(void)s;
	sector(&d, 1)[60] ^= 1; /* a byte of the disk GUID: the header's CRC fails */
	check_against_sfdisk(&d, "mmcblk0", "\0014Primary GPT is invalid, using alternate GPT.\n");
	sector(&d, 1)[60] ^= 1;
	sector(&d, 2)[56] ^= 1; /* a byte of the first entry's name: the array's CRC fails */
	check_against_sfdisk(&d, "mmcblk0", "\0014Primary GPT is invalid, using alternate GPT.\n");
	sector(&d, 2)[56] ^= 1;
	sector(&d, d.sectors - 1)[60] ^= 1; /* the backup is bad: the primary is used, with a word */
	check_against_sfdisk(&d, "mmcblk0", "\0014Alternate GPT is invalid, using primary GPT.\n");
	sector(&d, 1)[0] = 'X'; /* and the primary's signature: neither is good */
	scan(&d, "mmcblk0", 0);
	assert_string_equal(printk_captured(), "");
	free_disk(&d);
}

static void test_gpt_header_checks(void **s)
{
	struct disk d = make_disk("gpt-absurd.img", 16 * MiB_SECTORS, gpt_script);
	u64 last = d.sectors - 1;
	u8 *primary = sector(&d, 1), *backup = sector(&d, last);
	u8 saved_p[SECTOR_SIZE], saved_b[SECTOR_SIZE];
	static const struct {
		unsigned int offset, width;
		u64 value;
		const char *what;
	} bad[] = {
		{ 80, 4, 0x40000000, "an absurd entry count" },
		{ 80, 4, 4 * 1024 * 1024 / 128 + 1, "an entry array over 4 MiB" },
		{ 80, 4, 0, "no entries" },
		{ 84, 4, 256, "entries of 256 bytes" },
		{ 12, 4, 91, "a header of 91 bytes" },
		{ 12, 4, 513, "a header larger than its sector" },
		{ 48, 8, 0x7fffffffffffull, "last usable LBA past the disk" },
		{ 40, 8, 0x7fffffffffffull, "first usable LBA past the disk" },
		{ 72, 8, 0x7fffffffffffull, "entry array past the disk" },
	};

	(void)s;
	memcpy(saved_p, primary, SECTOR_SIZE);
	memcpy(saved_b, backup, SECTOR_SIZE);
	for (unsigned int i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		for (u8 *h = primary; h; h = h == primary ? backup : NULL) {
			if (bad[i].width == 4)
				put32(h + bad[i].offset, (u32)bad[i].value);
			else
				put64(h + bad[i].offset, bad[i].value);
			gpt_fix_header_crc(h);
		}
		d.reads = 0;
		scan(&d, "mmcblk0", 0);
		if (printk_captured()[0])
			fail_msg("%s: %s", bad[i].what, printk_captured());
		assert_true(d.reads < 100);
		memcpy(primary, saved_p, SECTOR_SIZE);
		memcpy(backup, saved_b, SECTOR_SIZE);
	}
	/* An array up to the disk's last sector is read; one sector more is
	 * not (and is no "beyond EOD" either: the header is just invalid). */
	put64(primary + 72, last - 32);
	put32(primary + 80, 132);
	memcpy(sector(&d, last - 32), sector(&d, 2), 32 * SECTOR_SIZE);
	memset(backup, 0, SECTOR_SIZE);
	gpt_fix_crcs(&d, 1, 132);
	scan(&d, "mmcblk0", 1);
	assert_string_equal(printk_captured(), "\0014Alternate GPT is invalid, using primary GPT.\n"
					       "\0016 mmcblk0: p1 p3 p4\n");
	put32(primary + 80, 136);
	gpt_fix_header_crc(primary);
	scan(&d, "mmcblk0", 0);
	assert_string_equal(printk_captured(), "");
	free_disk(&d);
}

static void test_gpt_entries(void **s)
{
	struct disk d = make_disk("gpt-entries.img", 16 * MiB_SECTORS, gpt_script);
	u64 last = d.sectors - 1;
	struct expected want[] = { { 1, 2048, 2048, false }, { 4, 8192, d.sectors - 8192, false } };
	u8 *primary_entries = sector(&d, 2), *backup_entries = sector(&d, last - 32);
	struct parsed_partitions *st;
	char msg[512];

	(void)s;
	for (u8 *e = primary_entries; e; e = e == primary_entries ? backup_entries : NULL) {
		put64(e + 2 * 128 + 40, last + 1);   /* p3 ends past the disk: not a partition */
		put64(e + 3 * 128 + 40, 8192 - 2);   /* p4 ends before it starts: cut at the end */
		memcpy(e + 4 * 128, e, 16);          /* p5: a type, zero size */
		put64(e + 4 * 128 + 32, 100);
		put64(e + 4 * 128 + 40, 99);
	}
	gpt_fix_both(&d);
	st = scan(&d, "mmcblk0", 1);
	assert_parts(st, want, 2);
	snprintf(msg, sizeof(msg), "\0016 mmcblk0: p1 p4 p5\n\0014mmcblk0: p4 size %llu extends beyond EOD, truncated\n",
		 (unsigned long long)-1);
	assert_string_equal(printk_captured(), msg);
	/* Without the protective MBR, it is no GPT (nor an MBR: no 0x55aa). */
	memset(sector(&d, 0), 0, SECTOR_SIZE);
	scan(&d, "mmcblk0", 0);
	free_disk(&d);
}

static int make_tmpdir(void **s)
{
	(void)s;
	return mkdtemp(tmpdir) ? 0 : -1;
}

static int remove_tmpdir(void **s)
{
	(void)s;
	return rmdir(tmpdir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_mbr_primaries),
		cmocka_unit_test(test_mbr_logicals),
		cmocka_unit_test(test_mbr_beyond_the_disk),
		cmocka_unit_test(test_mbr_zero_sizes),
		cmocka_unit_test(test_ebr_loops),
		cmocka_unit_test(test_ebr_outside_the_disk),
		cmocka_unit_test(test_no_table_fat_and_errors),
		cmocka_unit_test(test_read_error),
		cmocka_unit_test(test_gpt),
		cmocka_unit_test(test_gpt_more_partitions_than_kept),
		cmocka_unit_test(test_gpt_backup_used_when_primary_is_bad),
		cmocka_unit_test(test_gpt_header_checks),
		cmocka_unit_test(test_gpt_entries),
	};

	return cmocka_run_group_tests(tests, make_tmpdir, remove_tmpdir);
}
