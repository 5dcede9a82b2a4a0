/* Test kernel only: SD card errors on request, and the host's two data paths.
 *
 * mmc_core.fail_request=<interval>,<probability>,<space>,<times> is Linux's
 * CONFIG_FAIL_MMC_REQUEST switch with its fault_attr fields: every
 * interval-th data request, with probability percent, once space bytes have
 * gone through, at most times times (-1: no limit), reports an error after
 * the host has done it. Linux picks the error at random from -ETIMEDOUT,
 * -EILSEQ and -EIO; here they come in that order, and the probability draws
 * come from a fixed sequence, so a boot test sees the same thing every time.
 * Each forced failure is logged as Linux's fault injection logs it (without
 * the stack dump).
 *
 * test_mmc_dma_and_pio (KTEST): the same sectors read into a cache-line
 * aligned buffer (the host must use its DMA engine) and into one that is not
 * (the FIFO), with identical data. Skipped without a card. */
#include <asm/dma.h>
#include <kernel/blkdev.h>
#include <kernel/errno.h>
#include <kernel/init.h>
#include <kernel/ktest.h>
#include <kernel/mmc.h>
#include <kernel/params.h>
#include <kernel/printk.h>
#include <kernel/string.h>
#include <kernel/time.h>

static struct {
	long interval, probability, space, times;
	unsigned long count, random;
	unsigned int failed;
} fail;

static int __init fail_request_setup(char *value)
{
	long *field[] = { &fail.interval, &fail.probability, &fail.space, &fail.times };
	char copy[48], *start = copy, *next; /* the original stays whole for a message */

	if (!value || strlcpy(copy, value, sizeof(copy)) >= sizeof(copy))
		return -EINVAL;
	for (unsigned int i = 0; i < ARRAY_SIZE(field); i++, start = next + 1) {
		next = strchr(start, i + 1 < ARRAY_SIZE(field) ? ',' : '\0');
		if (!next)
			return -EINVAL;
		*next = '\0';
		if (param_parse_int(start, field[i]))
			return -EINVAL;
	}
	if (fail.interval < 1 || fail.probability < 0 || fail.probability > 100 || fail.space < 0 ||
	    fail.times < -1) {
		fail.times = 0;
		return -EINVAL;
	}
	return 0;
}
__setup("mmc_core.fail_request", fail_request_setup);

int mmc_should_fail_request(struct mmc_host *host, struct mmc_command *cmd)
{
	static const int errors[] = { -ETIMEDOUT, -EILSEQ, -EIO };
	long len = (long)(cmd->blksz * cmd->blocks);

	(void)host;
	if (!fail.times)
		return 0;
	if (fail.space > len) {
		fail.space -= len;
		return 0;
	}
	if (++fail.count % (unsigned long)fail.interval)
		return 0;
	fail.random = fail.random * 1103515245 + 12345; /* the C standard's example generator */
	if ((long)((fail.random >> 16) % 100) >= fail.probability)
		return 0;
	if (fail.times > 0)
		fail.times--;
	pr_notice("FAULT_INJECTION: forcing a failure.\n"
		  "name fail_mmc_request, interval %ld, probability %ld, space %ld, times %ld\n",
		  fail.interval, fail.probability, fail.space, fail.times);
	return errors[fail.failed++ % ARRAY_SIZE(errors)];
}

static u8 aligned[8 * SECTOR_SIZE] __aligned(DMA_ALIGN);
static u8 unaligned[8 * SECTOR_SIZE + 4] __aligned(DMA_ALIGN);

static int test_mmc_dma_and_pio(void)
{
	struct block_device *bdev = blkdev_get_by_path("/dev/mmcblk0");
	struct mmc_host *host;
	unsigned int dma, pio;
	int err;

	if (!bdev || fail.times)
		return KTEST_SKIP;
	host = bdev->disk->private_data;
	dma = host->dma_requests;
	pio = host->pio_requests;
	err = bdev_read(bdev, 0, aligned, 8);
	printk("# aligned read: %d, DMA requests %u -> %u, PIO %u -> %u\n", err, dma,
	       host->dma_requests, pio, host->pio_requests);
	if (err || host->dma_requests != dma + 1 || host->pio_requests != pio)
		return -EINVAL;
	err = bdev_read(bdev, 0, unaligned + 4, 8);
	printk("# unaligned read: %d, DMA requests %u, PIO %u\n", err, host->dma_requests,
	       host->pio_requests);
	if (err || host->dma_requests != dma + 1 || host->pio_requests != pio + 1)
		return -EINVAL;
	if (memcmp(aligned, unaligned + 4, sizeof(aligned)) || aligned[510] != 0x55 ||
	    aligned[511] != 0xaa)
		return -EINVAL; /* the same data both ways, and the MBR's signature */
	return 0;
}
KTEST(test_mmc_dma_and_pio);

/* Forced failures of block requests on the card: fewer than the core's three
 * tries are retried away, three are -EIO (quickly: nothing waits on a
 * deadline), and the card works again afterwards. Sector 100 lies in the gap
 * before the first partition; it is written with what it holds. */
static int test_mmc_errors_retried(void)
{
	struct block_device *bdev = blkdev_get_by_path("/dev/mmcblk0");
	unsigned long long start;
	int err = 0;

	if (!bdev || fail.times || fail.probability)
		return KTEST_SKIP;
	fail.interval = 1;
	fail.probability = 100;
	fail.times = 2;
	err |= bdev_read(bdev, 0, aligned, 1) || aligned[510] != 0x55 || fail.times ? -EIO : 0;
	err |= bdev_read(bdev, 100, aligned, 1);
	fail.times = 1;
	err |= bdev_write(bdev, 100, aligned, 1) || fail.times ? -EIO : 0;
	fail.times = 3;
	start = local_clock();
	err |= bdev_read(bdev, 0, unaligned, 1) == -EIO ? 0 : -EINVAL;
	fail.times = -1;
	err |= bdev_write(bdev, 100, aligned, 1) == -EIO ? 0 : -EINVAL;
	printk("# six failed tries in %llu us\n", (local_clock() - start) / 1000);
	err |= local_clock() - start < 10000000ull ? 0 : -ETIMEDOUT;
	fail.times = 0;
	fail.probability = 0;
	/* a real error, not a forced one: a read past the card's end (the
	 * block layer never asks for one), which QEMU's card flags and sends no
	 * data for, so each try ends on the host's read timeout */
	err |= bdev->disk->fops->read(bdev->disk, bdev->disk->capacity + 8, aligned, 1) == -EIO ? 0 : -EINVAL;
	err |= bdev_read(bdev, 0, unaligned, 1) || unaligned[511] != 0xaa ? -EIO : 0;
	return err;
}
KTEST(test_mmc_errors_retried);
