/* The kernel's own symbol table (built by scripts/kallsyms.c from the linked
 * image, see the Makefile): address -> "name+0xoff/0xsize" for %pS. */
#ifndef KERNEL_KALLSYMS_H
#define KERNEL_KALLSYMS_H

#include <kernel/types.h>

#define KSYM_NAME_LEN 64
#define KSYM_SYMBOL_LEN 128

/* Tables generated into the image, sorted by address. */
extern const u32 kallsyms_num_syms;
extern const u32 kallsyms_addresses[];
extern const u16 kallsyms_sizes[];        /* 16 bits: checked by scripts/kallsyms */
extern const u16 kallsyms_name_offsets[];
extern const char kallsyms_names[];

/* Name of the symbol containing addr, with its size and addr's offset in it; NULL if none. */
const char *kallsyms_lookup(unsigned long addr, unsigned long *size, unsigned long *offset);
/* Address of a symbol by name, 0 if none. */
unsigned long kallsyms_lookup_name(const char *name);
/* "name+0xoff/0xsize", or "0x%08lx" when addr is in no symbol. Returns the length. */
int sprint_symbol(char *buf, size_t size, unsigned long addr);
/* "name" alone (%ps). */
int sprint_symbol_no_offset(char *buf, size_t size, unsigned long addr);

#endif
