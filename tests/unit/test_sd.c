/* Host tests of the SD core (drivers/mmc/core/sd.c) against a simulated
 * card behind a fake host: the identification sequence for each kind of card
 * the SD Physical Layer spec (4.2) knows, including the ones QEMU cannot
 * model (v1 cards, which do not answer CMD8; v2 standard-capacity cards;
 * cards without 4-bit or high speed), Linux's lines for the 1 GiB
 * SDHC card, addressing in bytes or blocks, requests split at the host's
 * limit, and the error paths: a slot without a card, a card that never
 * leaves its busy state, a command without an answer during
 * identification, data errors retried then given up as -EIO with Linux's
 * lines, and a write the card never finishes. Time is simulated: each
 * command takes 10 us, so every deadline is reached in a bounded number of
 * steps and a test that loops would fail on the step limit, not hang. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <kernel/errno.h>
#include <kernel/mmc.h>
#include <kernel/sprintf.h>

const char *printk_captured(void);
void printk_capture_reset(void);

/* --- what sd.c needs around it -------------------------------------------- */

static unsigned long long now_ns;
static unsigned long steps;
#define STEP_LIMIT 2000000ul

bool initcall_debug;

unsigned long long local_clock(void)
{
	now_ns += 100;
	assert_true(++steps < STEP_LIMIT); /* a loop without a deadline */
	return now_ns;
}

void udelay(unsigned long usecs)
{
	now_ns += usecs * 1000ull;
}

static struct gendisk *added;

int add_disk(struct gendisk *disk)
{
	added = disk;
	return 0;
}

/* --- the card ---------------------------------------------------------- */

#define CARD_SECTORS 4096 /* what the card stores; its CSD may claim more */
#define APP 0x100         /* ACMDn in the log: n | APP */
#define LOG_SIZE (1u << 19) /* commands the host sent (a stuck write polls 100,000 times a second) */

enum { IDLE, READY, IDENT, STBY, TRAN, DATA, RCV, PRG };

static struct card {
	/* what it is */
	bool present, v2, high_capacity, wide, high_speed;
	unsigned int spec;   /* SCR SD_SPEC: 0 = 1.0, 1 = 1.10, 2 = 2.0 */
	u16 rca;
	u64 csd_bytes;       /* the capacity its CSD gives */
	int busy_answers;    /* ACMD41 answers before it is powered up (-1: never) */
	int programming;     /* CMD13 answers in PRG after a write (-1: for ever) */
	/* what goes wrong */
	u32 fail_opcode;
	int fail_times, fail_err;
	int data_fail_times, data_fail_err;
	/* its state */
	int state;
	bool app, addressed_wrong;
	unsigned int illegal; /* commands the card did not take in its state */
	int busy_left;
	u8 data[CARD_SECTORS * 512];
	/* what the host saw */
	u32 log[LOG_SIZE], args[LOG_SIZE];
	unsigned int n;
	unsigned long clock;
	unsigned int width;
	bool timing_hs;
} card;

static u32 status(void)
{
	return (u32)card.state << 9 | (card.state == TRAN ? 1u << 8 : 0);
}

/* Bytes of a register, byte 0 = bits 127:120, into resp[0..3]. */
static void to_resp(const u8 b[16], u32 resp[4])
{
	for (int i = 0; i < 4; i++)
		resp[i] = (u32)b[4 * i] << 24 | (u32)b[4 * i + 1] << 16 | (u32)b[4 * i + 2] << 8 | b[4 * i + 3];
}

static void csd(u32 resp[4])
{
	u8 b[16] = { 0 };

	if (card.high_capacity) { /* CSD 2.0: C_SIZE bits 69:48, in 512 KiB units */
		u32 c_size = (u32)(card.csd_bytes / (512 * 1024)) - 1;

		b[0] = 0x40;
		b[7] = (c_size >> 16) & 0x3f;
		b[8] = (c_size >> 8) & 0xff;
		b[9] = c_size & 0xff;
	} else { /* CSD 1.0: (C_SIZE + 1) << (C_SIZE_MULT + 2) blocks of 512 bytes */
		u32 c_size = (u32)(card.csd_bytes / 512 / 512) - 1, mult = 7;

		b[5] = 9; /* READ_BL_LEN 512 */
		b[6] = (c_size >> 10) & 3;
		b[7] = (c_size >> 2) & 0xff;
		b[8] = (c_size << 6) & 0xc0;
		b[9] = (mult >> 1) & 3;
		b[10] = (mult << 7) & 0x80;
	}
	to_resp(b, resp);
}

/* The sector a read or write command addresses, or -1. */
static long sector_of(u32 arg)
{
	u64 sector = arg;

	if (!card.high_capacity) {
		if (arg % 512)
			card.addressed_wrong = true;
		sector = arg / 512;
	}
	return sector < CARD_SECTORS ? (long)sector : -1;
}

static int card_request(struct mmc_host *host, struct mmc_command *cmd)
{
	u32 op = cmd->opcode | (card.app ? APP : 0);
	u8 *buf = cmd->data;
	long sector;

	(void)host;
	now_ns += 10000;
	assert_true(card.n < LOG_SIZE);
	card.log[card.n] = op;
	card.args[card.n++] = cmd->arg;
	card.app = false;
	if (!card.present)
		return -ETIMEDOUT;
	if (op == card.fail_opcode && card.fail_times) {
		card.fail_times--;
		return card.fail_err;
	}
	switch (op) {
	case 0:
		card.state = IDLE;
		return 0;
	case 8:
		if (!card.v2)
			return -ETIMEDOUT; /* v1 cards take it for an illegal command */
		cmd->resp[0] = cmd->arg & 0xfff;
		return 0;
	case 55:
		card.app = true;
		cmd->resp[0] = status() | 1u << 5;
		return 0;
	case 41 | APP:
		if (card.busy_left && (card.busy_left < 0 || card.busy_left--)) {
			cmd->resp[0] = 0x00ff8000;
			return 0;
		}
		cmd->resp[0] = 0x80ff8000 | (card.v2 && card.high_capacity && (cmd->arg & 1u << 30) ? 1u << 30 : 0);
		card.state = READY;
		return 0;
	case 2: {
		u8 cid[16] = { 0xaa, 'X', 'Y', 'Q', 'E', 'M', 'U', '!', 0x01, 0xde, 0xad, 0xbe, 0xef };

		to_resp(cid, cmd->resp);
		card.state = IDENT;
		return 0;
	}
	case 3:
		cmd->resp[0] = (u32)card.rca << 16 | 0x0500;
		card.state = STBY;
		return 0;
	case 9:
		csd(cmd->resp);
		return 0;
	case 7:
		card.state = cmd->arg >> 16 == card.rca ? TRAN : STBY;
		cmd->resp[0] = status();
		return 0;
	case 16:
		return cmd->arg == 512 ? 0 : -EIO;
	case 51 | APP:
		assert_int_equal(cmd->blksz * cmd->blocks, 8);
		memset(buf, 0, 8);
		buf[0] = (u8)card.spec;
		buf[1] = card.wide ? 0x05 : 0x01;
		return 0;
	case 6 | APP:
		card.width = cmd->arg == 2 ? 4 : 1;
		return 0;
	case 6:
		if (card.spec < 1)
			return -ETIMEDOUT;
		assert_int_equal(cmd->blksz * cmd->blocks, 64);
		memset(buf, 0, 64);
		buf[13] = card.high_speed ? 0x03 : 0x01;
		buf[16] = card.high_speed && cmd->arg >> 31 ? 1 : 0;
		return 0;
	case 17:
	case 18:
	case 24:
	case 25:
		assert_int_equal(cmd->blocks > 1, op == 18 || op == 25);
		if (card.state != TRAN) { /* an illegal command in this state: no answer */
			card.illegal++;
			return -ETIMEDOUT;
		}
		sector = sector_of(cmd->arg);
		if (sector < 0 || sector + cmd->blocks > CARD_SECTORS) {
			cmd->resp[0] = status() | 1u << 31; /* OUT_OF_RANGE, in the answer */
			return 0;
		}
		if (card.data_fail_times) {
			card.data_fail_times -= card.data_fail_times > 0;
			return card.data_fail_err;
		}
		if (op >= 24) {
			memcpy(card.data + sector * 512, buf, cmd->blocks * 512);
			card.state = PRG;
			card.busy_left = card.programming;
		} else {
			memcpy(buf, card.data + sector * 512, cmd->blocks * 512);
		}
		return 0;
	case 13:
		if (card.state == PRG && card.busy_left && (card.busy_left < 0 || card.busy_left--)) {
			cmd->resp[0] = status();
			return 0;
		}
		if (card.state == PRG)
			card.state = TRAN;
		cmd->resp[0] = status();
		return 0;
	case 12:
		cmd->resp[0] = status();
		return 0;
	}
	return -ETIMEDOUT;
}

static int card_set_ios(struct mmc_host *host, unsigned long clock, unsigned int width, bool hs)
{
	(void)host;
	card.clock = clock;
	card.width = width;
	card.timing_hs = hs;
	return 0;
}

static const struct mmc_host_ops ops = { .request = card_request, .set_ios = card_set_ios };
static struct mmc_host host;

/* A card of the given kind in the slot, and a host that can do everything. */
static void insert(bool v2, bool high_capacity, u64 bytes, u16 rca)
{
	memset(&card, 0, sizeof(card));
	card.present = true;
	card.v2 = v2;
	card.high_capacity = high_capacity;
	card.csd_bytes = bytes;
	card.rca = rca;
	card.spec = 2;
	card.wide = card.high_speed = true;
	card.busy_answers = 2;
	for (unsigned int i = 0; i < sizeof(card.data); i++)
		card.data[i] = (u8)(i * 7 + i / 512);
	memset(&host, 0, sizeof(host));
	host.ops = &ops;
	host.max_blocks = 256;
	host.caps_4bit = host.caps_high_speed = true;
	added = NULL;
	now_ns = steps = 0;
	printk_capture_reset();
}

static int add(void)
{
	card.busy_left = card.busy_answers;
	return mmc_add_host(&host);
}

static unsigned int count(u32 op)
{
	unsigned int n = 0;

	for (unsigned int i = 0; i < card.n; i++)
		n += card.log[i] == op;
	return n;
}

static int first(u32 op)
{
	for (unsigned int i = 0; i < card.n; i++)
		if (card.log[i] == op)
			return (int)i;
	return -1;
}

static bool printed(const char *text)
{
	return strstr(printk_captured(), text) != NULL;
}

/* --- identification -------------------------------------------------------- */

static void test_sdhc_card_with_linux_lines(void **state)
{
	u8 buf[512];

	(void)state;
	insert(true, true, 1ull << 30, 0xaaaa);
	assert_int_equal(add(), 0);
	/* the lines, as Linux prints them for a 1 GiB SDHC card */
	assert_true(printed("mmc0: new high speed SDHC card at address aaaa\n"));
	assert_true(printed("mmcblk0: mmc0:aaaa QEMU! 1.00 GiB \n"));
	/* the spec's order: CMD0, CMD8, ACMD41 until ready, CMD2, CMD3, CMD9, CMD7 */
	assert_int_equal(card.log[0], 0);
	assert_int_equal(card.log[1], 8);
	assert_int_equal(card.args[1], 0x1aa);
	assert_int_equal(count(41 | APP), 3); /* two busy answers, then ready */
	assert_true(card.args[first(41 | APP)] & 1u << 30); /* HCS: a v2 host asks for SDHC */
	assert_true(first(41 | APP) < first(2) && first(2) < first(3) && first(3) < first(9) &&
		    first(9) < first(7) && first(7) < first(51 | APP));
	assert_int_equal(count(16), 0); /* SDHC blocks are always 512 bytes */
	/* 4 data lines, then high speed through CMD6 (check, then switch) */
	assert_int_equal(count(6 | APP), 1);
	assert_int_equal(count(6), 2);
	assert_int_equal(card.clock, 50000000);
	assert_int_equal(card.width, 4);
	assert_true(card.timing_hs);
	/* the disk: 1 GiB in sectors, addressed in blocks */
	assert_non_null(added);
	assert_string_equal(added->disk_name, "mmcblk0");
	assert_int_equal(added->capacity, 2 * 1024 * 1024);
	assert_int_equal(added->fops->read(added, 5, buf, 1), 0);
	assert_int_equal(card.log[card.n - 1], 17);
	assert_int_equal(card.args[card.n - 1], 5);
	assert_memory_equal(buf, card.data + 5 * 512, 512);
}

static void test_v1_card_without_cmd8(void **state)
{
	u8 buf[3 * 512];

	(void)state;
	insert(false, false, 64ull << 20, 0x0001);
	card.spec = 0; /* SD 1.0: no CMD6 */
	card.wide = false;
	assert_int_equal(add(), 0);
	assert_true(printed("mmc0: new SD card at address 0001\n"));
	assert_true(printed("mmcblk0: mmc0:0001 QEMU! 64.0 MiB \n"));
	assert_false(card.args[first(41 | APP)] & 1u << 30); /* no HCS to a v1 card */
	assert_int_equal(count(16), 1);                     /* 512-byte blocks set */
	assert_int_equal(count(6), 0);
	assert_int_equal(count(6 | APP), 0);
	assert_int_equal(card.clock, 25000000);
	assert_int_equal(card.width, 1);
	/* byte addresses: sector 3 is 1536 */
	assert_int_equal(added->fops->read(added, 3, buf, 3), 0);
	assert_int_equal(card.log[card.n - 1], 18);
	assert_int_equal(card.args[card.n - 1], 3 * 512);
	assert_memory_equal(buf, card.data + 3 * 512, sizeof(buf));
	assert_false(card.addressed_wrong);
	assert_int_equal(card.illegal, 0);
}

static void test_v2_standard_capacity_card(void **state)
{
	u8 buf[512] = { 1, 2, 3 };

	(void)state;
	insert(true, false, 512ull << 20, 0x1234);
	card.high_speed = false; /* SD 2.0 without the high-speed function */
	assert_int_equal(add(), 0);
	assert_true(printed("mmc0: new SD card at address 1234\n"));
	assert_true(printed("mmcblk0: mmc0:1234 QEMU! 512 MiB \n"));
	assert_int_equal(count(16), 1);
	assert_int_equal(count(6), 1); /* asked, not switched */
	assert_int_equal(card.clock, 25000000);
	assert_int_equal(card.width, 4);
	assert_int_equal(added->fops->write(added, 7, buf, 1), 0);
	assert_int_equal(card.args[first(24)], 7 * 512);
	assert_memory_equal(card.data + 7 * 512, buf, 512);
}

static void test_empty_slot(void **state)
{
	(void)state;
	insert(true, true, 1ull << 30, 0xaaaa);
	card.present = false;
	assert_int_equal(add(), -ENOMEDIUM);
	assert_null(added);
	assert_false(printed("new "));
}

static void test_card_that_never_powers_up(void **state)
{
	(void)state;
	insert(true, true, 1ull << 30, 0xaaaa);
	card.busy_answers = -1;
	assert_int_equal(add(), -ENOMEDIUM);
	assert_null(added);
	/* given up after the spec's one second, not before */
	assert_true(now_ns >= 1000000000ull && now_ns < 1500000000ull);
	assert_true(count(41 | APP) > 100);
}

static void test_no_answer_during_identification(void **state)
{
	(void)state;
	insert(true, true, 1ull << 30, 0xaaaa);
	card.fail_opcode = 9; /* CSD */
	card.fail_times = 1;
	card.fail_err = -ETIMEDOUT;
	assert_int_equal(add(), -ETIMEDOUT);
	assert_true(printed("mmc0: error -110 whilst initialising SD card\n"));
	assert_null(added);
}

static void test_no_scr_keeps_default_speed(void **state)
{
	(void)state;
	insert(true, true, 1ull << 30, 0xaaaa);
	card.fail_opcode = 51 | APP;
	card.fail_times = 1;
	card.fail_err = -EILSEQ;
	assert_int_equal(add(), 0);
	assert_true(printed("mmc0: new SDHC card at address aaaa\n"));
	assert_int_equal(card.clock, 25000000); /* off the 400 kHz of identification */
	assert_int_equal(card.width, 1);
}

/* --- requests ---------------------------------------------------------- */

static void test_requests_split_at_the_host_limit(void **state)
{
	static u8 buf[300 * 512];

	(void)state;
	insert(true, true, 1ull << 30, 0xaaaa);
	assert_int_equal(add(), 0);
	card.n = 0;
	assert_int_equal(added->fops->read(added, 10, buf, 300), 0);
	assert_int_equal(card.n, 2);
	assert_int_equal(card.log[0], 18);
	assert_int_equal(card.args[0], 10);
	assert_int_equal(card.args[1], 10 + 256);
	assert_memory_equal(buf, card.data + 10 * 512, sizeof(buf));
}

static void test_error_in_the_answer(void **state)
{
	u8 buf[512];

	(void)state;
	insert(true, true, 1ull << 30, 0xaaaa);
	assert_int_equal(add(), 0);
	printk_capture_reset();
	card.n = 0;
	/* the CSD says 1 GiB, the card stores less: it answers OUT_OF_RANGE,
	 * which no retry changes: one try */
	assert_int_equal(added->fops->read(added, CARD_SECTORS, buf, 1), -EIO);
	assert_int_equal(count(17), 1);
	assert_true(printed("mmcblk0: error -5 transferring data, sector 4096, nr 1, cmd response 0x80000900"));
	assert_true(printed("I/O error, dev mmcblk0, sector 4096 op 0x0:(READ)"));
}

static void test_data_error_retried(void **state)
{
	u8 buf[512];

	(void)state;
	insert(true, true, 1ull << 30, 0xaaaa);
	assert_int_equal(add(), 0);
	printk_capture_reset();
	card.data_fail_times = 2;
	card.data_fail_err = -EILSEQ;
	assert_int_equal(added->fops->read(added, 9, buf, 1), 0);
	assert_memory_equal(buf, card.data + 9 * 512, 512);
	/* (the C library prints %#x of 0 as "0", the kernel as Linux does, "0x0") */
	assert_true(printed("mmcblk0: error -84 transferring data, sector 9, nr 1, cmd response "));
	assert_false(printed("I/O error"));
	assert_int_equal(count(12), 0); /* a single block needs no stop */
}

static void test_persistent_error_is_eio(void **state)
{
	static u8 buf[8 * 512];
	const char *log;
	unsigned int lines = 0;

	(void)state;
	insert(true, true, 1ull << 30, 0xaaaa);
	assert_int_equal(add(), 0);
	printk_capture_reset();
	card.n = 0;
	card.data_fail_times = -1;
	card.data_fail_err = -ETIMEDOUT;
	assert_int_equal(added->fops->read(added, 16, buf, 8), -EIO);
	assert_int_equal(count(18), 3); /* three tries */
	assert_int_equal(count(12), 3); /* each multi-block try stopped */
	for (log = printk_captured(); (log = strstr(log, "error -110 transferring data, sector 16, nr 8")); log++)
		lines++;
	assert_int_equal(lines, 3);
	assert_true(printed("I/O error, dev mmcblk0, sector 16 op 0x0:(READ) flags 0x0 phys_seg 1 prio class 2\n"));
	/* the card still works */
	card.data_fail_times = 0;
	assert_int_equal(added->fops->read(added, 16, buf, 8), 0);
}

static void test_write_waits_for_programming(void **state)
{
	u8 buf[2 * 512];

	(void)state;
	insert(true, true, 1ull << 30, 0xaaaa);
	assert_int_equal(add(), 0);
	memset(buf, 0x5a, sizeof(buf));
	card.programming = 5;
	card.n = 0;
	assert_int_equal(added->fops->write(added, 100, buf, 2), 0);
	assert_int_equal(card.log[0], 25);
	assert_int_equal(count(13), 6); /* five answers in PRG, then TRAN */
	assert_int_equal(card.state, TRAN);
	assert_memory_equal(card.data + 100 * 512, buf, sizeof(buf));
}

static void test_write_never_finished(void **state)
{
	u8 buf[512] = { 0 };

	(void)state;
	insert(true, true, 1ull << 30, 0xaaaa);
	assert_int_equal(add(), 0);
	printk_capture_reset();
	card.programming = -1;
	now_ns = steps = 0;
	assert_int_equal(added->fops->write(added, 100, buf, 1), -EIO);
	assert_true(printed("mmcblk0: error -110 transferring data, sector 100, nr 1"));
	assert_true(printed("I/O error, dev mmcblk0, sector 100 op 0x1:(WRITE) flags 0x0 phys_seg 1 prio class 2\n"));
	/* given up after the one-second programming deadline; the card, still
	 * busy, takes no further write */
	assert_true(now_ns >= 1000000000ull && now_ns < 4000000000ull);
	assert_int_equal(card.illegal, 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sdhc_card_with_linux_lines),
		cmocka_unit_test(test_v1_card_without_cmd8),
		cmocka_unit_test(test_v2_standard_capacity_card),
		cmocka_unit_test(test_empty_slot),
		cmocka_unit_test(test_card_that_never_powers_up),
		cmocka_unit_test(test_no_answer_during_identification),
		cmocka_unit_test(test_no_scr_keeps_default_speed),
		cmocka_unit_test(test_requests_split_at_the_host_limit),
		cmocka_unit_test(test_error_in_the_answer),
		cmocka_unit_test(test_data_error_retried),
		cmocka_unit_test(test_persistent_error_is_eio),
		cmocka_unit_test(test_write_waits_for_programming),
		cmocka_unit_test(test_write_never_finished),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
