/* Symbol lookups in the table that the build links into the image; names are
 * expanded from their tokens into the caller's buffer (include/kernel/kallsyms.h).
 * Pure code: also built for the host and unit-tested there. */
#include <kernel/errno.h>
#include <kernel/kallsyms.h>
#include <kernel/sprintf.h>
#include <kernel/string.h>

/* Index of the last symbol starting at or below addr, or -1. */
static int find_index(unsigned long addr)
{
	u32 low = 0, high = kallsyms_num_syms;

	if (!high || addr < kallsyms_address(0))
		return -1;
	while (high - low > 1) {
		u32 mid = low + (high - low) / 2;

		if (kallsyms_address(mid) <= addr)
			low = mid;
		else
			high = mid;
	}
	return (int)low;
}

/* Where name i starts in kallsyms_names: from its marker, skip the names before it. */
static unsigned int name_offset(unsigned int i)
{
	unsigned int off = kallsyms_markers[i / KSYM_MARKER_INTERVAL];

	for (i %= KSYM_MARKER_INTERVAL; i; i--)
		off += 1u + kallsyms_names[off];
	return off;
}

/* The name at kallsyms_names + off into namebuf, cut to KSYM_NAME_LEN - 1
 * characters (scripts/kallsyms makes none longer). Returns the next name's offset. */
static unsigned int expand_name(unsigned int off, char *namebuf)
{
	unsigned int tokens = kallsyms_names[off++];
	char *out = namebuf, *end = namebuf + KSYM_NAME_LEN - 1;

	while (tokens--) {
		u8 token = kallsyms_names[off++];
		const char *text = kallsyms_token_table + kallsyms_token_index[token];

		while (*text && out < end)
			*out++ = *text++;
	}
	*out = '\0';
	return off;
}

unsigned long kallsyms_size(unsigned int i)
{
	for (u32 k = 0; k < kallsyms_num_sizes && kallsyms_sizes[2 * k] <= i; k++)
		if (kallsyms_sizes[2 * k] == i)
			return kallsyms_sizes[2 * k + 1];
	return i + 1 < kallsyms_num_syms ? kallsyms_address(i + 1) - kallsyms_address(i) : 0;
}

const char *kallsyms_lookup(unsigned long addr, unsigned long *size, unsigned long *offset,
			    char *namebuf)
{
	int i = find_index(addr);
	unsigned long symsize = i < 0 ? 0 : kallsyms_size((unsigned int)i);

	if (i < 0 || addr - kallsyms_address(i) >= symsize)
		return NULL;
	if (size)
		*size = symsize;
	if (offset)
		*offset = addr - kallsyms_address(i);
	expand_name(name_offset((unsigned int)i), namebuf);
	return namebuf;
}

int kallsyms_symbol(unsigned int i, unsigned long *addr, char *namebuf)
{
	if (i >= kallsyms_num_syms)
		return -ERANGE;
	*addr = kallsyms_address(i);
	expand_name(name_offset(i), namebuf);
	return 0;
}

unsigned long kallsyms_lookup_name(const char *name)
{
	char namebuf[KSYM_NAME_LEN];
	unsigned int off = 0;

	for (u32 i = 0; i < kallsyms_num_syms; i++) {
		off = expand_name(off, namebuf);
		if (!strcmp(namebuf, name))
			return kallsyms_address(i);
	}
	return 0;
}

/* Loadable modules' symbols (kernel/module/main.c); none where that is not linked. */
__attribute__((weak)) const char *module_address_lookup(unsigned long addr, unsigned long *size,
							 unsigned long *offset, const char **modname)
{
	(void)addr;
	(void)size;
	(void)offset;
	(void)modname;
	return NULL;
}

/* "name+0xoff/0xsize", with " [mod]" after a module's symbol (Linux's %pS).
 * Every symbol is code: an odd address is a Thumb function pointer or return
 * address, its bit 0 the instruction set, not part of the address. */
static int print_symbol(char *buf, size_t size, unsigned long addr, bool with_offset)
{
	unsigned long symsize, offset, code = addr & ~1ul;
	const char *modname = NULL;
	char namebuf[KSYM_NAME_LEN];
	const char *name = kallsyms_lookup(code, &symsize, &offset, namebuf);
	int n;

	if (!name)
		name = module_address_lookup(code, &symsize, &offset, &modname);
	if (!name)
		return scnprintf(buf, size, "0x%08lx", addr);
	n = with_offset ? scnprintf(buf, size, "%s+0x%lx/0x%lx", name, offset, symsize)
			: scnprintf(buf, size, "%s", name);
	if (modname)
		n += scnprintf(buf + n, size - (size_t)n, " [%s]", modname);
	return n;
}

int sprint_symbol(char *buf, size_t size, unsigned long addr)
{
	return print_symbol(buf, size, addr, true);
}

int sprint_symbol_no_offset(char *buf, size_t size, unsigned long addr)
{
	return print_symbol(buf, size, addr, false);
}
