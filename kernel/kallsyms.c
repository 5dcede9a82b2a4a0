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

	addr |= 1; /* the addresses as stored: see kallsyms_address_flagged() */
	if (!high || addr < kallsyms_address_flagged(0))
		return -1;
	while (high - low > 1) {
		u32 mid = low + (high - low) / 2;

		if (kallsyms_address_flagged(mid) <= addr)
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

/* The name at kallsyms_names + *off into namebuf, cut to KSYM_NAME_LEN - 1
 * characters (scripts/kallsyms makes none longer); *off moves to the next
 * name. Returns the name's length. */
static unsigned int expand_name(unsigned int *off, char *namebuf)
{
	unsigned int o = *off, tokens = kallsyms_names[o++];
	char *out = namebuf, *end = namebuf + KSYM_NAME_LEN - 1;

	while (tokens--) {
		u8 token = kallsyms_names[o++];
		const char *text = kallsyms_token_table + kallsyms_token_index[token];

		while (*text && out < end)
			*out++ = *text++;
	}
	*out = '\0';
	*off = o;
	return (unsigned int)(out - namebuf);
}

/* kallsyms_sizes lists (index, size) by index: found by bisection when
 * symbol i's address says it is listed; else the distance to the next. */
unsigned long kallsyms_size(unsigned int i)
{
	if (kallsyms_offsets[i] & 1) {
		u32 low = 0, high = kallsyms_num_sizes;

		while (low < high) {
			u32 mid = low + (high - low) / 2;

			if (kallsyms_sizes[2 * mid] < i)
				low = mid + 1;
			else
				high = mid;
		}
		if (low < kallsyms_num_sizes && kallsyms_sizes[2 * low] == i)
			return kallsyms_sizes[2 * low + 1];
	}
	return i + 1 < kallsyms_num_syms ? kallsyms_address(i + 1) - kallsyms_address(i) : 0;
}

/* The kernel symbol containing addr, its name expanded into namebuf: its
 * index and the name's length, or -1. */
static int lookup(unsigned long addr, unsigned long *size, unsigned long *offset, char *namebuf,
		  unsigned int *len)
{
	int i = find_index(addr);
	unsigned long symsize = i < 0 ? 0 : kallsyms_size((unsigned int)i);
	unsigned int off;

	if (i < 0 || addr - kallsyms_address(i) >= symsize)
		return -1;
	*size = symsize;
	*offset = addr - kallsyms_address(i);
	off = name_offset((unsigned int)i);
	*len = expand_name(&off, namebuf);
	return i;
}

const char *kallsyms_lookup(unsigned long addr, unsigned long *size, unsigned long *offset,
			    char *namebuf)
{
	unsigned long symsize, symoff;
	unsigned int len;

	if (lookup(addr, &symsize, &symoff, namebuf, &len) < 0)
		return NULL;
	if (size)
		*size = symsize;
	if (offset)
		*offset = symoff;
	return namebuf;
}

int kallsyms_symbol(unsigned int i, unsigned long *addr, char *namebuf)
{
	if (i >= kallsyms_num_syms)
		return -ERANGE;
	unsigned int off = name_offset(i);

	*addr = kallsyms_address(i);
	expand_name(&off, namebuf);
	return 0;
}

unsigned long kallsyms_lookup_name(const char *name)
{
	char namebuf[KSYM_NAME_LEN];
	unsigned int off = 0;

	for (u32 i = 0; i < kallsyms_num_syms; i++) {
		expand_name(&off, namebuf);
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

/* "0x" and v in lower-case hex, the way %lx prints it. */
static char *put_hex(char *p, unsigned long v)
{
	/* the top nibble that is not 0 */
	int shift = v ? (int)(sizeof(v) * 8 - 1 - (unsigned int)__builtin_clzl(v)) & ~3 : 0;

	*p++ = '0';
	*p++ = 'x';
	for (; shift >= 0; shift -= 4)
		*p++ = "0123456789abcdef"[(v >> shift) & 15];
	return p;
}

/* The longest kernel symbol with its offset: name, "+0x" 8 digits, "/0x" 8 digits, NUL. */
#define KERNEL_SYMBOL_MAX (KSYM_NAME_LEN - 1 + 22 + 1)

/*
 * "name+0xoff/0xsize", with " [mod]" after a module's symbol (Linux's %pS).
 * Every symbol is code: an odd address is a Thumb function pointer or return
 * address, its bit 0 the instruction set, not part of the address. Written
 * in place when buf has room for any kernel symbol (initcall_debug's path:
 * no formatting pass); else made in a local buffer and cut to size.
 */
static int print_symbol(char *buf, size_t size, unsigned long addr, bool with_offset)
{
	unsigned long symsize, offset, code = addr & ~1ul;
	const char *modname = NULL, *name;
	char tmp[KSYM_SYMBOL_LEN + 64], *out = size >= KERNEL_SYMBOL_MAX ? buf : tmp, *p;
	unsigned int len;

	if (!size)
		return 0;
	if (lookup(code, &symsize, &offset, out, &len) >= 0) {
		p = out + len;
	} else {
		name = module_address_lookup(code, &symsize, &offset, &modname);
		if (!name)
			return scnprintf(buf, size, "0x%08lx", addr);
		out = p = tmp;
		while (*name && p < tmp + KSYM_NAME_LEN - 1)
			*p++ = *name++;
	}
	if (with_offset) {
		*p++ = '+';
		p = put_hex(p, offset);
		*p++ = '/';
		p = put_hex(p, symsize);
	}
	*p = '\0';
	if (modname)
		p += scnprintf(p, sizeof(tmp) - (size_t)(p - tmp), " [%s]", modname);
	if (out == buf)
		return (int)(p - out);
	len = (unsigned int)(p - out) < size - 1 ? (unsigned int)(p - out) : (unsigned int)size - 1;
	memcpy(buf, out, len);
	buf[len] = '\0';
	return (int)len;
}

int sprint_symbol(char *buf, size_t size, unsigned long addr)
{
	return print_symbol(buf, size, addr, true);
}

int sprint_symbol_no_offset(char *buf, size_t size, unsigned long addr)
{
	return print_symbol(buf, size, addr, false);
}
