/*
 * Host unit tests for the module loader's ELF half (kernel/module/elf.c).
 *
 * Usage: test_module_elf FIXTURES_DIR. The fixtures come from the cross tools
 * (rules in tests/unit/Makefile): relocs.o, assembled from
 * tests/unit/modules/relocs.S and relocs_v4bx.S, uses every ARM relocation
 * the loader applies, relocs_thumb.o (relocs_thumb.S) every Thumb-2 one;
 * relocs.elf and relocs_thumb.elf are them linked by arm-none-eabi-ld at the
 * loader's addresses (relocs.lds, undefined symbols given by --defsym or read
 * from relocs_thumb_ext.elf), the oracles the loader's bytes are compared
 * with; relocs.objdump and relocs.nm are `objdump -r` and `nm -S` of
 * relocs.o; thumb_to_arm.o holds the Thumb branches to ARM code ld would
 * give stubs of its own; tls_le32.o an R_ARM_TLS_LE32. Every image is loaded
 * from a copy of exactly its size and into regions of exactly the size the
 * layout asks (AddressSanitizer sees any access past them), at run-time
 * addresses unlike the host's.
 *
 * Pinned: the relocated bytes equal ld's, section by section, at the same
 * addresses, in ARM and in Thumb code (BL made BLX to ARM code, from
 * Align(P, 4)); the objects really hold every type; out-of-range and
 * other-state branch targets go through shared veneers of the branch's state
 * in the right region; unknown symbols are named, weak ones become 0;
 * TLS_LE32, every truncation and a list of targeted corruptions give -ENOEXEC
 * with a message; the kallsyms tables agree with nm and ld (a Thumb
 * function's address without its bit 0).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "read_file.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <kernel/compiler.h>
#include <kernel/errno.h>
#include <kernel/module_elf.h>

const char *printk_captured(void);
void printk_capture_reset(void);

/* No region of a test module is this large (the loader refuses 32 MiB). */
#define REGION_CAP  (64u << 20)
#define VENEER_INSN 0xe51ff004u /* ldr pc, [pc, #-4] */
#define THUMB_VENEER_INSN 0xf000f8dfu /* ldr.w pc, [pc, #0]: halfwords f8df f000 */

struct blob {
	u8 *data;
	u32 size;
};

static const char *fixtures_dir;
static struct blob relocs_o, relocs_elf, relocs_thumb_o, relocs_thumb_elf, thumb_to_arm_o,
	tls_le32_o;
static char *relocs_objdump, *relocs_nm;

static int load_fixture(const char *name, struct blob *blob)
{
	char path[512];

	snprintf(path, sizeof(path), "%s/%s", fixtures_dir, name);
	return read_file(path, &blob->data, &blob->size);
}

/* A text fixture, NUL-terminated. */
static char *load_text(const char *name)
{
	struct blob blob;
	char *text;

	if (load_fixture(name, &blob))
		return NULL;
	text = malloc(blob.size + 1);
	if (text) {
		memcpy(text, blob.data, blob.size);
		text[blob.size] = '\0';
	}
	free(blob.data);
	return text;
}

static u32 get32(const u8 *p)
{
	return p[0] | (u32)p[1] << 8 | (u32)p[2] << 16 | (u32)p[3] << 24;
}

static s32 sign_extend(u32 value, unsigned int bits)
{
	u32 sign = 1u << (bits - 1);

	value &= (sign << 1) - 1;
	return (s32)((value ^ sign) - sign);
}

/* Where an ARM B/BL at loc goes. */
static u32 branch_target(u32 insn, u32 loc)
{
	return loc + 8 + (u32)sign_extend(insn << 2, 26);
}

/* A Thumb-2 instruction as the Architecture Manual draws it: the halfword at
 * p (the first) high, the one at p + 2 low. */
static u32 get_thumb(const u8 *p)
{
	return (u32)(p[0] | p[1] << 8) << 16 | (u32)(p[2] | p[3] << 8);
}

static bool thumb_type(u32 type)
{
	return type == R_ARM_THM_CALL || type == R_ARM_THM_JUMP24 || type == R_ARM_THM_JUMP19 ||
	       type == R_ARM_THM_MOVW_ABS_NC || type == R_ARM_THM_MOVT_ABS;
}

enum thumb_branch { THUMB_BL, THUMB_BLX, THUMB_B, THUMB_BCOND, NOT_A_THUMB_BRANCH };

/* BL (T1), BLX (T2), B.W (T4), B<c>.W (T3): bits 14 and 12 of the second
 * halfword tell them apart. */
static enum thumb_branch thumb_branch(u32 t)
{
	static const enum thumb_branch by_bits[] = { THUMB_BCOND, THUMB_B, THUMB_BLX, THUMB_BL };

	if ((t & 0xf8008000) != 0xf0008000)
		return NOT_A_THUMB_BRANCH;
	return by_bits[(t >> 13 & 2) | (t >> 12 & 1)];
}

/* The offset a Thumb branch encodes: S:I1:I2:imm10:imm11:0 with Ix = NOT(Jx
 * XOR S), or for B<c>.W S:J2:J1:imm6:imm11:0. */
static s32 thumb_offset(u32 t)
{
	u32 s = t >> 26 & 1, j1 = t >> 13 & 1, j2 = t >> 11 & 1, imm11 = t & 0x7ff;

	if (thumb_branch(t) == THUMB_BCOND)
		return sign_extend(
			s << 20 | j2 << 19 | j1 << 18 | (t >> 16 & 0x3f) << 12 | imm11 << 1, 21);
	return sign_extend(s << 24 | (1 ^ j1 ^ s) << 23 | (1 ^ j2 ^ s) << 22 |
				   (t >> 16 & 0x3ff) << 12 | imm11 << 1,
			   25);
}

/* Where a Thumb branch at loc goes: a BLX from Align(PC, 4), to ARM code. */
static u32 thumb_target(u32 t, u32 loc)
{
	return (thumb_branch(t) == THUMB_BLX ? (loc + 4) & ~3u : loc + 4) + (u32)thumb_offset(t);
}

/* The imm16 of a Thumb MOVW or MOVT: imm4:i:imm3:imm8. */
static u32 thumb_imm16(u32 t)
{
	return (t >> 16 & 0xf) << 12 | (t >> 26 & 1) << 11 | (t >> 12 & 7) << 8 | (t & 0xff);
}

/* ---- reading the fixtures' ELF (trusted, but read within bounds) -------- */

static const Elf32_Ehdr *elf_header(const struct blob *elf)
{
	assert_true(elf->size >= sizeof(Elf32_Ehdr));
	return (const Elf32_Ehdr *)elf->data;
}

static const Elf32_Shdr *elf_sections(const struct blob *elf)
{
	const Elf32_Ehdr *h = elf_header(elf);

	assert_true(h->e_shoff + (u64)h->e_shnum * sizeof(Elf32_Shdr) <= elf->size);
	return (const Elf32_Shdr *)(elf->data + h->e_shoff);
}

static const u8 *elf_contents(const struct blob *elf, const Elf32_Shdr *s)
{
	assert_true(s->sh_type == SHT_NOBITS || (u64)s->sh_offset + s->sh_size <= elf->size);
	return elf->data + s->sh_offset;
}

static const char *elf_section_name(const struct blob *elf, const Elf32_Shdr *s)
{
	const Elf32_Shdr *strs = &elf_sections(elf)[elf_header(elf)->e_shstrndx];

	assert_true(s->sh_name < strs->sh_size);
	return (const char *)elf_contents(elf, strs) + s->sh_name;
}

/* The index of the section called name, 0 if none. */
static unsigned int elf_find_section(const struct blob *elf, const char *name)
{
	for (unsigned int i = 1; i < elf_header(elf)->e_shnum; i++)
		if (!strcmp(elf_section_name(elf, &elf_sections(elf)[i]), name))
			return i;
	return 0;
}

static unsigned int elf_symtab(const struct blob *elf)
{
	for (unsigned int i = 1; i < elf_header(elf)->e_shnum; i++)
		if (elf_sections(elf)[i].sh_type == SHT_SYMTAB)
			return i;
	fail_msg("no symbol table");
	return 0;
}

static const Elf32_Sym *elf_symbols(const struct blob *elf, u32 *count)
{
	const Elf32_Shdr *st = &elf_sections(elf)[elf_symtab(elf)];

	*count = st->sh_size / sizeof(Elf32_Sym);
	return (const Elf32_Sym *)elf_contents(elf, st);
}

static const char *elf_symbol_name(const struct blob *elf, const Elf32_Sym *sym)
{
	const Elf32_Shdr *st = &elf_sections(elf)[elf_symtab(elf)];
	const Elf32_Shdr *str = &elf_sections(elf)[st->sh_link];

	assert_true(sym->st_name < str->sh_size);
	return (const char *)elf_contents(elf, str) + sym->st_name;
}

/* The symbol called name (the first), NULL if none. */
static const Elf32_Sym *elf_find_symbol(const struct blob *elf, const char *name, u32 *index)
{
	u32 count;
	const Elf32_Sym *syms = elf_symbols(elf, &count);

	for (u32 i = 1; i < count; i++) {
		if (!strcmp(elf_symbol_name(elf, &syms[i]), name)) {
			if (index)
				*index = i;
			return &syms[i];
		}
	}
	return NULL;
}

static u32 elf_symbol_value(const struct blob *elf, const char *name)
{
	const Elf32_Sym *sym = elf_find_symbol(elf, name, NULL);

	if (!sym)
		fail_msg("no symbol %s", name);
	return sym->st_value;
}

/* One relocation of an object, as the file says. */
struct reloc {
	unsigned int section; /* the section it applies to */
	u32 offset, type, sym;
	u32 insn; /* a Thumb one's as get_thumb reads it */
	const char *symbol; /* a section symbol's is the section's name */
	bool undefined, local, same_section;
};

#define MAX_RELOCS 128

static unsigned int elf_relocations(const struct blob *obj, struct reloc *out)
{
	const Elf32_Shdr *sh = elf_sections(obj);
	unsigned int n = 0;
	u32 count;
	const Elf32_Sym *syms = elf_symbols(obj, &count);

	for (unsigned int i = 1; i < elf_header(obj)->e_shnum; i++) {
		const Elf32_Rel *rel = (const Elf32_Rel *)elf_contents(obj, &sh[i]);

		if (sh[i].sh_type != SHT_REL)
			continue;
		for (u32 r = 0; r < sh[i].sh_size / sizeof(*rel); r++) {
			const Elf32_Sym *sym = &syms[ELF32_R_SYM(rel[r].r_info)];
			struct reloc *o = &out[n++];

			assert_true(n <= MAX_RELOCS);
			assert_true(ELF32_R_SYM(rel[r].r_info) < count);
			o->section = sh[i].sh_info;
			o->offset = rel[r].r_offset;
			o->type = ELF32_R_TYPE(rel[r].r_info);
			o->sym = ELF32_R_SYM(rel[r].r_info);
			o->insn = (thumb_type(o->type) ? get_thumb : get32)(
				elf_contents(obj, &sh[o->section]) + o->offset);
			o->symbol = ELF32_ST_TYPE(sym->st_info) == STT_SECTION
					    ? elf_section_name(obj, &sh[sym->st_shndx])
					    : elf_symbol_name(obj, sym);
			o->undefined = sym->st_shndx == SHN_UNDEF;
			o->local = ELF32_ST_BIND(sym->st_info) == STB_LOCAL;
			o->same_section = sym->st_shndx == o->section;
		}
	}
	return n;
}

/* The addend REL keeps in the place, as the ARM ELF ABI reads it. */
static s32 addend(u32 type, u32 insn)
{
	switch (type) {
	case R_ARM_CALL:
	case R_ARM_JUMP24:
		return sign_extend(insn << 2, 26);
	case R_ARM_MOVW_ABS_NC:
	case R_ARM_MOVT_ABS:
		return sign_extend(((insn >> 4) & 0xf000) | (insn & 0x0fff), 16);
	case R_ARM_THM_CALL:
	case R_ARM_THM_JUMP24:
	case R_ARM_THM_JUMP19:
		return thumb_offset(insn);
	case R_ARM_THM_MOVW_ABS_NC:
	case R_ARM_THM_MOVT_ABS:
		return sign_extend(thumb_imm16(insn), 16);
	case R_ARM_PREL31:
		return sign_extend(insn, 31);
	default:
		return (s32)insn;
	}
}

static s32 default_addend(u32 type)
{
	if (type == R_ARM_CALL || type == R_ARM_JUMP24)
		return -8;
	if (type == R_ARM_THM_CALL || type == R_ARM_THM_JUMP24 || type == R_ARM_THM_JUMP19)
		return -4;
	return 0;
}

/* ---- loading ---------------------------------------------------------- */

/* What the test's resolver answers: a value, or an error. */
struct answer {
	const char *name;
	u32 value;
	int err;
};

struct resolver {
	const struct answer *answers;
	unsigned int count;
	unsigned int unlisted; /* names asked for that the list lacks */
	bool everything;       /* ... or answer every name with `value` */
	u32 value;
};

static int resolve(void *ctx, const char *name, u32 *value)
{
	struct resolver *r = ctx;

	if (r->everything) {
		*value = r->value;
		return 0;
	}
	for (unsigned int i = 0; i < r->count; i++) {
		if (!strcmp(r->answers[i].name, name)) {
			*value = r->answers[i].value;
			return r->answers[i].err;
		}
	}
	r->unlisted++;
	return -ENOENT;
}

struct loaded {
	struct load_info info;
	u8 *image, *core, *init;
};

/* The loader's whole sequence, in its order, on a copy of file: 0, or the
 * first step's error (-EFBIG: a region over REGION_CAP, not loaded). */
static int load(struct loaded *m, const u8 *file, size_t len, u32 core_addr, u32 init_addr,
		struct resolver *r)
{
	int ret;

	memset(m, 0, sizeof(*m));
	m->image = malloc(len ? len : 1);
	assert_non_null(m->image);
	memcpy(m->image, file, len);
	ret = mod_elf_check(&m->info, m->image, len);
	if (ret)
		return ret;
	ret = mod_elf_layout(&m->info);
	if (ret)
		return ret;
	if (m->info.core.size > REGION_CAP || m->info.init.size > REGION_CAP)
		return -EFBIG;
	m->core = malloc(m->info.core.size);
	m->init = malloc(m->info.init.size);
	assert_true((m->core || !m->info.core.size) && (m->init || !m->info.init.size));
	if (m->core) /* place must clear the regions */
		memset(m->core, 0xa5, m->info.core.size);
	if (m->init)
		memset(m->init, 0xa5, m->info.init.size);
	m->info.core.host = m->core;
	m->info.core.addr = core_addr;
	m->info.init.host = m->init;
	m->info.init.addr = init_addr;
	mod_elf_place(&m->info);
	ret = mod_elf_resolve(&m->info, resolve, r);
	if (ret)
		return ret;
	ret = mod_elf_relocate(&m->info);
	if (ret)
		return ret;
	mod_elf_symbols(&m->info);
	return 0;
}

static void unload(struct loaded *m)
{
	free(m->image);
	free(m->core);
	free(m->init);
	memset(m, 0, sizeof(*m));
}

/* The module a test is loading: released after each test, failed or not. */
static struct loaded current;

static int release(void **state)
{
	(void)state;
	unload(&current);
	return 0;
}

/* relocs.o's section called name, as placed: its host bytes and address. */
static u8 *placed_section(const struct loaded *m, const char *name, u32 *addr)
{
	unsigned int index = mod_elf_find_section(&m->info, name);
	u8 *p = index ? mod_elf_section(&m->info, index, addr) : NULL;

	if (!p)
		fail_msg("section %s not placed", name);
	return p;
}

/* The oracles' addresses: the regions and the undefined symbols, as
 * relocs.lds and the --defsym options gave them to ld, and relocs_thumb.o's
 * functions, where relocs_thumb_ext.elf has them (ext_thumb_func's value odd). */
static u32 core_addr, init_addr, ext_func, ext_data, ext_thumb_func, ext_arm_func;

static int read_oracle_addresses(void **state)
{
	(void)state;
	core_addr = elf_symbol_value(&relocs_elf, "module_core");
	init_addr = elf_symbol_value(&relocs_elf, "module_init");
	ext_func = elf_symbol_value(&relocs_elf, "ext_func");
	ext_data = elf_symbol_value(&relocs_elf, "ext_data");
	ext_thumb_func = elf_symbol_value(&relocs_thumb_elf, "ext_thumb_func");
	ext_arm_func = elf_symbol_value(&relocs_thumb_elf, "ext_arm_func");
	/* the same layout: relocs.lds for both */
	assert_int_equal(elf_symbol_value(&relocs_thumb_elf, "module_core"), core_addr);
	assert_int_equal(elf_symbol_value(&relocs_thumb_elf, "module_init"), init_addr);
	assert_int_equal(elf_symbol_value(&relocs_thumb_elf, "ext_data"), ext_data);
	return (ext_thumb_func & 1) && !(ext_arm_func & 3) ? 0 : -1;
}

/* relocs.o loaded at the oracle's addresses, ext_func at func. */
static int load_relocs(struct loaded *m, u32 func, struct resolver *r)
{
	const struct answer answers[] = {
		{ "ext_func", func, 0 },
		{ "ext_data", ext_data, 0 },
		/* ld leaves it undefined: 0, whatever a failed lookup left in value. */
		{ "weak_sym", 0xdead0000, -ENOENT },
	};
	struct resolver local = { answers, ARRAY_SIZE(answers), 0, false, 0 };
	int ret;

	if (!r)
		r = &local;
	printk_capture_reset();
	ret = load(m, relocs_o.data, relocs_o.size, core_addr, init_addr, r);
	if (r == &local)
		assert_int_equal(local.unlisted, 0);
	return ret;
}

/* A Thumb module (relocs_thumb.o, thumb_to_arm.o) loaded at the oracle's
 * addresses, its functions at thumb and arm; the answers kept in r. */
struct thumb_resolver {
	struct answer answers[3];
	struct resolver r;
};

static int load_thumb(struct loaded *m, const struct blob *obj, u32 thumb, u32 arm,
		      struct thumb_resolver *tr)
{
	int ret;

	tr->answers[0] = (struct answer){ "ext_thumb_func", thumb, 0 };
	tr->answers[1] = (struct answer){ "ext_arm_func", arm, 0 };
	tr->answers[2] = (struct answer){ "ext_data", ext_data, 0 };
	tr->r = (struct resolver){ tr->answers, ARRAY_SIZE(tr->answers), 0, false, 0 };
	printk_capture_reset();
	ret = load(m, obj->data, obj->size, core_addr, init_addr, &tr->r);
	assert_int_equal(tr->r.unlisted, 0);
	return ret;
}

/* ---- a. the bytes ld makes ---------------------------------------------- */

/* Every section of obj the loader placed in m, but empty ones: where ld put
 * it in elf, and the same bytes; every section ld loads, placed. Returns
 * how many were compared. */
static unsigned int compare_with_ld(const struct loaded *m, const struct blob *obj,
				    const struct blob *elf)
{
	const Elf32_Shdr *sh = elf_sections(obj), *ld_sh = elf_sections(elf);
	unsigned int compared = 0;

	for (unsigned int i = 1; i < elf_header(obj)->e_shnum; i++) {
		const char *name = elf_section_name(obj, &sh[i]);
		unsigned int j = elf_find_section(elf, name);
		u32 addr;
		const u8 *got = mod_elf_section(&m->info, i, &addr);

		if (!got || !sh[i].sh_size)
			continue;
		if (!j)
			fail_msg("%s: placed by the loader, not in ld's output", name);
		if (addr != ld_sh[j].sh_addr || sh[i].sh_size != ld_sh[j].sh_size)
			fail_msg("%s: loader at %#x (%u bytes), ld at %#x (%u bytes)", name, addr,
				 sh[i].sh_size, ld_sh[j].sh_addr, ld_sh[j].sh_size);
		assert_int_equal(sh[i].sh_type == SHT_NOBITS, ld_sh[j].sh_type == SHT_NOBITS);
		for (u32 at = 0; at < sh[i].sh_size; at++) {
			u8 want =
				sh[i].sh_type == SHT_NOBITS ? 0 : elf_contents(elf, &ld_sh[j])[at];

			if (got[at] != want)
				fail_msg(
					"%s+%#x (%#x): loader %02x, ld %02x (word: loader %08x, "
					"ld %08x)",
					name, at, addr + at, got[at], want, get32(got + (at & ~3u)),
					sh[i].sh_type == SHT_NOBITS
						? 0
						: get32(elf_contents(elf, &ld_sh[j]) + (at & ~3u)));
		}
		compared++;
	}
	/* ...and every section ld loads, the loader placed. */
	for (unsigned int j = 1; j < elf_header(elf)->e_shnum; j++) {
		const char *name = elf_section_name(elf, &ld_sh[j]);

		if ((ld_sh[j].sh_flags & SHF_ALLOC) && ld_sh[j].sh_size)
			(void)placed_section(m, name, NULL);
	}
	return compared;
}

static void test_relocations_match_ld(void **state)
{
	struct loaded *m = &current;

	(void)state;
	assert_int_equal(load_relocs(m, ext_func, NULL), 0);
	assert_string_equal(printk_captured(), "");
	assert_string_equal(m->info.name, "relocs");
	/* .text .rodata .data .bss .init.text .init.data */
	assert_int_equal(compare_with_ld(m, &relocs_o, &relocs_elf), 6);

	/* Globals: at ld's addresses. */
	static const char *const globals[] = { "text_fn",     "v4bx_fn",    "ro_global",
					       "data_global", "bss_global", "init_fn" };
	for (unsigned int g = 0; g < ARRAY_SIZE(globals); g++)
		assert_int_equal(mod_elf_symbol(&m->info, globals[g]),
				 elf_symbol_value(&relocs_elf, globals[g]));
	assert_int_equal(mod_elf_symbol(&m->info, "text_local"), 0); /* local: not exported */
	/* ld needed no veneer; neither did the loader. */
	assert_int_equal(m->info.core.nr_veneers, 0);
	assert_int_equal(m->info.init.nr_veneers, 0);
	unload(m);
}

static unsigned int check_thumb_branches(const struct loaded *m, const struct blob *obj,
					 const struct resolver *r);

/* The same in Thumb-2: BL, BLX (to ARM code), B.W, B<c>.W, MOVW, MOVT. */
static void test_thumb_relocations_match_ld(void **state)
{
	struct loaded *m = &current;
	struct thumb_resolver tr;

	(void)state;
	assert_int_equal(load_thumb(m, &relocs_thumb_o, ext_thumb_func, ext_arm_func, &tr), 0);
	assert_string_equal(printk_captured(), "");
	/* .text .text.other .rodata .data .init.text */
	assert_int_equal(compare_with_ld(m, &relocs_thumb_o, &relocs_thumb_elf), 5);
	/* Functions: ld's values, bit 0 the Thumb bit (a function pointer's). */
	assert_true(mod_elf_symbol(&m->info, "thumb_fn") & 1);
	assert_int_equal(mod_elf_symbol(&m->info, "thumb_fn"),
			 elf_symbol_value(&relocs_thumb_elf, "thumb_fn"));
	assert_int_equal(mod_elf_symbol(&m->info, "init_fn"),
			 elf_symbol_value(&relocs_thumb_elf, "init_fn"));
	assert_int_equal(mod_elf_symbol(&m->info, "thumb_local"), 0);
	/* ld needed no stub, the loader no veneer; and what check_thumb_branches
	 * (below) reckons agrees with ld. */
	assert_int_equal(m->info.core.nr_veneers, 0);
	assert_int_equal(m->info.init.nr_veneers, 0);
	assert_int_equal(check_thumb_branches(m, &relocs_thumb_o, &tr.r), 0);
	/* 10 THM_CALL, 4 JUMP24, 4 JUMP19 in .text; 3 and 2 in .init.text */
	assert_int_equal(m->info.core.max_veneers, 18);
	assert_int_equal(m->info.init.max_veneers, 5);
	unload(m);
}

/* The layout the linker script hard-codes: classes on pages, veneers after
 * the text, the symbol table after the data, the regions whole pages. */
static void test_layout(void **state)
{
	struct loaded *m = &current;
	u32 text, rodata, data, bss, init_text, init_data;

	(void)state;
	assert_int_equal(load_relocs(m, ext_func, NULL), 0);
	(void)placed_section(m, ".text", &text);
	(void)placed_section(m, ".rodata", &rodata);
	(void)placed_section(m, ".data", &data);
	(void)placed_section(m, ".bss", &bss);
	(void)placed_section(m, ".init.text", &init_text);
	(void)placed_section(m, ".init.data", &init_data);
	assert_int_equal(text, core_addr);
	assert_int_equal(rodata, core_addr + 0x1000);
	assert_int_equal(data, core_addr + 0x2000);
	assert_int_equal(bss, core_addr + 0x2020); /* .data's 0x1c bytes, aligned 16 */
	assert_int_equal(init_text, init_addr);
	assert_int_equal(init_data, init_addr + 0x1000);
	/* Not loaded: .modinfo, relocations, symbols, attributes. */
	assert_null(mod_elf_section(&m->info, mod_elf_find_section(&m->info, ".modinfo"), NULL));
	assert_null(mod_elf_section(&m->info, mod_elf_find_section(&m->info, ".rel.text"), NULL));
	assert_null(mod_elf_section(&m->info, mod_elf_find_section(&m->info, ".symtab"), NULL));
	assert_null(
		mod_elf_section(&m->info, mod_elf_find_section(&m->info, ".ARM.attributes"), NULL));

	/* One veneer per branch relocation reserved, after each region's text:
	 * 8 branches in .text (0x60 bytes), 5 in .init.text (0x24). */
	assert_int_equal(m->info.core.veneers, 0x60);
	assert_int_equal(m->info.core.max_veneers, 8);
	assert_int_equal(m->info.init.veneers, 0x24);
	assert_int_equal(m->info.init.max_veneers, 5);
	assert_int_equal(m->info.ksyms, 0x2020 + 0x5c);
	assert_int_equal(m->info.core.size, 0x3000);
	assert_int_equal(m->info.init.size, 0x2000);
	unload(m);
}

/* ---- b. relocs.o covers every type -------------------------------------- */

static const struct {
	u32 type;
	const char *name;
	bool symbol; /* computed from a symbol's value (not V4BX, NONE) */
} applied[] = {
	{ R_ARM_ABS32, "R_ARM_ABS32", true },
	{ R_ARM_REL32, "R_ARM_REL32", true },
	{ R_ARM_CALL, "R_ARM_CALL", true },
	{ R_ARM_JUMP24, "R_ARM_JUMP24", true },
	{ R_ARM_MOVW_ABS_NC, "R_ARM_MOVW_ABS_NC", true },
	{ R_ARM_MOVT_ABS, "R_ARM_MOVT_ABS", true },
	{ R_ARM_PREL31, "R_ARM_PREL31", true },
	{ R_ARM_V4BX, "R_ARM_V4BX", false },
	{ R_ARM_NONE, "R_ARM_NONE", false },
};

/* name as a whole word of text. */
static bool has_word(const char *text, const char *name)
{
	size_t n = strlen(name);

	for (const char *p = strstr(text, name); p; p = strstr(p + 1, name))
		if ((p == text || p[-1] == ' ' || p[-1] == '\n') && (p[n] == ' ' || p[n] == '\n'))
			return true;
	return false;
}

static void test_every_type_in_relocs_o(void **state)
{
	struct reloc r[MAX_RELOCS];
	unsigned int n = elf_relocations(&relocs_o, r);

	(void)state;
	for (unsigned int t = 0; t < ARRAY_SIZE(applied); t++)
		if (!has_word(relocs_objdump, applied[t].name))
			fail_msg("objdump -r: no %s in relocs.o", applied[t].name);

	/* Each type computed from a symbol: against an undefined one with an
	 * addend other than the default, and against a local one of another
	 * section. */
	for (unsigned int t = 0; t < ARRAY_SIZE(applied); t++) {
		bool undefined = false, local = false;

		if (!applied[t].symbol)
			continue;
		for (unsigned int i = 0; i < n; i++) {
			if (r[i].type != applied[t].type)
				continue;
			undefined |= r[i].undefined &&
				     addend(r[i].type, r[i].insn) != default_addend(r[i].type);
			local |= !r[i].undefined && r[i].local && !r[i].same_section;
		}
		if (!undefined || !local)
			fail_msg("%s: %s", applied[t].name,
				 !undefined ? "no undefined target with an addend"
					    : "no local target");
	}
}

/* relocs_thumb.o: each Thumb type against an undefined symbol with an addend
 * other than the default and against a local one of another section; the
 * branches against a Thumb and an ARM function, local and external (B.W and
 * B<c>.W to ARM code: in thumb_to_arm.o). */
static void test_every_type_in_relocs_thumb_o(void **state)
{
	static const u32 types[] = { R_ARM_THM_CALL, R_ARM_THM_JUMP24, R_ARM_THM_JUMP19,
				     R_ARM_THM_MOVW_ABS_NC, R_ARM_THM_MOVT_ABS };
	struct reloc r[MAX_RELOCS];

	(void)state;
	for (unsigned int t = 0; t < ARRAY_SIZE(types); t++) {
		bool undefined = false, local = false, targets[2][2] = { { false } };

		for (int o = 0; o < 2; o++) {
			const struct blob *obj = o ? &thumb_to_arm_o : &relocs_thumb_o;
			unsigned int n = elf_relocations(obj, r);
			u32 count;
			const Elf32_Sym *syms = elf_symbols(obj, &count);

			for (unsigned int i = 0; i < n; i++) {
				const Elf32_Sym *sym = &syms[r[i].sym];
				bool arm;

				if (r[i].type != types[t])
					continue;
				if (!o) {
					undefined |=
						r[i].undefined && addend(r[i].type, r[i].insn) !=
									  default_addend(r[i].type);
					local |=
						!r[i].undefined && r[i].local && !r[i].same_section;
				}
				if (r[i].undefined && (!strcmp(r[i].symbol, "ext_thumb_func") ||
						       !strcmp(r[i].symbol, "ext_arm_func")))
					arm = !strcmp(r[i].symbol, "ext_arm_func");
				else if (r[i].undefined)
					continue;
				else if (ELF32_ST_TYPE(sym->st_info) == STT_FUNC)
					arm = !(sym->st_value & 1);
				else
					continue;
				targets[r[i].undefined][arm] = true;
			}
		}
		if (!undefined || !local)
			fail_msg("%u: %s", types[t],
				 !undefined ? "no undefined target with an addend"
					    : "no local target");
		for (int u = 0; u < 2; u++)
			for (int a = 0; a < 2; a++)
				if (!targets[u][a])
					fail_msg("%u: no %s %s function", types[t],
						 u ? "external" : "local", a ? "ARM" : "Thumb");
	}
}

/* ---- c. veneers --------------------------------------------------------- */

/* Checks every branch of relocs.o to ext_func, resolved to func: each goes
 * to a veneer of its own region that jumps where the branch meant (func +
 * addend + 8). Returns the veneers used in the core and the init region. */
static void check_veneers(const struct loaded *m, u32 func, unsigned int *core, unsigned int *init)
{
	struct reloc r[MAX_RELOCS];
	unsigned int n = elf_relocations(&relocs_o, r);
	u32 core_veneer = 0;

	for (unsigned int i = 0; i < n; i++) {
		u32 loc, dest;
		u8 *p;

		if ((r[i].type != R_ARM_CALL && r[i].type != R_ARM_JUMP24) ||
		    strcmp(r[i].symbol, "ext_func"))
			continue;
		p = (u8 *)mod_elf_section(&m->info, r[i].section, &loc) + r[i].offset;
		loc += r[i].offset;
		bool in_init = !strncmp(
			elf_section_name(&relocs_o, &elf_sections(&relocs_o)[r[i].section]),
			".init", 5);
		const struct mod_region *region = in_init ? &m->info.init : &m->info.core;
		u32 insn = get32(p);

		assert_int_equal(insn >> 24, r[i].insn >> 24); /* condition, B or BL: kept */
		dest = branch_target(insn, loc);
		u32 first = region->addr + region->veneers;
		if (dest < first || dest >= first + region->nr_veneers * 8 || (dest - first) % 8)
			fail_msg("branch at %#x goes to %#x, not a veneer of its region (%#x, %u)",
				 loc, dest, first, region->nr_veneers);
		const u8 *veneer = region->host + (dest - region->addr);
		assert_int_equal(get32(veneer), VENEER_INSN);
		assert_int_equal(get32(veneer + 4), func + (u32)addend(r[i].type, r[i].insn) + 8);
		/* bl ext_func, b ext_func, bl ext_func in text_local: one veneer. */
		if (!in_init && addend(r[i].type, r[i].insn) == -8) {
			if (core_veneer)
				assert_int_equal(dest, core_veneer);
			core_veneer = dest;
		}
	}
	assert_true(core_veneer != 0);
	*core = m->info.core.nr_veneers;
	*init = m->info.init.nr_veneers;
}

static void test_veneers_out_of_range(void **state)
{
	/* 64 MiB above, 64 MiB below the module; 2 GiB from the `bne ext_func+4`
	 * at .text+0xc, where S - P + A overflows 32 bits. */
	const u32 targets[] = { core_addr + 0x04000000, core_addr - 0x04000000,
				core_addr + 0xc + 0x80000000 };

	(void)state;
	for (unsigned int t = 0; t < ARRAY_SIZE(targets); t++) {
		struct loaded *m = &current;
		unsigned int core, init;

		assert_int_equal(load_relocs(m, targets[t], NULL), 0);
		check_veneers(m, targets[t], &core, &init);
		/* Core: ext_func (three branches), ext_func+8, ext_func+4. Init: ext_func (two). */
		assert_int_equal(core, 3);
		assert_int_equal(init, 1);
		/* The branches in range did not move: text_fn's bl to itself. */
		assert_int_equal(branch_target(get32(placed_section(m, ".text", NULL) + 0x10),
					       core_addr + 0x10),
				 core_addr);
		unload(m);
	}
}

static void test_veneers_for_thumb(void **state)
{
	/* In range, but Thumb code (bit 0): a BL cannot switch, LDR PC can. */
	const u32 thumb = core_addr - 0x100000 + 1;
	struct loaded *m = &current;
	unsigned int core, init;

	(void)state;
	assert_int_equal(load_relocs(m, thumb, NULL), 0);
	check_veneers(m, thumb, &core, &init);
	assert_int_equal(core, 3);
	assert_int_equal(init, 1);
	unload(m);
}

/* The value the loader gave obj's symbol sym (index), as the test reckons
 * it: the resolver's answer, or the placed section's address plus st_value. */
static u32 symbol_value(const struct loaded *m, const struct blob *obj, u32 sym,
			const struct resolver *r)
{
	u32 count, addr;
	const Elf32_Sym *s = &elf_symbols(obj, &count)[sym];
	const char *name = elf_symbol_name(obj, s);

	if (s->st_shndx == SHN_UNDEF) {
		for (unsigned int i = 0; i < r->count; i++)
			if (!strcmp(r->answers[i].name, name))
				return r->answers[i].err ? 0 : r->answers[i].value;
		fail_msg("%s: not in the answers", name);
	}
	if (!mod_elf_section(&m->info, s->st_shndx, &addr))
		fail_msg("%s: its section is not placed", name);
	return addr + s->st_value;
}

/* Checks every Thumb branch relocation of obj, loaded in m by r: each goes
 * where it was meant to (S + A + 4, bit 0 the state: Thumb if set, or if
 * the symbol is neither a function nor undefined), directly by BL, B.W or
 * B<c>.W to Thumb code or BLX to ARM code; or by BL, B.W or B<c>.W to a
 * Thumb veneer of its region (ldr.w pc, [pc, #0]) whose word is that
 * destination. The kind of branch stays, but that BL and BLX may be made
 * each other; a B<c>.W keeps its condition. Returns the branches that go
 * through a veneer. */
static unsigned int check_thumb_branches(const struct loaded *m, const struct blob *obj,
					 const struct resolver *r)
{
	struct reloc rel[MAX_RELOCS];
	unsigned int n = elf_relocations(obj, rel), veneered = 0;
	u32 count;
	const Elf32_Sym *syms = elf_symbols(obj, &count);

	for (unsigned int i = 0; i < n; i++) {
		const Elf32_Sym *sym = &syms[rel[i].sym];
		u32 loc, dest, t, to;
		enum thumb_branch kind, was = thumb_branch(rel[i].insn);
		bool arm;
		u8 *p;

		if (rel[i].type != R_ARM_THM_CALL && rel[i].type != R_ARM_THM_JUMP24 &&
		    rel[i].type != R_ARM_THM_JUMP19)
			continue;
		p = (u8 *)mod_elf_section(&m->info, rel[i].section, &loc) + rel[i].offset;
		loc += rel[i].offset;
		dest = symbol_value(m, obj, rel[i].sym, r) + 4;
		dest += (u32)addend(rel[i].type, rel[i].insn);
		arm = !(dest & 1) &&
		      (sym->st_shndx == SHN_UNDEF || ELF32_ST_TYPE(sym->st_info) == STT_FUNC);
		t = get_thumb(p);
		kind = thumb_branch(t);
		if (kind == NOT_A_THUMB_BRANCH || (kind >= THUMB_B) != (was >= THUMB_B) ||
		    (was >= THUMB_B && kind != was) ||
		    (was == THUMB_BCOND && (t >> 22 & 0xf) != (rel[i].insn >> 22 & 0xf)))
			fail_msg("%#x: %08x made %08x", loc, rel[i].insn, t);
		to = thumb_target(t, loc);
		if (to == (dest & ~1u)) {
			if ((kind == THUMB_BLX) != arm)
				fail_msg("%#x: %08x to %s code at %#x", loc, t,
					 arm ? "ARM" : "Thumb", to);
			continue;
		}
		bool in_init = !strncmp(elf_section_name(obj, &elf_sections(obj)[rel[i].section]),
					".init", 5);
		const struct mod_region *region = in_init ? &m->info.init : &m->info.core;
		u32 first = region->addr + region->veneers;

		if (to < first || to >= first + region->nr_veneers * 8 || (to - first) % 8 ||
		    kind == THUMB_BLX)
			fail_msg("%#x: %08x goes to %#x, neither %#x nor a Thumb veneer of its "
				 "region (%#x, %u)",
				 loc, t, to, dest, first, region->nr_veneers);
		const u8 *veneer = region->host + (to - region->addr);
		assert_int_equal(get32(veneer), THUMB_VENEER_INSN);
		assert_int_equal(get32(veneer + 4), arm ? dest : dest | 1);
		veneered++;
	}
	return veneered;
}

/* The veneers of a region of each kind: ARM, Thumb. */
static void count_veneers(const struct mod_region *r, unsigned int *arm, unsigned int *thumb)
{
	*arm = *thumb = 0;
	for (u32 i = 0; i < r->nr_veneers; i++) {
		u32 insn = get32(r->host + r->veneers + i * 8);

		*arm += insn == VENEER_INSN;
		*thumb += insn == THUMB_VENEER_INSN;
	}
	assert_int_equal(*arm + *thumb, r->nr_veneers);
}

/* relocs_thumb.o's branches to ext_thumb_func and ext_arm_func, out of
 * range: each through a Thumb veneer; the others stay. */
static void test_thumb_veneers_out_of_range(void **state)
{
	/* 64 MiB above and below the module, 2 GiB away. */
	const u32 far[] = { core_addr + 0x04000000, core_addr - 0x04000000,
			    core_addr + 0x80000000 };

	(void)state;
	for (unsigned int f = 0; f < ARRAY_SIZE(far); f++) {
		struct loaded *m = &current;
		struct thumb_resolver tr;
		unsigned int arm, thumb;

		assert_int_equal(load_thumb(m, &relocs_thumb_o, far[f] + 1, far[f] + 0x10, &tr), 0);
		/* .text: 6 BL or BLX, 2 B.W and 2 B<c>.W to them, 5 destinations
		 * (ext_thumb_func, +6, +8 and +12, ext_arm_func); .init.text: 2, 2. */
		assert_int_equal(check_thumb_branches(m, &relocs_thumb_o, &tr.r), 10 + 2);
		count_veneers(&m->info.core, &arm, &thumb);
		assert_int_equal(thumb, 5);
		count_veneers(&m->info.init, &arm, &thumb);
		assert_int_equal(thumb, 2);
		unload(m);
	}
}

/* thumb_to_arm.o: B.W and B<c>.W to ARM code through Thumb veneers, one per
 * destination, BL made BLX; ext_thumb_func, in range then not, from ARM and
 * Thumb code: an ARM veneer and, out of range, a Thumb one with the same
 * word. */
static void test_thumb_to_arm(void **state)
{
	const u32 thumb[] = { ext_thumb_func, core_addr + 0x04000001 };

	(void)state;
	for (unsigned int t = 0; t < ARRAY_SIZE(thumb); t++) {
		struct loaded *m = &current;
		struct thumb_resolver tr;
		unsigned int arm_veneers, thumb_veneers;
		u32 text, loc, dest;
		u8 *p;

		assert_int_equal(load_thumb(m, &thumb_to_arm_o, thumb[t], ext_arm_func, &tr), 0);
		/* b.w and beq.w arm_fn, b.w ext_arm_func, bne.w ext_arm_func+8, bhi.w
		 * init_label; bl ext_thumb_func if far */
		assert_int_equal(check_thumb_branches(m, &thumb_to_arm_o, &tr.r), 5 + t);
		count_veneers(&m->info.core, &arm_veneers, &thumb_veneers);
		assert_int_equal(arm_veneers, 1);
		assert_int_equal(thumb_veneers, 4 + t);
		/* bl arm_fn (.text+0x10): BLX, direct */
		p = placed_section(m, ".text", &text);
		assert_int_equal(thumb_branch(get_thumb(p + 0x10)), THUMB_BLX);
		/* arm_caller's bl ext_thumb_func (.text+0x20): an ARM veneer to it */
		loc = text + 0x20;
		dest = branch_target(get32(p + 0x20), loc);
		assert_true(dest >= m->info.core.addr + m->info.core.veneers &&
			    dest < m->info.core.addr + m->info.core.veneers +
					    m->info.core.nr_veneers * 8);
		assert_int_equal(get32(m->core + (dest - core_addr)), VENEER_INSN);
		assert_int_equal(get32(m->core + (dest - core_addr) + 4), thumb[t]);
		unload(m);
	}
}

/* A BLX cannot reach ARM code that is not word-aligned, nor can a veneer:
 * b.w ext_thumb_func+6 (addend 2), with ext_thumb_func an ARM function, is
 * refused. */
static void test_thumb_to_unaligned_arm(void **state)
{
	struct loaded *m = &current;
	struct thumb_resolver tr;

	(void)state;
	assert_int_equal(load_thumb(m, &relocs_thumb_o, ext_thumb_func - 1, ext_arm_func, &tr),
			 -ENOEXEC);
	assert_non_null(
		strstr(printk_captured(), "sym 'ext_thumb_func': relocation 30 out of range"));
	unload(m);
}

/* The first BL of text_fn (at core_addr, addend -8) reaches +32 MiB - 4 and
 * -32 MiB directly, a word further through a veneer. */
static void test_branch_range_limits(void **state)
{
	const struct {
		u32 func;
		bool veneer;
	} cases[] = {
		{ core_addr + 8 + 0x01fffffc, false },
		{ core_addr + 8 + 0x02000000, true },
		{ core_addr + 8 - 0x02000000, false },
		{ core_addr + 8 - 0x02000004, true },
	};

	(void)state;
	for (unsigned int c = 0; c < ARRAY_SIZE(cases); c++) {
		struct loaded *m = &current;
		u32 dest;

		assert_int_equal(load_relocs(m, cases[c].func, NULL), 0);
		dest = branch_target(get32(placed_section(m, ".text", NULL)), core_addr);
		if (cases[c].veneer) {
			assert_int_equal(dest, core_addr + m->info.core.veneers);
			assert_int_equal(get32(m->core + m->info.core.veneers + 4), cases[c].func);
		} else {
			assert_int_equal(dest, cases[c].func);
		}
		unload(m);
	}
}

/* In relocs_thumb.o's .text, the first BL, B.W and B<c>.W to ext_thumb_func
 * (addend -4) reach +16 MiB - 2 and -16 MiB (B<c>.W: 1 MiB) directly, a
 * halfword further through a veneer; the two BLs to ext_arm_func, at P = 0
 * and 2 mod 4 and made BLX, the same from Align(P + 4, 4), a word further
 * through a veneer. */
static void test_thumb_branch_range_limits(void **state)
{
	static const struct {
		u32 type;
		const char *symbol;
		unsigned int nth;
		s32 range;
		u32 step;
	} branches[] = {
		{ R_ARM_THM_CALL, "ext_thumb_func", 0, 0x01000000, 2 },
		{ R_ARM_THM_JUMP24, "ext_thumb_func", 0, 0x01000000, 2 },
		{ R_ARM_THM_JUMP19, "ext_thumb_func", 0, 0x00100000, 2 },
		{ R_ARM_THM_CALL, "ext_arm_func", 0, 0x01000000, 4 },
		{ R_ARM_THM_CALL, "ext_arm_func", 1, 0x01000000, 4 },
	};
	struct reloc r[MAX_RELOCS];
	unsigned int n = elf_relocations(&relocs_thumb_o, r), text;

	(void)state;
	text = elf_find_section(&relocs_thumb_o, ".text");
	for (unsigned int b = 0; b < ARRAY_SIZE(branches); b++) {
		unsigned int i, nth = 0;

		for (i = 0; i < n; i++)
			if (r[i].section == text && r[i].type == branches[b].type &&
			    !strcmp(r[i].symbol, branches[b].symbol) && nth++ == branches[b].nth)
				break;
		assert_true(i < n && addend(r[i].type, r[i].insn) == -4);

		bool arm = branches[b].step == 4;
		u32 loc = core_addr + r[i].offset, from = arm ? (loc + 4) & ~3u : loc + 4;
		const struct {
			u32 dest;
			bool veneer;
		} cases[] = {
			{ from + (u32)branches[b].range - branches[b].step, false },
			{ from + (u32)branches[b].range, true },
			{ from - (u32)branches[b].range, false },
			{ from - (u32)branches[b].range - branches[b].step, true },
		};
		assert_true(!arm || (loc & 3) == 2 * branches[b].nth);
		for (unsigned int c = 0; c < ARRAY_SIZE(cases); c++) {
			struct loaded *m = &current;
			struct thumb_resolver tr;
			u32 to;

			assert_int_equal(load_thumb(m, &relocs_thumb_o,
						    arm ? ext_thumb_func : cases[c].dest | 1,
						    arm ? cases[c].dest : ext_arm_func, &tr),
					 0);
			assert_int_equal(placed_section(m, ".text", NULL), m->core);
			(void)check_thumb_branches(m, &relocs_thumb_o, &tr.r);
			to = thumb_target(get_thumb(m->core + r[i].offset), loc);
			if ((to != cases[c].dest) != cases[c].veneer)
				fail_msg("%s to %s at %#x: to %#x, %s",
					 r[i].type == R_ARM_THM_CALL ? "BL" : "B",
					 branches[b].symbol, cases[c].dest, to,
					 cases[c].veneer ? "not through a veneer" : "not direct");
			unload(m);
		}
	}
}

/* The PREL31 to ext_data (addend 12) reaches 1 GiB either way, not a byte
 * further nor 2 GiB away (where S - P + A overflows 32 bits). */
static void test_prel31_range(void **state)
{
	struct reloc r[MAX_RELOCS];
	unsigned int n = elf_relocations(&relocs_o, r), i;
	u32 loc;

	(void)state;
	for (i = 0; i < n && (r[i].type != R_ARM_PREL31 || strcmp(r[i].symbol, "ext_data")); i++)
		;
	assert_true(i < n && addend(r[i].type, r[i].insn) == 12);
	assert_int_equal(elf_find_section(&relocs_o, ".rodata"), r[i].section);
	loc = elf_sections(&relocs_elf)[elf_find_section(&relocs_elf, ".rodata")].sh_addr +
	      r[i].offset;

	const struct {
		s32 offset;
		bool fits;
	} cases[] = {
		{ 0x3fffffff, true },	{ 0x40000000, false }, { -0x40000000, true },
		{ -0x40000001, false }, { 0x7ffffffc, false }, { (s32)0x80000004u, false },
	};
	for (unsigned int c = 0; c < ARRAY_SIZE(cases); c++) {
		const struct answer answers[] = {
			{ "ext_func", ext_func, 0 },
			{ "ext_data", loc - 12 + (u32)cases[c].offset, 0 },
			{ "weak_sym", 0, -ENOENT },
		};
		struct resolver res = { answers, ARRAY_SIZE(answers), 0, false, 0 };
		struct loaded *m = &current;

		if (!cases[c].fits) {
			assert_int_equal(load_relocs(m, 0, &res), -ENOEXEC);
			assert_non_null(strstr(printk_captured(),
					       "sym 'ext_data': relocation 42 out of range"));
		} else {
			assert_int_equal(load_relocs(m, 0, &res), 0);
			assert_int_equal(get32(placed_section(m, ".rodata", NULL) + r[i].offset),
					 (u32)cases[c].offset & 0x7fffffff);
		}
		unload(m);
	}
}

/* ---- d. unknown and weak symbols ---------------------------------------- */

static void test_unknown_symbol(void **state)
{
	const struct answer answers[] = {
		{ "ext_func", 0, -ENOENT },
		{ "ext_data", 0, -ENOENT },
		{ "weak_sym", 0, -ENOENT },
	};
	struct resolver r = { answers, ARRAY_SIZE(answers), 0, false, 0 };
	struct loaded *m = &current;

	(void)state;
	assert_int_equal(load_relocs(m, 0, &r), -ENOENT);
	/* Every unknown one is named, not only the first; not the weak one. */
	assert_non_null(
		strstr(printk_captured(), "\0014relocs: Unknown symbol ext_func (err -2)\n"));
	assert_non_null(
		strstr(printk_captured(), "\0014relocs: Unknown symbol ext_data (err -2)\n"));
	assert_null(strstr(printk_captured(), "weak_sym"));
	unload(m);

	/* Only ext_data unknown: the one message. */
	const struct answer one[] = {
		{ "ext_func", ext_func, 0 },
		{ "ext_data", 0, -ENOENT },
		{ "weak_sym", 0, -ENOENT },
	};
	r = (struct resolver){ one, ARRAY_SIZE(one), 0, false, 0 };
	assert_int_equal(load_relocs(m, 0, &r), -ENOENT);
	assert_string_equal(printk_captured(), "\0014relocs: Unknown symbol ext_data (err -2)\n");
	unload(m);
}

static void test_weak_symbol(void **state)
{
	struct loaded *m = &current;
	u8 *text, *data;

	(void)state;
	/* Unknown: 0 and no error (`.word weak_sym+4`, movw/movt weak_sym+0x20). */
	assert_int_equal(load_relocs(m, ext_func, NULL), 0);
	assert_string_equal(printk_captured(), "");
	data = placed_section(m, ".data", NULL);
	text = placed_section(m, ".text", NULL);
	assert_int_equal(get32(data + 12), 4);
	assert_int_equal(get32(text + 0x34), 0xe3003020); /* movw r3, #0x20 */
	assert_int_equal(get32(text + 0x38), 0xe3403000); /* movt r3, #0 */
	unload(m);

	/* Known: its value. */
	const struct answer answers[] = {
		{ "ext_func", ext_func, 0 },
		{ "ext_data", ext_data, 0 },
		{ "weak_sym", 0x12345678, 0 },
	};
	struct resolver r = { answers, ARRAY_SIZE(answers), 0, false, 0 };
	assert_int_equal(load_relocs(m, 0, &r), 0);
	data = placed_section(m, ".data", NULL);
	text = placed_section(m, ".text", NULL);
	assert_int_equal(get32(data + 12), 0x1234567c);
	assert_int_equal(get32(text + 0x34), 0xe3053698); /* movw r3, #0x5698 */
	assert_int_equal(get32(text + 0x38), 0xe3413234); /* movt r3, #0x1234 */
	unload(m);
}

/* ---- e. refusals -------------------------------------------------------- */

static void test_tls_le32_refused(void **state)
{
	struct resolver r = { NULL, 0, 0, true, 0xc0100000 };
	struct loaded *m = &current;

	(void)state;
	printk_capture_reset();
	assert_int_equal(load(m, tls_le32_o.data, tls_le32_o.size, core_addr, init_addr, &r),
			 -ENOEXEC);
	/* Refused for the relocation alone: its Thumb function (st_value 1,
	 * bit 0 the Thumb bit, 8 bytes to the end of .text) passed the checks. */
	assert_string_equal(
		printk_captured(),
		"\0013tls_le32: unsupported relocation R_ARM_TLS_LE32 (108) in .text\n");
	unload(m);
}

/* A failure must be -ENOEXEC and say why (message, if not NULL); every
 * undefined symbol at value. */
static void expect_refused(const u8 *image, size_t len, u32 value, const char *what,
			   const char *message)
{
	struct resolver r = { NULL, 0, 0, true, value };
	struct loaded *m = &current;
	int ret;

	printk_capture_reset();
	ret = load(m, image, len, core_addr, init_addr, &r);
	if (ret != -ENOEXEC)
		fail_msg("%s: %d, not -ENOEXEC", what, ret);
	if (!printk_captured()[0])
		fail_msg("%s: refused without a message", what);
	if (message && !strstr(printk_captured(), message))
		fail_msg("%s: refused with \"%s\", not \"%s\"", what, printk_captured(), message);
	unload(m);
}

static void test_truncated(void **state)
{
	(void)state;
	for (u32 len = 0; len < relocs_o.size; len++) {
		char what[32];

		snprintf(what, sizeof(what), "cut at %u", len);
		expect_refused(relocs_o.data, len, 0xc0100000, what, NULL);
	}
}

/* Corruptions, each of one field of a copy of relocs.o. */
struct image {
	u8 *data;
	u32 size;
	Elf32_Ehdr *hdr;
	Elf32_Shdr *sh;
};

static Elf32_Shdr *section(struct image *im, const char *name)
{
	struct blob b = { im->data, im->size };
	unsigned int i = elf_find_section(&b, name);

	assert_true(i != 0);
	return &im->sh[i];
}

static Elf32_Sym *symbol(struct image *im, const char *name)
{
	struct blob b = { im->data, im->size };
	u32 index;

	assert_non_null(elf_find_symbol(&b, name, &index));
	return (Elf32_Sym *)(im->data + section(im, ".symtab")->sh_offset) + index;
}

static Elf32_Rel *relocation(struct image *im, const char *relsec, unsigned int n)
{
	return (Elf32_Rel *)(im->data + section(im, relsec)->sh_offset) + n;
}

static u32 symbol_count(struct image *im)
{
	return section(im, ".symtab")->sh_size / sizeof(Elf32_Sym);
}

/* The n-th relocation of .rel.text with type type. */
static Elf32_Rel *relocation_of_type(struct image *im, u32 type)
{
	for (unsigned int n = 0; n < section(im, ".rel.text")->sh_size / sizeof(Elf32_Rel); n++)
		if (ELF32_R_TYPE(relocation(im, ".rel.text", n)->r_info) == type)
			return relocation(im, ".rel.text", n);
	fail_msg("no relocation %u in .rel.text", type);
	return NULL;
}

static void rename_section(struct image *im, const char *from, const char *to)
{
	char *name = (char *)im->data + im->sh[im->hdr->e_shstrndx].sh_offset +
		     section(im, from)->sh_name;

	assert_int_equal(strlen(from), strlen(to));
	memcpy(name, to, strlen(to));
}

static char *modinfo(struct image *im)
{
	return (char *)im->data + section(im, ".modinfo")->sh_offset;
}

#define CORRUPTION(name) static void name(struct image *im)

/* clang-format off: one line each reads as a list */

CORRUPTION(bad_magic)
{
	im->data[1] = 'e';
}
CORRUPTION(elf64)
{
	im->data[4] = 2;
}
CORRUPTION(big_endian)
{
	im->data[5] = 2;
}
CORRUPTION(em_386)
{
	im->hdr->e_machine = 3;
}
CORRUPTION(et_exec)
{
	im->hdr->e_type = 2;
}
CORRUPTION(hard_float)
{
	im->hdr->e_flags |= 0x400;
}
CORRUPTION(eabi_4)
{
	im->hdr->e_flags = (im->hdr->e_flags & 0x00ffffff) | 0x04000000;
}
CORRUPTION(shentsize)
{
	im->hdr->e_shentsize = 32;
}
CORRUPTION(shoff_at_end)
{
	im->hdr->e_shoff = im->size;
}
CORRUPTION(shoff_past_end)
{
	im->hdr->e_shoff = im->size + 4;
}
CORRUPTION(shoff_wraps)
{
	im->hdr->e_shoff = 0xfffffff8;
}
CORRUPTION(shoff_unaligned)
{
	im->hdr->e_shoff += 2;
}
CORRUPTION(shnum_zero)
{
	im->hdr->e_shnum = 0;
}
CORRUPTION(shnum_one_more)
{
	im->hdr->e_shnum++;
}
CORRUPTION(shnum_huge)
{
	im->hdr->e_shnum = 0xfeff;
}
CORRUPTION(shnum_max)
{
	im->hdr->e_shnum = 0xffff;
}
CORRUPTION(shstrndx_zero)
{
	im->hdr->e_shstrndx = 0;
}
CORRUPTION(shstrndx_past)
{
	im->hdr->e_shstrndx = im->hdr->e_shnum;
}
CORRUPTION(shstrndx_not_strtab)
{
	im->hdr->e_shstrndx = 1;
}
CORRUPTION(shstrtab_unterminated)
{
	im->data[im->sh[im->hdr->e_shstrndx].sh_offset + im->sh[im->hdr->e_shstrndx].sh_size - 1] =
		'x';
}
CORRUPTION(sh_name_past)
{
	section(im, ".text")->sh_name = im->sh[im->hdr->e_shstrndx].sh_size;
}
CORRUPTION(text_offset_past_end)
{
	section(im, ".text")->sh_offset = im->size - 4;
}
CORRUPTION(text_offset_wraps)
{
	section(im, ".text")->sh_offset = 0xfffffff0;
}
CORRUPTION(text_size_past_end)
{
	section(im, ".text")->sh_size = im->size;
}
CORRUPTION(text_size_huge)
{
	section(im, ".text")->sh_size = 0xfffffffc;
}
CORRUPTION(bss_size_huge)
{
	section(im, ".bss")->sh_size = 0x40000000;
}
CORRUPTION(text_align_3)
{
	section(im, ".text")->sh_addralign = 3;
}
CORRUPTION(text_align_huge)
{
	section(im, ".text")->sh_addralign = 0x10000;
}
CORRUPTION(symtab_size_past_end)
{
	section(im, ".symtab")->sh_size = im->size;
}
CORRUPTION(symtab_size_odd)
{
	section(im, ".symtab")->sh_size -= 4;
}
CORRUPTION(symtab_entsize)
{
	section(im, ".symtab")->sh_entsize = 24;
}
CORRUPTION(symtab_offset_unaligned)
{
	section(im, ".symtab")->sh_offset += 2;
}
CORRUPTION(symtab_link_past)
{
	section(im, ".symtab")->sh_link = im->hdr->e_shnum;
}
CORRUPTION(symtab_link_not_strtab)
{
	section(im, ".symtab")->sh_link = 1;
}
CORRUPTION(no_symtab)
{
	section(im, ".symtab")->sh_type = SHT_PROGBITS;
}
CORRUPTION(two_symtabs)
{
	section(im, ".strtab")->sh_type = SHT_SYMTAB;
}
/* Symbol 1 is then .rel.text's sh_link, sh_info, sh_addralign and
 * sh_entsize: an undefined symbol, until layout writes sh_entsize and makes
 * its st_shndx 0xffff. */
CORRUPTION(symtab_over_headers)
{
	Elf32_Shdr *symtab = section(im, ".symtab");

	symtab->sh_offset = (u32)((u8 *)section(im, ".rel.text") - im->data) + 8;
	symtab->sh_size = 2 * sizeof(Elf32_Sym);
}
CORRUPTION(strtab_over_headers)
{
	section(im, ".strtab")->sh_offset = im->hdr->e_shoff;
	section(im, ".strtab")->sh_size = sizeof(Elf32_Shdr);
}
CORRUPTION(strtab_unterminated)
{
	im->data[section(im, ".strtab")->sh_offset + section(im, ".strtab")->sh_size - 1] = 'x';
}
CORRUPTION(rela_section)
{
	section(im, ".rel.text")->sh_type = SHT_RELA;
}
CORRUPTION(rel_size_past_end)
{
	section(im, ".rel.text")->sh_size = im->size & ~7u;
}
CORRUPTION(rel_size_odd)
{
	section(im, ".rel.text")->sh_size -= 4;
}
CORRUPTION(rel_entsize)
{
	section(im, ".rel.text")->sh_entsize = 12;
}
CORRUPTION(rel_info_zero)
{
	section(im, ".rel.text")->sh_info = 0;
}
CORRUPTION(rel_info_past)
{
	section(im, ".rel.text")->sh_info = im->hdr->e_shnum;
}
CORRUPTION(rel_link_not_symtab)
{
	section(im, ".rel.text")->sh_link = 1;
}
CORRUPTION(rel_on_bss)
{
	section(im, ".rel.data")->sh_info = (u32)(section(im, ".bss") - im->sh);
}
CORRUPTION(st_shndx_past)
{
	symbol(im, "text_fn")->st_shndx = im->hdr->e_shnum;
}
CORRUPTION(st_shndx_reserved)
{
	symbol(im, "text_fn")->st_shndx = 0xfff0;
}
CORRUPTION(st_shndx_common)
{
	symbol(im, "ext_data")->st_shndx = SHN_COMMON;
}
CORRUPTION(st_name_past)
{
	symbol(im, "ext_func")->st_name = section(im, ".strtab")->sh_size;
}
CORRUPTION(st_name_huge)
{
	symbol(im, "text_local")->st_name = 0xffffffff;
}
CORRUPTION(st_value_past)
{
	symbol(im, "text_local")->st_value = section(im, ".text")->sh_size + 4;
}
CORRUPTION(st_size_past)
{
	symbol(im, "text_local")->st_size = 0xfffffff0;
}
CORRUPTION(undefined_nameless)
{
	symbol(im, "ext_func")->st_name = 0;
}
CORRUPTION(r_offset_at_end)
{
	relocation(im, ".rel.text", 0)->r_offset = section(im, ".text")->sh_size;
}
CORRUPTION(r_offset_straddles)
{
	relocation(im, ".rel.text", 0)->r_offset = section(im, ".text")->sh_size - 2;
}
CORRUPTION(r_offset_wraps)
{
	relocation(im, ".rel.text", 0)->r_offset = 0xfffffffe;
}
CORRUPTION(r_sym_past)
{
	relocation(im, ".rel.text", 0)->r_info = symbol_count(im) << 8 | R_ARM_CALL;
}
CORRUPTION(r_sym_huge)
{
	relocation(im, ".rel.rodata", 0)->r_info = 0xffffff00u | R_ARM_ABS32;
}
CORRUPTION(r_sym_zero)
{
	relocation(im, ".rel.rodata", 0)->r_info = R_ARM_ABS32;
}
CORRUPTION(r_type_unknown)
{
	relocation(im, ".rel.rodata", 0)->r_info |= 0xfe;
}
CORRUPTION(r_type_abs16)
{
	relocation(im, ".rel.rodata", 0)->r_info =
		(relocation(im, ".rel.rodata", 0)->r_info & ~0xffu) | 5;
}
/* Against the .modinfo section's symbol: a section that is not loaded. */
CORRUPTION(r_sym_not_loaded)
{
	u32 modinfo_index = (u32)(section(im, ".modinfo") - im->sh), i;
	const Elf32_Sym *syms = (const Elf32_Sym *)(im->data + section(im, ".symtab")->sh_offset);

	for (i = 1; i < symbol_count(im); i++)
		if (ELF32_ST_TYPE(syms[i].st_info) == STT_SECTION &&
		    syms[i].st_shndx == modinfo_index)
			break;
	assert_true(i < symbol_count(im));
	relocation(im, ".rel.rodata", 0)->r_info = i << 8 | R_ARM_ABS32;
}
/* On text_local's push, which no other relocation touches. */
CORRUPTION(call_on_push)
{
	relocation_of_type(im, R_ARM_CALL)->r_offset = symbol(im, "text_local")->st_value;
}
CORRUPTION(movw_on_movt)
{
	relocation_of_type(im, R_ARM_MOVW_ABS_NC)->r_offset += 4;
}
CORRUPTION(movt_on_movw)
{
	relocation_of_type(im, R_ARM_MOVT_ABS)->r_offset -= 4;
}
CORRUPTION(v4bx_on_cmp)
{
	relocation_of_type(im, R_ARM_V4BX)->r_offset -= 4;
}
CORRUPTION(thm_call_on_movw)
{
	relocation_of_type(im, R_ARM_THM_CALL)->r_offset =
		relocation_of_type(im, R_ARM_THM_MOVW_ABS_NC)->r_offset;
}
CORRUPTION(thm_call_on_bw)
{
	relocation_of_type(im, R_ARM_THM_CALL)->r_offset =
		relocation_of_type(im, R_ARM_THM_JUMP24)->r_offset;
}
CORRUPTION(thm_jump24_on_bl)
{
	relocation_of_type(im, R_ARM_THM_JUMP24)->r_offset =
		relocation_of_type(im, R_ARM_THM_CALL)->r_offset;
}
CORRUPTION(thm_jump24_on_bcond)
{
	relocation_of_type(im, R_ARM_THM_JUMP24)->r_offset =
		relocation_of_type(im, R_ARM_THM_JUMP19)->r_offset;
}
CORRUPTION(thm_jump19_on_bw)
{
	relocation_of_type(im, R_ARM_THM_JUMP19)->r_offset =
		relocation_of_type(im, R_ARM_THM_JUMP24)->r_offset;
}
/* beq.w made the AL condition, which B<c>.W cannot encode (another instruction) */
CORRUPTION(thm_jump19_always)
{
	u8 *p = im->data + section(im, ".text")->sh_offset +
		relocation_of_type(im, R_ARM_THM_JUMP19)->r_offset;
	u32 first = (p[0] | p[1] << 8) | 0xe << 6;

	p[0] = (u8)first;
	p[1] = (u8)(first >> 8);
}
CORRUPTION(thm_movw_on_movt)
{
	relocation_of_type(im, R_ARM_THM_MOVW_ABS_NC)->r_offset += 4;
}
CORRUPTION(thm_movt_on_movw)
{
	relocation_of_type(im, R_ARM_THM_MOVT_ABS)->r_offset -= 4;
}
CORRUPTION(r_type_thm_jump11)
{
	Elf32_Rel *rel = relocation_of_type(im, R_ARM_THM_CALL);

	rel->r_info = (rel->r_info & ~0xffu) | 102;
}
CORRUPTION(no_modinfo)
{
	rename_section(im, ".modinfo", ".modinfX");
}
CORRUPTION(modinfo_no_name)
{
	memcpy(modinfo(im), "nome", 4);
}
CORRUPTION(modinfo_empty_name)
{
	modinfo(im)[5] = '\0';
}
CORRUPTION(modinfo_name_slash)
{
	modinfo(im)[7] = '/';
}
CORRUPTION(modinfo_unterminated)
{
	modinfo(im)[section(im, ".modinfo")->sh_size - 1] = 'x';
}
CORRUPTION(modinfo_nobits)
{
	section(im, ".modinfo")->sh_type = SHT_NOBITS;
}

/* clang-format on */

/* Each must be refused; a few by the check meant for them, which says so. */
struct corruption {
	const char *name;
	void (*corrupt)(struct image *);
	const char *message;
};

#define C(name)                                                                                    \
	{                                                                                          \
#name, name, NULL                                                                  \
	}
#define M(name, message)                                                                           \
	{                                                                                          \
#name, name, message                                                               \
	}

static const struct corruption corruptions[] = {
	C(bad_magic),
	C(elf64),
	C(big_endian),
	C(em_386),
	C(et_exec),
	C(hard_float),
	C(eabi_4),
	C(shentsize),
	C(shoff_at_end),
	C(shoff_past_end),
	C(shoff_wraps),
	C(shoff_unaligned),
	C(shnum_zero),
	C(shnum_one_more),
	C(shnum_huge),
	C(shnum_max),
	C(shstrndx_zero),
	C(shstrndx_past),
	C(shstrndx_not_strtab),
	C(shstrtab_unterminated),
	C(sh_name_past),
	C(text_offset_past_end),
	C(text_offset_wraps),
	C(text_size_past_end),
	C(text_size_huge),
	C(bss_size_huge),
	C(text_align_3),
	C(text_align_huge),
	C(symtab_size_past_end),
	C(symtab_size_odd),
	C(symtab_entsize),
	C(symtab_offset_unaligned),
	C(symtab_link_past),
	C(symtab_link_not_strtab),
	C(no_symtab),
	C(two_symtabs),
	C(strtab_unterminated),
	M(symtab_over_headers, "section headers and symbols overlap"),
	C(strtab_over_headers),
	C(rela_section),
	C(rel_size_past_end),
	C(rel_size_odd),
	C(rel_entsize),
	C(rel_info_zero),
	C(rel_info_past),
	C(rel_link_not_symtab),
	C(rel_on_bss),
	C(st_shndx_past),
	C(st_shndx_reserved),
	M(st_shndx_common, "please compile with -fno-common"),
	C(st_name_past),
	C(st_name_huge),
	C(st_value_past),
	C(st_size_past),
	C(undefined_nameless),
	C(r_offset_at_end),
	C(r_offset_straddles),
	C(r_offset_wraps),
	C(r_sym_past),
	C(r_sym_huge),
	C(r_sym_zero),
	M(r_type_unknown, "relocs: unknown relocation: 254 in .rodata"),
	M(r_type_abs16, "relocs: unsupported relocation R_ARM_ABS16 (5) in .rodata"),
	C(r_sym_not_loaded),
	C(call_on_push),
	C(movw_on_movt),
	C(movt_on_movw),
	C(v4bx_on_cmp),
	C(no_modinfo),
	C(modinfo_no_name),
	C(modinfo_empty_name),
	C(modinfo_name_slash),
	C(modinfo_unterminated),
	C(modinfo_nobits),
};

/* Of relocs_thumb.o: each Thumb type on an instruction it does not apply to. */
static const struct corruption thumb_corruptions[] = {
	M(thm_call_on_movw, "reloc 0: relocation 10 on instruction f2412034"),
	M(thm_call_on_bw, "relocation 10 on instruction f7ffbffe"),
	M(thm_jump24_on_bl, "relocation 30 on instruction"), /* a BL already relocated */
	M(thm_jump24_on_bcond, "relocation 30 on instruction f43faffe"),
	M(thm_jump19_on_bw, "relocation 51 on instruction"), /* a B.W already relocated */
	M(thm_jump19_always, "relocation 51 on instruction f7bfaffe"),
	M(thm_movw_on_movt, "relocation 47 on instruction f2c12034"),
	M(thm_movt_on_movw, "relocation 48 on instruction f2412035"), /* movw relocated: 0x2035 */
	M(r_type_thm_jump11,
	  "relocs_thumb: unsupported relocation R_ARM_THM_JUMP11 (102) in .text"),
};
#undef C
#undef M

/* value: what every undefined symbol resolves to (for relocs_thumb.o, odd:
 * Thumb code, which its branches to ext_thumb_func+6 need). */
static void corrupt_each(const struct blob *obj, u32 value, const struct corruption *list,
			 unsigned int n)
{
	for (unsigned int c = 0; c < n; c++) {
		struct image im = { malloc(obj->size), obj->size, NULL, NULL };

		assert_non_null(im.data);
		memcpy(im.data, obj->data, im.size);
		im.hdr = (Elf32_Ehdr *)im.data;
		im.sh = (Elf32_Shdr *)(im.data + im.hdr->e_shoff);
		list[c].corrupt(&im);
		expect_refused(im.data, im.size, value, list[c].name, list[c].message);
		free(im.data);
	}
}

static void test_corrupted(void **state)
{
	(void)state;
	corrupt_each(&relocs_o, 0xc0100000, corruptions, ARRAY_SIZE(corruptions));
	/* loaded whole, relocs_thumb.o is not refused */
	struct resolver r = { NULL, 0, 0, true, 0xc0100001 };
	assert_int_equal(
		load(&current, relocs_thumb_o.data, relocs_thumb_o.size, core_addr, init_addr, &r),
		0);
	unload(&current);
	corrupt_each(&relocs_thumb_o, 0xc0100001, thumb_corruptions, ARRAY_SIZE(thumb_corruptions));
}

/* ---- f. the kallsyms table ------------------------------------------------ */

/* nm's line for name: its letter and size (0 if nm gives none). */
static bool nm_symbol(const char *name, char *type, u32 *size)
{
	for (const char *line = relocs_nm; *line; line = strchr(line, '\n') + 1) {
		char field[3][64];
		int n = sscanf(line, "%63s %63s %63s", field[0], field[1], field[2]);

		if (n == 3 && !strcmp(field[2], name) &&
		    strlen(field[1]) == 1) { /* value type name */
			*type = field[1][0];
			*size = 0;
			return true;
		}
		if (n == 3 && strlen(field[2]) == 1) { /* value size type name */
			char last[64];

			if (sscanf(line, "%*s %*s %*s %63s", last) == 1 && !strcmp(last, name)) {
				*type = field[2][0];
				*size = (u32)strtoul(field[1], NULL, 16);
				return true;
			}
		}
		if (!strchr(line, '\n'))
			break;
	}
	return false;
}

static void test_kallsyms_table(void **state)
{
	struct loaded *m = &current;
	const struct module_sym *table;
	const char *names;
	unsigned int functions = 0;

	(void)state;
	assert_int_equal(load_relocs(m, ext_func, NULL), 0);
	/* The table and its names fit in the core region, after the data. */
	assert_true(m->info.ksyms % 4 == 0 && m->info.ksyms >= 0x2020 + 0x5c);
	assert_true(m->info.ksyms + m->info.num_ksyms * sizeof(struct module_sym) +
			    m->info.ksym_names <=
		    m->info.core.size);
	table = (const struct module_sym *)(m->core + m->info.ksyms);
	names = (const char *)(table + m->info.num_ksyms);

	/* relocs.o's functions and objects, nothing else: no $a/$d, no
	 * section or file symbol, nothing undefined. */
	assert_int_equal(m->info.num_ksyms, 12);
	for (u32 i = 0; i < m->info.num_ksyms; i++) {
		const char *name = names + table[i].name;
		char type;
		u32 size;

		assert_true(table[i].name < m->info.ksym_names);
		assert_true(name[0] != '$' && name[0] != '.');
		if (!nm_symbol(name, &type, &size))
			fail_msg("%s: in the table, not in nm's output", name);
		if (table[i].type != type || table[i].size != size)
			fail_msg("%s: %c %u, nm says %c %u", name, table[i].type, table[i].size,
				 type, size);
		assert_int_equal(table[i].value, elf_symbol_value(&relocs_elf, name));
		assert_int_equal(table[i].init,
				 table[i].value >= init_addr &&
					 table[i].value < init_addr + m->info.init.size);
		functions += type == 't' || type == 'T';
	}
	assert_int_equal(functions, 5); /* text_fn text_local v4bx_fn init_fn init_local */

	/* A few by name, against nm -S. */
	static const struct {
		const char *name;
		char type;
		u32 size;
		bool init;
	} expected[] = {
		{ "text_fn", 'T', 0x40, false },    { "text_local", 't', 0x14, false },
		{ "init_fn", 'T', 0x1c, true },	    { "init_local", 't', 0x8, true },
		{ "ro_local", 'r', 0x20, false },   { "ro_global", 'R', 8, false },
		{ "data_local", 'd', 0x14, false }, { "data_global", 'D', 8, false },
		{ "bss_local", 'b', 0x50, false },  { "bss_global", 'B', 12, false },
		{ "init_data", 'd', 8, true },
	};
	for (unsigned int e = 0; e < ARRAY_SIZE(expected); e++) {
		char type;
		u32 size, i;

		assert_true(nm_symbol(expected[e].name, &type, &size));
		assert_int_equal(type, expected[e].type);
		assert_int_equal(size, expected[e].size);
		for (i = 0;
		     i < m->info.num_ksyms && strcmp(names + table[i].name, expected[e].name); i++)
			;
		if (i == m->info.num_ksyms)
			fail_msg("%s: not in the table", expected[e].name);
		assert_int_equal(table[i].type, expected[e].type);
		assert_int_equal(table[i].size, expected[e].size);
		assert_int_equal(table[i].init, expected[e].init);
	}
	unload(m);
}

/* relocs_thumb.o's: its functions at their addresses, a Thumb one's
 * without bit 0 (what nm, /proc/kallsyms and %pS show), sizes as ld has
 * them. */
static void test_thumb_kallsyms_table(void **state)
{
	struct loaded *m = &current;
	struct thumb_resolver tr;
	const struct module_sym *table;
	const char *names;
	unsigned int functions = 0, thumb = 0;
	u32 other;

	(void)state;
	assert_int_equal(load_thumb(m, &relocs_thumb_o, ext_thumb_func, ext_arm_func, &tr), 0);
	table = (const struct module_sym *)(m->core + m->info.ksyms);
	names = (const char *)(table + m->info.num_ksyms);
	/* thumb_fn thumb_local other_label arm_local ro_local data_local init_fn init_local */
	assert_int_equal(m->info.num_ksyms, 8);
	for (u32 i = 0; i < m->info.num_ksyms; i++) {
		const char *name = names + table[i].name;
		const Elf32_Sym *ld = elf_find_symbol(&relocs_thumb_elf, name, NULL);
		bool function;

		if (!ld)
			fail_msg("%s: in the table, not in ld's", name);
		function = ELF32_ST_TYPE(ld->st_info) == STT_FUNC;
		if (table[i].value != (ld->st_value & (function ? ~1u : ~0u)) ||
		    table[i].size != ld->st_size)
			fail_msg("%s: %#x (%u bytes), ld's %#x (%u bytes)", name, table[i].value,
				 table[i].size, ld->st_value, ld->st_size);
		if (function)
			assert_int_equal(table[i].type,
					 ELF32_ST_BIND(ld->st_info) == STB_LOCAL ? 't' : 'T');
		functions += function;
		thumb += function && (ld->st_value & 1);
	}
	assert_int_equal(functions, 5);
	assert_int_equal(thumb, 4); /* all but arm_local */
	/* thumb_local starts .text.other: an even address */
	(void)placed_section(m, ".text.other", &other);
	for (u32 i = 0; i < m->info.num_ksyms; i++)
		if (!strcmp(names + table[i].name, "thumb_local"))
			assert_int_equal(table[i].value, other);
	unload(m);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_relocations_match_ld, release),
		cmocka_unit_test_teardown(test_thumb_relocations_match_ld, release),
		cmocka_unit_test_teardown(test_layout, release),
		cmocka_unit_test_teardown(test_every_type_in_relocs_o, release),
		cmocka_unit_test_teardown(test_every_type_in_relocs_thumb_o, release),
		cmocka_unit_test_teardown(test_veneers_out_of_range, release),
		cmocka_unit_test_teardown(test_veneers_for_thumb, release),
		cmocka_unit_test_teardown(test_thumb_veneers_out_of_range, release),
		cmocka_unit_test_teardown(test_thumb_to_arm, release),
		cmocka_unit_test_teardown(test_thumb_to_unaligned_arm, release),
		cmocka_unit_test_teardown(test_branch_range_limits, release),
		cmocka_unit_test_teardown(test_thumb_branch_range_limits, release),
		cmocka_unit_test_teardown(test_prel31_range, release),
		cmocka_unit_test_teardown(test_unknown_symbol, release),
		cmocka_unit_test_teardown(test_weak_symbol, release),
		cmocka_unit_test_teardown(test_tls_le32_refused, release),
		cmocka_unit_test_teardown(test_truncated, release),
		cmocka_unit_test_teardown(test_corrupted, release),
		cmocka_unit_test_teardown(test_kallsyms_table, release),
		cmocka_unit_test_teardown(test_thumb_kallsyms_table, release),
	};
	int failed;

	if (argc != 2) {
		fprintf(stderr, "usage: %s FIXTURES_DIR\n", argv[0]);
		return 2;
	}
	fixtures_dir = argv[1];
	if (load_fixture("relocs.o", &relocs_o) || load_fixture("relocs.elf", &relocs_elf) ||
	    load_fixture("relocs_thumb.o", &relocs_thumb_o) ||
	    load_fixture("relocs_thumb.elf", &relocs_thumb_elf) ||
	    load_fixture("thumb_to_arm.o", &thumb_to_arm_o) ||
	    load_fixture("tls_le32.o", &tls_le32_o) ||
	    !(relocs_objdump = load_text("relocs.objdump")) ||
	    !(relocs_nm = load_text("relocs.nm")))
		return 2;
	failed = cmocka_run_group_tests_name("module_elf", tests, read_oracle_addresses, NULL);
	free(relocs_o.data);
	free(relocs_elf.data);
	free(relocs_thumb_o.data);
	free(relocs_thumb_elf.data);
	free(thumb_to_arm_o.data);
	free(tls_le32_o.data);
	free(relocs_objdump);
	free(relocs_nm);
	return failed;
}
