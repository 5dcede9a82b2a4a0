/*
 * libFuzzer target for the device tree reader (kernel/fdt.c).
 *
 * Built with clang -fsanitize=fuzzer,address,undefined (`make fuzz`, `make fuzz-smoke`).
 * Each input is handed to dtb_open() as a whole blob (max_size = its size, so
 * AddressSanitizer sees any read past it). When it opens, every dtb_* call is made
 * on every node and property, and what comes back is checked: pointers lie inside
 * the input (strings terminated inside it), offsets are nodes or errors, walks end,
 * and a few answers agree with each other (parent and child, first match in
 * document order). A failed check aborts, which libFuzzer reports as a crash.
 * When it does not open, the zeroed tree must behave as an empty one.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <kernel/errno.h>
#include <kernel/fdt.h>

#define check(cond)                                                                \
	do {                                                                       \
		if (!(cond)) {                                                     \
			fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, \
				#cond);                                            \
			abort();                                                   \
		}                                                                  \
	} while (0)

/* The input, for the range checks. */
static const u8 *input;
static size_t input_size;

static bool inside(const void *p, size_t len)
{
	const u8 *at = p;

	return p && at >= input && at <= input + input_size && len <= (size_t)(input + input_size - at);
}

static bool string_inside(const char *s)
{
	return inside(s, 0) && memchr(s, '\0', (size_t)(input + input_size - (const u8 *)s));
}

static void check_node_or_error(const struct dtb *dt, int node)
{
	if (node >= 0)
		check(string_inside(dtb_node_name(dt, node)));
	else
		check(node == -ENOENT || node == -EINVAL);
}

/* Offsets that are not nodes must be refused, whatever they point at. */
static void check_not_a_node(const struct dtb *dt, int offset)
{
	if (dtb_node_name(dt, offset))
		return; /* it is one after all */
	check(dtb_first_child(dt, offset) == -EINVAL);
	check(dtb_next_sibling(dt, offset) == -EINVAL);
	check(dtb_parent(dt, offset) == -EINVAL);
	check(dtb_first_property(dt, offset) == -EINVAL);
	check(dtb_get_property(dt, offset, "reg", NULL) == NULL);
	check(!dtb_node_is_available(dt, offset));
	check(dtb_read_reg(dt, offset, 0, NULL, NULL) < 0);
}

/* Does `name` answer the path component `component` (a full node name)? */
static bool answers(const char *name, const char *component)
{
	size_t len = strlen(component);

	return strncmp(name, component, len) == 0 && (name[len] == '\0' || name[len] == '@');
}

/* Every string of the compatible list: dtb_is_compatible() knows it, and the first
 * node with it in document order is this one or an earlier one. */
static void check_compatible(const struct dtb *dt, int node, const char *list, int len)
{
	const char *nul;
	int first;

	while (len > 0) {
		nul = memchr(list, '\0', (size_t)len);
		if (!nul)
			break;
		check(dtb_is_compatible(dt, node, list));
		first = dtb_next_compatible(dt, -1, list);
		check(first >= 0 && first <= node);
		len -= (int)(nul - list) + 1;
		list = nul + 1;
	}
}

static void check_properties(const struct dtb *dt, int node)
{
	const char *name, *string;
	const void *value, *found;
	int property, len, found_len, steps = 0;
	u32 number;

	for (property = dtb_first_property(dt, node); property >= 0;
	     property = dtb_next_property(dt, property)) {
		check(++steps <= (int)dt->struct_size / 4);
		value = dtb_property_at(dt, property, &name, &len);
		check(len >= 0 && inside(value, (size_t)len));
		check(string_inside(name));

		/* By name: this property or an earlier one of the same name. */
		found = dtb_get_property(dt, node, name, &found_len);
		check(found_len >= 0 && inside(found, (size_t)found_len));
		check((const u8 *)found <= (const u8 *)value);
		string = dtb_get_string(dt, node, name);
		if (string)
			check(string_inside(string) && string == found);
		if (dtb_get_u32(dt, node, name, &number) == 0) {
			check(found_len == 4);
			if (!strcmp(name, "phandle") && number != 0 && number != 0xffffffffu) {
				int holder = dtb_node_by_phandle(dt, number);

				check(holder >= 0 && holder <= node);
			}
		}
		if (!strcmp(name, "compatible") && value == found)
			check_compatible(dt, node, value, len);
		/* String values used as paths (aliases, stdout-path, anything). */
		if (string)
			check_node_or_error(dt, dtb_path_offset(dt, string));
	}
	check(property == -ENOENT);
	if (!dtb_get_property(dt, node, "no-such-property", &len))
		check(len == -ENOENT);
}

static void check_node(const struct dtb *dt, int node, int depth, const char *path,
		       size_t path_size, size_t path_len)
{
	const char *name = dtb_node_name(dt, node);
	int parent, child, steps = 0;
	u64 addr, size;

	check(string_inside(name));
	parent = dtb_parent(dt, node);
	if (depth == 0)
		check(node == dt->root && parent == -ENOENT);
	else
		check(parent >= 0 && parent < node);

	for (child = dtb_first_child(dt, node); child >= 0; child = dtb_next_sibling(dt, child)) {
		check(++steps <= (int)dt->struct_size / 4);
		check(child > node && dtb_parent(dt, child) == node);
	}
	check(child == -ENOENT);

	check_properties(dt, node);
	(void)dtb_node_is_available(dt, node);
	(void)dtb_is_compatible(dt, node, "");
	check_node_or_error(dt, dtb_next_compatible(dt, node, "snps,dw-apb-uart"));
	for (int index = 0; index < 64; index++) {
		int err = dtb_read_reg(dt, node, index, &addr, &size);

		check(err == 0 || err == -ENOENT || err == -EINVAL);
		if (err)
			break;
	}

	/* A path lookup built from the names finds a node that answers to the last one
	 * (not always this one: a corrupt tree can repeat names). */
	if (path_len < path_size && name[0] && !strchr(name, '/')) {
		int found = dtb_path_offset(dt, path);

		check_node_or_error(dt, found);
		if (found >= 0 && depth > 0)
			check(answers(dtb_node_name(dt, found), name));
	}

	/* Offsets next to a node are not nodes. */
	check_not_a_node(dt, node + 1);
	check_not_a_node(dt, node + 4);
}

static void check_tree(const struct dtb *dt)
{
	static const char *const paths[] = {
		"/",     "/chosen", "/aliases", "/cpus",  "/memory", "/soc",   "/soc/serial@1c28000",
		"serial0", "serial0/", "serial0/x", "gic",  "//",      "",       "@",
		"/@",    "/soc//",   ":",        "a/b/c",
	};
	/* Room for any path in the tree: the whole structure block plus the slashes. */
	size_t path_size = dt->struct_size + DTB_MAX_DEPTH + 2;
	size_t lengths[DTB_MAX_DEPTH + 1] = { 0 };
	char *path = malloc(path_size);
	const char *options;
	int node, depth = 0, count = 0, previous = -1;
	u64 addr, size;

	check(path);
	for (node = dtb_next_node(dt, -1, &depth); node >= 0; node = dtb_next_node(dt, node, &depth)) {
		const char *name = dtb_node_name(dt, node);
		size_t len;

		check(++count <= (int)dt->struct_size / 4);
		check(depth >= 0 && depth < DTB_MAX_DEPTH && node > previous);
		check(count > 1 || node == dt->root);
		previous = node;

		/* path = the parent's path + "/" + name, the root's path being "" here. */
		len = depth == 0 ? 0 : lengths[depth - 1];
		if (depth > 0 && len < path_size)
			len += (size_t)snprintf(path + len, path_size - len, "/%s", name);
		if (depth == 0)
			path[0] = '\0';
		lengths[depth] = len;
		check_node(dt, node, depth, depth == 0 ? "/" : path, path_size, len);
	}
	check(node == -ENOENT);
	free(path);

	for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
		check_node_or_error(dt, dtb_path_offset(dt, paths[i]));
		for (size_t len = 0; len <= strlen(paths[i]); len++)
			check_node_or_error(dt, dtb_path_offset_len(dt, paths[i], len));
	}

	options = "unset";
	node = dtb_stdout_node(dt, &options);
	check_node_or_error(dt, node);
	check(options == NULL || (node >= 0 && string_inside(options)));

	for (int index = 0;; index++) {
		int err = dtb_memory_bank(dt, index, &addr, &size);

		check(err == 0 || err == -ENOENT);
		if (err)
			break;
		check(index < (int)dt->struct_size / 8);
	}
	for (int index = 0;; index++) {
		if (dtb_reserved_memory(dt, index, &addr, &size))
			break;
		check((u32)index < dt->reserve_count);
	}
	check(dtb_node_by_phandle(dt, 0) == -EINVAL);
	check(dtb_node_by_phandle(dt, 0xffffffffu) == -EINVAL);
	check_node_or_error(dt, dtb_node_by_phandle(dt, 1));
	check_node_or_error(dt, dtb_next_compatible(dt, -1, "arm,gic-400"));
	check_not_a_node(dt, -4);
	check_not_a_node(dt, (int)dt->struct_size);
	check_not_a_node(dt, 0x7ffffffc);
}

/* A blob dtb_open() refused: *dt is zeroed and answers like an empty tree. */
static void check_refused(const struct dtb *dt, const char *reason)
{
	u64 addr, size;

	check(reason && reason[0]);
	check(dt->blob == NULL && dt->size == 0 && dt->struct_size == 0);
	check(dtb_next_node(dt, -1, NULL) == -ENOENT);
	check(dtb_path_offset(dt, "/") == -ENOENT);
	check(dtb_path_offset(dt, "serial0") == -ENOENT);
	check(dtb_stdout_node(dt, NULL) == -ENOENT);
	check(dtb_memory_bank(dt, 0, &addr, &size) == -ENOENT);
	check(dtb_reserved_memory(dt, 0, &addr, &size) == -ENOENT);
	check(dtb_next_compatible(dt, -1, "arm,gic-400") == -ENOENT);
	check_not_a_node(dt, 0);
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size);

/* The node index answers every walk as the tokens do, and the tree
 * queries stay safe with it. */
static void check_index(const struct dtb *plain)
{
	static struct dtb_node_info nodes[DTB_MAX_DEPTH * 64];
	struct dtb indexed = *plain;
	int a, b, da = 0, db = 0;

	if (dtb_index(&indexed, nodes, sizeof(nodes) / sizeof(nodes[0])) < 0)
		return; /* too many nodes: no index */
	for (a = dtb_next_node(plain, -1, &da), b = dtb_next_node(&indexed, -1, &db); a >= 0 || b >= 0;
	     a = dtb_next_node(plain, a, &da), b = dtb_next_node(&indexed, b, &db)) {
		check(a == b && da == db);
		check(dtb_parent(plain, a) == dtb_parent(&indexed, a));
		check(dtb_first_child(plain, a) == dtb_first_child(&indexed, a));
		check(dtb_next_sibling(plain, a) == dtb_next_sibling(&indexed, a));
	}
	check(a == b);
	check_tree(&indexed);
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	const char *reason = NULL;
	struct dtb dt;

	if (size > 0xffffffffu)
		return 0;
	input = data;
	input_size = size;
	if (dtb_open(&dt, data, (u32)size, &reason) != 0) {
		check_refused(&dt, reason);
		return 0;
	}
	check(reason == NULL);
	check(dt.blob == data && dt.size <= size);
	check(inside(dt.blob + dt.struct_offset, dt.struct_size));
	check(inside(dt.blob + dt.strings_offset, dt.strings_size));
	check_tree(&dt);
	check_index(&dt);
	return 0;
}
