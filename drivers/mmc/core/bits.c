/* Reading SD registers: fields of long responses (CID, CSD) and the
 * capacity a CSD gives; and Linux's size string for the card's line. Pure
 * code, unit-tested on the host (tests/unit/test_mmc.c). */
#include <kernel/mmc.h>
#include <kernel/sprintf.h>

u32 mmc_response_bits(const u32 resp[4], unsigned int start, unsigned int size)
{
	u32 value = 0;

	for (unsigned int i = 0; i < size; i++) {
		unsigned int bit = start + i;

		value |= ((resp[3 - bit / 32] >> (bit % 32)) & 1) << i;
	}
	return value;
}

u64 mmc_sd_csd_sectors(const u32 csd[4])
{
	switch (mmc_response_bits(csd, 126, 2)) {
	case 0: { /* CSD 1.0 (SDSC): (C_SIZE + 1) * 2^(C_SIZE_MULT + 2) blocks of 2^READ_BL_LEN */
		u64 blocks = (u64)(mmc_response_bits(csd, 62, 12) + 1) << (mmc_response_bits(csd, 47, 3) + 2);
		unsigned int bl_len = mmc_response_bits(csd, 80, 4);

		return bl_len < 9 || bl_len > 11 ? 0 : blocks << (bl_len - 9);
	}
	case 1: /* CSD 2.0 (SDHC, SDXC): (C_SIZE + 1) * 512 KiB */
		return (u64)(mmc_response_bits(csd, 48, 22) + 1) << 10;
	default:
		return 0;
	}
}

void mmc_size_string(u64 bytes, char *buf, size_t size)
{
	static const char units[][4] = { "B", "KiB", "MiB", "GiB", "TiB" };
	unsigned int unit = 0;
	u64 rest = 0;

	while (bytes >= 1024 && unit < 4) {
		rest = bytes % 1024;
		bytes /= 1024;
		unit++;
	}
	/* three significant digits, the rest truncated */
	rest = rest * 1000 / 1024;
	if (bytes >= 100 || !unit)
		scnprintf(buf, size, "%llu %s", bytes, units[unit]);
	else if (bytes >= 10)
		scnprintf(buf, size, "%llu.%01llu %s", bytes, rest / 100, units[unit]);
	else
		scnprintf(buf, size, "%llu.%02llu %s", bytes, rest / 10, units[unit]);
}
