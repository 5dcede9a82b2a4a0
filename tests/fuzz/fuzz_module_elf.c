/*
 * libFuzzer target for the module loader's ELF half (kernel/module/elf.c).
 *
 * Built like fuzz_cpio.c; seeded with the unit tests' objects (relocs.o,
 * relocs_thumb.o, thumb_to_arm.o...) and the .ko files built so far. Each input goes through
 * the loader's whole sequence, as kernel/module/main.c runs it: check,
 * layout, place into regions of exactly the size asked (over REGION_CAP:
 * dropped), resolve, relocate, the kallsyms table. The loader works on a
 * writable copy of exactly the input's size, so AddressSanitizer sees any
 * access outside it or the regions. The resolver answers by the name's
 * length: an address in branch range, one out of it, a Thumb one, or "unknown"
 * (for the veneer and the -ENOENT paths). Checked: every step returns 0 or
 * -ENOEXEC (resolve also -ENOENT), and after a success the veneers stay
 * within what the layout reserved and the kallsyms table within the core
 * region, each name inside the names that follow it. A failed check aborts,
 * which libFuzzer reports as a crash.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <kernel/errno.h>
#include <kernel/module_elf.h>

#define check(cond)                                                                                \
	do {                                                                                       \
		if (!(cond)) {                                                                     \
			fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond);   \
			abort();                                                                   \
		}                                                                                  \
	} while (0)

/* Real modules are far smaller; bigger regions only slow the fuzzer. */
#define REGION_CAP (4u << 20)
#define CORE_ADDR  0xbf000000u
#define INIT_ADDR  0xbf800000u

static int resolve(void *ctx, const char *name, u32 *value)
{
	(void)ctx;
	switch (strlen(name) % 4) {
	case 0:
		*value = 0xc0100000u; /* the kernel, in branch range */
		return 0;
	case 1:
		*value = 0x40000000u; /* out of range: veneers */
		return 0;
	case 2:
		*value = 0xbf400001u; /* Thumb: veneers */
		return 0;
	default:
		*value = 0xdeadbeefu; /* must not be used */
		return -ENOENT;
	}
}

static void check_region(const struct mod_region *r)
{
	check(r->size % MODULE_PAGE_SIZE == 0);
	check(r->nr_veneers <= r->max_veneers);
	check(r->veneers <= r->size && r->max_veneers <= (r->size - r->veneers) / 8);
}

static void check_symbols(const struct load_info *info)
{
	const struct module_sym *table = (const struct module_sym *)(info->core.host + info->ksyms);
	const char *names = (const char *)(table + info->num_ksyms);

	check(info->ksyms <= info->core.size);
	check(info->num_ksyms <= (info->core.size - info->ksyms) / sizeof(*table));
	check(info->ksym_names <= info->core.size - info->ksyms - info->num_ksyms * sizeof(*table));
	for (u32 i = 0; i < info->num_ksyms; i++) {
		check(table[i].name < info->ksym_names);
		check(memchr(names + table[i].name, '\0', info->ksym_names - table[i].name));
		check(names[table[i].name] != '\0' && names[table[i].name] != '$');
		check(strchr("tTrRdDbB", table[i].type));
	}
}

static void load(u8 *image, size_t size)
{
	struct load_info info;
	int ret;

	ret = mod_elf_check(&info, image, size);
	check(ret == 0 || ret == -ENOEXEC);
	if (ret)
		return;
	ret = mod_elf_layout(&info);
	check(ret == 0 || ret == -ENOEXEC);
	if (ret || info.core.size > REGION_CAP || info.init.size > REGION_CAP)
		return;
	check_region(&info.core);
	check_region(&info.init);
	info.core.host = malloc(info.core.size);
	info.init.host = malloc(info.init.size);
	check((info.core.host || !info.core.size) && (info.init.host || !info.init.size));
	info.core.addr = CORE_ADDR;
	info.init.addr = INIT_ADDR;
	mod_elf_place(&info);
	ret = mod_elf_resolve(&info, resolve, NULL);
	check(ret == 0 || ret == -ENOENT);
	if (!ret) {
		ret = mod_elf_relocate(&info);
		check(ret == 0 || ret == -ENOEXEC);
		check(info.core.nr_veneers <= info.core.max_veneers);
		check(info.init.nr_veneers <= info.init.max_veneers);
	}
	if (!ret) {
		mod_elf_symbols(&info);
		check_symbols(&info);
	}
	free(info.core.host);
	free(info.init.host);
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size);

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	/* The loader writes to the file (section and symbol fields). */
	u8 *image = malloc(size ? size : 1);

	check(image);
	memcpy(image, data, size);
	load(image, size);
	free(image);
	return 0;
}
