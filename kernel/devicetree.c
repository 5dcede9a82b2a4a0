/* Taking over the flattened device tree from the boot loader: validate it
 * once, say which tree is used and what machine this is, and give the boot
 * code /chosen and /memory. Without a usable tree from the boot loader (none,
 * misaligned, ATAGs, failing validation: each named) the image's built-in one
 * is used (boot/builtin_dtb.S); a tree from the boot loader always wins. */
#define pr_fmt(fmt) "OF: fdt: " fmt

#include <kernel/init.h>
#include <kernel/of.h>
#include <kernel/errno.h>
#include <kernel/printk.h>
#include <kernel/sprintf.h>
#include <kernel/string.h>
#include <generated/autoconf.h>

/* Linux refuses trees larger than this too. */
#define MAX_DTB_SIZE (2u << 20)
#define ATAG_CORE 0x54410001

static struct dtb boot_dt;
const struct dtb *initial_dt;

/*
 * "Has a driver" is one bit per node of the boot tree. A node takes at least
 * 8 bytes of the structure block (its token and its name, padded), so its
 * offset / 8 is a unique index. Sized for the largest tree accepted; only the
 * part a tree needs is cleared (the table is __noinit).
 */
#define NODE_INDEX(node) ((u32)(node) / 8)
static u32 claimed[MAX_DTB_SIZE / 8 / 32] __noinit;

static void __init clear_claims(const struct dtb *dt)
{
	if (dt->struct_size)
		memset(claimed, 0, (NODE_INDEX(dt->struct_size - 1) / 32 + 1) * sizeof(claimed[0]));
}

static bool claim_index_ok(const struct dtb *dt, int node)
{
	return dt && dt == initial_dt && node >= 0 && (u32)node < dt->struct_size;
}

void of_node_claim(const struct dtb *dt, int node)
{
	if (claim_index_ok(dt, node))
		claimed[NODE_INDEX(node) / 32] |= 1u << (NODE_INDEX(node) % 32);
}

bool of_node_claimed(const struct dtb *dt, int node)
{
	return claim_index_ok(dt, node) && (claimed[NODE_INDEX(node) / 32] & (1u << (NODE_INDEX(node) % 32)));
}

/* boot/builtin_dtb.S */
extern const u8 __builtin_dtb_start[], __builtin_dtb_end[];

/* Validate the blob and make it the boot tree. */
static int phandle_cache[DTB_PHANDLE_CACHE];
static u32 last_node;
/* The boot tree's node index (Linux's own H3 tree has 170 nodes); a larger
 * tree is walked token by token, as before. Filled before use: __noinit. */
#define MAX_INDEXED_NODES 512
static struct dtb_node_info node_index[MAX_INDEXED_NODES] __noinit;

static int __init use_tree(const void *blob, u32 max_size, const char **reason)
{
	if (dtb_open(&boot_dt, blob, max_size, reason))
		return -EINVAL;
	memset(phandle_cache, 0, sizeof(phandle_cache));
	boot_dt.phandle_cache = phandle_cache;
	last_node = 0;
	boot_dt.last_node = &last_node;
	dtb_index(&boot_dt, node_index, MAX_INDEXED_NODES);
	initial_dt = &boot_dt;
	clear_claims(initial_dt);
	return 0;
}

/* Why the boot loader's tree is not used (NULL: it is usable), or not given. */
static const char *__init check_handover(unsigned long addr, char *why, size_t size)
{
	const char *reason;

	if (!addr)
		return "no device tree from the boot loader";
	if (addr & 3)
		scnprintf(why, size, "device tree pointer 0x%08lx is not 4-byte aligned", addr);
	else if (((const u32 *)addr)[1] == ATAG_CORE)
		scnprintf(why, size, "ATAGs at 0x%08lx instead of a device tree are not supported", addr);
	else if (use_tree((const void *)addr, MAX_DTB_SIZE, &reason))
		scnprintf(why, size, "invalid device tree at 0x%08lx: %s", addr, reason);
	else
		return NULL;
	return why;
}

void __init setup_devicetree(unsigned long addr)
{
	char why[128];
	const char *problem = check_handover(addr, why, sizeof(why));
	const char *reason = NULL;
	const char *model;
	int root;

	if (!problem) {
		pr_info("using the device tree from the boot loader at 0x%08lx\n", addr);
	} else if (use_tree(__builtin_dtb_start, (u32)(__builtin_dtb_end - __builtin_dtb_start), &reason)) {
		pr_err("%s; the built-in device tree (%s) is invalid too: %s; going on without one\n",
		       problem, CONFIG_BUILTIN_DTB, reason);
		return;
	} else if (addr) {
		pr_err("%s; using the built-in device tree (%s)\n", problem, CONFIG_BUILTIN_DTB);
	} else {
		pr_info("%s; using the built-in device tree (%s)\n", problem, CONFIG_BUILTIN_DTB);
	}

	root = dtb_path_offset(initial_dt, "/");
	model = dtb_get_string(initial_dt, root, "model");
	if (!model)
		model = dtb_get_string(initial_dt, root, "compatible");
	pr_info("Machine model: %s\n", model ? model : "unknown");
}

const char *__init devicetree_bootargs(void)
{
	const char *args;
	int chosen;

	if (!initial_dt)
		return NULL;
	chosen = dtb_path_offset(initial_dt, "/chosen");
	if (chosen < 0)
		return NULL;
	args = dtb_get_string(initial_dt, chosen, "bootargs");
	return args && *args ? args : NULL;
}

/* The decimal number that follows prefix in s ("serial12", "serial": 12), or -1. */
static int number_after(const char *s, const char *prefix)
{
	int n = 0;

	while (*prefix)
		if (*s++ != *prefix++)
			return -1;
	if (*s < '0' || *s > '9')
		return -1;
	for (; *s >= '0' && *s <= '9' && n < 100000; s++)
		n = n * 10 + (*s - '0');
	return *s ? -1 : n;
}

int of_alias_get_id(const struct dtb *dt, int node, const char *stem)
{
	int aliases;

	if (!dt || (aliases = dtb_path_offset(dt, "/aliases")) < 0)
		return -ENODEV;
	for (int prop = dtb_first_property(dt, aliases); prop >= 0; prop = dtb_next_property(dt, prop)) {
		const char *name, *value;
		int len, id;

		value = dtb_property_at(dt, prop, &name, &len);
		if (!value || len < 2 || value[len - 1] || (id = number_after(name, stem)) < 0)
			continue;
		if (dtb_path_offset(dt, value) == node)
			return id;
	}
	return -ENODEV;
}

bool __init devicetree_memory(u64 *base, u64 *size, const char **why)
{
	const struct dtb *dt = initial_dt;

	*why = "no device tree";
	if (!dt)
		return false;
	if (!dtb_memory_bank(dt, 0, base, size) && *size)
		return true;
	*why = "no /memory node";
	for (int node = dtb_first_child(dt, dt->root); node >= 0; node = dtb_next_sibling(dt, node)) {
		const char *type = dtb_get_string(dt, node, "device_type");
		u64 addr, len;
		int err;

		if (!type || strcmp(type, "memory"))
			continue;
		err = dtb_read_reg(dt, node, 0, &addr, &len);
		if (!dtb_node_is_available(dt, node))
			*why = "the /memory node is disabled";
		else if (err == -ENOENT)
			*why = "the /memory node has no reg";
		else if (err)
			*why = "the /memory node's reg does not fit the root's #address-cells and #size-cells";
		else
			*why = "the /memory node's first bank has size 0";
	}
	return false;
}

int of_find_matching_node(const struct dtb *dt, const struct of_device_id *table)
{
	if (!dt)
		return -ENOENT;
	for (const struct of_device_id *id = table; id->compatible; id++) {
		for (int node = dtb_next_compatible(dt, -1, id->compatible); node >= 0;
		     node = dtb_next_compatible(dt, node, id->compatible))
			if (dtb_node_is_available(dt, node))
				return node;
	}
	return -ENOENT;
}

static bool chosen_address(const struct dtb *dt, int chosen, const char *name, u64 *out)
{
	int len;
	const u8 *p = dtb_get_property(dt, chosen, name, &len);

	if (!p || (len != 4 && len != 8))
		return false;
	*out = 0;
	for (int i = 0; i < len; i++)
		*out = *out << 8 | p[i];
	return true;
}

int devicetree_initrd(u64 *start, u64 *end)
{
	int chosen = initial_dt ? dtb_path_offset(initial_dt, "/chosen") : -ENOENT;
	bool has_start, has_end;

	if (chosen < 0)
		return -ENOENT;
	has_start = chosen_address(initial_dt, chosen, "linux,initrd-start", start);
	has_end = chosen_address(initial_dt, chosen, "linux,initrd-end", end);
	if (!has_start && !has_end)
		return -ENOENT;
	if (!has_start || !has_end || *end < *start || *end > 0xffffffffull)
		return -EINVAL;
	return 0;
}
