/* Symbol lookups in the table that the build links into the image.
 * Pure code: also built for the host and unit-tested there. */
#include <kernel/kallsyms.h>
#include <kernel/sprintf.h>
#include <kernel/string.h>

/* Index of the last symbol starting at or below addr, or -1. */
static int find_index(unsigned long addr)
{
	u32 low = 0, high = kallsyms_num_syms;

	if (!high || addr < kallsyms_addresses[0])
		return -1;
	while (high - low > 1) {
		u32 mid = low + (high - low) / 2;

		if (kallsyms_addresses[mid] <= addr)
			low = mid;
		else
			high = mid;
	}
	return (int)low;
}

const char *kallsyms_lookup(unsigned long addr, unsigned long *size, unsigned long *offset)
{
	int i = find_index(addr);

	if (i < 0 || addr - kallsyms_addresses[i] >= kallsyms_sizes[i])
		return NULL;
	if (size)
		*size = kallsyms_sizes[i];
	if (offset)
		*offset = addr - kallsyms_addresses[i];
	return kallsyms_names + kallsyms_name_offsets[i];
}

unsigned long kallsyms_lookup_name(const char *name)
{
	for (u32 i = 0; i < kallsyms_num_syms; i++)
		if (!strcmp(kallsyms_names + kallsyms_name_offsets[i], name))
			return kallsyms_addresses[i];
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

/* "name+0xoff/0xsize", with " [mod]" after a module's symbol (Linux's %pS). */
static int print_symbol(char *buf, size_t size, unsigned long addr, bool with_offset)
{
	unsigned long symsize, offset;
	const char *modname = NULL;
	const char *name = kallsyms_lookup(addr, &symsize, &offset);
	int n;

	if (!name)
		name = module_address_lookup(addr, &symsize, &offset, &modname);
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
