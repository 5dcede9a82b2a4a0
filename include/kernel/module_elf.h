/* The module loader's ELF half: a relocatable ARM object (a .ko) checked
 * field by field, laid out in module memory, its symbols resolved and its
 * relocations applied. Pure code (kernel/module/elf.c): it works on a
 * writable copy of the file and on memory the caller provides, given as a
 * host pointer and the address the code will run at, so the host unit tests
 * and the fuzzer run it unchanged. kernel/module/main.c does the rest.
 *
 * Order of use:
 *   mod_elf_check(info, buf, len)     every header, section, symbol, string
 *   mod_elf_layout(info)              sizes of the core and init regions
 *   (allocate info->core.size and info->init.size bytes, set .host and .addr)
 *   mod_elf_place(info)               copy the sections, zero .bss
 *   mod_elf_resolve(info, fn, ctx)    undefined symbols, by name
 *   mod_elf_relocate(info)            REL relocations (veneers when out of branch range)
 *   mod_elf_symbols(info)             the kallsyms table, in the core region
 * Each returns 0 or a negative errno (-ENOEXEC: not a valid module; -ENOENT:
 * unknown symbols), and says why with pr_err/pr_warn in Linux's words. */
#ifndef KERNEL_MODULE_ELF_H
#define KERNEL_MODULE_ELF_H

#include <kernel/types.h>

typedef struct {
	u8 e_ident[16];
	u16 e_type, e_machine;
	u32 e_version, e_entry, e_phoff, e_shoff, e_flags;
	u16 e_ehsize, e_phentsize, e_phnum, e_shentsize, e_shnum, e_shstrndx;
} Elf32_Ehdr;

typedef struct {
	u32 sh_name, sh_type, sh_flags, sh_addr, sh_offset, sh_size, sh_link, sh_info, sh_addralign,
		sh_entsize;
} Elf32_Shdr;

typedef struct {
	u32 st_name, st_value, st_size;
	u8 st_info, st_other;
	u16 st_shndx;
} Elf32_Sym;

typedef struct {
	u32 r_offset, r_info;
} Elf32_Rel;

#define ET_REL 1
#define EM_ARM 40
#define SHT_PROGBITS 1
#define SHT_SYMTAB 2
#define SHT_STRTAB 3
#define SHT_RELA 4
#define SHT_NOBITS 8
#define SHT_REL 9
#define SHF_WRITE 0x1
#define SHF_ALLOC 0x2
#define SHF_EXECINSTR 0x4
#define SHN_UNDEF 0
#define SHN_LORESERVE 0xff00
#define SHN_ABS 0xfff1
#define SHN_COMMON 0xfff2
#define STB_LOCAL 0
#define STB_GLOBAL 1
#define STB_WEAK 2
#define STT_NOTYPE 0
#define STT_OBJECT 1
#define STT_FUNC 2
#define STT_SECTION 3
#define STT_FILE 4
#define ELF32_ST_BIND(i) ((i) >> 4)
#define ELF32_ST_TYPE(i) ((i) & 0xf)
#define ELF32_R_SYM(i) ((i) >> 8)
#define ELF32_R_TYPE(i) ((i) & 0xff)

/* The ARM relocations the loader applies (ELF for the ARM Architecture). */
#define R_ARM_NONE 0
#define R_ARM_ABS32 2
#define R_ARM_REL32 3
#define R_ARM_THM_CALL 10
#define R_ARM_CALL 28
#define R_ARM_JUMP24 29
#define R_ARM_THM_JUMP24 30
#define R_ARM_V4BX 40
#define R_ARM_PREL31 42
#define R_ARM_MOVW_ABS_NC 43
#define R_ARM_MOVT_ABS 44
#define R_ARM_THM_MOVW_ABS_NC 47
#define R_ARM_THM_MOVT_ABS 48
#define R_ARM_THM_JUMP19 51

#define MODULE_NAME_LEN 56
#define MODULE_PAGE_SIZE 4096u

/* One of the two blocks of module memory: core stays while the module is
 * loaded, init (the .init.* sections) is released after its init returns. */
struct mod_region {
	u8 *host;        /* where the loader writes it */
	u32 addr;        /* where it runs (the same on the target) */
	u32 size;        /* bytes, a whole number of pages */
	u32 text_size;   /* bytes of text (and veneers) from the start, whole pages */
	u32 ro_size;     /* bytes of text and rodata from the start, whole pages */
	u32 veneers;     /* offset of the branch veneers (ARM or Thumb), 8 bytes each */
	u32 max_veneers; /* room reserved: one per branch relocation */
	u32 nr_veneers;
};

/* A symbol the module keeps for %pS and /proc/kallsyms. */
struct module_sym {
	u32 value, size; /* the address: a Thumb function's without bit 0 */
	u32 name; /* offset in the names that follow the table */
	char type; /* nm's letter: t T r R d D b B */
	bool init; /* in the init region: gone once init has returned */
};

struct load_info {
	const char *name; /* .modinfo "name=": what messages say */
	u8 *buf;
	size_t len;
	Elf32_Ehdr *hdr;
	Elf32_Shdr *sechdrs;
	const char *secstrings;
	u32 secstrings_size;
	Elf32_Sym *syms;
	u32 num_syms;
	const char *strtab;
	u32 strtab_size;
	const char *modinfo; /* NUL-separated tag=value strings */
	u32 modinfo_size;
	struct mod_region core, init;
	u32 ksyms;      /* offset in core of the struct module_sym table */
	u32 num_ksyms;  /* entries */
	u32 ksym_names; /* bytes of names after the table */
};

int mod_elf_check(struct load_info *info, u8 *buf, size_t len);
/* Index of the section called name, 0 if none. */
unsigned int mod_elf_find_section(const struct load_info *info, const char *name);
/* The value of .modinfo tag ("license"), NULL if none; prev: the previous
 * value returned for this tag, to find the next one (NULL for the first). */
const char *mod_elf_modinfo(const struct load_info *info, const char *tag, const char *prev);
int mod_elf_layout(struct load_info *info);
void mod_elf_place(struct load_info *info);
/* resolve(ctx, name, &value): 0 and the address, or a negative errno. */
typedef int (*mod_resolve_t)(void *ctx, const char *name, u32 *value);
int mod_elf_resolve(struct load_info *info, mod_resolve_t resolve, void *ctx);
int mod_elf_relocate(struct load_info *info);
/* The run-time value of a defined global symbol (after place), 0 if none:
 * a Thumb function's with bit 0 set, as a function pointer has it. */
u32 mod_elf_symbol(const struct load_info *info, const char *name);
/* A placed section's host pointer and run-time address, by index. */
void *mod_elf_section(const struct load_info *info, unsigned int index, u32 *addr);
/* Fill the kallsyms table in the core region (after place). */
void mod_elf_symbols(struct load_info *info);

#endif
