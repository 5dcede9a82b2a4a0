/* The kernel's own symbol table (built by scripts/kallsyms.c from the linked
 * image, see scripts/link-initk.sh): address -> "name+0xoff/0xsize" for %pS,
 * and the list /proc/kallsyms prints. scripts/kallsyms.c includes this
 * header too, for the limits below. */
#ifndef KERNEL_KALLSYMS_H
#define KERNEL_KALLSYMS_H

#include <kernel/types.h>

/* A name with its NUL: scripts/kallsyms refuses longer ones. */
#define KSYM_NAME_LEN 64
#define KSYM_SYMBOL_LEN 128
/* kallsyms_markers has the start of every KSYM_MARKER_INTERVAL-th name (a
 * lookup walks from the marker before its name: 2 bytes of markers per 16
 * names halve that walk); kallsyms_relative_base the address of every
 * KSYM_BASE_INTERVAL-th symbol. */
#define KSYM_MARKER_INTERVAL 16
#define KSYM_BASE_INTERVAL 32

/*
 * Tables generated into the image, sorted by address. Names are compressed:
 * symbol i's name is, in kallsyms_names, a byte with the number of tokens
 * followed by that many token numbers; token t's text is the NUL-terminated
 * string at kallsyms_token_table + kallsyms_token_index[t]. Name
 * i * KSYM_MARKER_INTERVAL starts at kallsyms_names + kallsyms_markers[i].
 */
extern const u32 kallsyms_num_syms;
/* Symbol i is at kallsyms_relative_base[i / KSYM_BASE_INTERVAL] plus
 * kallsyms_offsets[i] bytes, bit 0 aside: each group of KSYM_BASE_INTERVAL
 * symbols has its own base, its first symbol's address (16 bits reach 64
 * KiB inside a group: checked by scripts/kallsyms). Code is halfword-aligned,
 * so bit 0 is free: it is set when symbol i's size is listed in
 * kallsyms_sizes. */
extern const u32 kallsyms_relative_base[];
extern const u16 kallsyms_offsets[];
/* Sizes: symbol i's is the distance to symbol i + 1, except for the
 * kallsyms_num_sizes symbols listed in kallsyms_sizes as (index, size)
 * pairs, in index order: those followed by a gap, and the last one. 16
 * bits each: checked by scripts/kallsyms. (Nearly every function is
 * followed at once by the next: 17 of 952 need an entry.) */
extern const u32 kallsyms_num_sizes;
extern const u16 kallsyms_sizes[];
extern const u16 kallsyms_markers[];
extern const u8 kallsyms_names[];
extern const u16 kallsyms_token_index[256];
extern const char kallsyms_token_table[];

/* Symbol i's address with bit 0 the "size listed" flag: as an address
 * compared with addr | 1, it is at or below it exactly when symbol i is. */
static inline __attribute__((always_inline)) unsigned long kallsyms_address_flagged(unsigned int i)
{
	return kallsyms_relative_base[i / KSYM_BASE_INTERVAL] + kallsyms_offsets[i];
}

static inline __attribute__((always_inline)) unsigned long kallsyms_address(unsigned int i)
{
	return kallsyms_address_flagged(i) & ~1ul;
}

/* Symbol i's size. */
unsigned long kallsyms_size(unsigned int i);

/* The symbol containing addr: its name into namebuf (KSYM_NAME_LEN bytes), its
 * size and addr's offset in it. Returns namebuf, or NULL (and nothing set) if none. */
const char *kallsyms_lookup(unsigned long addr, unsigned long *size, unsigned long *offset,
			    char *namebuf);
/* Symbol i of the table, in address order: its address and its name into
 * namebuf (KSYM_NAME_LEN bytes). 0, or -ERANGE past the last symbol. A name
 * is found from the marker before it, so reading them all stays linear. */
int kallsyms_symbol(unsigned int i, unsigned long *addr, char *namebuf);
/* Address of a symbol by name, 0 if none. */
unsigned long kallsyms_lookup_name(const char *name);
/* "name+0xoff/0xsize", or "0x%08lx" when addr is in no symbol. Returns the length. */
int sprint_symbol(char *buf, size_t size, unsigned long addr);
/* "name" alone (%ps). */
int sprint_symbol_no_offset(char *buf, size_t size, unsigned long addr);

#endif
