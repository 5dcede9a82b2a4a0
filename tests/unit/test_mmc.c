/* Host tests of the SD register readers: CSD capacities (version 1.0 for
 * SDSC, 2.0 for SDHC), built byte by byte as the SD Physical Layer spec
 * (5.3.2, 5.3.3) lays the fields out and as QEMU's card model fills them,
 * the CID product name, and Linux's size strings for the card's line. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include <kernel/mmc.h>
#include <kernel/sprintf.h>

/* 16 register bytes, byte 0 = bits 127:120, as the host returns them in resp[0..3]. */
static void to_resp(const u8 bytes[16], u32 resp[4])
{
	for (int i = 0; i < 4; i++)
		resp[i] = (u32)bytes[4 * i] << 24 | (u32)bytes[4 * i + 1] << 16 |
			  (u32)bytes[4 * i + 2] << 8 | bytes[4 * i + 3];
}

/* CSD 1.0: READ_BL_LEN bits 83:80, C_SIZE 73:62, C_SIZE_MULT 49:47. */
static void csd_v1(u8 b[16], u32 c_size, u32 c_size_mult, u32 read_bl_len)
{
	memset(b, 0, 16);
	b[1] = 0x26; /* TAAC */
	b[3] = 0x32; /* TRAN_SPEED: 25 MHz */
	b[4] = 0x5f;
	b[5] = 0x50 | read_bl_len;
	b[6] = 0xe0 | ((c_size >> 10) & 3);
	b[7] = (c_size >> 2) & 0xff;
	b[8] = 0x3f | ((c_size << 6) & 0xc0);
	b[9] = 0xfc | ((c_size_mult >> 1) & 3);
	b[10] = 0x40 | ((c_size_mult << 7) & 0x80) | 0x1f;
}

static void test_csd_v1_capacity(void **state)
{
	u8 b[16];
	u32 resp[4];

	(void)state;
	/* 64 MiB, as QEMU makes it: C_SIZE 255, MULT 7, 512-byte blocks */
	csd_v1(b, 255, 7, 9);
	to_resp(b, resp);
	assert_int_equal(mmc_response_bits(resp, 126, 2), 0);
	assert_int_equal(mmc_response_bits(resp, 62, 12), 255);
	assert_int_equal(mmc_sd_csd_sectors(resp), 64 * 2048);
	/* 2 GiB: C_SIZE 4095, MULT 7, 1024-byte blocks (the spec's way to say 2 GB) */
	csd_v1(b, 4095, 7, 10);
	to_resp(b, resp);
	assert_int_equal(mmc_sd_csd_sectors(resp), 4096ull * 512 * 2);
	/* a block length the spec does not allow */
	csd_v1(b, 255, 7, 12);
	to_resp(b, resp);
	assert_int_equal(mmc_sd_csd_sectors(resp), 0);
}

static void test_csd_v2_capacity(void **state)
{
	u8 b[16] = { 0x40, 0x0e, 0x00, 0x32, 0x5b, 0x59 };
	u32 resp[4];

	(void)state;
	/* 4 GiB: C_SIZE (bits 69:48) = 4 GiB / 512 KiB - 1 */
	b[7] = (8191 >> 16) & 0x3f;
	b[8] = (8191 >> 8) & 0xff;
	b[9] = 8191 & 0xff;
	to_resp(b, resp);
	assert_int_equal(mmc_response_bits(resp, 126, 2), 1);
	assert_int_equal(mmc_sd_csd_sectors(resp), 8ull * 1024 * 1024);
	/* 64 GiB (an SDXC size): C_SIZE 131071 >= 0xffff */
	b[7] = (131071 >> 16) & 0x3f;
	b[8] = (131071 >> 8) & 0xff;
	b[9] = 131071 & 0xff;
	to_resp(b, resp);
	assert_true(mmc_response_bits(resp, 48, 22) >= 0xffff);
	assert_int_equal(mmc_sd_csd_sectors(resp), 128ull * 1024 * 1024);
	/* CSD structure 3 is reserved */
	b[0] = 0xc0;
	to_resp(b, resp);
	assert_int_equal(mmc_sd_csd_sectors(resp), 0);
}

static void test_cid_product_name(void **state)
{
	/* MID, OID "QE", PNM "MU!.." ... : QEMU's CID starts 0xaa 'X' 'Y' 'Q' 'E' 'M' 'U' '!' */
	const u8 b[16] = { 0xaa, 'X', 'Y', 'Q', 'E', 'M', 'U', '!', 0x01, 0xde, 0xad, 0xbe, 0xef };
	u32 resp[4];
	char name[6] = { 0 };

	(void)state;
	to_resp(b, resp);
	for (int i = 0; i < 5; i++) /* PNM: bits 103:64, first character highest */
		name[i] = (char)mmc_response_bits(resp, 96 - 8 * i, 8);
	assert_string_equal(name, "QEMU!");
	assert_int_equal(mmc_response_bits(resp, 120, 8), 0xaa); /* MID */
}

static void test_size_strings(void **state)
{
	char buf[16];
	static const struct {
		unsigned long long bytes;
		const char *text;
	} cases[] = {
		{ 64ull << 20, "64.0 MiB" },  /* Linux 6.1 on QEMU's 64 MiB card */
		{ 1ull << 30, "1.00 GiB" },
		{ 4ull << 30, "4.00 GiB" },
		{ 512ull << 20, "512 MiB" },
		{ 3ull << 29, "1.50 GiB" },
		{ 15634268160ull, "14.5 GiB" }, /* a "16 GB" card */
		{ 1000, "1000 B" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		mmc_size_string(cases[i].bytes, buf, sizeof(buf));
		assert_string_equal(buf, cases[i].text);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_csd_v1_capacity), cmocka_unit_test(test_csd_v2_capacity),
		cmocka_unit_test(test_cid_product_name), cmocka_unit_test(test_size_strings),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
