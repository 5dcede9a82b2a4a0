/* SD card identification and the card as a block device (Linux's mmc core
 * sd.c and block.c, reduced to one card per host and synchronous requests).
 *
 * Identification, at 400 kHz on one data line: CMD0; CMD8 tells a v2 card
 * (it echoes the check pattern) from a v1 one (no answer); ACMD41 until the
 * card leaves its busy state, asking for high capacity from a v2 card (CCS
 * in the answer: SDHC/SDXC, addressed in blocks); CMD2 (CID: the product
 * name), CMD3 (the card's address), CMD9 (CSD: the capacity), CMD7 selects
 * it. Then ACMD51 (SCR) says whether it has four data lines (ACMD6 switches
 * to them) and which spec it follows; from SD 1.10 on, CMD6 asks whether it
 * does high speed (50 MHz) and switches; otherwise it runs at 25 MHz.
 *
 * Block requests are tried MMC_RETRIES times, each failure with Linux's
 * "error -84 transferring data" line, then given up as -EIO with its
 * "I/O error, dev mmcblk0" line; after a write the card is polled (CMD13)
 * until it is back in the transfer state. Nothing waits without a deadline.
 * The test kernel can make data requests fail (tests/kernel/mmc.c, Linux's
 * mmc_core.fail_request=). */
#include <asm/dma.h>
#include <generated/autoconf.h>
#include <kernel/device.h>
#include <kernel/errno.h>
#include <kernel/init.h>
#include <kernel/math64.h>
#include <kernel/mmc.h>
#include <kernel/printk.h>
#include <kernel/sprintf.h>
#include <kernel/string.h>
#include <kernel/time.h>

#define MMC_RETRIES 3
#define OCR_BUSY_TIMEOUT_MS 1000
#define PROGRAM_TIMEOUT_MS 1000

#define SD_OCR_VDD_32_34 0x00300000 /* what QEMU's and real 3.3 V slots give */
#define SD_OCR_CCS (1u << 30)
#define SD_OCR_BUSY (1u << 31) /* set: power-up done */
#define R1_READY_FOR_DATA (1u << 8)
#define R1_STATE(r) (((r) >> 9) & 0xf)
#define R1_STATE_TRAN 4
#define R1_ERRORS 0xfff98008u /* out of range, address, block length, erase, WP, ... */

static int mmc_request(struct mmc_host *host, struct mmc_command *cmd)
{
	int err = host->ops->request(host, cmd);

#if CONFIG_INITK_TEST
	if (!err && cmd->data)
		err = mmc_should_fail_request(host, cmd);
#endif
	return err;
}

static int mmc_cmd(struct mmc_host *host, u32 opcode, u32 arg, u32 flags, u32 *resp)
{
	struct mmc_command cmd = { .opcode = opcode, .arg = arg, .flags = flags };
	int err = mmc_request(host, &cmd);

	if (resp)
		memcpy(resp, cmd.resp, flags & MMC_RSP_136 ? 16 : 4);
	return err;
}

static int mmc_app_cmd(struct mmc_host *host, u32 opcode, u32 arg, u32 flags, u32 *resp)
{
	int err = mmc_cmd(host, 55, host->rca << 16, MMC_RSP_R1, NULL);

	return err ?: mmc_cmd(host, opcode, arg, flags, resp);
}

/* A data read of one block of len bytes (SCR, switch status) into buf. */
static int mmc_read_register(struct mmc_host *host, bool app, u32 opcode, u32 arg, void *buf,
			     u32 len)
{
	struct mmc_command cmd = { .opcode = opcode, .arg = arg, .flags = MMC_RSP_R1, .data = buf,
				   .blksz = len, .blocks = 1 };
	int err = app ? mmc_cmd(host, 55, host->rca << 16, MMC_RSP_R1, NULL) : 0;

	return err ?: mmc_request(host, &cmd);
}

/* ACMD41 until the card says it is powered up. */
static int sd_power_up(struct mmc_host *host, bool v2, u32 *ocr)
{
	unsigned long long deadline = local_clock() + OCR_BUSY_TIMEOUT_MS * 1000000ull;
	int err;

	do {
		err = mmc_app_cmd(host, 41, SD_OCR_VDD_32_34 | (v2 ? SD_OCR_CCS : 0), MMC_RSP_R3, ocr);
		if (err)
			return err;
		if (*ocr & SD_OCR_BUSY)
			return 0;
		udelay(1000);
	} while (local_clock() < deadline);
	return -ETIMEDOUT;
}

/* Four data lines and high speed, where card and host both can. */
static void sd_speed_up(struct mmc_host *host)
{
	static u8 buf[64] __aligned(DMA_ALIGN);
	unsigned long clock = 25000000;
	unsigned int width = 1;

	if (mmc_read_register(host, true, 51, 0, buf, 8)) { /* SCR: without it, the defaults */
		host->ops->set_ios(host, clock, width, false);
		return;
	}
	if (host->caps_4bit && (buf[1] & 0x04) && !mmc_app_cmd(host, 6, 2, MMC_RSP_R1, NULL))
		width = 4;
	host->ops->set_ios(host, clock, width, false);
	if ((buf[0] & 0x0f) >= 1 && host->caps_high_speed && /* SD 1.10: CMD6 */
	    !mmc_read_register(host, false, 6, 0x00fffff1, buf, 64) && (buf[13] & 0x02) &&
	    !mmc_read_register(host, false, 6, 0x80fffff1, buf, 64) && (buf[16] & 0x0f) == 1) {
		host->high_speed = true;
		host->ops->set_ios(host, 50000000, width, true);
	}
}

/* Wait until a write is programmed and the card takes commands again. */
static int mmc_wait_ready(struct mmc_host *host)
{
	unsigned long long deadline = local_clock() + PROGRAM_TIMEOUT_MS * 1000000ull;
	u32 status;
	int err;

	do {
		err = mmc_cmd(host, 13, host->rca << 16, MMC_RSP_R1, &status);
		if (!err && (status & R1_ERRORS))
			return -EIO;
		if (!err && (status & R1_READY_FOR_DATA) && R1_STATE(status) == R1_STATE_TRAN)
			return 0;
	} while (local_clock() < deadline);
	return err ?: -ETIMEDOUT;
}

static int mmc_transfer(struct gendisk *disk, u64 sector, void *buf, unsigned int count, bool write)
{
	struct mmc_host *host = disk->private_data;

	while (count) {
		unsigned int n = count < host->max_blocks ? count : host->max_blocks;
		struct mmc_command cmd = {
			.opcode = write ? (n > 1 ? 25 : 24) : (n > 1 ? 18 : 17),
			.arg = host->block_addressing ? (u32)sector : (u32)(sector << SECTOR_SHIFT),
			.flags = MMC_RSP_R1 | (write ? MMC_DATA_WRITE : 0),
			.data = buf, .blksz = SECTOR_SIZE, .blocks = n,
		};
		u32 status = 0;
		int err = -EIO;

		for (int tries = 0; tries < MMC_RETRIES; tries++) {
			bool refused;

			cmd.resp[0] = 0; /* a try that fails before the answer shows none, not the last one's */
			err = mmc_request(host, &cmd);
			refused = !err && (cmd.resp[0] & R1_ERRORS); /* out of range, address error, ... */
			if (refused)
				err = -EIO;
			if (!err && write)
				err = mmc_wait_ready(host);
			if (!err)
				break;
			if (n > 1 && (!write || mmc_wait_ready(host)))
				mmc_cmd(host, 12, 0, MMC_RSP_R1B, &status); /* stop what is left of it */
			pr_err("%s: error %d transferring data, sector %u, nr %u, cmd response %#x, card status %#x\n",
			       disk->disk_name, err, (u32)sector, n, cmd.resp[0], status);
			if (refused)
				break; /* the card said no: asking again cannot change its answer */
		}
		if (err) {
			pr_err("I/O error, dev %s, sector %llu op 0x%x:(%s) flags 0x0 phys_seg 1 prio class 2\n",
			       disk->disk_name, sector, write, write ? "WRITE" : "READ");
			return -EIO;
		}
		sector += n;
		buf = (u8 *)buf + n * SECTOR_SIZE;
		count -= n;
	}
	return 0;
}

static int mmc_blk_read(struct gendisk *disk, u64 sector, void *buf, unsigned int count)
{
	return mmc_transfer(disk, sector, buf, count, false);
}

static int mmc_blk_write(struct gendisk *disk, u64 sector, const void *buf, unsigned int count)
{
	return mmc_transfer(disk, sector, (void *)buf, count, true);
}

static const struct block_device_operations mmc_blk_ops = { .read = mmc_blk_read,
							    .write = mmc_blk_write };

/* The card as mmcblk<N>: Linux's lines, and its probe line under initcall_debug. */
static int mmc_blk_probe(struct mmc_host *host, u64 sectors)
{
	unsigned long long start = local_clock();
	struct gendisk *disk = &host->disk;
	char size[16];
	int err;

	scnprintf(disk->disk_name, sizeof(disk->disk_name), "mmcblk%u", host->index);
	disk->major = MMC_BLOCK_MAJOR;
	disk->first_minor = host->index * 8;
	disk->minors = 8;
	disk->capacity = sectors;
	disk->fops = &mmc_blk_ops;
	disk->private_data = host;
	mmc_size_string(sectors << SECTOR_SHIFT, size, sizeof(size));
	pr_info("%s: mmc%u:%04x %s %s \n", disk->disk_name, host->index, host->rca, host->product, size);
	err = add_disk(disk);
	if (initcall_debug)
		printk(KERN_DEBUG "probe of mmc%u:%04x returned %d after %lld usecs\n", host->index,
		       host->rca, err, (long long)div_u64(local_clock() - start, 1000));
	return err;
}

int mmc_add_host(struct mmc_host *host)
{
	u32 resp[4], ocr;
	bool v2;
	u64 sectors;
	int err;

	host->rca = 0;
	host->high_speed = false;
	host->ops->set_ios(host, 400000, 1, false);
	mmc_cmd(host, 0, 0, MMC_INIT_CLOCKS, NULL);
	v2 = !mmc_cmd(host, 8, 0x1aa, MMC_RSP_R7, resp) && (resp[0] & 0xfff) == 0x1aa;
	err = sd_power_up(host, v2, &ocr);
	if (err) {
		/* no card answered: the slot is empty (or holds an MMC card) */
		pr_debug("mmc%u: no SD card (%d)\n", host->index, err);
		return -ENOMEDIUM;
	}
	host->block_addressing = v2 && (ocr & SD_OCR_CCS);
	if ((err = mmc_cmd(host, 2, 0, MMC_RSP_R2, resp)))
		goto out_error;
	for (int i = 0; i < 5; i++) /* PNM: CID bits 103:64 */
		host->product[i] = (char)mmc_response_bits(resp, 96 - 8 * i, 8);
	if ((err = mmc_cmd(host, 3, 0, MMC_RSP_R6, resp)))
		goto out_error;
	host->rca = resp[0] >> 16;
	if ((err = mmc_cmd(host, 9, host->rca << 16, MMC_RSP_R2, resp)))
		goto out_error;
	sectors = mmc_sd_csd_sectors(resp);
	if (!sectors) {
		err = -EINVAL;
		goto out_error;
	}
	if ((err = mmc_cmd(host, 7, host->rca << 16, MMC_RSP_R1B, NULL)))
		goto out_error;
	if (!host->block_addressing && (err = mmc_cmd(host, 16, SECTOR_SIZE, MMC_RSP_R1, NULL)))
		goto out_error;
	sd_speed_up(host);
	pr_info("mmc%u: host does not support reading read-only switch, assuming write-enable\n",
		host->index);
	pr_info("mmc%u: new %s%s card at address %04x\n", host->index,
		host->high_speed ? "high speed " : "",
		!host->block_addressing ? "SD" : mmc_response_bits(resp, 48, 22) >= 0xffff ? "SDXC" : "SDHC",
		host->rca);
	return mmc_blk_probe(host, sectors);

out_error:
	pr_err("mmc%u: error %d whilst initialising SD card\n", host->index, err);
	return err;
}
