/* The device tree the boot loader handed over, once validated. */
#ifndef KERNEL_OF_H
#define KERNEL_OF_H

#include <kernel/fdt.h>

/* NULL when there is none or it failed validation (the boot goes on without). */
extern const struct dtb *initial_dt;

/* Validate the blob at addr (0: none), report it, and make it initial_dt. */
void setup_devicetree(unsigned long addr);
/* The boot command line: /chosen/bootargs if non-empty, else the built-in one. */
const char *devicetree_bootargs(void);
/* A driver's match table entry: a compatible string and what the driver
 * wants to know about it. Tables end with an empty entry. */
struct of_device_id {
	const char *compatible;
	const void *data;
};

/* The first entry of table that node is compatible with, or NULL. */
static inline const struct of_device_id *of_match_node(const struct of_device_id *table,
							const struct dtb *dt, int node)
{
	for (const struct of_device_id *id = table; id && id->compatible; id++)
		if (dtb_is_compatible(dt, node, id->compatible))
			return id;
	return NULL;
}

/* The first available node matching one of table's compatibles (in table
 * order of preference, then tree order); -ENOENT if none or no tree. */
int of_find_matching_node(const struct dtb *dt, const struct of_device_id *table);
/* A node a driver took without the driver model (interrupt controller,
 * timer): no platform device is made for it. One flag per node of the boot
 * tree, for any number of nodes. */
void of_node_claim(const struct dtb *dt, int node);
bool of_node_claimed(const struct dtb *dt, int node);

/* The N of the /aliases entry "<stem>N" naming node (serial0 -> 0), or -ENODEV. */
int of_alias_get_id(const struct dtb *dt, int node, const char *stem);

/* First RAM bank from /memory; false when there is none usable, with *why
 * saying what is wrong (no node, disabled, no or malformed reg, size 0). */
bool devicetree_memory(u64 *base, u64 *size, const char **why);
/* /chosen/linux,initrd-start and -end (QEMU's -initrd, U-Boot's ramdisk):
 * 0; -ENOENT without them; -EINVAL if one is missing, malformed or end < start. */
int devicetree_initrd(u64 *start, u64 *end);

#endif
