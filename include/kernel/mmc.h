/* SD card hosts and the core above them (Linux's mmc core, much reduced): a
 * host driver sends one command at a time, with or without a data block
 * transfer, and sets the bus clock and width; the core identifies the card
 * when the host is added (SD v1, v2 SDSC, SDHC/SDXC; 4-bit bus, high speed)
 * and registers it as the block device mmcblk<N>. */
#ifndef KERNEL_MMC_H
#define KERNEL_MMC_H

#include <generated/autoconf.h>
#include <kernel/blkdev.h>
#include <kernel/types.h>

struct device;

enum mmc_flags {
	MMC_RSP_PRESENT = 1 << 0,
	MMC_RSP_136 = 1 << 1,  /* R2: CID, CSD */
	MMC_RSP_CRC = 1 << 2,  /* all but R3 (OCR) */
	MMC_RSP_BUSY = 1 << 3, /* R1b: the card holds DAT0 low while busy */
	MMC_DATA_WRITE = 1 << 4,
	MMC_INIT_CLOCKS = 1 << 5, /* the 74 clocks before CMD0 */
};

#define MMC_RSP_R1 (MMC_RSP_PRESENT | MMC_RSP_CRC)
#define MMC_RSP_R1B (MMC_RSP_R1 | MMC_RSP_BUSY)
#define MMC_RSP_R2 (MMC_RSP_PRESENT | MMC_RSP_136 | MMC_RSP_CRC)
#define MMC_RSP_R3 MMC_RSP_PRESENT
#define MMC_RSP_R6 MMC_RSP_R1
#define MMC_RSP_R7 MMC_RSP_R1

struct mmc_command {
	u32 opcode, arg, flags;
	u32 resp[4];    /* resp[0]: bits 127:96 of a long response, or the short one */
	void *data;     /* blocks * blksz bytes, or NULL */
	u32 blksz, blocks;
};

struct mmc_host;

struct mmc_host_ops {
	/* 0, -ETIMEDOUT (no response, data timeout), -EILSEQ (CRC), -EIO. */
	int (*request)(struct mmc_host *host, struct mmc_command *cmd);
	/* Card clock in Hz (0: off), bus width 1 or 4, high-speed timing. */
	int (*set_ios)(struct mmc_host *host, unsigned long clock, unsigned int width, bool high_speed);
};

struct mmc_host {
	const struct mmc_host_ops *ops;
	struct device *dev;
	void *priv;
	unsigned int index;      /* mmc<index> */
	unsigned int max_blocks; /* per request */
	bool caps_4bit, caps_high_speed;
	/* the card, once identified */
	u32 rca;
	bool block_addressing, high_speed;
	char product[6];
	struct gendisk disk;
#if CONFIG_INITK_TEST
	unsigned int dma_requests, pio_requests; /* data requests by each way, counted by the host */
#endif
};

/* Identify the card in host's slot and register it; -ENOMEDIUM without one. */
int mmc_add_host(struct mmc_host *host);

#if CONFIG_INITK_TEST
/* Test kernel (tests/kernel/mmc.c): the error a data request that went well
 * is to report instead, or 0 (Linux's CONFIG_FAIL_MMC_REQUEST). */
int mmc_should_fail_request(struct mmc_host *host, struct mmc_command *cmd);
#endif

/* The pure parts, unit-tested: bits [start, start + size) of a long
 * response; the card's capacity in 512-byte sectors from its CSD. */
u32 mmc_response_bits(const u32 resp[4], unsigned int start, unsigned int size);
u64 mmc_sd_csd_sectors(const u32 csd[4]);
/* Linux's string_get_size(bytes, 1, STRING_UNITS_2): "64.0 MiB", "1.00 GiB". */
void mmc_size_string(u64 bytes, char *buf, size_t size);

#endif
