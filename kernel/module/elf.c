/* The module loader's ELF half (include/kernel/module_elf.h): nothing in
 * the file is trusted until checked here, and nothing here touches memory
 * outside the file and the regions the caller gave. Pure code: also built
 * for the host, unit-tested against the cross linker and fuzzed. */
#include <kernel/errno.h>
#include <kernel/module_elf.h>
#include <kernel/printk.h>
#include <kernel/string.h>

/* Where a section goes, kept in its sh_entsize once checked (as Linux
 * does): an offset in the core or (with PLACED_INIT) the init region. */
#define NOT_PLACED 0xffffffffu
#define PLACED_INIT 0x80000000u

/* No module this big: bounds every size sum in the layout. */
#define MODULE_MAX_SIZE 0x01000000u

#define EF_ARM_EABIMASK 0xff000000u
#define EF_ARM_EABI_VER5 0x05000000u
#define EF_ARM_ABI_FLOAT_HARD 0x00000400u

static u32 get32(const u8 *p)
{
	return p[0] | (u32)p[1] << 8 | (u32)p[2] << 16 | (u32)p[3] << 24;
}

static void put32(u8 *p, u32 v)
{
	p[0] = (u8)v;
	p[1] = (u8)(v >> 8);
	p[2] = (u8)(v >> 16);
	p[3] = (u8)(v >> 24);
}

/* A symbol's address: a Thumb function's st_value has bit 0 set (ELF for
 * the ARM Architecture), the T of the relocations, not part of it. */
static u32 address_of(const Elf32_Sym *sym)
{
	return sym->st_value & (ELF32_ST_TYPE(sym->st_info) == STT_FUNC ? ~1u : ~0u);
}

static bool in_file(const struct load_info *info, u32 offset, u32 size)
{
	return offset <= info->len && size <= info->len - offset;
}

static const char *section_name(const struct load_info *info, const Elf32_Shdr *s)
{
	return info->secstrings + s->sh_name;
}

static int invalid(const char *what)
{
	pr_err("%s\n", what);
	return -ENOEXEC;
}

static int check_header(struct load_info *info)
{
	const Elf32_Ehdr *h = info->hdr;

	if (info->len < sizeof(*h))
		return invalid("Invalid ELF header len");
	if (memcmp(h->e_ident, "\177ELF", 4))
		return invalid("Invalid ELF header magic: != \177ELF");
	if (h->e_ident[4] != 1 || h->e_ident[5] != 1 || h->e_ident[6] != 1)
		return invalid("Invalid ELF header: not ELF32 LSB v1");
	if (h->e_type != ET_REL) {
		pr_err("Invalid ELF header type: %u != %u\n", h->e_type, ET_REL);
		return -ENOEXEC;
	}
	if (h->e_machine != EM_ARM) {
		pr_err("Invalid architecture in ELF header: %u\n", h->e_machine);
		return -ENOEXEC;
	}
	if ((h->e_flags & EF_ARM_EABIMASK) != EF_ARM_EABI_VER5 || (h->e_flags & EF_ARM_ABI_FLOAT_HARD)) {
		pr_err("Invalid ELF header flags: %#x (not EABI5 soft-float)\n", h->e_flags);
		return -ENOEXEC;
	}
	if (h->e_shentsize != sizeof(Elf32_Shdr))
		return invalid("Invalid ELF section header size");
	if (!h->e_shnum || h->e_shnum >= SHN_LORESERVE || h->e_shoff % 4 ||
	    !in_file(info, h->e_shoff, (u32)h->e_shnum * sizeof(Elf32_Shdr)))
		return invalid("Invalid ELF section header overflow");
	if (!h->e_shstrndx || h->e_shstrndx >= h->e_shnum)
		return invalid("Invalid ELF section name index");
	return 0;
}

/* Every section: in the file, named, aligned sanely; one symbol table. */
static int check_sections(struct load_info *info)
{
	unsigned int n = info->hdr->e_shnum, symtab = 0;
	const Elf32_Shdr *strs = &info->sechdrs[info->hdr->e_shstrndx];

	if (strs->sh_type != SHT_STRTAB || !strs->sh_size ||
	    !in_file(info, strs->sh_offset, strs->sh_size) ||
	    info->buf[strs->sh_offset + strs->sh_size - 1])
		return invalid("Invalid ELF section name table");
	info->secstrings = (const char *)info->buf + strs->sh_offset;
	info->secstrings_size = strs->sh_size;

	for (unsigned int i = 1; i < n; i++) {
		Elf32_Shdr *s = &info->sechdrs[i];

		if (s->sh_name >= strs->sh_size ||
		    (s->sh_type != SHT_NOBITS && !in_file(info, s->sh_offset, s->sh_size)) ||
		    s->sh_addralign & (s->sh_addralign - 1) || s->sh_addralign > MODULE_PAGE_SIZE ||
		    ((s->sh_flags & SHF_ALLOC) && s->sh_size > MODULE_MAX_SIZE) ||
		    s->sh_type == SHT_RELA || (s->sh_type == SHT_SYMTAB && symtab)) {
			pr_err("Invalid ELF section in module (section %u type %u)\n", i, s->sh_type);
			return -ENOEXEC;
		}
		if (s->sh_type == SHT_SYMTAB)
			symtab = i;
	}
	const Elf32_Shdr *st = &info->sechdrs[symtab], *str = &info->sechdrs[0];
	if (symtab && st->sh_link && st->sh_link < n)
		str = &info->sechdrs[st->sh_link];
	if (!symtab || st->sh_entsize != sizeof(Elf32_Sym) || st->sh_size % sizeof(Elf32_Sym) ||
	    st->sh_offset % 4 || st->sh_size < sizeof(Elf32_Sym) || str == info->sechdrs ||
	    str->sh_type != SHT_STRTAB || !str->sh_size || info->buf[str->sh_offset + str->sh_size - 1])
		return invalid("Invalid ELF symbol table (stripped module?)");
	info->syms = (Elf32_Sym *)(info->buf + st->sh_offset);
	info->num_syms = st->sh_size / sizeof(Elf32_Sym);
	info->strtab = (const char *)info->buf + str->sh_offset;
	info->strtab_size = str->sh_size;
	return 0;
}

static int check_symbols(struct load_info *info)
{
	for (u32 i = 1; i < info->num_syms; i++) {
		const Elf32_Sym *sym = &info->syms[i];
		const Elf32_Shdr *s = &info->sechdrs[sym->st_shndx < info->hdr->e_shnum ? sym->st_shndx : 0];
		u32 start = address_of(sym);

		if (sym->st_shndx == SHN_COMMON) {
			pr_warn("%s: please compile with -fno-common\n", info->name);
			return -ENOEXEC;
		}
		if (sym->st_name >= info->strtab_size ||
		    (sym->st_shndx >= info->hdr->e_shnum && sym->st_shndx != SHN_ABS) ||
		    (sym->st_shndx == SHN_UNDEF && !info->strtab[sym->st_name]) ||
		    (sym->st_shndx && sym->st_shndx < info->hdr->e_shnum &&
		     ELF32_ST_TYPE(sym->st_info) != STT_SECTION &&
		     (start > s->sh_size || sym->st_size > s->sh_size - start))) {
			pr_err("%s: invalid symbol %u\n", info->name, i);
			return -ENOEXEC;
		}
	}
	return 0;
}

static int check_relocations(struct load_info *info)
{
	for (unsigned int i = 1; i < info->hdr->e_shnum; i++) {
		const Elf32_Shdr *s = &info->sechdrs[i];

		if (s->sh_type != SHT_REL)
			continue;
		if (s->sh_entsize != sizeof(Elf32_Rel) || s->sh_size % sizeof(Elf32_Rel) ||
		    s->sh_offset % 4 || !s->sh_info || s->sh_info >= info->hdr->e_shnum ||
		    s->sh_link >= info->hdr->e_shnum ||
		    info->sechdrs[s->sh_link].sh_type != SHT_SYMTAB) {
			pr_err("%s: invalid relocation section %u\n", info->name, i);
			return -ENOEXEC;
		}
	}
	return 0;
}

struct file_range {
	u32 offset, size; /* both checked in the file */
};

static bool overlap(struct file_range a, struct file_range b)
{
	return a.size && b.size && a.offset < b.offset + b.size && b.offset < a.offset + a.size;
}

static u32 file_offset(const struct load_info *info, const void *p)
{
	return (u32)((const u8 *)p - info->buf);
}

/* Layout and place write to the section headers, resolve to the symbols:
 * neither may share a byte with the other, the ELF header or the strings
 * (names, .modinfo), or a write would undo what was checked. */
static int check_overlaps(const struct load_info *info)
{
	const struct file_range written[] = {
		{ info->hdr->e_shoff, info->hdr->e_shnum * (u32)sizeof(Elf32_Shdr) },
		{ file_offset(info, info->syms), info->num_syms * (u32)sizeof(Elf32_Sym) },
	};
	const struct file_range read[] = {
		{ 0, sizeof(Elf32_Ehdr) },
		{ file_offset(info, info->secstrings), info->secstrings_size },
		{ file_offset(info, info->strtab), info->strtab_size },
		{ info->modinfo ? file_offset(info, info->modinfo) : 0, info->modinfo_size },
	};

	if (overlap(written[0], written[1]))
		return invalid("Invalid ELF: section headers and symbols overlap");
	for (unsigned int w = 0; w < ARRAY_SIZE(written); w++)
		for (unsigned int r = 0; r < ARRAY_SIZE(read); r++)
			if (overlap(written[w], read[r]))
				return invalid("Invalid ELF: names overlap headers or symbols");
	return 0;
}

int mod_elf_check(struct load_info *info, u8 *buf, size_t len)
{
	int ret;

	memset(info, 0, sizeof(*info));
	info->buf = buf;
	info->len = len;
	info->hdr = (Elf32_Ehdr *)buf;
	info->name = "?";
	ret = check_header(info);
	if (ret)
		return ret;
	info->sechdrs = (Elf32_Shdr *)(buf + info->hdr->e_shoff);
	ret = check_sections(info);
	if (ret)
		return ret;

	unsigned int mi = mod_elf_find_section(info, ".modinfo");
	if (mi) {
		const Elf32_Shdr *s = &info->sechdrs[mi];

		if (s->sh_type != SHT_PROGBITS || !s->sh_size || buf[s->sh_offset + s->sh_size - 1])
			return invalid("Invalid .modinfo section");
		info->modinfo = (const char *)buf + s->sh_offset;
		info->modinfo_size = s->sh_size;
		info->sechdrs[mi].sh_flags &= ~(u32)SHF_ALLOC; /* read here, never loaded */
	}
	ret = check_overlaps(info);
	if (ret)
		return ret;
	info->name = mod_elf_modinfo(info, "name", NULL);
	if (!info->name || !info->name[0] || strlen(info->name) >= MODULE_NAME_LEN ||
	    strchr(info->name, '/')) {
		info->name = "?";
		return invalid("Invalid module name in .modinfo");
	}
	ret = check_symbols(info);
	if (ret)
		return ret;
	return check_relocations(info);
}

unsigned int mod_elf_find_section(const struct load_info *info, const char *name)
{
	for (unsigned int i = 1; i < info->hdr->e_shnum; i++)
		if (!strcmp(section_name(info, &info->sechdrs[i]), name))
			return i;
	return 0;
}

const char *mod_elf_modinfo(const struct load_info *info, const char *tag, const char *prev)
{
	size_t taglen = strlen(tag);
	const char *p = info->modinfo, *end;

	if (!p) /* no .modinfo: NULL + 0 would be undefined */
		return NULL;
	end = p + info->modinfo_size;
	if (prev)
		p = prev + strlen(prev) + 1;
	for (; p < end; p += strlen(p) + 1)
		if (!strncmp(p, tag, taglen) && p[taglen] == '=')
			return p + taglen + 1;
	return NULL;
}

/* --- Layout ---------------------------------------------------------------- */

enum section_class { CLASS_TEXT, CLASS_RODATA, CLASS_DATA, NR_CLASSES };

static enum section_class class_of(const Elf32_Shdr *s)
{
	if (s->sh_flags & SHF_EXECINSTR)
		return CLASS_TEXT;
	return s->sh_flags & SHF_WRITE ? CLASS_DATA : CLASS_RODATA;
}

static bool is_init_section(const struct load_info *info, const Elf32_Shdr *s)
{
	return !strncmp(section_name(info, s), ".init", 5);
}

/* After mod_elf_layout, only the sections it placed keep SHF_ALLOC. */
static bool placed(const Elf32_Shdr *s)
{
	return (s->sh_flags & SHF_ALLOC) && s->sh_entsize != NOT_PLACED;
}

static struct mod_region *region_of(struct load_info *info, const Elf32_Shdr *s)
{
	return s->sh_entsize & PLACED_INIT ? &info->init : &info->core;
}

static bool is_branch(u32 type)
{
	return (type >= R_ARM_CALL && type <= R_ARM_THM_JUMP24) || type == R_ARM_THM_CALL ||
	       type == R_ARM_THM_JUMP19;
}

/* Branch relocations applied to the sections of one region: the most
 * veneers it can need. */
static u32 count_branches(const struct load_info *info, bool init)
{
	u32 count = 0;

	for (unsigned int i = 1; i < info->hdr->e_shnum; i++) {
		const Elf32_Shdr *s = &info->sechdrs[i], *target;

		if (s->sh_type != SHT_REL)
			continue;
		target = &info->sechdrs[s->sh_info];
		if (!placed(target) || !(target->sh_entsize & PLACED_INIT) != !init)
			continue;
		const Elf32_Rel *rel = (const Elf32_Rel *)(info->buf + s->sh_offset);
		for (u32 r = 0; r < s->sh_size / sizeof(*rel); r++)
			count += is_branch(ELF32_R_TYPE(rel[r].r_info));
	}
	return count;
}

static bool wanted_symbol(const struct load_info *info, const Elf32_Sym *sym)
{
	unsigned int type = ELF32_ST_TYPE(sym->st_info);
	const char *name = info->strtab + sym->st_name;

	if (sym->st_shndx == SHN_UNDEF || sym->st_shndx >= info->hdr->e_shnum)
		return false;
	if (type != STT_NOTYPE && type != STT_OBJECT && type != STT_FUNC)
		return false;
	/* $a, $d, $t: the ARM mapping symbols mark code and data, name nothing. */
	return name[0] && name[0] != '$' && placed(&info->sechdrs[sym->st_shndx]);
}

/* Nonzero when the region would exceed MODULE_MAX_SIZE (which keeps every
 * sum below from overflowing: each term was checked smaller). */
static int layout_region(struct load_info *info, struct mod_region *r, bool init)
{
	u32 offset = 0;

	for (unsigned int class = 0; class < NR_CLASSES; class++) {
		if (offset)
			offset = ALIGN(offset, MODULE_PAGE_SIZE);
		for (unsigned int i = 1; i < info->hdr->e_shnum; i++) {
			Elf32_Shdr *s = &info->sechdrs[i];
			u32 align = s->sh_addralign ? s->sh_addralign : 1;

			if (!(s->sh_flags & SHF_ALLOC) || placed(s) || (unsigned int)class_of(s) != class ||
			    is_init_section(info, s) != init)
				continue;
			offset = ALIGN(offset, align);
			s->sh_entsize = offset | (init ? PLACED_INIT : 0);
			offset += s->sh_size;
			if (offset > MODULE_MAX_SIZE)
				return -1;
		}
		if (class == CLASS_TEXT) {
			offset = ALIGN(offset, 4);
			r->veneers = offset;
			offset += r->max_veneers * 8;
			r->text_size = ALIGN(offset, MODULE_PAGE_SIZE);
		} else if (class == CLASS_RODATA) {
			r->ro_size = ALIGN(offset, MODULE_PAGE_SIZE);
		}
	}
	if (!init) {
		offset = ALIGN(offset, 4);
		info->ksyms = offset;
		offset += info->num_ksyms * sizeof(struct module_sym) + info->ksym_names;
	}
	r->size = ALIGN(offset, MODULE_PAGE_SIZE);
	return r->size > 2 * MODULE_MAX_SIZE;
}

int mod_elf_layout(struct load_info *info)
{
	/* Mark what is placed first (sh_entsize != NOT_PLACED), with a
	 * provisional offset, so the branch counts and the symbol table can be
	 * sized; then lay out for real. */
	for (unsigned int i = 1; i < info->hdr->e_shnum; i++) {
		Elf32_Shdr *s = &info->sechdrs[i];

		if ((s->sh_flags & SHF_ALLOC) && s->sh_type != SHT_REL && s->sh_type != SHT_SYMTAB &&
		    s->sh_type != SHT_STRTAB)
			s->sh_entsize = is_init_section(info, s) ? PLACED_INIT : 0;
		else
			s->sh_flags &= ~(u32)SHF_ALLOC;
	}
	info->core.max_veneers = count_branches(info, false);
	info->init.max_veneers = count_branches(info, true);
	info->num_ksyms = info->ksym_names = 0;
	for (u32 i = 1; i < info->num_syms; i++) {
		const Elf32_Sym *sym = &info->syms[i];

		if (!wanted_symbol(info, sym))
			continue;
		info->num_ksyms++;
		info->ksym_names += strlen(info->strtab + sym->st_name) + 1;
		if (info->ksym_names > MODULE_MAX_SIZE)
			break;
	}
	if (info->core.max_veneers + info->init.max_veneers > MODULE_MAX_SIZE / 8 ||
	    info->ksym_names > MODULE_MAX_SIZE)
		return invalid("Invalid module: too large");
	for (unsigned int i = 1; i < info->hdr->e_shnum; i++)
		info->sechdrs[i].sh_entsize = NOT_PLACED;
	if (layout_region(info, &info->core, false) || layout_region(info, &info->init, true))
		return invalid("Invalid module: too large");
	return 0;
}

void *mod_elf_section(const struct load_info *info, unsigned int index, u32 *addr)
{
	const Elf32_Shdr *s;
	const struct mod_region *r;
	u32 offset;

	if (!index || index >= info->hdr->e_shnum || !placed(&info->sechdrs[index]))
		return NULL;
	s = &info->sechdrs[index];
	r = s->sh_entsize & PLACED_INIT ? &info->init : &info->core;
	offset = s->sh_entsize & ~PLACED_INIT;
	if (addr)
		*addr = r->addr + offset;
	return r->host + offset;
}

void mod_elf_place(struct load_info *info)
{
	memset(info->core.host, 0, info->core.size);
	memset(info->init.host, 0, info->init.size);
	for (unsigned int i = 1; i < info->hdr->e_shnum; i++) {
		Elf32_Shdr *s = &info->sechdrs[i];
		u8 *dest;

		if (!placed(s))
			continue;
		dest = mod_elf_section(info, i, &s->sh_addr);
		if (s->sh_type != SHT_NOBITS)
			memcpy(dest, info->buf + s->sh_offset, s->sh_size);
	}
}

/* --- Symbols --------------------------------------------------------------- */

int mod_elf_resolve(struct load_info *info, mod_resolve_t resolve, void *ctx)
{
	int ret = 0;

	for (u32 i = 1; i < info->num_syms; i++) {
		Elf32_Sym *sym = &info->syms[i];
		const char *name = info->strtab + sym->st_name;

		if (sym->st_shndx == SHN_UNDEF) {
			u32 value = 0;
			int err = resolve(ctx, name, &value);

			if (err && ELF32_ST_BIND(sym->st_info) != STB_WEAK) {
				pr_warn("%s: Unknown symbol %s (err %d)\n", info->name, name, err);
				ret = -ENOENT;
			}
			sym->st_value = err ? 0 : value;
		} else if (sym->st_shndx != SHN_ABS && placed(&info->sechdrs[sym->st_shndx])) {
			sym->st_value += info->sechdrs[sym->st_shndx].sh_addr;
		}
	}
	return ret;
}

u32 mod_elf_symbol(const struct load_info *info, const char *name)
{
	for (u32 i = 1; i < info->num_syms; i++) {
		const Elf32_Sym *sym = &info->syms[i];

		if (ELF32_ST_BIND(sym->st_info) != STB_LOCAL && sym->st_shndx != SHN_UNDEF &&
		    sym->st_shndx < info->hdr->e_shnum && placed(&info->sechdrs[sym->st_shndx]) &&
		    !strcmp(info->strtab + sym->st_name, name))
			return sym->st_value;
	}
	return 0;
}

static char symbol_type(const struct load_info *info, const Elf32_Sym *sym)
{
	const Elf32_Shdr *s = &info->sechdrs[sym->st_shndx];
	char type = s->sh_flags & SHF_EXECINSTR ? 't'
		    : !(s->sh_flags & SHF_WRITE) ? 'r'
		    : s->sh_type == SHT_NOBITS  ? 'b'
						: 'd';

	return ELF32_ST_BIND(sym->st_info) == STB_LOCAL ? type : (char)(type - 'a' + 'A');
}

void mod_elf_symbols(struct load_info *info)
{
	struct module_sym *table = (struct module_sym *)(info->core.host + info->ksyms);
	char *names = (char *)(table + info->num_ksyms);
	u32 n = 0, name = 0;

	for (u32 i = 1; i < info->num_syms && n < info->num_ksyms; i++) {
		const Elf32_Sym *sym = &info->syms[i];
		const char *s = info->strtab + sym->st_name;
		size_t len = strlen(s) + 1;

		if (!wanted_symbol(info, sym) || name + len > info->ksym_names)
			continue;
		memcpy(names + name, s, len);
		table[n++] = (struct module_sym){
			.value = address_of(sym), .size = sym->st_size, .name = name,
			.type = symbol_type(info, sym),
			.init = (info->sechdrs[sym->st_shndx].sh_entsize & PLACED_INIT) != 0 };
		name += (u32)len;
	}
	info->num_ksyms = n;
}

/* --- Relocations ----------------------------------------------------------- */

/* The ones GCC and GAS emit that the loader does not apply: type, name. */
static const char reloc_names[] =
	"\001PC24\0\005ABS16\0\006ABS12\0\010ABS8\0\030GOTOFF32\0\031BASE_PREL\0\032GOT_BREL\0"
	"\033PLT32\0\046TARGET1\0\051TARGET2\0\055MOVW_PREL_NC\0\056MOVT_PREL\0\140GOT_PREL\0"
	"\146THM_JUMP11\0\147THM_JUMP8\0\150TLS_GD32\0\152TLS_LDO32\0\153TLS_IE32\0\154TLS_LE32";

static int refuse(const struct load_info *info, u32 type, const char *sec)
{
	for (const char *p = reloc_names; p < reloc_names + sizeof(reloc_names); p += strlen(p) + 1) {
		if ((u8)p[0] == type) {
			pr_err("%s: unsupported relocation R_ARM_%s (%u) in %s\n", info->name, p + 1,
			       type, sec);
			return -ENOEXEC;
		}
	}
	pr_err("%s: unknown relocation: %u in %s\n", info->name, type, sec);
	return -ENOEXEC;
}

static s32 sign_extend(u32 value, unsigned int bits)
{
	u32 sign = 1u << (bits - 1);

	value &= (sign << 1) - 1;
	return (s32)((value ^ sign) - sign);
}

/* Thumb-2 instructions are two little-endian halfwords, the first at p.
 * Here one number, the first halfword the high one (as the Architecture
 * Manual draws them): the word at p, halves swapped. */
static u32 swap_halves(u32 v)
{
	return v << 16 | v >> 16;
}

/* An immediate scattered over an instruction: fields {at, width, to}, bits
 * at..at+width-1 of the instruction being to..to+width-1 of the immediate;
 * width 0 ends the list. MOVW, MOVT: imm4:imm12 (ARM), imm4:i:imm3:imm8
 * (Thumb T3); B.W, BL, BLX (T4, T1, T2): S:I1:I2:imm10:imm11:0, once
 * thumb_j has made I1, I2 of J1, J2; B<c>.W (T3): S:J2:J1:imm6:imm11:0. */
static const u8 imm_arm_mov[] = { 0, 12, 0, 16, 4, 12, 0, 0 };
static const u8 imm_thumb_mov[] = { 0, 8, 0, 12, 3, 8, 26, 1, 11, 16, 4, 12, 0, 0 };
static const u8 imm_thumb_b[] = { 0, 11, 1, 16, 10, 12, 11, 1, 22, 13, 1, 23, 26, 1, 24, 0, 0 };
static const u8 imm_thumb_bcond[] = { 0, 11, 1, 16, 6, 12, 13, 1, 18, 11, 1, 19, 26, 1, 20, 0, 0 };

static u32 get_imm(u32 insn, const u8 *f)
{
	u32 imm = 0;

	for (; f[1]; f += 3)
		imm |= (insn >> f[0] & ((1u << f[1]) - 1)) << f[2];
	return imm;
}

static u32 put_imm(u32 insn, u32 imm, const u8 *f)
{
	for (; f[1]; f += 3) {
		u32 mask = ((1u << f[1]) - 1) << f[0];

		insn = (insn & ~mask) | ((imm >> f[2] << f[0]) & mask);
	}
	return insn;
}

/* T4's J1, J2 are NOT(I1 XOR S), NOT(I2 XOR S): the same flip both ways. */
static u32 thumb_j(u32 insn, bool jump19)
{
	return jump19 || (insn & 1u << 26) ? insn : insn ^ 0x2800;
}

#define ARM_VENEER   0xe51ff004u /* ldr pc, [pc, #-4] */
#define THUMB_VENEER 0xf000f8dfu /* ldr.w pc, [pc, #0] (f8df f000; PC: Align(v + 4, 4)) */

/* A veneer in region r that jumps to dest (kind: its instruction, then
 * `.word dest`; LDR to PC interworks: bit 0 of dest is the state), shared by
 * the branches of that kind to dest; 0 if the region has no room (it always
 * has: one was reserved per branch relocation). Both kinds need the region's
 * veneers word-aligned, as layout_region has them. */
static u32 veneer(struct mod_region *r, u32 dest, u32 kind)
{
	u8 *v = r->host + r->veneers;

	for (u32 i = 0; i < r->nr_veneers; i++)
		if (get32(v + i * 8) == kind && get32(v + i * 8 + 4) == dest)
			return r->addr + r->veneers + i * 8;
	if (r->nr_veneers == r->max_veneers)
		return 0;
	put32(v + r->nr_veneers * 8, kind);
	put32(v + r->nr_veneers * 8 + 4, dest);
	return r->addr + r->veneers + r->nr_veneers++ * 8;
}

static int apply(struct load_info *info, const Elf32_Shdr *relsec, const Elf32_Rel *rel, u32 index)
{
	static const Elf32_Sym no_symbol; /* R_ARM_V4BX names none: symbol index 0 */
	const Elf32_Shdr *target = &info->sechdrs[relsec->sh_info];
	u32 type = ELF32_R_TYPE(rel->r_info), symindex = ELF32_R_SYM(rel->r_info);
	const char *secname = section_name(info, target);
	const Elf32_Sym *sym;
	u32 loc, s, insn;
	u8 *p;
	s32 offset;

	if (type == R_ARM_NONE)
		return 0;
	if (symindex >= info->num_syms || (!symindex && type != R_ARM_V4BX)) {
		pr_err("%s: section %u reloc %u: bad relocation sym offset\n", info->name,
		       relsec->sh_info, index);
		return -ENOEXEC;
	}
	sym = symindex ? &info->syms[symindex] : &no_symbol;
	if (target->sh_type == SHT_NOBITS || rel->r_offset > target->sh_size ||
	    target->sh_size - rel->r_offset < 4) {
		pr_err("%s: section %u reloc %u sym '%s': out of bounds relocation, offset %d size %u\n",
		       info->name, relsec->sh_info, index, info->strtab + sym->st_name,
		       (int)rel->r_offset, target->sh_size);
		return -ENOEXEC;
	}
	if (sym->st_shndx != SHN_UNDEF && sym->st_shndx != SHN_ABS &&
	    !placed(&info->sechdrs[sym->st_shndx])) {
		pr_err("%s: relocation in %s against '%s', not loaded\n", info->name, secname,
		       info->strtab + sym->st_name);
		return -ENOEXEC;
	}
	p = (u8 *)mod_elf_section(info, relsec->sh_info, &loc) + rel->r_offset;
	loc += rel->r_offset;
	s = sym->st_value;
	insn = get32(p);

	switch (type) {
	case R_ARM_ABS32:
		put32(p, insn + s);
		return 0;
	case R_ARM_REL32:
		put32(p, insn + s - loc);
		return 0;
	case R_ARM_CALL:
	case R_ARM_JUMP24:
		if ((insn & 0x0e000000) != 0x0a000000)
			goto bad_insn;
		/* Modulo 2^32, as addresses wrap: no signed overflow. */
		offset = (s32)((u32)sign_extend(insn << 2, 26) + s - loc);
		/* Out of range, or to Thumb code (a BL cannot switch): through a
		 * veneer, to where the branch was meant to go (S + A + pc bias). */
		if (offset < -0x02000000 || offset > 0x01fffffc || (s & 3)) {
			u32 v = veneer(region_of(info, target),
				       s + (u32)sign_extend(insn << 2, 26) + 8, ARM_VENEER);

			offset = (s32)(v - loc) - 8;
			if (!v || offset < -0x02000000 || offset > 0x01fffffc)
				goto out_of_range;
		}
		put32(p, (insn & 0xff000000) | (((u32)offset >> 2) & 0x00ffffff));
		return 0;
	case R_ARM_THM_CALL:
	case R_ARM_THM_JUMP24:
	case R_ARM_THM_JUMP19: {
		bool call = type == R_ARM_THM_CALL, jump19 = type == R_ARM_THM_JUMP19, arm;
		u32 from = loc + 4, dest, op = call ? 0xf000c000u : jump19 ? 0xf0008000u : 0xf0009000u;
		s32 range = jump19 ? 0x00100000 : 0x01000000;
		const u8 *imm = jump19 ? imm_thumb_bcond : imm_thumb_b;

		insn = swap_halves(insn);
		/* BL or BLX; B.W; B<c>.W (cond 111x is another encoding) */
		if ((insn & (call ? 0xf800c000u : 0xf800d000u)) != op ||
		    (jump19 && (insn >> 23 & 7) == 7))
			goto bad_insn;
		/* S + A + pc bias: bit 0 is T. ARM code is a function's, or a
		 * resolved symbol's, without T; a label's or a section's state
		 * is not known: the branch's own, as ld has it. */
		dest = get_imm(thumb_j(insn, jump19), imm);
		dest = s + (u32)sign_extend(dest, jump19 ? 21 : 25) + 4;
		arm = !(dest & 1) && (!sym->st_shndx || ELF32_ST_TYPE(sym->st_info) == STT_FUNC);
		if (arm && (dest & 2))
			goto out_of_range; /* no ARM instruction there */
		/* BL to Thumb; BLX to ARM, from Align(PC, 4) */
		if (call) {
			insn = arm ? insn & ~0x1000u : insn | 0x1000u;
			from &= arm ? ~3u : ~0u;
		}
		offset = (s32)((dest & ~1u) - from);
		/* Out of range, or an ARM target B.W cannot switch to: through
		 * a Thumb veneer (by BL, B.W or B<c>.W), in the right state. */
		if ((arm && !call) || offset < -range || offset >= range) {
			u32 v = veneer(region_of(info, target), dest | !arm, THUMB_VENEER);

			insn |= call ? 0x1000u : 0;
			offset = (s32)(v - loc - 4);
			if (!v || offset < -range || offset >= range)
				goto out_of_range;
		}
		put32(p, swap_halves(thumb_j(put_imm(insn, (u32)offset, imm), jump19)));
		return 0;
	}
	case R_ARM_MOVW_ABS_NC:
	case R_ARM_MOVT_ABS:
	case R_ARM_THM_MOVW_ABS_NC:
	case R_ARM_THM_MOVT_ABS: {
		/* imm16 is imm4:imm12 in ARM, imm4:i:imm3:imm8 in Thumb (T3):
		 * (S + A) | T for MOVW (T in S), (S + A) >> 16 for MOVT. */
		bool thumb = type >= R_ARM_THM_MOVW_ABS_NC;
		bool movt = type == R_ARM_MOVT_ABS || type == R_ARM_THM_MOVT_ABS;
		const u8 *imm = thumb ? imm_thumb_mov : imm_arm_mov;
		u32 value;

		if (thumb)
			insn = swap_halves(insn);
		/* MOVW or MOVT (the one bit apart) */
		if ((insn & (thumb ? 0xfb708000u : 0x0fb00000u)) !=
			    (thumb ? 0xf2400000u : 0x03000000u) ||
		    ((insn & (thumb ? 0x00800000u : 0x00400000u)) != 0) != movt)
			goto bad_insn;
		value = s + (u32)sign_extend(get_imm(insn, imm), 16);
		insn = put_imm(insn, movt ? value >> 16 : value, imm);
		put32(p, thumb ? swap_halves(insn) : insn);
		return 0;
	}
	case R_ARM_PREL31:
		offset = (s32)((u32)sign_extend(insn, 31) + s - loc);
		if (offset < -0x40000000 || offset > 0x3fffffff)
			goto out_of_range;
		put32(p, (insn & 0x80000000) | ((u32)offset & 0x7fffffff));
		return 0;
	case R_ARM_V4BX:
		/* "bx rm", made "mov pc, rm" as Linux does (the same on ARMv7). */
		if ((insn & 0x0ffffff0) != 0x012fff10)
			goto bad_insn;
		put32(p, (insn & 0xf000000f) | 0x01a0f000);
		return 0;
	default:
		return refuse(info, type, secname);
	}
out_of_range:
	pr_err("%s: section %u reloc %u sym '%s': relocation %u out of range (%#x -> %#x)\n",
	       info->name, relsec->sh_info, index, info->strtab + sym->st_name, type, loc, s);
	return -ENOEXEC;
bad_insn:
	pr_err("%s: section %u reloc %u: relocation %u on instruction %08x\n", info->name,
	       relsec->sh_info, index, type, insn);
	return -ENOEXEC;
}

int mod_elf_relocate(struct load_info *info)
{
	for (unsigned int i = 1; i < info->hdr->e_shnum; i++) {
		const Elf32_Shdr *s = &info->sechdrs[i];

		/* Relocations of sections not loaded (debug information) are not applied. */
		if (s->sh_type != SHT_REL || !placed(&info->sechdrs[s->sh_info]))
			continue;
		const Elf32_Rel *rel = (const Elf32_Rel *)(info->buf + s->sh_offset);
		for (u32 r = 0; r < s->sh_size / sizeof(*rel); r++) {
			int ret = apply(info, s, &rel[r], r);

			if (ret)
				return ret;
		}
	}
	return 0;
}
