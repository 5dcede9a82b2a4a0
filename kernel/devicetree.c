/* Taking over the flattened device tree from the boot loader: validate it
 * once, say what machine this is, and give the boot code /chosen and /memory.
 * A tree that fails validation is named and ignored; the boot goes on. */
#define pr_fmt(fmt) "OF: fdt: " fmt

#include <kernel/init.h>
#include <kernel/of.h>
#include <kernel/errno.h>
#include <kernel/printk.h>

/* Linux refuses trees larger than this too. */
#define MAX_DTB_SIZE (2u << 20)
#define ATAG_CORE 0x54410001

static struct dtb boot_dt;
const struct dtb *initial_dt;

void __init setup_devicetree(unsigned long addr)
{
	const char *reason = NULL;
	const char *model;
	int root;

	if (!addr) {
		pr_info("no device tree from the boot loader; using built-in defaults\n");
		return;
	}
	if (addr & 3) {
		pr_err("device tree pointer 0x%08lx is not 4-byte aligned; ignoring it\n", addr);
		return;
	}
	if (((const u32 *)addr)[1] == ATAG_CORE) {
		pr_err("ATAGs at 0x%08lx instead of a device tree are not supported; using built-in defaults\n",
		       addr);
		return;
	}
	if (dtb_open(&boot_dt, (const void *)addr, MAX_DTB_SIZE, &reason)) {
		pr_err("invalid device tree at 0x%08lx: %s; using built-in defaults\n", addr, reason);
		return;
	}
	initial_dt = &boot_dt;

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

bool __init devicetree_memory(u64 *base, u64 *size)
{
	return initial_dt && !dtb_memory_bank(initial_dt, 0, base, size) && *size;
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

#define MAX_CLAIMED 8

static int claimed[MAX_CLAIMED];
static unsigned int nr_claimed;

void of_node_claim(const struct dtb *dt, int node)
{
	if (dt == initial_dt && nr_claimed < MAX_CLAIMED)
		claimed[nr_claimed++] = node;
}

bool of_node_claimed(const struct dtb *dt, int node)
{
	for (unsigned int i = 0; dt == initial_dt && i < nr_claimed; i++)
		if (claimed[i] == node)
			return true;
	return false;
}
