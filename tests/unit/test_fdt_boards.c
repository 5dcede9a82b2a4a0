/*
 * The device tree reader (kernel/fdt.c) on the real boards' trees: initk's own DTBs
 * (boot/dts) and mainline Linux 6.1's, as Debian's armhf armmp kernel ships them.
 *
 * Usage: test_fdt_boards FIXTURES_DIR INITK_DTB_DIR LINUX_DTB_DIR
 * (FIXTURES_DIR is what every unit test gets; this one does not use it.)
 *
 * For each of the six trees it checks what initk takes from a boot loader's DTB:
 * the machine model, the console named by /chosen stdout-path (alias resolved to
 * the UART node, its reg, reg-shift, reg-io-width and options), the GIC found by
 * compatible and its distributor and CPU interface, the generic timer's interrupts,
 * the RAM banks, and the CPUs. The expected values are written from the trees
 * decompiled with `dtc -I dtb -O dts`, not computed from them.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "read_file.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <kernel/errno.h>
#include <kernel/fdt.h>

enum origin { INITK, LINUX };

struct board {
	const char *file;       /* DTB file name */
	enum origin origin;     /* initk's tree or mainline Linux's */
	const char *model;
	const char *compatible; /* the board's own entry of the root's compatible */
	const char *soc;        /* the SoC's entry */
	u32 uart_irq;           /* uart0's GIC SPI number */
	int cpus;
	bool has_memory;        /* mainline's trees leave /memory to the boot loader */
	bool cma_pool;          /* mainline's A20 trees reserve a CMA pool in RAM */
};

static const struct board boards[] = {
	{ "sun8i-h3-orangepi-pc.dtb", INITK, "Xunlong Orange Pi PC", "xunlong,orangepi-pc",
	  "allwinner,sun8i-h3", 0, 4, true, false },
	{ "sun7i-a20-bananapi.dtb", INITK, "LeMaker Banana Pi", "lemaker,bananapi",
	  "allwinner,sun7i-a20", 1, 2, true, false },
	{ "sun7i-a20-cubieboard2.dtb", INITK, "Cubietech Cubieboard2", "cubietech,cubieboard2",
	  "allwinner,sun7i-a20", 1, 2, true, false },
	{ "sun8i-h3-orangepi-pc.dtb", LINUX, "Xunlong Orange Pi PC", "xunlong,orangepi-pc",
	  "allwinner,sun8i-h3", 0, 4, false, false },
	{ "sun7i-a20-bananapi.dtb", LINUX, "LeMaker Banana Pi", "lemaker,bananapi",
	  "allwinner,sun7i-a20", 1, 2, false, true },
	{ "sun7i-a20-cubieboard2.dtb", LINUX, "Cubietech Cubieboard2", "cubietech,cubieboard2",
	  "allwinner,sun7i-a20", 1, 2, false, true },
};

#define BOARD_COUNT (sizeof(boards) / sizeof(boards[0]))

struct loaded {
	const struct board *board;
	char path[1024];
	u8 *data;
	u32 size;
	struct dtb dt;
};

static struct loaded loaded[BOARD_COUNT];

static int load(struct loaded *l, const char *dir, const struct board *board)
{
	l->board = board;
	snprintf(l->path, sizeof(l->path), "%s/%s", dir, board->file);
	return read_file(l->path, &l->data, &l->size);
}

static int node_at(const struct dtb *dt, const char *path)
{
	int node = dtb_path_offset(dt, path);

	if (node < 0)
		fail_msg("path %s: %d", path, node);
	return node;
}

static void assert_u32_property(const struct dtb *dt, int node, const char *name, u32 expected)
{
	u32 value;

	if (dtb_get_u32(dt, node, name, &value) != 0)
		fail_msg("%s: no u32 property %s", dtb_node_name(dt, node), name);
	assert_int_equal(value, expected);
}

static void assert_reg(const struct dtb *dt, int node, int index, u64 addr, u64 size)
{
	u64 got_addr, got_size;

	if (dtb_read_reg(dt, node, index, &got_addr, &got_size) != 0)
		fail_msg("%s: no reg entry %d", dtb_node_name(dt, node), index);
	assert_int_equal(got_addr, addr);
	assert_int_equal(got_size, size);
}

/* Each test gets one of the six trees, opened. */
static int setup(void **state)
{
	struct loaded *l = *state;
	const char *reason = NULL;

	if (dtb_open(&l->dt, l->data, l->size, &reason) != 0) {
		fprintf(stderr, "%s: dtb_open refused it: %s\n", l->path, reason);
		return -1;
	}
	return 0;
}

/* /model and the root's compatible list: what `Machine model:` prints and boards match. */
static void test_machine(void **state)
{
	const struct loaded *l = *state;
	const struct dtb *dt = &l->dt;

	assert_int_equal(dtb_path_offset(dt, "/"), dt->root);
	assert_string_equal(dtb_get_string(dt, dt->root, "model"), l->board->model);
	assert_true(dtb_is_compatible(dt, dt->root, l->board->compatible));
	assert_true(dtb_is_compatible(dt, dt->root, l->board->soc));
	assert_false(dtb_is_compatible(dt, dt->root, "allwinner,sun50i-a64"));
}

/* stdout-path "serial0:115200n8" leads through /aliases to UART0, as earlycon needs it. */
static void test_console(void **state)
{
	const struct loaded *l = *state;
	const struct dtb *dt = &l->dt;
	const char *options = NULL;
	u32 interrupts[3];
	const u8 *value;
	int uart, len;

	uart = dtb_stdout_node(dt, &options);
	assert_true(uart >= 0);
	assert_string_equal(options, "115200n8");
	assert_string_equal(dtb_node_name(dt, uart), "serial@1c28000");
	assert_int_equal(uart, node_at(dt, "/soc/serial@1c28000"));
	assert_int_equal(uart, node_at(dt, "serial0"));
	assert_int_equal(dtb_parent(dt, uart), node_at(dt, "/soc"));

	assert_true(dtb_is_compatible(dt, uart, "snps,dw-apb-uart"));
	assert_true(dtb_node_is_available(dt, uart));
	assert_reg(dt, uart, 0, 0x01c28000, 0x400);
	assert_int_equal(dtb_read_reg(dt, uart, 1, NULL, NULL), -ENOENT);
	assert_u32_property(dt, uart, "reg-shift", 2);
	assert_u32_property(dt, uart, "reg-io-width", 4);

	/* <GIC_SPI n IRQ_TYPE_LEVEL_HIGH> */
	value = dtb_get_property(dt, uart, "interrupts", &len);
	assert_non_null(value);
	assert_int_equal(len, 12);
	for (int i = 0; i < 3; i++)
		interrupts[i] = (u32)value[4 * i] << 24 | (u32)value[4 * i + 1] << 16 |
				(u32)value[4 * i + 2] << 8 | value[4 * i + 3];
	assert_int_equal(interrupts[0], 0);
	assert_int_equal(interrupts[1], l->board->uart_irq);
	assert_int_equal(interrupts[2], 4);

	/* Both trees (initk's follows mainline) give the UART's clock as a CCU
	 * specifier, <&ccu CLK_BUS_UART0> (62) on the H3, <&ccu CLK_APB1_UART0>
	 * (88) on the A20, and no clock-frequency. */
	assert_int_equal(dtb_get_u32(dt, uart, "clock-frequency", &interrupts[0]), -ENOENT);
	{
		struct dtb_phandle_args clock;
		bool h3 = l->board->uart_irq == 0;

		assert_int_equal(dtb_parse_phandle_args(dt, uart, "clocks", "#clock-cells", 0, &clock), 0);
		assert_true(dtb_is_compatible(dt, clock.node, h3 ? "allwinner,sun8i-h3-ccu"
								  : "allwinner,sun7i-a20-ccu"));
		assert_int_equal(clock.nargs, 1);
		assert_int_equal(clock.args[0], h3 ? 62 : 88);
		assert_int_equal(dtb_parse_phandle_args(dt, uart, "clocks", "#clock-cells", 1, &clock),
				 -ENOENT);
	}
}

/* The one GIC-400, found by compatible: distributor and CPU interface base and size. */
static void test_gic(void **state)
{
	const struct loaded *l = *state;
	const struct dtb *dt = &l->dt;
	u32 phandle;
	int gic;

	gic = dtb_next_compatible(dt, -1, "arm,gic-400");
	assert_true(gic >= 0);
	assert_string_equal(dtb_node_name(dt, gic), "interrupt-controller@1c81000");
	assert_int_equal(dtb_next_compatible(dt, gic, "arm,gic-400"), -ENOENT);
	assert_reg(dt, gic, 0, 0x01c81000, 0x1000); /* distributor */
	assert_reg(dt, gic, 1, 0x01c82000, 0x2000); /* CPU interface */
	assert_reg(dt, gic, 2, 0x01c84000, 0x2000);
	assert_reg(dt, gic, 3, 0x01c86000, 0x2000);
	assert_int_equal(dtb_read_reg(dt, gic, 4, NULL, NULL), -ENOENT);
	assert_non_null(dtb_get_property(dt, gic, "interrupt-controller", NULL));
	assert_u32_property(dt, gic, "#interrupt-cells", 3);

	/* The root's interrupt-parent is the GIC's phandle. */
	assert_int_equal(dtb_get_u32(dt, dt->root, "interrupt-parent", &phandle), 0);
	assert_int_equal(dtb_node_by_phandle(dt, phandle), gic);
}

/* The architected timer's four PPIs: secure phys 13, non-secure phys 14, virt 11, hyp 10. */
static void test_timer(void **state)
{
	static const u32 expected[12] = {
		1, 13, 0xf08, 1, 14, 0xf08, 1, 11, 0xf08, 1, 10, 0xf08,
	};
	const struct loaded *l = *state;
	const struct dtb *dt = &l->dt;
	const u8 *value;
	int timer, len;

	timer = dtb_next_compatible(dt, -1, "arm,armv7-timer");
	assert_true(timer >= 0);
	assert_int_equal(timer, node_at(dt, "/timer"));
	assert_int_equal(dtb_next_compatible(dt, timer, "arm,armv7-timer"), -ENOENT);
	value = dtb_get_property(dt, timer, "interrupts", &len);
	assert_non_null(value);
	assert_int_equal(len, (int)sizeof(expected));
	for (int i = 0; i < 12; i++)
		assert_int_equal((u32)value[4 * i] << 24 | (u32)value[4 * i + 1] << 16 |
				 (u32)value[4 * i + 2] << 8 | value[4 * i + 3],
				 expected[i]);
}

/* RAM: initk's trees give 1 GiB at 0x40000000; mainline's have no /memory at all. */
static void test_memory(void **state)
{
	const struct loaded *l = *state;
	const struct dtb *dt = &l->dt;
	u64 base = 0, size = 0;

	if (!l->board->has_memory) {
		assert_int_equal(dtb_path_offset(dt, "/memory"), -ENOENT);
		assert_int_equal(dtb_memory_bank(dt, 0, &base, &size), -ENOENT);
		/* A20: /reserved-memory holds the CMA pool; it is no RAM bank. */
		assert_int_equal(dtb_path_offset(dt, "/reserved-memory/default-pool") >= 0,
				 l->board->cma_pool);
		return;
	}
	assert_int_equal(dtb_memory_bank(dt, 0, &base, &size), 0);
	assert_int_equal(base, 0x40000000);
	assert_int_equal(size, 0x40000000);
	assert_int_equal(dtb_memory_bank(dt, 1, &base, &size), -ENOENT);
	assert_int_equal(dtb_reserved_memory(dt, 0, &base, &size), -ENOENT);
}

/* The CPUs under /cpus: cortex-a7, reg = their MPIDR affinity 0..n-1. */
static void test_cpus(void **state)
{
	const struct loaded *l = *state;
	const struct dtb *dt = &l->dt;
	char name[16];
	u64 mpidr, size;
	int cpus, cpu, count = 0;

	cpus = node_at(dt, "/cpus");
	for (cpu = dtb_first_child(dt, cpus); cpu >= 0; cpu = dtb_next_sibling(dt, cpu)) {
		snprintf(name, sizeof(name), "cpu@%d", count);
		assert_string_equal(dtb_node_name(dt, cpu), name);
		assert_string_equal(dtb_get_string(dt, cpu, "device_type"), "cpu");
		assert_true(dtb_is_compatible(dt, cpu, "arm,cortex-a7"));
		/* #address-cells = 1, #size-cells = 0 under /cpus */
		assert_int_equal(dtb_read_reg(dt, cpu, 0, &mpidr, &size), 0);
		assert_int_equal(mpidr, count);
		assert_int_equal(size, 0);
		count++;
	}
	assert_int_equal(cpu, -ENOENT);
	assert_int_equal(count, l->board->cpus);

	/* The same count by compatible, over the whole tree. */
	count = 0;
	for (cpu = dtb_next_compatible(dt, -1, "arm,cortex-a7"); cpu >= 0;
	     cpu = dtb_next_compatible(dt, cpu, "arm,cortex-a7"))
		count++;
	assert_int_equal(count, l->board->cpus);
}

int main(int argc, char **argv)
{
	static const struct {
		const char *name;
		CMUnitTestFunction test;
	} checks[] = {
		{ "machine", test_machine }, { "console", test_console }, { "gic", test_gic },
		{ "timer", test_timer },     { "memory", test_memory },   { "cpus", test_cpus },
	};
	enum { CHECKS = sizeof(checks) / sizeof(checks[0]) };
	static struct CMUnitTest tests[BOARD_COUNT * CHECKS];
	static char names[BOARD_COUNT * CHECKS][64];
	int failed, count = 0;

	if (argc != 4) {
		fprintf(stderr, "usage: %s FIXTURES_DIR INITK_DTB_DIR LINUX_DTB_DIR\n", argv[0]);
		return 2;
	}
	for (size_t i = 0; i < BOARD_COUNT; i++) {
		const struct board *board = &boards[i];

		if (load(&loaded[i], board->origin == INITK ? argv[2] : argv[3], board))
			return 2;
		for (int c = 0; c < CHECKS; c++) {
			snprintf(names[count], sizeof(names[count]), "%s/%s %s",
				 board->origin == INITK ? "initk" : "linux", board->file, checks[c].name);
			tests[count] = (struct CMUnitTest){
				.name = names[count],
				.test_func = checks[c].test,
				.setup_func = setup,
				.initial_state = &loaded[i],
			};
			count++;
		}
	}
	failed = _cmocka_run_group_tests("fdt_boards", tests, (size_t)count, NULL, NULL);
	for (size_t i = 0; i < BOARD_COUNT; i++)
		free(loaded[i].data);
	return failed ? 1 : 0;
}
