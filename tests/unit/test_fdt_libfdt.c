/*
 * Cross-check of the device tree reader (kernel/fdt.c) against Debian's libfdt.
 *
 * Usage: test_fdt_libfdt FIXTURES_DIR [DTB_OR_DIR...]
 * Every *.dtb in FIXTURES_DIR, in build/dts (if present) and in the extra arguments
 * is opened by both libraries, which must agree on: node walk order and depth,
 * names, parents, children, properties (order, names, values), path lookups (full,
 * without unit addresses, aliases), phandles, compatible matching, reg entries,
 * the reservation map, the stdout-path node and the memory banks.
 *
 * Kept apart from test_fdt.c, and linked with -lfdt, so that libfdt's fdt_* names
 * never meet ours; ours all start with dtb_.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libfdt.h>

#include <kernel/errno.h>
#include <kernel/fdt.h>

struct input {
	char path[1024];
	u8 *data;
	u32 size;
};

#define MAX_INPUTS 64
static struct input inputs[MAX_INPUTS];
static int input_count;

static int add_file(const char *path)
{
	struct input *in;
	FILE *file;
	long size;

	if (input_count == MAX_INPUTS)
		return 0;
	/* build/dts is read by default and may also be named on the command line. */
	for (int i = 0; i < input_count; i++)
		if (strcmp(inputs[i].path, path) == 0)
			return 0;
	in = &inputs[input_count];
	snprintf(in->path, sizeof(in->path), "%s", path);
	file = fopen(path, "rb");
	if (!file)
		goto out_fail;
	if (fseek(file, 0, SEEK_END) || (size = ftell(file)) <= 0 || fseek(file, 0, SEEK_SET))
		goto out_close;
	in->size = (u32)size;
	in->data = malloc(in->size);
	if (!in->data || fread(in->data, 1, in->size, file) != in->size)
		goto out_close;
	fclose(file);
	input_count++;
	return 0;

out_close:
	fclose(file);
out_fail:
	fprintf(stderr, "test_fdt_libfdt: cannot read %s\n", path);
	return -1;
}

/* Every *.dtb in `dir`; a missing directory is fine only if `optional`. */
static int add_dir(const char *dir, bool optional)
{
	char path[1024];
	struct dirent *entry;
	DIR *d = opendir(dir);
	size_t len;
	int err = 0;

	if (!d) {
		if (!optional)
			fprintf(stderr, "test_fdt_libfdt: cannot open %s\n", dir);
		return optional ? 0 : -1;
	}
	while (!err && (entry = readdir(d))) {
		len = strlen(entry->d_name);
		if (len < 4 || strcmp(entry->d_name + len - 4, ".dtb") != 0)
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, entry->d_name);
		err = add_file(path);
	}
	closedir(d);
	return err;
}

/* Our errors and libfdt's differ in number; only "found" and "where" must agree. */
static void assert_same_result(int ours, int theirs, const char *what, const char *detail)
{
	if ((ours < 0) != (theirs < 0) || (ours >= 0 && ours != theirs))
		fail_msg("%s %s: dtb_ %d, libfdt %d", what, detail, ours, theirs);
}

/* "/soc/serial@1c28000" -> "/soc/serial": each component cut at '@'. */
static void strip_unit_addresses(const char *path, char *out, size_t size)
{
	size_t used = 0;
	bool skipping = false;

	for (; *path && used + 1 < size; path++) {
		if (*path == '/')
			skipping = false;
		else if (*path == '@')
			skipping = true;
		if (!skipping)
			out[used++] = *path;
	}
	out[used] = '\0';
}

static u64 read_number(const u8 *cells, int count)
{
	u64 value = 0;

	for (int i = 0; i < count; i++)
		value = value << 32 | fdt32_to_cpu(((const fdt32_t *)cells)[i]);
	return value;
}

/* The reg entries as libfdt sees them, against dtb_read_reg(). */
static void compare_reg(const void *fdt, const struct dtb *dt, int node, const char *path)
{
	int parent = fdt_parent_offset(fdt, node);
	int address_cells, size_cells, len, entries;
	const u8 *reg;
	u64 addr, size;

	if (parent < 0)
		return; /* the root: dtb_read_reg() refuses it */
	address_cells = fdt_address_cells(fdt, parent);
	size_cells = fdt_size_cells(fdt, parent);
	reg = fdt_getprop(fdt, node, "reg", &len);
	/* Cells we do not read (libfdt also refuses 0 address cells and more than 4). */
	if (address_cells < 1 || address_cells > 2 || size_cells < 0 || size_cells > 2) {
		assert_int_equal(dtb_read_reg(dt, node, 0, &addr, &size), -EINVAL);
		return;
	}
	if (!reg) {
		assert_int_equal(dtb_read_reg(dt, node, 0, &addr, &size), -ENOENT);
		return;
	}
	if (len % ((address_cells + size_cells) * 4)) {
		assert_int_equal(dtb_read_reg(dt, node, 0, &addr, &size), -EINVAL);
		return;
	}
	entries = len / ((address_cells + size_cells) * 4);
	for (int i = 0; i < entries; i++) {
		const u8 *entry = reg + i * (address_cells + size_cells) * 4;

		if (dtb_read_reg(dt, node, i, &addr, &size) != 0)
			fail_msg("reg %d of %s refused", i, path);
		assert_int_equal(addr, read_number(entry, address_cells));
		assert_int_equal(size, read_number(entry + address_cells * 4, size_cells));
	}
	assert_int_equal(dtb_read_reg(dt, node, entries, &addr, &size), -ENOENT);
}

static void compare_properties(const void *fdt, const struct dtb *dt, int node, const char *path)
{
	const char *their_name, *our_name;
	const void *theirs, *ours;
	int their_offset, our_offset, their_len, our_len;

	their_offset = fdt_first_property_offset(fdt, node);
	our_offset = dtb_first_property(dt, node);
	while (their_offset >= 0 || our_offset >= 0) {
		assert_same_result(our_offset, their_offset, "property offset in", path);
		theirs = fdt_getprop_by_offset(fdt, their_offset, &their_name, &their_len);
		ours = dtb_property_at(dt, our_offset, &our_name, &our_len);
		assert_string_equal(our_name, their_name);
		assert_int_equal(our_len, their_len);
		assert_ptr_equal(ours, theirs);

		/* Lookup by name: both find the same (first) property of that name. */
		theirs = fdt_getprop(fdt, node, their_name, &their_len);
		ours = dtb_get_property(dt, node, their_name, &our_len);
		assert_ptr_equal(ours, theirs);
		assert_int_equal(our_len, their_len);

		their_offset = fdt_next_property_offset(fdt, their_offset);
		our_offset = dtb_next_property(dt, our_offset);
	}
	assert_null(fdt_getprop(fdt, node, "no-such-property", NULL));
	assert_null(dtb_get_property(dt, node, "no-such-property", NULL));
}

static void compare_children(const void *fdt, const struct dtb *dt, int node, const char *path)
{
	int theirs = fdt_first_subnode(fdt, node);
	int ours = dtb_first_child(dt, node);

	for (;;) {
		assert_same_result(ours, theirs, "child of", path);
		if (ours < 0)
			break;
		theirs = fdt_next_subnode(fdt, theirs);
		ours = dtb_next_sibling(dt, ours);
	}
}

static void compare_compatible(const void *fdt, const struct dtb *dt, int node, const char *path)
{
	const char *list;
	int len, count;

	list = fdt_getprop(fdt, node, "compatible", &len);
	if (!list)
		return;
	count = fdt_stringlist_count(fdt, node, "compatible");
	for (int i = 0; i < count; i++) {
		const char *compat = fdt_stringlist_get(fdt, node, "compatible", i, NULL);
		int theirs, ours;

		assert_true(dtb_is_compatible(dt, node, compat));
		assert_int_equal(fdt_node_check_compatible(fdt, node, compat), 0);
		if (i > 0)
			continue;
		/* The whole sequence of nodes matching the first compatible string. */
		theirs = fdt_node_offset_by_compatible(fdt, -1, compat);
		ours = dtb_next_compatible(dt, -1, compat);
		for (;;) {
			assert_same_result(ours, theirs, "compatible walk for", compat);
			if (ours < 0)
				break;
			theirs = fdt_node_offset_by_compatible(fdt, theirs, compat);
			ours = dtb_next_compatible(dt, ours, compat);
		}
	}
	(void)path;
}

static void compare_node(const void *fdt, const struct dtb *dt, int node)
{
	char path[1024], stripped[1024];
	const char *their_name;
	int len;
	u32 phandle;

	assert_int_equal(fdt_get_path(fdt, node, path, sizeof(path)), 0);
	their_name = fdt_get_name(fdt, node, &len);
	assert_string_equal(dtb_node_name(dt, node), their_name);
	assert_same_result(dtb_parent(dt, node), fdt_parent_offset(fdt, node), "parent of", path);

	/* Path lookups: the full path, and with unit addresses left out. */
	assert_int_equal(dtb_path_offset(dt, path), node);
	assert_int_equal(fdt_path_offset(fdt, path), node);
	strip_unit_addresses(path, stripped, sizeof(stripped));
	assert_same_result(dtb_path_offset(dt, stripped), fdt_path_offset(fdt, stripped), "path", stripped);

	phandle = fdt_get_phandle(fdt, node);
	if (phandle)
		assert_same_result(dtb_node_by_phandle(dt, phandle), fdt_node_offset_by_phandle(fdt, phandle),
				   "phandle of", path);

	assert_true(dtb_node_is_available(dt, node) ==
		    (!fdt_getprop(fdt, node, "status", NULL) ||
		     !strcmp(fdt_getprop(fdt, node, "status", NULL), "okay") ||
		     !strcmp(fdt_getprop(fdt, node, "status", NULL), "ok")));

	compare_properties(fdt, dt, node, path);
	compare_children(fdt, dt, node, path);
	compare_compatible(fdt, dt, node, path);
	compare_reg(fdt, dt, node, path);
}

static void compare_aliases_and_chosen(const void *fdt, const struct dtb *dt)
{
	int aliases = fdt_path_offset(fdt, "/aliases");
	int chosen = fdt_path_offset(fdt, "/chosen");
	const char *name, *stdout_path, *colon;
	const char *options;
	int property, theirs;

	if (aliases >= 0) {
		fdt_for_each_property_offset(property, fdt, aliases) {
			fdt_getprop_by_offset(fdt, property, &name, NULL);
			assert_same_result(dtb_path_offset(dt, name), fdt_path_offset(fdt, name), "alias", name);
		}
	}

	stdout_path = chosen >= 0 ? fdt_getprop(fdt, chosen, "stdout-path", NULL) : NULL;
	if (!stdout_path && chosen >= 0)
		stdout_path = fdt_getprop(fdt, chosen, "linux,stdout-path", NULL);
	if (!stdout_path) {
		assert_int_equal(dtb_stdout_node(dt, &options), -ENOENT);
		return;
	}
	colon = strchr(stdout_path, ':');
	theirs = fdt_path_offset_namelen(fdt, stdout_path,
					 colon ? (int)(colon - stdout_path) : (int)strlen(stdout_path));
	assert_same_result(dtb_stdout_node(dt, &options), theirs, "stdout-path", stdout_path);
	if (theirs >= 0 && colon)
		assert_string_equal(options, colon + 1);
}

static void compare_memory(const void *fdt, const struct dtb *dt)
{
	int address_cells = fdt_address_cells(fdt, 0);
	int size_cells = fdt_size_cells(fdt, 0);
	int node, len, bank = 0;
	u64 base, size;

	fdt_for_each_subnode(node, fdt, 0) {
		const char *type = fdt_getprop(fdt, node, "device_type", NULL);
		const char *status = fdt_getprop(fdt, node, "status", NULL);
		const u8 *reg = fdt_getprop(fdt, node, "reg", &len);
		int entry_size = (address_cells + size_cells) * 4;

		if (!type || strcmp(type, "memory") || !reg || entry_size <= 0 || len % entry_size)
			continue;
		if (status && strcmp(status, "okay") && strcmp(status, "ok"))
			continue;
		for (int i = 0; i < len / entry_size; i++, bank++) {
			assert_int_equal(dtb_memory_bank(dt, bank, &base, &size), 0);
			assert_int_equal(base, read_number(reg + i * entry_size, address_cells));
			assert_int_equal(size, read_number(reg + i * entry_size + address_cells * 4, size_cells));
		}
	}
	assert_int_equal(dtb_memory_bank(dt, bank, &base, &size), -ENOENT);
}

static void compare_blob(void **state)
{
	const struct input *in = *state;
	const void *fdt = in->data;
	const char *reason = NULL;
	int node, our_depth = 0, count = 0;
	uint64_t their_address, their_size;
	u64 our_address, our_size;
	struct dtb dt;

	assert_int_equal(fdt_check_header(fdt), 0);
	assert_int_equal(fdt_check_full(fdt, in->size), 0);
	if (dtb_open(&dt, in->data, in->size, &reason) != 0)
		fail_msg("%s: dtb_open refused it: %s", in->path, reason);

	/* The same nodes, in the same order, at the same depths. */
	node = fdt_next_node(fdt, -1, NULL);
	for (int ours = dtb_next_node(&dt, -1, &our_depth);; ours = dtb_next_node(&dt, ours, &our_depth)) {
		assert_same_result(ours, node, "next node", in->path);
		if (node < 0)
			break;
		assert_int_equal(our_depth, fdt_node_depth(fdt, node));
		compare_node(fdt, &dt, node);
		count++;
		node = fdt_next_node(fdt, node, NULL);
	}
	assert_true(count > 0);

	/* The memory reservation map. */
	assert_int_equal((int)dt.reserve_count, fdt_num_mem_rsv(fdt));
	for (int i = 0; i < fdt_num_mem_rsv(fdt); i++) {
		assert_int_equal(fdt_get_mem_rsv(fdt, i, &their_address, &their_size), 0);
		assert_int_equal(dtb_reserved_memory(&dt, i, &our_address, &our_size), 0);
		assert_int_equal(our_address, their_address);
		assert_int_equal(our_size, their_size);
	}

	compare_aliases_and_chosen(fdt, &dt);
	compare_memory(fdt, &dt);
	print_message("%s: %d nodes agree\n", in->path, count);
}

static int by_path(const void *a, const void *b)
{
	return strcmp(((const struct input *)a)->path, ((const struct input *)b)->path);
}

int main(int argc, char **argv)
{
	struct CMUnitTest *tests;
	int failed;

	if (argc < 2) {
		fprintf(stderr, "usage: %s FIXTURES_DIR [DTB_OR_DIR...]\n", argv[0]);
		return 2;
	}
	if (add_dir(argv[1], false) || add_dir("build/dts", true))
		return 2;
	for (int i = 2; i < argc; i++) {
		DIR *d = opendir(argv[i]);

		if (d) {
			closedir(d);
			if (add_dir(argv[i], false))
				return 2;
		} else if (add_file(argv[i])) {
			return 2;
		}
	}
	if (input_count == 0) {
		fprintf(stderr, "test_fdt_libfdt: no .dtb files found\n");
		return 2;
	}

	qsort(inputs, (size_t)input_count, sizeof(inputs[0]), by_path);
	tests = calloc((size_t)input_count, sizeof(*tests));
	if (!tests)
		return 2;
	for (int i = 0; i < input_count; i++) {
		tests[i].name = inputs[i].path;
		tests[i].test_func = compare_blob;
		tests[i].initial_state = &inputs[i];
	}
	failed = _cmocka_run_group_tests("fdt_vs_libfdt", tests, (size_t)input_count, NULL, NULL);

	for (int i = 0; i < input_count; i++)
		free(inputs[i].data);
	free(tests);
	return failed ? 1 : 0;
}
