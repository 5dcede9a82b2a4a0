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

int sprint_symbol(char *buf, size_t size, unsigned long addr)
{
	unsigned long symsize, offset;
	const char *name = kallsyms_lookup(addr, &symsize, &offset);

	if (!name)
		return scnprintf(buf, size, "0x%08lx", addr);
	return scnprintf(buf, size, "%s+0x%lx/0x%lx", name, offset, symsize);
}

int sprint_symbol_no_offset(char *buf, size_t size, unsigned long addr)
{
	const char *name = kallsyms_lookup(addr, NULL, NULL);

	if (!name)
		return scnprintf(buf, size, "0x%08lx", addr);
	return scnprintf(buf, size, "%s", name);
}
