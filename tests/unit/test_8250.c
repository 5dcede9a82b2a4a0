/* Host tests of the 16550 core and the DesignWare glue: divisor arithmetic,
 * console option parsing, line settings, the LCR-busy quirk (against a
 * simulated UART), the device tree match and port description. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include <stdlib.h>

#include "read_file.h"

#include <kernel/device.h>
#include <kernel/errno.h>

/* The glue's static functions are what we test: include it. */
#include "../../drivers/tty/serial/8250_dw.c"

/* --- A simulated DesignWare UART at a fake address ------------------------- */

static u32 regs[32];       /* by register number */
static int busy_writes;    /* LCR writes to ignore, as a busy DW UART does */
static int lcr_writes;
static int usr_reads;
static u8 fake_base[32 << 2];

static int reg_of(const volatile void *addr)
{
	return (int)(((const volatile u8 *)addr - fake_base) >> 2);
}

static int reads;

/* With fifo_model, a transmit FIFO: each write to THR adds a byte, LSR says
 * THRE only when it is empty, and each LSR read lets fifo_drain bytes go
 * (time passes while the CPU polls; it never drains otherwise, the worst
 * case). fifo_peak: the most it ever held. */
static bool fifo_model;
static unsigned int fifo_level, fifo_peak, fifo_drain;

u32 readl(const volatile void *addr)
{
	reads++;
	if (reg_of(addr) == UART_USR)
		usr_reads++;
	if (fifo_model && reg_of(addr) == UART_LSR) {
		u32 lsr = fifo_level ? 0 : UART_LSR_THRE;

		fifo_level -= fifo_level < fifo_drain ? fifo_level : fifo_drain;
		return lsr;
	}
	return regs[reg_of(addr)];
}

/* Every write to the transmit register, in order (UART_TX is register 0). */
static u32 tx_log[4096];
static unsigned int tx_count;

void writel(u32 v, volatile void *addr)
{
	int reg = reg_of(addr);

	if (reg == UART_TX && tx_count < sizeof(tx_log) / sizeof(tx_log[0]))
		tx_log[tx_count++] = v;
	if (fifo_model && reg == UART_TX && ++fifo_level > fifo_peak)
		fifo_peak = fifo_level;

	if (reg == UART_LCR) {
		lcr_writes++;
		if (busy_writes > 0) {
			busy_writes--;
			return;
		}
	}
	regs[reg] = v;
}

u8 readb(const volatile void *addr)
{
	return (u8)readl(addr);
}

void writeb(u8 v, volatile void *addr)
{
	writel(v, addr);
}

/* --- Stubs for what 8250_dw.c calls in the rest of the kernel --------------- */

int printk(const char *fmt, ...)
{
	(void)fmt;
	return 0;
}

int platform_driver_register(struct platform_driver *drv)
{
	(void)drv;
	return 0;
}

/* The trees these tests use give clock-frequency and no clocks or resets. */
struct clk *clk_get(struct device *dev, const char *id)
{
	(void)dev;
	(void)id;
	return ERR_PTR(-ENOENT);
}

struct reset_control *reset_control_get(struct device *dev, const char *id)
{
	(void)dev;
	(void)id;
	return ERR_PTR(-ENOENT);
}

int clk_prepare_enable(struct clk *clk)
{
	(void)clk;
	return -EINVAL;
}

unsigned long clk_get_rate(struct clk *clk)
{
	(void)clk;
	return 0;
}

int reset_control_deassert(struct reset_control *rstc)
{
	(void)rstc;
	return -EINVAL;
}

int platform_get_irq(struct device *dev, int index)
{
	(void)dev;
	(void)index;
	return 32;
}

int dev_err_probe(struct device *dev, int err, const char *fmt, ...)
{
	(void)dev;
	(void)fmt;
	return err;
}

/* (kernel/params.c's, host-tested in test_params) */
int cmdline_console_index(const char *cmdline, const char *name)
{
	(void)name;
	return strstr(cmdline, "console=ttyS0") ? 0 : -1;
}

/* (the alias numbering is kernel/devicetree.c's, tested by the boot tests) */
int of_alias_get_id(const struct dtb *dt, int node, const char *stem)
{
	(void)dt;
	(void)node;
	(void)stem;
	return -ENODEV;
}

int arch_check_mmio(u64 addr, u64 size, const char **why)
{
	(void)size;
	*why = "in the unmapped first MiB";
	return addr < 0x100000 ? -EFAULT : 0;
}

/* A clock for the transmitter's deadline: 1 ms a reading. */
static unsigned long long fake_ns;
unsigned long long local_clock(void)
{
	return fake_ns += 1000000;
}

static int core_irqs;
static u32 core_iir;

void serial8250_handle_irq(struct uart_8250_port *port, u32 iir)
{
	(void)port;
	core_irqs++;
	core_iir = iir;
}

int serial8250_register_port(struct uart_8250_port *port, const char *devname)
{
	(void)port;
	(void)devname;
	return 0;
}

static struct uart_8250_port dw_port(void)
{
	struct uart_8250_port port = {
		.membase = fake_base, .regshift = 2, .iowidth = 4, .uartclk = 24000000,
		.serial_out = dw8250_serial_out, .tx_burst = 1,
	};

	memset(regs, 0, sizeof(regs));
	busy_writes = lcr_writes = 0;
	return port;
}

static void test_divisor(void **state)
{
	(void)state;
	/* 24 MHz / (16 * 115200) = 13.02 -> 13, as U-Boot leaves it on sunxi */
	assert_int_equal(serial8250_divisor(24000000, 115200), 13);
	/* 1.8432 MHz crystal: exact divisors */
	assert_int_equal(serial8250_divisor(1843200, 115200), 1);
	assert_int_equal(serial8250_divisor(1843200, 9600), 12);
	/* rounded to nearest: 24e6 / (16 * 57600) = 26.04 -> 26; / (16 * 500000) = 3 */
	assert_int_equal(serial8250_divisor(24000000, 57600), 26);
	assert_int_equal(serial8250_divisor(24000000, 500000), 3);
	/* 24e6 / (16 * 921600) = 1.63 -> 2 */
	assert_int_equal(serial8250_divisor(24000000, 921600), 2);
	/* impossible: no clock, no baud, too fast (< 1), too slow (> 0xffff) */
	assert_int_equal(serial8250_divisor(0, 115200), 0);
	assert_int_equal(serial8250_divisor(24000000, 0), 0);
	assert_int_equal(serial8250_divisor(24000000, 3000000), 1); /* 0.5 rounds up */
	assert_int_equal(serial8250_divisor(24000000, 6000000), 0); /* 0.25 */
	assert_int_equal(serial8250_divisor(24000000, 10), 0);
}

static void test_parse_options(void **state)
{
	u32 baud = 0, bits = 0;
	char parity = 0;

	(void)state;
	assert_int_equal(uart_parse_options("115200n8", &baud, &parity, &bits), 0);
	assert_int_equal(baud, 115200);
	assert_int_equal(parity, 'n');
	assert_int_equal(bits, 8);
	assert_int_equal(uart_parse_options("9600", &baud, &parity, &bits), 0);
	assert_int_equal(baud, 9600);
	assert_int_equal(parity, 'n');
	assert_int_equal(bits, 8);
	assert_int_equal(uart_parse_options("57600e7", &baud, &parity, &bits), 0);
	assert_int_equal(parity, 'e');
	assert_int_equal(bits, 7);
	assert_int_equal(uart_parse_options("115200n8r", &baud, &parity, &bits), 0);
	assert_int_equal(uart_parse_options("", &baud, &parity, &bits), -EINVAL);
	assert_int_equal(uart_parse_options("fast", &baud, &parity, &bits), -EINVAL);
	assert_int_equal(uart_parse_options("115200x8", &baud, &parity, &bits), -EINVAL);
	assert_int_equal(uart_parse_options("115200n9", &baud, &parity, &bits), -EINVAL);
	assert_int_equal(uart_parse_options("115200n8junk", &baud, &parity, &bits), -EINVAL);
	assert_int_equal(uart_parse_options("99999999999", &baud, &parity, &bits), -EINVAL);
	assert_int_equal(uart_parse_options(NULL, &baud, &parity, &bits), -EINVAL);
}

static void test_set_termios_programs_divisor_and_lcr(void **state)
{
	struct uart_8250_port port = dw_port();

	(void)state;
	assert_int_equal(serial8250_set_termios(&port, 115200, 'n', 8), 0);
	assert_int_equal(regs[UART_DLL], 13);
	assert_int_equal(regs[UART_DLM], 0);
	assert_int_equal(regs[UART_LCR], 0x03); /* 8N1, DLAB cleared again */
	assert_int_equal(serial8250_set_termios(&port, 300, 'e', 7), 0);
	assert_int_equal(regs[UART_DLL], 5000 & 0xff); /* 24e6 / 4800 = 5000 */
	assert_int_equal(regs[UART_DLM], 5000 >> 8);
	assert_int_equal(regs[UART_LCR], 0x02 | 0x08 | 0x10);
	port.uartclk = 0;
	assert_int_equal(serial8250_set_termios(&port, 115200, 'n', 8), -EINVAL);
}

static void test_lcr_write_retried_while_busy(void **state)
{
	struct uart_8250_port port = dw_port();

	(void)state;
	busy_writes = 3; /* the UART ignores three writes, then takes one */
	serial8250_out(&port, UART_LCR, 0x83);
	assert_int_equal(regs[UART_LCR], 0x83);
	assert_int_equal(lcr_writes, 4);
	/* and the divisor write in set_termios survives a busy UART too */
	busy_writes = 2;
	assert_int_equal(serial8250_set_termios(&port, 115200, 'n', 8), 0);
	assert_int_equal(regs[UART_LCR], 0x03);
	assert_int_equal(regs[UART_DLL], 13);
}

static void test_lcr_gives_up_after_bounded_retries(void **state)
{
	struct uart_8250_port port = dw_port();

	(void)state;
	busy_writes = 1 << 30; /* never takes it: must not hang */
	serial8250_out(&port, UART_LCR, 0x03);
	assert_int_equal(regs[UART_LCR], 0);
	assert_int_equal(lcr_writes, LCR_RETRIES + 1);
}

static void test_plain_port_has_no_retry(void **state)
{
	struct uart_8250_port port = dw_port();

	(void)state;
	port.serial_out = NULL; /* ns16550a: no glue */
	busy_writes = 1;
	serial8250_out(&port, UART_LCR, 0x03);
	assert_int_equal(lcr_writes, 1);
	assert_int_equal(regs[UART_LCR], 0);
}

/* A "busy" interrupt (IIR 0x7, an LCR write while busy) is the glue's: USR
 * is read to clear it and the 16550 core never sees it; anything else is
 * handed on with the IIR already read (reading it twice would lose a THRE). */
static void test_busy_interrupt_is_cleared_by_the_glue(void **state)
{
	struct uart_8250_port port = dw_port();

	(void)state;
	usr_reads = core_irqs = 0;
	dw8250_handle_irq(&port, 0xc7);
	assert_int_equal(usr_reads, 1);
	assert_int_equal(core_irqs, 0);
	dw8250_handle_irq(&port, 0xc2); /* THRE */
	assert_int_equal(usr_reads, 1);
	assert_int_equal(core_irqs, 1);
	assert_int_equal(core_iir, 0xc2);
	dw8250_handle_irq(&port, 0xc1); /* nothing pending: the core decides */
	assert_int_equal(core_irqs, 2);
}

/* A transmitter that never says "ready" (a wrong address or width): the port
 * gives up after its 50 ms deadline and sends nothing more, at once. */
static void test_dead_transmitter_is_given_up(void **state)
{
	struct uart_8250_port port = dw_port();

	(void)state;
	regs[UART_LSR] = 0; /* never THRE */
	regs[UART_TX] = 0;
	serial8250_write_text(&port, "x", 1);
	assert_true(port.tx_dead);
	assert_int_equal(regs[UART_TX], 0);
	reads = 0;
	serial8250_write_text(&port, "more\n", 5);
	assert_int_equal(reads, 0); /* not even polled again */

	port = dw_port();
	regs[UART_LSR] = UART_LSR_THRE;
	serial8250_write_text(&port, "ok\n", 3);
	assert_false(port.tx_dead);
	assert_int_equal(regs[UART_TX], '\n');
}

/* What the transmit register got, as text; fails on a write with bits above the byte. */
static void expect_sent(const char *want)
{
	size_t n = strlen(want);

	assert_int_equal(tx_count, n);
	for (size_t i = 0; i < n; i++) {
		if (tx_log[i] != (u8)want[i])
			fail_msg("byte %zu: sent 0x%x, want 0x%02x", i, tx_log[i], (u8)want[i]);
	}
}

/* text with each "\n" as "\r\n" */
static void crlf(char *out, const char *text, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		if (text[i] == '\n')
			*out++ = '\r';
		*out++ = text[i];
	}
	*out = '\0';
}

/* Up to and with the first "\n": the runs printk gives a console's write()
 * and the TX interrupt (a "\n" only as the last byte). */
static size_t line_len(const char *text, size_t len)
{
	const char *nl = memchr(text, '\n', len);

	return nl ? (size_t)(nl - text) + 1 : len;
}

/* Polled output, a line at a time as printk writes it, from every alignment,
 * with newlines anywhere in the text (alone, in pairs, at a word's or a
 * FIFO's edge), for FIFOs of 1, 16 and 64 bytes, through 32-bit and 8-bit
 * registers: the bytes with "\r" before each "\n", each a byte-sized write. */
static void test_write_text_sends_every_byte(void **state)
{
	static const char *const texts[] = {
		"[    0.000577] initcall sunxi_smp_init+0x0/0x5c returned -19 after 0 usecs\n",
		"\n", "\n\n", "abc", "abcd\nefgh\n", "0123456789abcdef\n0123456789abcde\n",
		"0123456789abcdefghijklmnopqrstu\n\nvwxyz0123456789ABCDEFGHIJKLMN\nOPQRSTUVWX",
		"\xff\x80\x0b\x09\x0a\x7f high bytes and a newline-like 0x0b\n",
	};
	static const unsigned int bursts[] = { 1, 16, 64 };
	const unsigned int nb = sizeof(bursts) / sizeof(bursts[0]);
	char buf[256] __attribute__((aligned(8))), want[512];

	(void)state;
	for (unsigned int b = 0; b < 2 * nb; b++) { /* each burst, 32-bit then 8-bit */
		for (unsigned int t = 0; t < sizeof(texts) / sizeof(texts[0]); t++) {
			size_t len = strlen(texts[t]);

			for (unsigned int shift = 0; shift < 8; shift++) {
				struct uart_8250_port port = dw_port();

				port.tx_burst = bursts[b % nb];
				port.iowidth = b < nb ? 4 : 1;
				regs[UART_LSR] = UART_LSR_THRE;
				memcpy(buf + shift, texts[t], len);
				tx_count = 0;
				for (size_t done = 0, n; done < len; done += n) {
					n = line_len(buf + shift + done, len - done);
					serial8250_write_text(&port, buf + shift + done, (unsigned int)n);
				}
				crlf(want, texts[t], len);
				expect_sent(want);
			}
		}
	}
}

/* Polled output into a 16-byte FIFO that drains only while the CPU polls
 * LSR: every byte arrives, "\n" as "\r\n", and the FIFO never holds more than
 * 16, though each write starts with the room the last one left (tx_room) and
 * waits for an empty FIFO only once that is used up; through 32-bit and
 * 8-bit registers. */
static void test_polled_output_never_overfills_the_fifo(void **state)
{
	static const char *const lines[] = {
		"[    0.000502] initcall rtc_hctosys+0x0/0x78 returned 0 after 8 usecs\n",
		"ab\n", "\n", "0123456789abcde\n", "0123456789abcdef\n", "x", "yz\n",
		"[    0.000152] calling  sunxi_smp_init+0x0/0x4c @ 1\n",
	};
	char want[512] = "", part[160];

	(void)state;
	for (unsigned int width = 1; width <= 4; width += 3) {
		for (unsigned int drain = 1; drain <= 16; drain *= 4) {
			struct uart_8250_port port = dw_port();

			port.iowidth = (u8)width;
			port.tx_burst = 16;
			fifo_model = true;
			fifo_level = fifo_peak = 0;
			fifo_drain = drain;
			tx_count = 0;
			want[0] = '\0';
			for (unsigned int i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
				serial8250_write_text(&port, lines[i], (unsigned int)strlen(lines[i]));
				crlf(part, lines[i], strlen(lines[i]));
				strcat(want, part);
				assert_true(fifo_level + port.tx_room <= 16);
			}
			fifo_model = false;
			expect_sent(want);
			assert_false(port.tx_dead);
			assert_int_equal(fifo_peak, 16); /* full FIFOs, never more */
		}
	}
	/* the room left carries over: 16 - 4 after "ab\r\n" into an empty FIFO */
	{
		struct uart_8250_port port = dw_port();

		port.tx_burst = 16;
		regs[UART_LSR] = UART_LSR_THRE;
		serial8250_write_text(&port, "ab\n", 3);
		assert_int_equal(port.tx_room, 12);
		reads = 0;
		serial8250_write_text(&port, "cd\n", 3);
		assert_int_equal(reads, 0); /* no LSR read: the room was known */
		assert_int_equal(port.tx_room, 8);
	}
}

/* Interrupt-driven output, a line at a time as console_next() gives it: runs
 * of at most the room given, a "\r" that filled the room carried to the next
 * run, which starts at its "\n". */
static void test_tx_run_in_rooms(void **state)
{
	static const char text[] = "0123456789abcdef0123456789abcde\n\nxyz\n0123456789abcdefghij\n";
	char buf[128] __attribute__((aligned(8))), want[256];

	(void)state;
	for (unsigned int fifo = 1; fifo <= 20; fifo++) {
		for (unsigned int shift = 0; shift < 4; shift++) {
			struct uart_8250_port port = dw_port();
			unsigned int done = 0, len = sizeof(text) - 1, runs = 0;
			bool cr = false;

			memcpy(buf + shift, text, len);
			tx_count = 0;
			while (done < len) {
				unsigned int room = fifo, before = tx_count;

				done += serial8250_tx_run(&port, buf + shift + done,
							  (unsigned int)line_len(buf + shift + done, len - done),
							  &room, &cr, false);
				assert_true(tx_count - before <= fifo);
				assert_int_equal(tx_count - before + room, fifo);
				assert_true(++runs < 200);
			}
			assert_false(cr);
			crlf(want, text, len);
			expect_sent(want);
		}
	}
}

/* The match table and the DT port description, on a fixture tree. */
static const char *fixtures;

static void test_match_table_and_port_from_dt(void **state)
{
	char path[512];
	u8 *blob;
	u32 n;
	struct dtb dt;
	const char *reason;
	struct uart_8250_port port;
	int node;

	(void)state;
	snprintf(path, sizeof(path), "%s/board32.dtb", fixtures);
	assert_int_equal(read_file(path, &blob, &n), 0);
	assert_int_equal(dtb_open(&dt, blob, n, &reason), 0);

	/* the one table: snps,dw-apb-uart with the quirk, ns16550a without */
	assert_string_equal(serial8250_of_match[0].compatible, "snps,dw-apb-uart");
	assert_non_null(serial8250_of_match[0].data);
	assert_null(serial8250_of_match[1].data);
	assert_null(serial8250_of_match[ARRAY_SIZE(serial8250_of_match) - 1].compatible);

	node = dtb_path_offset(&dt, "serial0");
	assert_true(node >= 0);
	assert_true(serial8250_dt_compatible(&dt, node));
	assert_int_equal(serial8250_port_from_dt(&dt, node, &port), 0);
	assert_int_equal(port.mapbase, 0x01c28000);
	assert_int_equal(port.regshift, 2);
	assert_int_equal(port.iowidth, 4);
	assert_int_equal(port.line, -1);
	assert_int_equal(port.irq, -1);
	assert_false(serial8250_dt_compatible(&dt, dtb_path_offset(&dt, "/")));
	free(blob);
}

/* The console's UART: stdout-path's when usable, else console=ttyS<n>'s serial<n>. */
static void test_console_port_choice(void **state)
{
	char path[512], why[160];
	const char *options;
	struct uart_8250_port port;
	struct dtb dt;
	const char *reason;
	u8 *blob;
	u32 n;

	(void)state;
	snprintf(path, sizeof(path), "%s/board32.dtb", fixtures);
	assert_int_equal(read_file(path, &blob, &n), 0);
	assert_int_equal(dtb_open(&dt, blob, n, &reason), 0);
	assert_int_equal(serial8250_console_port(&dt, "", &port, &options, why, sizeof(why)), 0);
	assert_string_equal(why, "");
	assert_int_equal(port.mapbase, 0x01c28000);

	assert_int_equal(serial8250_console_port(NULL, "console=ttyS0", &port, &options, why, sizeof(why)), -ENODEV);
	assert_string_equal(why, "no device tree");
	free(blob);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_divisor),
		cmocka_unit_test(test_parse_options),
		cmocka_unit_test(test_set_termios_programs_divisor_and_lcr),
		cmocka_unit_test(test_lcr_write_retried_while_busy),
		cmocka_unit_test(test_lcr_gives_up_after_bounded_retries),
		cmocka_unit_test(test_plain_port_has_no_retry),
		cmocka_unit_test(test_busy_interrupt_is_cleared_by_the_glue),
		cmocka_unit_test(test_dead_transmitter_is_given_up),
		cmocka_unit_test(test_write_text_sends_every_byte),
		cmocka_unit_test(test_polled_output_never_overfills_the_fifo),
		cmocka_unit_test(test_tx_run_in_rooms),
		cmocka_unit_test(test_match_table_and_port_from_dt),
		cmocka_unit_test(test_console_port_choice),
	};

	fixtures = argc > 1 ? argv[1] : "build/host/fixtures";
	return cmocka_run_group_tests_name("8250", tests, NULL, NULL);
}
