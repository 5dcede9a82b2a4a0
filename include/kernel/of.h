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
/* First RAM bank from /memory; false when the tree has none. */
bool devicetree_memory(u64 *base, u64 *size);

#endif
