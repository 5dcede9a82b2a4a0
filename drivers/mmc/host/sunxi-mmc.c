/* Allwinner SD/MMC host controller (sunxi-mmc): clocks and reset from the
 * tree, commands with polled completion, data by the internal DMA
 * controller (IDMAC, a chain of descriptors) when the buffer is cache-line
 * aligned, else through the FIFO (PIO). Every wait has a deadline; an error
 * resets the FIFO and DMA engine before the next command.
 * The FIFO sits at 0x100 on the A10/A20 and at 0x200 from the A13 on (H3).
 * Registers at device level, like Linux's. */
#include <asm/dma.h>
#include <asm/io.h>
#include <kernel/clk.h>
#include <kernel/device.h>
#include <kernel/errno.h>
#include <kernel/mmc.h>
#include <kernel/of.h>
#include <kernel/reset.h>
#include <kernel/slab.h>
#include <kernel/time.h>

#define REG_GCTRL 0x00
#define REG_CLKCR 0x04
#define REG_TMOUT 0x08
#define REG_WIDTH 0x0c
#define REG_BLKSZ 0x10
#define REG_BCNTR 0x14
#define REG_CMDR 0x18
#define REG_CARG 0x1c
#define REG_RESP0 0x20
#define REG_IMASK 0x30
#define REG_RINTR 0x38
#define REG_STAS 0x3c
#define REG_DMAC 0x80
#define REG_DLBA 0x84
#define REG_IDIE 0x8c

#define GCTRL_RESETS 0x7u /* soft, FIFO, DMA */
#define GCTRL_DMA_ENABLE (1u << 5)
#define GCTRL_ACCESS_BY_AHB (1u << 31)
#define CLKCR_ON (1u << 16)
#define CMDR_RESP (1u << 6)
#define CMDR_LONG_RESP (1u << 7)
#define CMDR_CHECK_CRC (1u << 8)
#define CMDR_DATA (1u << 9)
#define CMDR_WRITE (1u << 10)
#define CMDR_AUTO_STOP (1u << 12)
#define CMDR_WAIT_PRE_OVER (1u << 13)
#define CMDR_INIT (1u << 15)
#define CMDR_UPCLK_ONLY (1u << 21)
#define CMDR_START (1u << 31)
#define INT_RESP_ERROR (1u << 1)
#define INT_COMMAND_DONE (1u << 2)
#define INT_DATA_OVER (1u << 3)
#define INT_CRC_ERRORS (3u << 6)
#define INT_TIMEOUTS (3u << 8)
#define INT_AUTO_COMMAND_DONE (1u << 14)
#define INT_ERRORS 0xbbc2u /* response, CRC, timeouts, FIFO, HW lock, start and end bits */
#define STAS_FIFO_EMPTY (1u << 2)
#define STAS_FIFO_FULL (1u << 3)
#define STAS_CARD_BUSY (1u << 9)
#define DMAC_SOFT_RESET (1u << 0)
#define DMAC_FIX_BURST (1u << 1)
#define DMAC_ON (1u << 7)
#define DES_DIC (1u << 1) /* no interrupt for this one */
#define DES_LAST (1u << 2)
#define DES_FIRST (1u << 3)
#define DES_CHAIN (1u << 4)
#define DES_END_OF_RING (1u << 5)
#define DES_OWN (1u << 31)

#define DES_CHUNK 4096 /* fits every variant's size field (13 bits on the A10) */
#define NR_DES 32
#define MAX_BLOCKS (NR_DES * DES_CHUNK / SECTOR_SIZE)
#define CMD_TIMEOUT_US 100000
#define DATA_TIMEOUT_US 1000000 /* a write; a card may take long to program */
/* The SD spec's read access limit for SDHC is 100 ms; a transfer of n
 * blocks gets that plus 1 ms a block (0.2 ms at 25 MB/s). */
#define READ_TIMEOUT_US(blocks) (100000 + 1000 * (blocks))

struct idma_des {
	u32 config, size, addr, next;
};

struct sunxi_mmc {
	u8 *base;
	u32 fifo;
	struct clk *mmc, *output, *sample;
	struct mmc_host host;
	struct idma_des des[NR_DES] __aligned(DMA_ALIGN);
};

static u32 mmc_readl(struct sunxi_mmc *s, u32 reg)
{
	return readl(s->base + reg);
}

static void mmc_writel(struct sunxi_mmc *s, u32 reg, u32 value)
{
	writel(value, s->base + reg);
}

/* Wait for (reg & mask) == want; false after timeout_us. */
static bool wait_reg(struct sunxi_mmc *s, u32 reg, u32 mask, u32 want, unsigned long timeout_us)
{
	unsigned long long deadline = local_clock() + timeout_us * 1000ull;

	while ((mmc_readl(s, reg) & mask) != want)
		if (local_clock() > deadline)
			return (mmc_readl(s, reg) & mask) == want;
	return true;
}

static void reset_fifo_and_dma(struct sunxi_mmc *s)
{
	mmc_writel(s, REG_GCTRL, mmc_readl(s, REG_GCTRL) | 0x6);
	wait_reg(s, REG_GCTRL, 0x6, 0, CMD_TIMEOUT_US);
}

/* Tell the card clock block a new divider or on/off state. */
static int update_clock(struct sunxi_mmc *s)
{
	mmc_writel(s, REG_CMDR, CMDR_START | CMDR_UPCLK_ONLY | CMDR_WAIT_PRE_OVER);
	if (!wait_reg(s, REG_CMDR, CMDR_START, 0, CMD_TIMEOUT_US)) {
		dev_err(s->host.dev, "fatal err update clk timeout\n");
		return -EIO;
	}
	mmc_writel(s, REG_RINTR, ~0u);
	return 0;
}

/* Linux's sun7i delays (output, sample) for 400 kHz, 25 MHz and 50 MHz. */
static void set_phases(struct sunxi_mmc *s, unsigned long clock)
{
	int output = clock <= 400000 ? 180 : clock <= 25000000 ? 180 : 90;
	int sample = clock <= 400000 ? 180 : clock <= 25000000 ? 75 : 120;

	if (s->output)
		clk_set_phase(s->output, output);
	if (s->sample)
		clk_set_phase(s->sample, sample);
}

static int sunxi_mmc_set_ios(struct mmc_host *host, unsigned long clock, unsigned int width,
			     bool high_speed)
{
	struct sunxi_mmc *s = host->priv;
	int err;

	(void)high_speed; /* the A20 timing: no separate high-speed mode */
	mmc_writel(s, REG_CLKCR, mmc_readl(s, REG_CLKCR) & ~CLKCR_ON);
	if ((err = update_clock(s)))
		return err;
	if (clock) {
		if ((err = clk_set_rate(s->mmc, clock)))
			return err;
		set_phases(s, clock);
		mmc_writel(s, REG_CLKCR, (mmc_readl(s, REG_CLKCR) & ~0xffu) | CLKCR_ON); /* divider 1 */
		if ((err = update_clock(s)))
			return err;
	}
	mmc_writel(s, REG_WIDTH, width == 4 ? 1 : 0);
	return 0;
}

/* The descriptor chain for len bytes at buf. */
static void setup_dma(struct sunxi_mmc *s, void *buf, u32 len, bool write)
{
	unsigned int n = (len + DES_CHUNK - 1) / DES_CHUNK;

	for (unsigned int i = 0; i < n; i++) {
		u32 chunk = i + 1 < n ? DES_CHUNK : len - i * DES_CHUNK;

		s->des[i].config = DES_OWN | DES_CHAIN | DES_DIC | (i ? 0 : DES_FIRST);
		s->des[i].size = chunk;
		s->des[i].addr = (u32)(unsigned long)buf + i * DES_CHUNK;
		s->des[i].next = (u32)(unsigned long)&s->des[i + 1];
	}
	s->des[n - 1].config = (s->des[n - 1].config & ~DES_DIC) | DES_LAST | DES_END_OF_RING;
	s->des[n - 1].next = 0;
	dma_sync_for_device(s->des, n * sizeof(s->des[0]));
	if (write)
		dma_sync_for_device(buf, len);
	else
		dma_sync_for_cpu(buf, len); /* nothing dirty may be evicted over the data */
	mmc_writel(s, REG_GCTRL, (mmc_readl(s, REG_GCTRL) & ~GCTRL_ACCESS_BY_AHB) | GCTRL_DMA_ENABLE);
	reset_fifo_and_dma(s);
	mmc_writel(s, REG_DMAC, DMAC_SOFT_RESET);
	mmc_writel(s, REG_DMAC, DMAC_FIX_BURST | DMAC_ON);
	mmc_writel(s, REG_IDIE, 0);
	mmc_writel(s, REG_DLBA, (u32)(unsigned long)s->des);
}

/* Move the data through the FIFO; false on an error or timeout. */
static bool pio_transfer(struct sunxi_mmc *s, u32 *words, u32 len, bool write,
			 unsigned long timeout_us)
{
	unsigned long long deadline = local_clock() + timeout_us * 1000ull;

	for (u32 i = 0; i < len / 4;) {
		u32 status = mmc_readl(s, REG_STAS);

		if (mmc_readl(s, REG_RINTR) & INT_ERRORS || local_clock() > deadline)
			return false;
		if (write && !(status & STAS_FIFO_FULL))
			writel(words[i++], s->base + s->fifo);
		else if (!write && !(status & STAS_FIFO_EMPTY))
			words[i++] = readl(s->base + s->fifo);
	}
	return true;
}

static int sunxi_mmc_request(struct mmc_host *host, struct mmc_command *cmd)
{
	struct sunxi_mmc *s = host->priv;
	u32 len = cmd->data ? cmd->blksz * cmd->blocks : 0;
	bool write = cmd->flags & MMC_DATA_WRITE, dma = false;
	u32 cmdr = CMDR_START | cmd->opcode, done = INT_COMMAND_DONE, rint = 0;
	unsigned long long deadline;
	unsigned long timeout_us;
	int err = 0;

	if (cmd->flags & MMC_INIT_CLOCKS)
		cmdr |= CMDR_INIT;
	if (cmd->flags & MMC_RSP_PRESENT)
		cmdr |= CMDR_RESP | (cmd->flags & MMC_RSP_136 ? CMDR_LONG_RESP : 0) |
			(cmd->flags & MMC_RSP_CRC ? CMDR_CHECK_CRC : 0);
	if (len) {
		cmdr |= CMDR_DATA | CMDR_WAIT_PRE_OVER | (write ? CMDR_WRITE : 0);
		done = INT_DATA_OVER;
		if (cmd->blocks > 1) {
			cmdr |= CMDR_AUTO_STOP;
			done |= INT_AUTO_COMMAND_DONE;
		}
		mmc_writel(s, REG_BLKSZ, cmd->blksz);
		mmc_writel(s, REG_BCNTR, len);
		dma = !((unsigned long)cmd->data % DMA_ALIGN) && !(len % DMA_ALIGN) &&
		      len <= NR_DES * DES_CHUNK;
#if CONFIG_INITK_TEST
		host->dma_requests += dma;
		host->pio_requests += !dma;
#endif
		if (dma) {
			setup_dma(s, cmd->data, len, write);
		} else {
			mmc_writel(s, REG_GCTRL, (mmc_readl(s, REG_GCTRL) & ~GCTRL_DMA_ENABLE) |
							 GCTRL_ACCESS_BY_AHB);
			reset_fifo_and_dma(s);
		}
	}
	mmc_writel(s, REG_RINTR, ~0u);
	mmc_writel(s, REG_CARG, cmd->arg);
	mmc_writel(s, REG_CMDR, cmdr);
	timeout_us = !len ? CMD_TIMEOUT_US : write ? DATA_TIMEOUT_US : READ_TIMEOUT_US(cmd->blocks);
	if (len && !dma && !pio_transfer(s, cmd->data, len, write, timeout_us))
		err = -EIO;
	deadline = local_clock() + timeout_us * 1000ull;
	while (!err) {
		rint = mmc_readl(s, REG_RINTR);
		if ((rint & INT_ERRORS) || (rint & done) == done)
			break;
		if (local_clock() > deadline)
			err = -ETIMEDOUT;
	}
	rint = mmc_readl(s, REG_RINTR);
	if (rint & (INT_TIMEOUTS | INT_RESP_ERROR))
		err = -ETIMEDOUT;
	else if (rint & INT_CRC_ERRORS)
		err = -EILSEQ;
	else if (rint & INT_ERRORS)
		err = -EIO;
	if (dma) {
		mmc_writel(s, REG_DMAC, 0);
		if (!write)
			dma_sync_for_cpu(cmd->data, len);
	}
	if (err) {
		reset_fifo_and_dma(s);
		update_clock(s);
		return err;
	}
	if (cmd->flags & MMC_RSP_136)
		for (int i = 0; i < 4; i++)
			cmd->resp[i] = mmc_readl(s, REG_RESP0 + 4 * (3 - i));
	else
		cmd->resp[0] = mmc_readl(s, REG_RESP0);
	if ((cmd->flags & MMC_RSP_BUSY) && !wait_reg(s, REG_STAS, STAS_CARD_BUSY, 0, DATA_TIMEOUT_US))
		return -ETIMEDOUT;
	return 0;
}

static const struct mmc_host_ops sunxi_mmc_ops = { .request = sunxi_mmc_request,
						   .set_ios = sunxi_mmc_set_ios };

static struct clk *optional_clock(struct device *dev, const char *name)
{
	struct clk *clk = clk_get(dev, name);

	return IS_ERR(clk) || clk_prepare_enable(clk) ? NULL : clk;
}

static int sunxi_mmc_probe(struct device *dev)
{
	static unsigned int next_index;
	struct clk *ahb = clk_get(dev, "ahb");
	struct reset_control *rst = reset_control_get(dev, "ahb");
	struct sunxi_mmc *s;
	u32 width = 1;
	int err, id;

	if (IS_ERR(ahb) || PTR_ERR(rst) == -EPROBE_DEFER)
		return dev_err_probe(dev, IS_ERR(ahb) ? PTR_ERR(ahb) : -EPROBE_DEFER, "no ahb clock or reset");
	if (!(s = kzalloc(sizeof(*s))))
		return -ENOMEM;
	s->mmc = clk_get(dev, "mmc");
	if (IS_ERR(s->mmc)) {
		err = dev_err_probe(dev, PTR_ERR(s->mmc), "no mmc clock");
		goto out_free;
	}
	s->base = platform_ioremap(dev, 0, 0x204);
	if (IS_ERR(s->base)) {
		err = PTR_ERR(s->base);
		goto out_free;
	}
	if ((err = clk_prepare_enable(ahb)) || (!IS_ERR(rst) && (err = reset_control_deassert(rst))) ||
	    (err = clk_prepare_enable(s->mmc))) {
		err = dev_err_probe(dev, err, "cannot enable its clocks");
		goto out_free;
	}
	s->output = optional_clock(dev, "output");
	s->sample = optional_clock(dev, "sample");
	s->fifo = dev->match->data ? 0x100 : 0x200;
	if (dtb_is_compatible(dev->dt, dtb_path_offset(dev->dt, "/"), "allwinner,sun7i-a20"))
		s->fifo = 0x100;
	mmc_writel(s, REG_GCTRL, GCTRL_RESETS);
	if (!wait_reg(s, REG_GCTRL, GCTRL_RESETS, 0, CMD_TIMEOUT_US)) {
		err = dev_err_probe(dev, -ETIMEDOUT, "controller reset timed out");
		goto out_free;
	}
	mmc_writel(s, REG_TMOUT, 0xffffff40); /* the longest data and response timeouts */
	mmc_writel(s, REG_IMASK, 0);          /* polled */
	mmc_writel(s, REG_RINTR, ~0u);
	dtb_get_u32(dev->dt, dev->node, "bus-width", &width);
	id = of_alias_get_id(dev->dt, dev->node, "mmc");
	s->host = (struct mmc_host){ .ops = &sunxi_mmc_ops, .dev = dev, .priv = s,
				     .index = id >= 0 ? (unsigned int)id : next_index++,
				     .max_blocks = MAX_BLOCKS, .caps_4bit = width == 4,
				     .caps_high_speed = true };
	dev->driver_data = s;
	dev_info(dev, "initialized, max. request size: %u KB\n", MAX_BLOCKS * SECTOR_SIZE / 1024);
	mmc_add_host(&s->host); /* an empty slot or a bad card leaves the host bound */
	return 0;

out_free:
	kfree(s);
	return err;
}

static const struct of_device_id sunxi_mmc_of_match[] = {
	{ .compatible = "allwinner,sun4i-a10-mmc", .data = (void *)1 }, /* FIFO at 0x100 */
	{ .compatible = "allwinner,sun5i-a13-mmc" },
	{ .compatible = "allwinner,sun7i-a20-mmc" },
	{}
};

static struct platform_driver sunxi_mmc_driver = {
	.name = "sunxi-mmc",
	.of_match_table = sunxi_mmc_of_match,
	.probe = sunxi_mmc_probe,
};
module_platform_driver(sunxi_mmc_driver);
