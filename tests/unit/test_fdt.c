/*
 * Host unit tests for the device tree reader (kernel/fdt.c).
 *
 * Usage: test_fdt FIXTURES_DIR, where FIXTURES_DIR holds board32.dtb, board64.dtb and
 * minimal.dtb compiled by dtc from the tests/unit/fixtures .dts files. The expected values
 * below are read off those .dts files. Malformed blobs are made here: by a small
 * builder for each specific fault, and by truncating and corrupting the fixtures.
 * Built with AddressSanitizer, every blob sits in a buffer of exactly its size, so
 * any read past the end fails the test.
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

/* Header fields, as byte offsets. */
#define H_MAGIC 0
#define H_TOTALSIZE 4
#define H_OFF_STRUCT 8
#define H_OFF_STRINGS 12
#define H_OFF_RSVMAP 16
#define H_VERSION 20
#define H_LAST_COMP 24
#define H_SIZE_STRINGS 32
#define H_SIZE_STRUCT 36
#define HEADER_SIZE 40

struct blob {
	u8 *data;
	u32 size;
};

static const char *fixtures_dir;
static struct blob board32, board64, minimal;

static u32 get_be32(const u8 *p)
{
	return (u32)p[0] << 24 | (u32)p[1] << 16 | (u32)p[2] << 8 | p[3];
}

static void put_be32(u8 *p, u32 value)
{
	p[0] = value >> 24;
	p[1] = value >> 16;
	p[2] = value >> 8;
	p[3] = value;
}

/* A copy in a buffer of exactly `size` bytes (at least 1, so malloc never returns NULL). */
static u8 *copy_of(const u8 *data, u32 size)
{
	u8 *copy = malloc(size ? size : 1);

	assert_non_null(copy);
	memcpy(copy, data, size);
	return copy;
}

static int load_fixture(const char *name, struct blob *out)
{
	char path[1024];

	snprintf(path, sizeof(path), "%s/%s", fixtures_dir, name);
	return read_file(path, &out->data, &out->size);
}

/* The groups run twice: as opened, and with the node index (dtb_index()),
 * which must answer every walk the same. */
static bool with_index;
static struct dtb_node_info index_room[4096];

static void maybe_index(struct dtb *dt)
{
	if (with_index && dt->blob)
		assert_true(dtb_index(dt, index_room, 4096) > 0);
}

static void open_ok(struct dtb *dt, const struct blob *blob)
{
	const char *reason = "unset";

	assert_int_equal(dtb_open(dt, blob->data, blob->size, &reason), 0);
	assert_null(reason);
	maybe_index(dt);
}

/* Every walk of the tree, with and without the index: the same answers. */
static void expect_index_matches(const struct blob *blob)
{
	struct dtb plain, indexed;
	static struct dtb_node_info nodes[4096];
	int a, b, da = 0, db = 0, n = 0;

	assert_int_equal(dtb_open(&plain, blob->data, blob->size, NULL), 0);
	indexed = plain;
	assert_true(dtb_index(&indexed, nodes, 4096) > 0);
	for (a = dtb_next_node(&plain, -1, &da), b = dtb_next_node(&indexed, -1, &db); a >= 0 || b >= 0;
	     a = dtb_next_node(&plain, a, &da), b = dtb_next_node(&indexed, b, &db), n++) {
		assert_int_equal(a, b);
		assert_int_equal(da, db);
		assert_int_equal(dtb_parent(&plain, a), dtb_parent(&indexed, a));
		assert_int_equal(dtb_first_child(&plain, a), dtb_first_child(&indexed, a));
		assert_int_equal(dtb_next_sibling(&plain, a), dtb_next_sibling(&indexed, a));
		/* not node offsets: both refuse them */
		assert_int_equal(dtb_parent(&indexed, a + 4), -EINVAL);
		assert_int_equal(dtb_next_node(&indexed, a + 1, NULL), -EINVAL);
	}
	assert_int_equal(a, b);
	assert_int_equal((u32)n, indexed.nr_nodes);
	/* too little room: no index, and the walks still work */
	assert_int_equal(dtb_index(&indexed, nodes, (u32)n - 1), -ENOSPC);
	assert_null(indexed.nodes);
	assert_int_equal(dtb_next_node(&indexed, -1, NULL), dtb_next_node(&plain, -1, NULL));
}


static void test_index_matches_walks(void **state)
{
	(void)state;
	expect_index_matches(&board32);
	expect_index_matches(&board64);
	expect_index_matches(&minimal);
}

static int node_at(const struct dtb *dt, const char *path)
{
	int node = dtb_path_offset(dt, path);

	if (node < 0)
		fail_msg("path %s: %d", path, node);
	return node;
}

/* ---------------------------------------------------------------------------------
 * Calling everything on any tree: used on the fixtures and on every corrupted blob
 * that dtb_open() accepts. Pointers returned must lie inside the blob, offsets
 * returned must be nodes, and every walk must end.
 */

static void assert_inside(const struct dtb *dt, const void *p, size_t len)
{
	const u8 *start = dt->blob, *at = p;

	assert_non_null(p);
	assert_true(at >= start && at <= start + dt->size && len <= (size_t)(start + dt->size - at));
}

static void assert_string_inside(const struct dtb *dt, const char *s)
{
	assert_inside(dt, s, 0);
	assert_non_null(memchr(s, '\0', (size_t)(dt->blob + dt->size - (const u8 *)s)));
}

static void assert_node_or_error(const struct dtb *dt, int node)
{
	if (node >= 0)
		assert_non_null(dtb_node_name(dt, node));
	else
		assert_true(node == -ENOENT || node == -EINVAL);
}

/*
 * Build the full path of `node` from its ancestors into buf (size bytes). Returns
 * false if a name below the root is empty or holds a '/', which no path can reach
 * (only a corrupted blob has such names).
 */
static bool path_of(const struct dtb *dt, int node, char *buf, size_t size)
{
	bool addressable = true;
	int chain[DTB_MAX_DEPTH + 1];
	int depth = 0;
	size_t used = 0;

	for (; node >= 0 && depth <= DTB_MAX_DEPTH; node = dtb_parent(dt, node))
		chain[depth++] = node;
	assert_true(depth <= DTB_MAX_DEPTH);
	buf[0] = '\0';
	/* chain[depth - 1] is the root, whose name is not part of the path */
	for (int i = depth - 2; i >= 0 && used < size; i--) {
		const char *name = dtb_node_name(dt, chain[i]);

		addressable = addressable && name[0] && !strchr(name, '/');
		used += (size_t)snprintf(buf + used, size - used, "/%s", name);
	}
	if (depth <= 1)
		snprintf(buf, size, "/");
	assert_true(used < size);
	return addressable;
}

static void exercise_node(const struct dtb *dt, int node, char *path, size_t path_size)
{
	const char *name, *property_name;
	const void *value;
	int property, len, steps;
	u64 addr, size;
	u32 number;

	name = dtb_node_name(dt, node);
	assert_string_inside(dt, name);

	steps = 0;
	for (property = dtb_first_property(dt, node); property >= 0;
	     property = dtb_next_property(dt, property)) {
		assert_true(++steps <= (int)dt->struct_size / 4);
		value = dtb_property_at(dt, property, &property_name, &len);
		assert_true(len >= 0);
		assert_inside(dt, value, (size_t)len);
		assert_string_inside(dt, property_name);
		/* The lookup by name finds this property or an earlier one of the same name. */
		assert_non_null(dtb_get_property(dt, node, property_name, &len));
		if (dtb_get_string(dt, node, property_name))
			assert_string_inside(dt, dtb_get_string(dt, node, property_name));
		if (dtb_get_u32(dt, node, property_name, &number) == 0 &&
		    (!strcmp(property_name, "phandle") || !strcmp(property_name, "linux,phandle")))
			assert_node_or_error(dt, dtb_node_by_phandle(dt, number));
	}
	assert_true(property == -ENOENT);

	assert_node_or_error(dt, dtb_parent(dt, node));
	assert_node_or_error(dt, dtb_first_child(dt, node));
	assert_node_or_error(dt, dtb_next_sibling(dt, node));
	assert_node_or_error(dt, dtb_next_compatible(dt, node, "snps,dw-apb-uart"));
	(void)dtb_is_compatible(dt, node, "snps,dw-apb-uart");
	(void)dtb_is_compatible(dt, node, "");
	(void)dtb_node_is_available(dt, node);
	for (int index = 0; index < 2; index++)
		(void)dtb_read_reg(dt, node, index, &addr, &size);

	/* Walking up and back down by name finds a node (this one, or a namesake). */
	if (path_of(dt, node, path, path_size))
		assert_true(dtb_path_offset(dt, path) >= 0);
}

static void exercise_all(const struct dtb *dt)
{
	static const char *const paths[] = {
		"/", "/chosen", "/soc/serial@1c28000", "/memory", "serial0", "serial0/x",
		"serial1", "/aliases", "//", "", "/soc/", "@", "/@",
	};
	size_t path_size = dt->struct_size + 2 * DTB_MAX_DEPTH + 2;
	char *path = malloc(path_size);
	const char *options;
	int node, depth = 0, count = 0;
	u64 addr, size;

	assert_non_null(path);
	for (node = dtb_next_node(dt, -1, &depth); node >= 0; node = dtb_next_node(dt, node, &depth)) {
		assert_true(++count <= (int)dt->struct_size / 4);
		assert_true(depth >= 0 && depth < DTB_MAX_DEPTH);
		exercise_node(dt, node, path, path_size);
	}
	assert_true(node == -ENOENT);
	free(path);

	for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++)
		assert_node_or_error(dt, dtb_path_offset(dt, paths[i]));
	node = dtb_stdout_node(dt, &options);
	assert_node_or_error(dt, node);
	if (options)
		assert_string_inside(dt, options);
	for (int index = 0; index < 4; index++) {
		(void)dtb_memory_bank(dt, index, &addr, &size);
		(void)dtb_reserved_memory(dt, index, &addr, &size);
	}
	(void)dtb_node_by_phandle(dt, 1);
	(void)dtb_next_compatible(dt, -1, "arm,cortex-a7");
}

/* ---------------------------------------------------------------------------------
 * Valid trees: every call checked against board32.dts.
 */

static void test_open_board32(void **state)
{
	struct dtb dt;
	u8 *buffer, *shifted;

	(void)state;
	open_ok(&dt, &board32);
	assert_ptr_equal(dt.blob, board32.data);
	assert_int_equal(dt.size, board32.size);
	assert_int_equal(dt.root, 0);
	assert_int_equal(dt.reserve_count, 2);

	/* A blob 4-byte aligned but not 8-byte aligned, with spare memory after it. */
	buffer = malloc(board32.size + 4 + 100);
	assert_non_null(buffer);
	shifted = buffer + ((uintptr_t)buffer % 8 == 0 ? 4 : 0);
	memcpy(shifted, board32.data, board32.size);
	assert_int_equal(dtb_open(&dt, shifted, board32.size + 100, NULL), 0);
	assert_int_equal(dt.size, board32.size);
	assert_string_equal(dtb_get_string(&dt, dt.root, "model"), "Test Board 32");
	free(buffer);
}

static void test_paths_board32(void **state)
{
	struct dtb dt;
	int uart, serial1;

	(void)state;
	open_ok(&dt, &board32);
	assert_int_equal(dtb_path_offset(&dt, "/"), 0);
	assert_string_equal(dtb_node_name(&dt, 0), "");
	assert_string_equal(dtb_node_name(&dt, node_at(&dt, "/chosen")), "chosen");
	assert_string_equal(dtb_node_name(&dt, node_at(&dt, "/chosen/")), "chosen");
	assert_string_equal(dtb_node_name(&dt, node_at(&dt, "/cpus/cpu@1")), "cpu@1");

	uart = node_at(&dt, "/soc/serial@1c28000");
	serial1 = node_at(&dt, "/soc/serial@1c28400");
	assert_string_equal(dtb_node_name(&dt, uart), "serial@1c28000");
	assert_string_equal(dtb_node_name(&dt, serial1), "serial@1c28400");
	assert_int_equal(dtb_path_offset(&dt, "/soc//serial@1c28400/"), serial1);

	/* Unit address left out: the first node of that name, as libfdt does. */
	assert_string_equal(dtb_node_name(&dt, node_at(&dt, "/memory")), "memory@40000000");
	assert_string_equal(dtb_node_name(&dt, node_at(&dt, "/memory@80000000")), "memory@80000000");
	assert_int_equal(dtb_path_offset(&dt, "/soc/serial"), uart);

	/* Aliases as the first component. */
	assert_int_equal(dtb_path_offset(&dt, "serial0"), uart);
	assert_int_equal(dtb_path_offset(&dt, "serial0/"), uart);
	assert_int_equal(dtb_path_offset(&dt, "serial1"), serial1);
	assert_int_equal(dtb_path_offset(&dt, "serial0/nothing"), -ENOENT);
	assert_int_equal(dtb_path_offset(&dt, "serial"), -ENOENT);
	assert_int_equal(dtb_path_offset(&dt, "nosuchalias"), -ENOENT);

	/* Only whole names, or names up to '@', match. */
	assert_int_equal(dtb_path_offset(&dt, ""), -ENOENT);
	assert_int_equal(dtb_path_offset(&dt, "/nosuch"), -ENOENT);
	assert_int_equal(dtb_path_offset(&dt, "/mem"), -ENOENT);
	assert_int_equal(dtb_path_offset(&dt, "/memory@4"), -ENOENT);
	assert_int_equal(dtb_path_offset(&dt, "/soc/serial@1c28000x"), -ENOENT);
	assert_int_equal(dtb_path_offset(&dt, "/chosen/bootargs"), -ENOENT);
	assert_int_equal(dtb_path_offset(&dt, "/cpu@0"), -ENOENT);

	/* A length-limited path stops where it is told to. */
	assert_int_equal(dtb_path_offset_len(&dt, "/chosenXYZ", 7), node_at(&dt, "/chosen"));
	assert_int_equal(dtb_path_offset_len(&dt, "serial0:115200", 7), uart);
}

static void test_properties_board32(void **state)
{
	static const u8 interrupts[] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4 };
	struct dtb dt;
	const u8 *value;
	int uart, watchdog, gic, len;
	u32 number = 12345;

	(void)state;
	open_ok(&dt, &board32);
	uart = node_at(&dt, "/soc/serial@1c28000");
	watchdog = node_at(&dt, "/soc/watchdog@1c20ca0");
	gic = node_at(&dt, "/soc/interrupt-controller@1c81000");

	value = dtb_get_property(&dt, 0, "model", &len);
	assert_int_equal(len, sizeof("Test Board 32"));
	assert_memory_equal(value, "Test Board 32", sizeof("Test Board 32"));
	assert_string_equal(dtb_get_string(&dt, 0, "model"), "Test Board 32");
	assert_string_equal(dtb_get_string(&dt, node_at(&dt, "/chosen"), "bootargs"),
			    "console=ttyS0,115200 earlyprintk");
	/* A string list reads as its first string. */
	assert_string_equal(dtb_get_string(&dt, 0, "compatible"), "test,board32");

	value = dtb_get_property(&dt, uart, "interrupts", &len);
	assert_int_equal(len, sizeof(interrupts));
	assert_memory_equal(value, interrupts, sizeof(interrupts));

	/* Not strings: no NUL inside, or empty. */
	assert_non_null(dtb_get_property(&dt, watchdog, "bytes", &len));
	assert_int_equal(len, 3);
	assert_null(dtb_get_string(&dt, watchdog, "bytes"));
	assert_non_null(dtb_get_property(&dt, gic, "interrupt-controller", &len));
	assert_int_equal(len, 0);
	assert_null(dtb_get_string(&dt, gic, "interrupt-controller"));

	/* Absent properties, and nodes that are not nodes. */
	assert_null(dtb_get_property(&dt, uart, "nosuch", &len));
	assert_int_equal(len, -ENOENT);
	assert_null(dtb_get_property(&dt, uart, "reg-shif", NULL));
	assert_null(dtb_get_property(&dt, uart + 4, "reg", &len));
	assert_int_equal(len, -EINVAL);
	assert_null(dtb_get_string(&dt, uart, "nosuch"));

	assert_int_equal(dtb_get_u32(&dt, uart, "reg-shift", &number), 0);
	assert_int_equal(number, 2);
	assert_int_equal(dtb_get_u32(&dt, uart, "reg-io-width", &number), 0);
	assert_int_equal(number, 4);
	assert_int_equal(dtb_get_u32(&dt, node_at(&dt, "/clk"), "clock-frequency", &number), 0);
	assert_int_equal(number, 24000000);
	assert_int_equal(dtb_get_u32(&dt, uart, "clocks", &number), 0);
	assert_int_equal(number, 0x30);
	assert_int_equal(dtb_get_u32(&dt, 0, "interrupt-parent", &number), 0);
	assert_int_equal(number, 0x10);

	number = 12345;
	assert_int_equal(dtb_get_u32(&dt, uart, "reg", &number), -EINVAL);
	assert_int_equal(dtb_get_u32(&dt, watchdog, "short-value", &number), -EINVAL);
	assert_int_equal(dtb_get_u32(&dt, gic, "interrupt-controller", &number), -EINVAL);
	assert_int_equal(dtb_get_u32(&dt, uart, "nosuch", &number), -ENOENT);
	assert_int_equal(dtb_get_u32(&dt, -1, "reg-shift", &number), -EINVAL);
	assert_int_equal(number, 12345);
}

static void test_property_iteration_board32(void **state)
{
	static const char *const expected[] = {
		"compatible", "reg", "interrupts", "reg-shift", "reg-io-width", "clocks", "status", "phandle",
	};
	struct dtb dt;
	const char *name;
	size_t count = 0;
	int property, len, uart;

	(void)state;
	open_ok(&dt, &board32);
	uart = node_at(&dt, "/soc/serial@1c28000");
	for (property = dtb_first_property(&dt, uart); property >= 0;
	     property = dtb_next_property(&dt, property)) {
		assert_true(count < sizeof(expected) / sizeof(expected[0]));
		assert_non_null(dtb_property_at(&dt, property, &name, &len));
		assert_string_equal(name, expected[count]);
		count++;
	}
	assert_int_equal(property, -ENOENT);
	assert_int_equal(count, sizeof(expected) / sizeof(expected[0]));

	/* Nodes with no properties, and offsets that are not properties. */
	assert_int_equal(dtb_first_property(&dt, node_at(&dt, "/soc/bus@1d00000/device@0")) >= 0, 1);
	assert_int_equal(dtb_first_property(&dt, uart + 1), -EINVAL);
	assert_int_equal(dtb_next_property(&dt, uart), -EINVAL);
	assert_null(dtb_property_at(&dt, uart, &name, &len));
	assert_null(name);
	assert_int_equal(len, -EINVAL);
}

/* Every node of board32.dts in document order, with its depth. */
static const struct {
	const char *name;
	int depth;
} board32_nodes[] = {
	{ "", 0 },
	{ "aliases", 1 },
	{ "chosen", 1 },
	{ "cpus", 1 },
	{ "cpu@0", 2 },
	{ "cpu@1", 2 },
	{ "memory@40000000", 1 },
	{ "memory@80000000", 1 },
	{ "clk", 1 },
	{ "soc", 1 },
	{ "serial@1c28000", 2 },
	{ "serial@1c28400", 2 },
	{ "interrupt-controller@1c81000", 2 },
	{ "watchdog@1c20ca0", 2 },
	{ "bus@1d00000", 2 },
	{ "device@0", 3 },
};
#define BOARD32_NODES (sizeof(board32_nodes) / sizeof(board32_nodes[0]))

static void test_walk_board32(void **state)
{
	static const char *const root_children[] = {
		"aliases", "chosen", "cpus", "memory@40000000", "memory@80000000", "clk", "soc",
	};
	int offsets[BOARD32_NODES];
	int parents[BOARD32_NODES];
	int node, depth = -99;
	size_t count = 0;
	struct dtb dt;
	char path[256];

	(void)state;
	open_ok(&dt, &board32);

	for (node = dtb_next_node(&dt, -1, &depth); node >= 0; node = dtb_next_node(&dt, node, &depth)) {
		assert_true(count < BOARD32_NODES);
		assert_string_equal(dtb_node_name(&dt, node), board32_nodes[count].name);
		assert_int_equal(depth, board32_nodes[count].depth);
		offsets[count++] = node;
	}
	assert_int_equal(node, -ENOENT);
	assert_int_equal(count, BOARD32_NODES);

	/* The parent of each node is the last node seen one level up. */
	for (size_t i = 0; i < BOARD32_NODES; i++) {
		parents[i] = -ENOENT;
		for (size_t j = 0; j < i; j++)
			if (board32_nodes[j].depth == board32_nodes[i].depth - 1)
				parents[i] = offsets[j];
		assert_int_equal(dtb_parent(&dt, offsets[i]), parents[i]);

		/* The path rebuilt from the parents leads back to the node. */
		assert_true(path_of(&dt, offsets[i], path, sizeof(path)));
		assert_int_equal(dtb_path_offset(&dt, path), offsets[i]);
	}

	count = 0;
	for (node = dtb_first_child(&dt, 0); node >= 0; node = dtb_next_sibling(&dt, node)) {
		assert_true(count < sizeof(root_children) / sizeof(root_children[0]));
		assert_string_equal(dtb_node_name(&dt, node), root_children[count++]);
	}
	assert_int_equal(node, -ENOENT);
	assert_int_equal(count, sizeof(root_children) / sizeof(root_children[0]));

	assert_string_equal(dtb_node_name(&dt, dtb_first_child(&dt, node_at(&dt, "/soc"))), "serial@1c28000");
	assert_int_equal(dtb_first_child(&dt, node_at(&dt, "/chosen")), -ENOENT);
	assert_int_equal(dtb_next_sibling(&dt, node_at(&dt, "/soc/bus@1d00000")), -ENOENT);
	assert_int_equal(dtb_next_sibling(&dt, 0), -ENOENT);
	assert_int_equal(dtb_parent(&dt, 0), -ENOENT);
	assert_string_equal(dtb_node_name(&dt, dtb_parent(&dt, node_at(&dt, "/soc/serial@1c28000"))), "soc");
}

static void test_phandles_board32(void **state)
{
	struct dtb dt;

	(void)state;
	open_ok(&dt, &board32);
	assert_int_equal(dtb_node_by_phandle(&dt, 0x10), node_at(&dt, "/soc/interrupt-controller@1c81000"));
	assert_int_equal(dtb_node_by_phandle(&dt, 0x20), node_at(&dt, "serial0"));
	assert_int_equal(dtb_node_by_phandle(&dt, 0x30), node_at(&dt, "/clk"));
	assert_int_equal(dtb_node_by_phandle(&dt, 0x40), -ENOENT);
	assert_int_equal(dtb_node_by_phandle(&dt, 0), -EINVAL);
	assert_int_equal(dtb_node_by_phandle(&dt, 0xffffffff), -EINVAL);
}

/* With a cache: the same answers, a hit needs no walk, and a wrong entry
 * (another node's offset) is not believed. */
static void test_phandle_cache_board32(void **state)
{
	int cache[DTB_PHANDLE_CACHE] = { 0 };
	int gic, serial;
	struct dtb dt;

	(void)state;
	open_ok(&dt, &board32);
	dt.phandle_cache = cache;
	gic = node_at(&dt, "/soc/interrupt-controller@1c81000");
	serial = node_at(&dt, "serial0");
	assert_int_equal(dtb_node_by_phandle(&dt, 0x10), gic);
	assert_int_equal(cache[0x10 % DTB_PHANDLE_CACHE], gic);
	assert_int_equal(dtb_node_by_phandle(&dt, 0x10), gic);
	cache[0x10 % DTB_PHANDLE_CACHE] = serial; /* stale: serial0's phandle is 0x20 */
	assert_int_equal(dtb_node_by_phandle(&dt, 0x10), gic);
	assert_int_equal(cache[0x10 % DTB_PHANDLE_CACHE], gic);
	cache[0x20 % DTB_PHANDLE_CACHE] = 6; /* not a node at all */
	assert_int_equal(dtb_node_by_phandle(&dt, 0x20), serial);
	assert_int_equal(dtb_node_by_phandle(&dt, 0x40), -ENOENT);
	assert_int_equal(dtb_node_by_phandle(&dt, 0x40 + DTB_PHANDLE_CACHE), -ENOENT);
}

static void test_compatible_board32(void **state)
{
	struct dtb dt;
	int gic, uart, serial1, node;

	(void)state;
	open_ok(&dt, &board32);
	gic = node_at(&dt, "/soc/interrupt-controller@1c81000");
	uart = node_at(&dt, "/soc/serial@1c28000");
	serial1 = node_at(&dt, "/soc/serial@1c28400");

	assert_true(dtb_is_compatible(&dt, 0, "test,board32"));
	assert_true(dtb_is_compatible(&dt, 0, "allwinner,sun8i-h3"));
	assert_false(dtb_is_compatible(&dt, 0, "allwinner,sun8i"));
	assert_false(dtb_is_compatible(&dt, 0, "test,board"));
	assert_false(dtb_is_compatible(&dt, 0, ""));
	assert_true(dtb_is_compatible(&dt, gic, "arm,gic-400"));
	assert_true(dtb_is_compatible(&dt, gic, "arm,cortex-a7-gic"));
	assert_false(dtb_is_compatible(&dt, gic, "arm,gic"));
	assert_false(dtb_is_compatible(&dt, node_at(&dt, "/chosen"), "arm,gic-400"));
	assert_false(dtb_is_compatible(&dt, gic + 4, "arm,gic-400"));

	assert_int_equal(dtb_next_compatible(&dt, -1, "snps,dw-apb-uart"), uart);
	assert_int_equal(dtb_next_compatible(&dt, uart, "snps,dw-apb-uart"), serial1);
	assert_int_equal(dtb_next_compatible(&dt, serial1, "snps,dw-apb-uart"), -ENOENT);
	assert_int_equal(dtb_next_compatible(&dt, -1, "test,board32"), 0);
	assert_int_equal(dtb_next_compatible(&dt, 0, "test,board32"), -ENOENT);
	node = dtb_next_compatible(&dt, -1, "arm,cortex-a7");
	assert_string_equal(dtb_node_name(&dt, node), "cpu@0");
	node = dtb_next_compatible(&dt, node, "arm,cortex-a7");
	assert_string_equal(dtb_node_name(&dt, node), "cpu@1");
	assert_int_equal(dtb_next_compatible(&dt, node, "arm,cortex-a7"), -ENOENT);
	assert_int_equal(dtb_next_compatible(&dt, 2, "arm,cortex-a7"), -EINVAL);
}

static void test_available_board32(void **state)
{
	struct dtb dt;

	(void)state;
	open_ok(&dt, &board32);
	assert_true(dtb_node_is_available(&dt, node_at(&dt, "/soc/serial@1c28000")));   /* "okay" */
	assert_false(dtb_node_is_available(&dt, node_at(&dt, "/soc/serial@1c28400")));  /* "disabled" */
	assert_true(dtb_node_is_available(&dt, node_at(&dt, "/soc/watchdog@1c20ca0"))); /* "ok" */
	assert_true(dtb_node_is_available(&dt, 0));                                     /* no status */
	assert_false(dtb_node_is_available(&dt, node_at(&dt, "/memory@80000000")));
	assert_false(dtb_node_is_available(&dt, -1));
	assert_false(dtb_node_is_available(&dt, 8));
}

static void test_reg_board32(void **state)
{
	struct dtb dt;
	u64 addr = 0, size = 0;
	int uart, gic;

	(void)state;
	open_ok(&dt, &board32);
	uart = node_at(&dt, "/soc/serial@1c28000");
	gic = node_at(&dt, "/soc/interrupt-controller@1c81000");

	assert_int_equal(dtb_read_reg(&dt, uart, 0, &addr, &size), 0);
	assert_int_equal(addr, 0x01c28000);
	assert_int_equal(size, 0x400);
	assert_int_equal(dtb_read_reg(&dt, uart, 1, &addr, &size), -ENOENT);
	assert_int_equal(dtb_read_reg(&dt, uart, -1, &addr, &size), -EINVAL);
	assert_int_equal(dtb_read_reg(&dt, uart, 0, NULL, NULL), 0);

	assert_int_equal(dtb_read_reg(&dt, gic, 0, &addr, &size), 0);
	assert_int_equal(addr, 0x01c81000);
	assert_int_equal(size, 0x1000);
	assert_int_equal(dtb_read_reg(&dt, gic, 1, &addr, &size), 0);
	assert_int_equal(addr, 0x01c82000);
	assert_int_equal(size, 0x2000);
	assert_int_equal(dtb_read_reg(&dt, gic, 3, &addr, &size), 0);
	assert_int_equal(addr, 0x01c86000);
	assert_int_equal(size, 0x2000);
	assert_int_equal(dtb_read_reg(&dt, gic, 4, &addr, &size), -ENOENT);

	/* Under /cpus: one address cell, no size cells. */
	assert_int_equal(dtb_read_reg(&dt, node_at(&dt, "/cpus/cpu@1"), 0, &addr, &size), 0);
	assert_int_equal(addr, 1);
	assert_int_equal(size, 0);

	assert_int_equal(dtb_read_reg(&dt, node_at(&dt, "/memory@40000000"), 1, &addr, &size), 0);
	assert_int_equal(addr, 0x60000000);
	assert_int_equal(size, 0x10000000);

	/* #address-cells = <3> is more than we read. */
	assert_int_equal(dtb_read_reg(&dt, node_at(&dt, "/soc/bus@1d00000/device@0"), 0, &addr, &size),
			 -EINVAL);
	assert_int_equal(dtb_read_reg(&dt, node_at(&dt, "/chosen"), 0, &addr, &size), -ENOENT);
	assert_int_equal(dtb_read_reg(&dt, 0, 0, &addr, &size), -EINVAL);
	assert_int_equal(dtb_read_reg(&dt, uart + 4, 0, &addr, &size), -EINVAL);
}

static void test_chosen_memory_board32(void **state)
{
	struct dtb dt;
	const char *options = "unset";
	u64 base = 0, size = 0;

	(void)state;
	open_ok(&dt, &board32);
	assert_int_equal(dtb_stdout_node(&dt, &options), node_at(&dt, "/soc/serial@1c28000"));
	assert_string_equal(options, "115200n8");
	assert_int_equal(dtb_stdout_node(&dt, NULL), node_at(&dt, "/soc/serial@1c28000"));

	assert_int_equal(dtb_memory_bank(&dt, 0, &base, &size), 0);
	assert_int_equal(base, 0x40000000);
	assert_int_equal(size, 0x20000000);
	assert_int_equal(dtb_memory_bank(&dt, 1, &base, &size), 0);
	assert_int_equal(base, 0x60000000);
	assert_int_equal(size, 0x10000000);
	/* memory@80000000 is disabled. */
	assert_int_equal(dtb_memory_bank(&dt, 2, &base, &size), -ENOENT);
	assert_int_equal(dtb_memory_bank(&dt, -1, &base, &size), -EINVAL);

	assert_int_equal(dtb_reserved_memory(&dt, 0, &base, &size), 0);
	assert_int_equal(base, 0x48000000);
	assert_int_equal(size, 0x00100000);
	assert_int_equal(dtb_reserved_memory(&dt, 1, &base, &size), 0);
	assert_int_equal(base, 0x4f000000);
	assert_int_equal(size, 0x00010000);
	assert_int_equal(dtb_reserved_memory(&dt, 2, &base, &size), -ENOENT);
	assert_int_equal(dtb_reserved_memory(&dt, -1, &base, &size), -ENOENT);
}

/*
 * Every offset, node or not. Offsets that cannot be a node (negative, misaligned,
 * outside the block, not a BEGIN_NODE token) are refused. An aligned word inside a
 * property value can look like a BEGIN_NODE token, as in libfdt: offsets are meant
 * to come from this API; such look-alikes give meaningless answers but stay safe.
 */
/* dt->last_node: every offset, each looked up between two lookups of other
 * nodes (so the word holds a different node each time), answers as without it. */
static void test_last_node_cache_board32(void **state)
{
	static const char *const names[] = { "reg", "compatible", "status", "#address-cells", "nope" };
	struct dtb plain, cached;
	u32 last = 0;
	int serial, cpus;

	(void)state;
	open_ok(&plain, &board32);
	cached = plain;
	cached.last_node = &last;
	serial = node_at(&plain, "serial0");
	cpus = node_at(&plain, "/cpus");
	assert_non_null(dtb_get_property(&cached, serial, "reg", NULL));
	assert_int_equal(last & 0xffffff, (u32)serial);
	for (int offset = -8; offset < (int)plain.struct_size + 8; offset++) {
		for (unsigned int i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
			int len_plain = 0, len_cached = 0;
			const void *a = dtb_get_property(&plain, offset, names[i], &len_plain);
			const void *b = dtb_get_property(&cached, offset, names[i], &len_cached);

			assert_ptr_equal(a, b);
			assert_int_equal(len_plain, len_cached);
			/* again, from the word if offset is a node */
			assert_ptr_equal(dtb_get_property(&cached, offset, names[i], &len_cached), a);
			assert_int_equal(len_plain, len_cached);
			assert_ptr_equal(dtb_node_name(&cached, offset), dtb_node_name(&plain, offset));
			(void)dtb_get_property(&cached, i % 2 ? serial : cpus, "reg", NULL);
		}
	}
}

static void test_every_offset_board32(void **state)
{
	struct dtb dt;
	bool is_node[4096] = { false };
	const u8 *structure;
	const char *name;
	u64 addr, size;
	u32 number;
	int node, len, lookalikes = 0;

	(void)state;
	open_ok(&dt, &board32);
	structure = dt.blob + dt.struct_offset;
	assert_true(dt.struct_size < sizeof(is_node));
	for (node = dtb_next_node(&dt, -1, NULL); node >= 0; node = dtb_next_node(&dt, node, NULL))
		is_node[node] = true;

	for (int offset = -8; offset < (int)dt.struct_size + 8; offset++) {
		bool in_block = offset >= 0 && offset + 4 <= (int)dt.struct_size;

		if (offset == -1) /* dtb_next_node/dtb_next_compatible: "from the start" */
			continue;
		if (in_block && is_node[offset])
			continue;
		/* Property offsets are accepted only where a property token is. */
		if (dtb_property_at(&dt, offset, &name, &len))
			assert_string_inside(&dt, name);
		(void)dtb_next_property(&dt, offset);

		if (in_block && offset % 4 == 0 && get_be32(structure + offset) == 1) {
			lookalikes++;
			assert_int_equal(dtb_parent(&dt, offset), -EINVAL); /* not in the tree */
			assert_string_inside(&dt, dtb_node_name(&dt, offset));
			assert_node_or_error(&dt, dtb_first_child(&dt, offset));
			assert_node_or_error(&dt, dtb_next_sibling(&dt, offset));
			assert_node_or_error(&dt, dtb_next_node(&dt, offset, NULL));
			(void)dtb_get_property(&dt, offset, "reg", &len);
			(void)dtb_read_reg(&dt, offset, 0, &addr, &size);
			continue;
		}
		assert_null(dtb_node_name(&dt, offset));
		assert_int_equal(dtb_first_child(&dt, offset), -EINVAL);
		assert_int_equal(dtb_next_sibling(&dt, offset), -EINVAL);
		assert_int_equal(dtb_parent(&dt, offset), -EINVAL);
		assert_int_equal(dtb_next_node(&dt, offset, NULL), -EINVAL);
		assert_int_equal(dtb_next_compatible(&dt, offset, "snps,dw-apb-uart"), -EINVAL);
		assert_int_equal(dtb_first_property(&dt, offset), -EINVAL);
		assert_null(dtb_get_property(&dt, offset, "reg", &len));
		assert_int_equal(len, -EINVAL);
		assert_null(dtb_get_string(&dt, offset, "status"));
		assert_int_equal(dtb_get_u32(&dt, offset, "reg-shift", &number), -EINVAL);
		assert_false(dtb_is_compatible(&dt, offset, "snps,dw-apb-uart"));
		assert_false(dtb_node_is_available(&dt, offset));
		assert_int_equal(dtb_read_reg(&dt, offset, 0, &addr, &size), -EINVAL);
	}
	/* cpu@1's reg = <1> is one such look-alike. */
	assert_true(lookalikes > 0);
	exercise_all(&dt);
}

/* ---------------------------------------------------------------------------------
 * Valid trees: board64.dts (2/2 cells, memory above 4 GiB) and minimal.dts.
 */

static void test_board64(void **state)
{
	struct dtb dt;
	const char *options = "unset";
	u64 addr = 0, size = 0;
	int serial, child;

	(void)state;
	open_ok(&dt, &board64);
	assert_int_equal(dt.reserve_count, 0);
	assert_int_equal(dtb_reserved_memory(&dt, 0, &addr, &size), -ENOENT);
	serial = node_at(&dt, "/soc/serial@1c28000");
	child = node_at(&dt, "/soc/bus@1000000/child@1,2000");

	assert_int_equal(dtb_memory_bank(&dt, 0, &addr, &size), 0);
	assert_int_equal(addr, 0x40000000);
	assert_int_equal(size, 0x40000000);
	assert_int_equal(dtb_memory_bank(&dt, 1, &addr, &size), 0);
	assert_int_equal(addr, 0x100000000ULL);
	assert_int_equal(size, 0x80000000ULL);
	assert_int_equal(dtb_memory_bank(&dt, 2, &addr, &size), -ENOENT);
	assert_string_equal(dtb_node_name(&dt, node_at(&dt, "/memory")), "memory@40000000");
	assert_string_equal(dtb_node_name(&dt, node_at(&dt, "/memory@100000000")), "memory@100000000");

	/* The console named by a full path, with no options. */
	assert_int_equal(dtb_stdout_node(&dt, &options), serial);
	assert_null(options);

	assert_int_equal(dtb_read_reg(&dt, node_at(&dt, "/reserved-memory/framebuffer"), 0, &addr, &size), 0);
	assert_int_equal(addr, 0x7f000000);
	assert_int_equal(size, 0x01000000);
	assert_int_equal(dtb_read_reg(&dt, serial, 0, &addr, &size), 0);
	assert_int_equal(addr, 0x01c28000);
	assert_int_equal(size, 0x400);
	/* Two address cells and one size cell. */
	assert_int_equal(dtb_read_reg(&dt, child, 0, &addr, &size), 0);
	assert_int_equal(addr, 0x100002000ULL);
	assert_int_equal(size, 0x10);
	assert_int_equal(dtb_read_reg(&dt, child, 1, &addr, &size), 0);
	assert_int_equal(addr, 0x100003000ULL);
	assert_int_equal(size, 0x20);
	assert_int_equal(dtb_read_reg(&dt, child, 2, &addr, &size), -ENOENT);
	assert_int_equal(dtb_read_reg(&dt, node_at(&dt, "/soc"), 0, &addr, &size), -ENOENT);

	assert_int_equal(dtb_node_by_phandle(&dt, 7), serial); /* linux,phandle */
	exercise_all(&dt);
}

static void test_minimal(void **state)
{
	struct dtb dt;
	const char *options = "unset";
	u64 addr, size;

	(void)state;
	open_ok(&dt, &minimal);
	assert_int_equal(dtb_path_offset(&dt, "/"), 0);
	assert_string_equal(dtb_node_name(&dt, 0), "");
	assert_int_equal(dtb_first_child(&dt, 0), -ENOENT);
	assert_int_equal(dtb_next_sibling(&dt, 0), -ENOENT);
	assert_int_equal(dtb_parent(&dt, 0), -ENOENT);
	assert_int_equal(dtb_next_node(&dt, 0, NULL), -ENOENT);
	assert_int_equal(dtb_first_property(&dt, 0), -ENOENT);
	assert_int_equal(dtb_path_offset(&dt, "/chosen"), -ENOENT);
	assert_int_equal(dtb_path_offset(&dt, "serial0"), -ENOENT);
	assert_int_equal(dtb_stdout_node(&dt, &options), -ENOENT);
	assert_null(options);
	assert_int_equal(dtb_memory_bank(&dt, 0, &addr, &size), -ENOENT);
	assert_int_equal(dtb_next_compatible(&dt, -1, "x"), -ENOENT);
	assert_int_equal(dtb_node_by_phandle(&dt, 1), -ENOENT);
	assert_int_equal(dtb_read_reg(&dt, 0, 0, &addr, &size), -EINVAL);
	assert_true(dtb_node_is_available(&dt, 0));
	exercise_all(&dt);
}

/* After a failed open, *dt is an empty tree: every call fails, none reads anything. */
static void test_failed_open_is_empty(void **state)
{
	struct dtb dt;
	const char *options = "unset";
	u8 *copy = copy_of(board32.data, board32.size);
	u64 addr, size;
	u32 number;

	(void)state;
	put_be32(copy + H_MAGIC, 0);
	assert_int_equal(dtb_open(&dt, copy, board32.size, NULL), -ENOEXEC);
	assert_null(dt.blob);
	assert_int_equal(dt.size, 0);
	assert_int_equal(dtb_path_offset(&dt, "/"), -ENOENT);
	assert_int_equal(dtb_next_node(&dt, -1, NULL), -ENOENT);
	assert_null(dtb_node_name(&dt, 0));
	assert_null(dtb_get_property(&dt, 0, "model", NULL));
	assert_int_equal(dtb_get_u32(&dt, 0, "x", &number), -EINVAL);
	assert_int_equal(dtb_stdout_node(&dt, &options), -ENOENT);
	assert_null(options);
	assert_int_equal(dtb_memory_bank(&dt, 0, &addr, &size), -ENOENT);
	assert_int_equal(dtb_reserved_memory(&dt, 0, &addr, &size), -ENOENT);
	assert_int_equal(dtb_node_by_phandle(&dt, 1), -ENOENT);
	exercise_all(&dt);
	free(copy);
}

/* ---------------------------------------------------------------------------------
 * A tiny DTB builder, to make each structural fault on its own.
 */

struct builder {
	u8 structure[2048];
	u32 struct_len;
	u8 strings[256];
	u32 strings_len;
};

static void emit(struct builder *b, u32 word)
{
	assert_true(b->struct_len + 4 <= sizeof(b->structure));
	put_be32(b->structure + b->struct_len, word);
	b->struct_len += 4;
}

/* Raw bytes, padded with zeroes to 4. */
static void emit_bytes(struct builder *b, const void *bytes, u32 len)
{
	assert_true(b->struct_len + len + 3 <= sizeof(b->structure));
	memcpy(b->structure + b->struct_len, bytes, len);
	b->struct_len += len;
	while (b->struct_len % 4)
		b->structure[b->struct_len++] = 0;
}

static u32 add_string(struct builder *b, const char *s)
{
	u32 offset = b->strings_len;
	u32 len = (u32)strlen(s) + 1;

	assert_true(b->strings_len + len <= sizeof(b->strings));
	memcpy(b->strings + offset, s, len);
	b->strings_len += len;
	return offset;
}

static void begin_node(struct builder *b, const char *name)
{
	emit(b, 1);
	emit_bytes(b, name, (u32)strlen(name) + 1);
}

static void end_node(struct builder *b)
{
	emit(b, 2);
}

static void property(struct builder *b, const char *name, const void *value, u32 len)
{
	emit(b, 3);
	emit(b, len);
	emit(b, add_string(b, name));
	emit_bytes(b, value, len);
}

static void property_string(struct builder *b, const char *name, const char *value)
{
	property(b, name, value, (u32)strlen(value) + 1);
}

static void property_u32(struct builder *b, const char *name, u32 value)
{
	u8 bytes[4];

	put_be32(bytes, value);
	property(b, name, bytes, 4);
}

static void nop(struct builder *b)
{
	emit(b, 4);
}

static void end(struct builder *b)
{
	emit(b, 9);
}

/* Header, empty reservation map, structure block, strings block: exactly *size bytes. */
static u8 *build(const struct builder *b, u32 *size)
{
	u32 struct_offset = HEADER_SIZE + 16;
	u32 strings_offset = struct_offset + b->struct_len;
	u8 *blob;

	*size = strings_offset + b->strings_len;
	blob = calloc(1, *size);
	assert_non_null(blob);
	put_be32(blob + H_MAGIC, DTB_MAGIC);
	put_be32(blob + H_TOTALSIZE, *size);
	put_be32(blob + H_OFF_STRUCT, struct_offset);
	put_be32(blob + H_OFF_STRINGS, strings_offset);
	put_be32(blob + H_OFF_RSVMAP, HEADER_SIZE);
	put_be32(blob + H_VERSION, 17);
	put_be32(blob + H_LAST_COMP, 16);
	put_be32(blob + H_SIZE_STRINGS, b->strings_len);
	put_be32(blob + H_SIZE_STRUCT, b->struct_len);
	memcpy(blob + struct_offset, b->structure, b->struct_len);
	memcpy(blob + strings_offset, b->strings, b->strings_len);
	return blob;
}

/* A well-formed tree that each malformed case below breaks in one place. */
static void small_tree(struct builder *b)
{
	memset(b, 0, sizeof(*b));
	begin_node(b, "");
	property_string(b, "model", "small");
	begin_node(b, "node@1");
	property_u32(b, "reg", 1);
	end_node(b);
	end_node(b);
	end(b);
}

static void expect_open(const u8 *blob, u32 size, int err, const char *reason, const char *what)
{
	struct dtb dt;
	const char *got = "unset";
	int rc = dtb_open(&dt, blob, size, &got);

	if (rc != err || (reason && (!got || strcmp(got, reason) != 0)) || (!reason && got))
		fail_msg("%s: got %d \"%s\", expected %d \"%s\"", what, rc, got ? got : "(null)", err,
			 reason ? reason : "(null)");
	exercise_all(&dt);
}

static void expect_built(const struct builder *b, int err, const char *reason, const char *what)
{
	u32 size;
	u8 *blob = build(b, &size);

	expect_open(blob, size, err, reason, what);
	free(blob);
}

/* Each header fault, made in a copy of board32.dtb, gives its own reason. */
static void test_bad_headers(void **state)
{
	static const struct {
		const char *what;
		u32 field;  /* header offset to overwrite, or ~0 for none */
		int value;  /* new value relative to: */
		enum { ABSOLUTE, PLUS_SIZE, PLUS_OLD } base;
		int size_delta; /* memory given to dtb_open(), relative to the blob size */
		int err;
		const char *reason;
	} cases[] = {
		{ "bad magic", H_MAGIC, (int)0xd00dfeee, ABSOLUTE, 0, -ENOEXEC, "bad magic" },
		{ "zero magic", H_MAGIC, 0, ABSOLUTE, 0, -ENOEXEC, "bad magic" },
		{ "totalsize beyond the buffer", H_TOTALSIZE, 1, PLUS_SIZE, 0, -EINVAL,
		  "totalsize larger than the memory given" },
		{ "buffer shorter than totalsize", ~0u, 0, ABSOLUTE, -1, -EINVAL,
		  "totalsize larger than the memory given" },
		{ "totalsize below the header", H_TOTALSIZE, 39, ABSOLUTE, 0, -EINVAL,
		  "totalsize smaller than the header" },
		{ "version 15", H_VERSION, 15, ABSOLUTE, 0, -EOPNOTSUPP, "unsupported version" },
		{ "version 0", H_VERSION, 0, ABSOLUTE, 0, -EOPNOTSUPP, "unsupported version" },
		{ "last_comp_version 18", H_LAST_COMP, 18, ABSOLUTE, 0, -EOPNOTSUPP,
		  "unsupported last_comp_version" },
		{ "reserve map past the end", H_OFF_RSVMAP, 8, PLUS_SIZE, 0, -EINVAL,
		  "memory reserve map outside the blob" },
		{ "reserve map inside the header", H_OFF_RSVMAP, 8, ABSOLUTE, 0, -EINVAL,
		  "memory reserve map outside the blob" },
		{ "reserve map misaligned", H_OFF_RSVMAP, 4, PLUS_OLD, 0, -EINVAL,
		  "misaligned memory reserve map" },
		{ "structure block past the end", H_OFF_STRUCT, 4, PLUS_SIZE, 0, -EINVAL,
		  "structure block outside the blob" },
		{ "structure block inside the header", H_OFF_STRUCT, 0, ABSOLUTE, 0, -EINVAL,
		  "structure block outside the blob" },
		{ "structure block size overflowing", H_SIZE_STRUCT, (int)0xfffffff0, ABSOLUTE, 0, -EINVAL,
		  "structure block outside the blob" },
		{ "structure block one byte too long", H_SIZE_STRUCT, 0, PLUS_SIZE, 0, -EINVAL,
		  "structure block outside the blob" },
		{ "structure block misaligned", H_OFF_STRUCT, 2, PLUS_OLD, 0, -EINVAL,
		  "misaligned structure block" },
		{ "strings block past the end", H_OFF_STRINGS, 1, PLUS_SIZE, 0, -EINVAL,
		  "strings block outside the blob" },
		{ "strings block size overflowing", H_SIZE_STRINGS, -1, ABSOLUTE, 0, -EINVAL,
		  "strings block outside the blob" },
		{ "strings block inside the header", H_OFF_STRINGS, 4, ABSOLUTE, 0, -EINVAL,
		  "strings block outside the blob" },
	};
	u8 *copy;

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		copy = copy_of(board32.data, board32.size);
		if (cases[i].field != ~0u) {
			u32 value = (u32)cases[i].value;

			if (cases[i].base == PLUS_SIZE)
				value += board32.size;
			else if (cases[i].base == PLUS_OLD)
				value += get_be32(copy + cases[i].field);
			put_be32(copy + cases[i].field, value);
		}
		expect_open(copy, board32.size + (u32)cases[i].size_delta, cases[i].err, cases[i].reason,
			    cases[i].what);
		free(copy);
	}

	/* Less memory than a header, or none. */
	expect_open(board32.data, 39, -EINVAL, "blob smaller than the header", "39 bytes");
	expect_open(board32.data, 0, -EINVAL, "blob smaller than the header", "0 bytes");
	expect_open(NULL, 4096, -EINVAL, "blob smaller than the header", "NULL blob");

	/* More than 2 GiB claimed: refused from the header alone, nothing else is read. */
	copy = copy_of(board32.data, board32.size);
	put_be32(copy + H_TOTALSIZE, 0x80000000u);
	expect_open(copy, 0xffffffffu, -EINVAL, "totalsize too large", "2 GiB totalsize");

	/* A reservation map with no room left for its terminating entry. */
	memcpy(copy, board32.data, board32.size);
	put_be32(copy + H_OFF_RSVMAP, (board32.size - 8) & ~7u);
	expect_open(copy, board32.size, -EINVAL, "memory reserve map not terminated", "reserve map at the end");
	free(copy);
}

/* Each structure block fault, built on its own, gives its own reason. */
static void test_bad_structures(void **state)
{
	struct builder b;
	u8 *blob;
	u32 size;

	(void)state;
	small_tree(&b);
	expect_built(&b, 0, NULL, "small tree");

	memset(&b, 0, sizeof(b));
	emit(&b, 1);
	emit_bytes(&b, "abcd", 4);
	expect_built(&b, -EINVAL, "unterminated node name", "node name running off the block");

	memset(&b, 0, sizeof(b));
	begin_node(&b, "");
	emit(&b, 3);
	emit(&b, 4);
	expect_built(&b, -EINVAL, "truncated property", "property header cut short");

	memset(&b, 0, sizeof(b));
	begin_node(&b, "");
	emit(&b, 3);
	emit(&b, 0x1000);
	emit(&b, add_string(&b, "big"));
	end_node(&b);
	end(&b);
	expect_built(&b, -EINVAL, "property value outside the structure block", "property too long");

	memset(&b, 0, sizeof(b));
	begin_node(&b, "");
	emit(&b, 3);
	emit(&b, 0xfffffffc);
	emit(&b, add_string(&b, "huge"));
	end_node(&b);
	end(&b);
	expect_built(&b, -EINVAL, "property value outside the structure block", "property length wrapping");

	memset(&b, 0, sizeof(b));
	begin_node(&b, "");
	emit(&b, 3);
	emit(&b, 0);
	emit(&b, add_string(&b, "x") + 2); /* == strings_len */
	end_node(&b);
	end(&b);
	expect_built(&b, -EINVAL, "property name offset outside the strings block", "name offset at the end");

	memset(&b, 0, sizeof(b));
	begin_node(&b, "");
	emit(&b, 3);
	emit(&b, 0);
	emit(&b, 0xffffffff);
	end_node(&b);
	end(&b);
	expect_built(&b, -EINVAL, "property name offset outside the strings block", "name offset huge");

	memset(&b, 0, sizeof(b));
	begin_node(&b, "");
	property_u32(&b, "abc", 1);
	end_node(&b);
	end(&b);
	b.strings_len--; /* drop the NUL of the only name */
	expect_built(&b, -EINVAL, "unterminated property name", "property name without NUL");

	memset(&b, 0, sizeof(b));
	for (int i = 0; i < DTB_MAX_DEPTH; i++)
		begin_node(&b, i ? "n" : "");
	for (int i = 0; i < DTB_MAX_DEPTH; i++)
		end_node(&b);
	end(&b);
	expect_built(&b, 0, NULL, "nesting at the limit");

	memset(&b, 0, sizeof(b));
	for (int i = 0; i <= DTB_MAX_DEPTH; i++)
		begin_node(&b, i ? "n" : "");
	for (int i = 0; i <= DTB_MAX_DEPTH; i++)
		end_node(&b);
	end(&b);
	expect_built(&b, -EINVAL, "nesting too deep", "nesting one past the limit");

	small_tree(&b);
	b.struct_len -= 4; /* drop FDT_END */
	expect_built(&b, -EINVAL, "truncated: no FDT_END", "no FDT_END");

	memset(&b, 0, sizeof(b));
	begin_node(&b, "");
	end_node(&b);
	end_node(&b);
	end(&b);
	expect_built(&b, -EINVAL, "unbalanced END_NODE", "END_NODE after the root closed");

	memset(&b, 0, sizeof(b));
	end_node(&b);
	end(&b);
	expect_built(&b, -EINVAL, "unbalanced END_NODE", "END_NODE first");

	memset(&b, 0, sizeof(b));
	begin_node(&b, "");
	begin_node(&b, "child");
	end_node(&b);
	end(&b);
	expect_built(&b, -EINVAL, "FDT_END inside a node", "root never closed");

	memset(&b, 0, sizeof(b));
	begin_node(&b, "");
	emit(&b, 5);
	end_node(&b);
	end(&b);
	expect_built(&b, -EINVAL, "unknown token", "token 5");

	memset(&b, 0, sizeof(b));
	property_u32(&b, "early", 1);
	begin_node(&b, "");
	end_node(&b);
	end(&b);
	expect_built(&b, -EINVAL, "property outside a node", "property before the root");

	memset(&b, 0, sizeof(b));
	begin_node(&b, "");
	end_node(&b);
	begin_node(&b, "");
	end_node(&b);
	end(&b);
	expect_built(&b, -EINVAL, "more than one root node", "two roots");

	memset(&b, 0, sizeof(b));
	nop(&b);
	end(&b);
	expect_built(&b, -EINVAL, "no root node", "only FDT_END");

	memset(&b, 0, sizeof(b));
	expect_built(&b, -EINVAL, "truncated: no FDT_END", "empty structure block");

	/* Version 16: no size_dt_struct, the structure block runs to the end of the blob. */
	small_tree(&b);
	blob = build(&b, &size);
	put_be32(blob + H_VERSION, 16);
	put_be32(blob + H_SIZE_STRUCT, 0xdeadbeef); /* ignored in version 16 */
	expect_open(blob, size, 0, NULL, "version 16");
	free(blob);
}

/* Valid but unusual trees: NOPs, aliases and values of the wrong shape. */
static void test_unusual_trees(void **state)
{
	static const u8 okay_without_nul[] = { 'o', 'k', 'a', 'y' };
	static const u8 reg_five_bytes[] = { 0, 0, 0, 1, 0 };
	struct builder b;
	struct dtb dt;
	const char *options = "unset";
	u64 addr, size;
	int node;
	u32 blob_size;
	u8 *blob;

	(void)state;
	memset(&b, 0, sizeof(b));
	nop(&b);
	begin_node(&b, "");
	nop(&b);
	property_u32(&b, "#address-cells", 1);
	nop(&b);
	property_u32(&b, "#size-cells", 1);
	begin_node(&b, "aliases");
	property_string(&b, "bad", "\x01\x02"); /* a string, but not a path */
	property(&b, "raw", "/a", 2);          /* no NUL */
	property_string(&b, "gone", "/nowhere");
	property_string(&b, "console", "/a");
	end_node(&b);
	begin_node(&b, "chosen");
	property_string(&b, "linux,stdout-path", "console:9600");
	end_node(&b);
	nop(&b);
	begin_node(&b, "a");
	property(&b, "status", okay_without_nul, sizeof(okay_without_nul));
	property(&b, "reg", reg_five_bytes, sizeof(reg_five_bytes));
	property(&b, "#address-cells", reg_five_bytes, 2);
	end_node(&b);
	begin_node(&b, "b");
	property_u32(&b, "#address-cells", 0);
	begin_node(&b, "c");
	property_u32(&b, "reg", 0);
	end_node(&b);
	end_node(&b);
	begin_node(&b, "d");
	property_u32(&b, "#size-cells", 3);
	begin_node(&b, "e");
	property_u32(&b, "reg", 0);
	end_node(&b);
	end_node(&b);
	end_node(&b);
	nop(&b);
	end(&b);
	blob = build(&b, &blob_size);
	assert_int_equal(dtb_open(&dt, blob, blob_size, NULL), 0);

	/* NOPs are skipped everywhere: the root sits after one. */
	assert_int_equal(dt.root, 4);
	assert_int_equal(dtb_path_offset(&dt, "/"), 4);
	assert_string_equal(dtb_node_name(&dt, dtb_first_child(&dt, dt.root)), "aliases");
	node = node_at(&dt, "/a");
	assert_string_equal(dtb_node_name(&dt, dtb_next_sibling(&dt, node_at(&dt, "/chosen"))), "a");
	assert_int_equal(dtb_parent(&dt, node), 4);

	/* Aliases must be strings holding full paths. */
	assert_int_equal(dtb_path_offset(&dt, "console"), node);
	assert_int_equal(dtb_path_offset(&dt, "bad"), -ENOENT);
	assert_int_equal(dtb_path_offset(&dt, "raw"), -ENOENT);
	assert_int_equal(dtb_path_offset(&dt, "gone"), -ENOENT);

	/* linux,stdout-path is used when stdout-path is absent. */
	assert_int_equal(dtb_stdout_node(&dt, &options), node);
	assert_string_equal(options, "9600");

	/* "okay" without its NUL is not a status string. */
	assert_false(dtb_node_is_available(&dt, node));
	/* 5 bytes of reg under one address cell and one size cell. */
	assert_int_equal(dtb_read_reg(&dt, node, 0, &addr, &size), -EINVAL);
	/* #address-cells of the wrong length, zero, and #size-cells of 3. */
	assert_int_equal(dtb_read_reg(&dt, node_at(&dt, "/b/c"), 0, &addr, &size), -EINVAL);
	assert_int_equal(dtb_read_reg(&dt, node_at(&dt, "/d/e"), 0, &addr, &size), -EINVAL);
	exercise_all(&dt);
	free(blob);

	/* A bad #address-cells on the parent. */
	memset(&b, 0, sizeof(b));
	begin_node(&b, "");
	property(&b, "#address-cells", reg_five_bytes, 2);
	begin_node(&b, "x");
	property_u32(&b, "reg", 0);
	end_node(&b);
	end_node(&b);
	end(&b);
	blob = build(&b, &blob_size);
	assert_int_equal(dtb_open(&dt, blob, blob_size, NULL), 0);
	assert_int_equal(dtb_read_reg(&dt, node_at(&dt, "/x"), 0, &addr, &size), -EINVAL);
	free(blob);
}

/* ---------------------------------------------------------------------------------
 * Truncated and corrupted fixtures: never a crash, an out-of-bounds read or a hang;
 * whatever dtb_open() accepts is still safe to query.
 */

static const struct blob *const all_fixtures[] = { &board32, &board64, &minimal };
#define FIXTURES (sizeof(all_fixtures) / sizeof(all_fixtures[0]))

/* Open `data` from an exact-size copy; if accepted, call everything on it. */
static int open_and_exercise(const u8 *data, u32 size)
{
	u8 *copy = copy_of(data, size);
	struct dtb dt;
	const char *reason = NULL;
	int rc = dtb_open(&dt, copy, size, &reason);

	if (rc == 0)
		assert_null(reason);
	else
		assert_non_null(reason);
	if (rc == 0)
		maybe_index(&dt);
	exercise_all(&dt);
	free(copy);
	return rc;
}

/* The first `length` bytes of a blob, in memory of exactly that size. */
static void test_truncated_buffer(void **state)
{
	(void)state;
	for (size_t f = 0; f < FIXTURES; f++) {
		const struct blob *fixture = all_fixtures[f];

		for (u32 length = 0; length < fixture->size; length++) {
			u8 *copy = copy_of(fixture->data, length);
			const char *reason = NULL;
			struct dtb dt;

			assert_int_equal(dtb_open(&dt, copy, length, &reason), -EINVAL);
			assert_string_equal(reason, length < HEADER_SIZE ? "blob smaller than the header"
									 : "totalsize larger than the memory given");
			free(copy);
		}
	}
}

/* The header rewritten to match a truncation: the blocks are cut short instead. */
static void test_truncated_blocks(void **state)
{
	(void)state;
	for (size_t f = 0; f < FIXTURES; f++) {
		const struct blob *fixture = all_fixtures[f];
		u32 struct_offset = get_be32(fixture->data + H_OFF_STRUCT);
		u32 strings_offset = get_be32(fixture->data + H_OFF_STRINGS);
		u32 struct_size = get_be32(fixture->data + H_SIZE_STRUCT);
		u8 *copy;

		/* dtc lays out: header, reservation map, structure block, strings block. */
		assert_true(struct_offset < strings_offset);
		for (u32 length = HEADER_SIZE; length < fixture->size; length++) {
			copy = copy_of(fixture->data, length);
			put_be32(copy + H_TOTALSIZE, length);
			if (length < strings_offset) {
				put_be32(copy + H_OFF_STRINGS, length);
				put_be32(copy + H_SIZE_STRINGS, 0);
			} else {
				put_be32(copy + H_SIZE_STRINGS, length - strings_offset);
			}
			if (length < struct_offset + struct_size)
				put_be32(copy + H_SIZE_STRUCT, length > struct_offset ? length - struct_offset : 0);
			if (length < struct_offset)
				put_be32(copy + H_OFF_STRUCT, length & ~3u);
			if (open_and_exercise(copy, length) == 0)
				fail_msg("fixture %zu cut to %u bytes was accepted", f, length);
			free(copy);
		}

		/* Only the structure block shortened, by every amount. */
		for (u32 cut = 0; cut < struct_size; cut++) {
			copy = copy_of(fixture->data, fixture->size);
			put_be32(copy + H_SIZE_STRUCT, cut);
			if (open_and_exercise(copy, fixture->size) == 0)
				fail_msg("fixture %zu with a %u-byte structure block was accepted", f, cut);
			free(copy);
		}
	}
}

/* Every byte of every fixture replaced, one at a time, by a few values. */
static void test_every_byte_corrupted(void **state)
{
	/* new byte = (old & keep) ^ flip */
	static const struct {
		u8 keep, flip;
	} edits[] = {
		{ 0xff, 0xff }, /* every bit flipped */
		{ 0xff, 0x01 }, /* lowest bit flipped */
		{ 0x00, 0xff }, /* set to 0xff */
		{ 0x00, 0x00 }, /* set to 0 */
	};
	int accepted = 0, refused = 0;

	(void)state;
	for (size_t f = 0; f < FIXTURES; f++) {
		const struct blob *fixture = all_fixtures[f];
		u8 *copy = copy_of(fixture->data, fixture->size);

		for (u32 at = 0; at < fixture->size; at++) {
			for (size_t e = 0; e < sizeof(edits) / sizeof(edits[0]); e++) {
				copy[at] = (u8)((fixture->data[at] & edits[e].keep) ^ edits[e].flip);
				if (open_and_exercise(copy, fixture->size) == 0)
					accepted++;
				else
					refused++;
			}
			copy[at] = fixture->data[at];
		}
		free(copy);
	}
	/* Both must happen: header damage is refused, damage inside names is not. */
	assert_true(accepted > 0 && refused > 0);
}

/* Seeded random damage, several edits at once, including whole 32-bit fields. */
static void test_random_corruption(void **state)
{
	u32 seed = 12345;
	int accepted = 0;

	(void)state;
	for (int round = 0; round < 10000; round++) {
		const struct blob *fixture = all_fixtures[round % FIXTURES];
		u8 *copy = copy_of(fixture->data, fixture->size);
		int edits;

		seed = seed * 1103515245 + 12345;
		edits = 1 + (int)(seed >> 16) % 4;
		while (edits--) {
			u32 at, kind, value;

			seed = seed * 1103515245 + 12345;
			at = (seed >> 8) % fixture->size;
			kind = seed >> 29;
			seed = seed * 1103515245 + 12345;
			value = seed;
			if (kind < 4) {
				copy[at] = (u8)(value >> 16);
			} else {
				static const u32 words[] = { 0, 1, 2, 3, 4, 9, 0x7fffffff, 0x80000000, 0xffffffff,
							     0xfffffffc, 0x100, 40 };
				u32 word = words[(value >> 16) % (sizeof(words) / sizeof(words[0]))];

				at &= ~3u;
				if (at + 4 <= fixture->size)
					put_be32(copy + at, kind == 7 ? fixture->size - (value >> 28) : word);
			}
		}
		if (open_and_exercise(copy, fixture->size) == 0)
			accepted++;
		free(copy);
	}
	assert_true(accepted > 0);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest valid[] = {
		cmocka_unit_test(test_open_board32),
		cmocka_unit_test(test_paths_board32),
		cmocka_unit_test(test_properties_board32),
		cmocka_unit_test(test_property_iteration_board32),
		cmocka_unit_test(test_walk_board32),
		cmocka_unit_test(test_phandles_board32),
		cmocka_unit_test(test_phandle_cache_board32),
		cmocka_unit_test(test_last_node_cache_board32),
		cmocka_unit_test(test_index_matches_walks),
		cmocka_unit_test(test_compatible_board32),
		cmocka_unit_test(test_available_board32),
		cmocka_unit_test(test_reg_board32),
		cmocka_unit_test(test_chosen_memory_board32),
		cmocka_unit_test(test_every_offset_board32),
		cmocka_unit_test(test_board64),
		cmocka_unit_test(test_minimal),
		cmocka_unit_test(test_unusual_trees),
	};
	const struct CMUnitTest malformed[] = {
		cmocka_unit_test(test_failed_open_is_empty),
		cmocka_unit_test(test_bad_headers),
		cmocka_unit_test(test_bad_structures),
	};
	const struct CMUnitTest damaged[] = {
		cmocka_unit_test(test_truncated_buffer),
		cmocka_unit_test(test_truncated_blocks),
		cmocka_unit_test(test_every_byte_corrupted),
		cmocka_unit_test(test_random_corruption),
	};
	int failed = 0;

	if (argc != 2) {
		fprintf(stderr, "usage: %s FIXTURES_DIR\n", argv[0]);
		return 2;
	}
	fixtures_dir = argv[1];
	if (load_fixture("board32.dtb", &board32) || load_fixture("board64.dtb", &board64) ||
	    load_fixture("minimal.dtb", &minimal))
		return 2;

	failed += cmocka_run_group_tests_name("fdt_valid", valid, NULL, NULL);
	failed += cmocka_run_group_tests_name("fdt_malformed", malformed, NULL, NULL);
	failed += cmocka_run_group_tests_name("fdt_damaged", damaged, NULL, NULL);
	with_index = true;
	failed += cmocka_run_group_tests_name("fdt_valid_indexed", valid, NULL, NULL);
	failed += cmocka_run_group_tests_name("fdt_damaged_indexed", damaged, NULL, NULL);

	free(board32.data);
	free(board64.data);
	free(minimal.data);
	return failed ? 1 : 0;
}
