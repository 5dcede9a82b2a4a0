/* The Allwinner Security ID eFuses (Linux's sunxi_sid: "allwinner,sun7i-a20-sid",
 * "allwinner,sun8i-h3-sid"): the chip id, their first 16 bytes, read as
 * four words, becomes /proc/cpuinfo's Serial by U-Boot's rule (U-Boot puts
 * it in the tree's /serial-number, which Linux and initk show when present):
 * "%08x%08x" of word 0 and word 3, word 3 replaced on the H3 by the CRC-32
 * of words 1 to 3 (its lower 24 bits never all zero); nothing when word 0
 * is 0. The A20 maps the eFuses at offset 0; the H3's mapping (at 0x200) is
 * unreliable, so each word is read through the PRCTL register, as Linux does. */
#include <asm/io.h>
#include <asm/setup.h>
#include <kernel/device.h>
#include <kernel/errno.h>
#include <kernel/time.h>

#define SUN8I_SID_PRCTL 0x40
#define SUN8I_SID_RDKEY 0x60
#define SUN8I_SID_OFFSET_SHIFT 16
#define SUN8I_SID_OP_LOCK (0xacu << 8)
#define SUN8I_SID_READ (1u << 1)
#define SUN8I_SID_TIMEOUT_NS (250 * 1000000ull) /* Linux's 250 ms */

struct sunxi_sid_cfg {
	bool read_by_register; /* H3 */
	bool crc_of_words;     /* U-Boot: every SoC after the A20, A23 and A33 */
};

static const struct sunxi_sid_cfg sun7i_a20_cfg = { false, false };
static const struct sunxi_sid_cfg sun8i_h3_cfg = { true, true };

static int sun8i_sid_read_word(u8 *base, unsigned int offset, u32 *word)
{
	unsigned long long deadline = local_clock() + SUN8I_SID_TIMEOUT_NS;

	writel(offset << SUN8I_SID_OFFSET_SHIFT | SUN8I_SID_OP_LOCK | SUN8I_SID_READ,
	       base + SUN8I_SID_PRCTL);
	while (readl(base + SUN8I_SID_PRCTL) & SUN8I_SID_READ)
		if (local_clock() > deadline)
			return -ETIMEDOUT;
	*word = readl(base + SUN8I_SID_RDKEY);
	writel(0, base + SUN8I_SID_PRCTL);
	return 0;
}

/* zlib's CRC-32 (U-Boot's crc32(0, ...)), bit by bit: no table for 12 bytes. */
static u32 crc32(const u8 *data, size_t len)
{
	u32 crc = ~0u;

	while (len--) {
		crc ^= *data++;
		for (int bit = 0; bit < 8; bit++)
			crc = crc >> 1 ^ (0xedb88320u & -(crc & 1));
	}
	return ~crc;
}

static int sunxi_sid_probe(struct device *dev)
{
	const struct sunxi_sid_cfg *cfg = dev->match->data;
	u8 *base = platform_ioremap(dev, 0, 0x64);
	u32 sid[4];
	int err;

	if (IS_ERR(base))
		return PTR_ERR(base);
	for (unsigned int i = 0; i < 4; i++) {
		if (!cfg->read_by_register)
			sid[i] = readl(base + 4 * i);
		else if ((err = sun8i_sid_read_word(base, 4 * i, &sid[i])))
			return err;
	}
	if (!sid[0])
		return 0; /* U-Boot leaves serial# unset */
	if (cfg->crc_of_words)
		sid[3] = crc32((const u8 *)&sid[1], 12);
	if (!(sid[3] & 0xffffff))
		sid[3] |= 0x800000;
	system_serial_high = sid[0];
	system_serial_low = sid[3];
	return 0;
}

static const struct of_device_id sunxi_sid_of_match[] = {
	{ .compatible = "allwinner,sun7i-a20-sid", .data = &sun7i_a20_cfg },
	{ .compatible = "allwinner,sun8i-h3-sid", .data = &sun8i_h3_cfg },
	{}
};

static struct platform_driver sunxi_sid_driver = {
	.name = "eeprom-sunxi-sid",
	.of_match_table = sunxi_sid_of_match,
	.probe = sunxi_sid_probe,
};
module_platform_driver(sunxi_sid_driver);
