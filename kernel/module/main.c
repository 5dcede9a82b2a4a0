/* Loadable modules: insertion (the ELF work is kernel/module/elf.c), the
 * module's init through the boot's own do_one_initcall, removal, and what
 * the rest of the kernel asks about modules: symbols for %pS and
 * /proc/kallsyms, /proc/modules, the oops report's module list.
 *
 * The list changes only in the shell's insmod and rmmod (one CPU, the
 * boot CPU's thread); readers on other CPUs (%pS in an interrupt) walk it
 * without a lock, which a module freed under them could break: rmmod of a
 * module whose code another CPU still runs is not guarded against. */
#include <asm/cp15.h>
#include <asm/set_memory.h>
#include <asm/setup.h>
#include <kernel/errno.h>
#include <kernel/fs.h>
#include <kernel/init.h>
#include <kernel/module.h>
#include <kernel/module_elf.h>
#include <kernel/params.h>
#include <kernel/printk.h>
#include <kernel/slab.h>
#include <kernel/sprintf.h>
#include <kernel/string.h>
#include <kernel/version.h>

/* module_table()'s answer for a section that is there but malformed. */
#define ERR_TABLE ((const void *)-1)

enum module_state { MODULE_STATE_LIVE, MODULE_STATE_COMING, MODULE_STATE_GOING };

#define TAINT_PROPRIETARY_MODULE 0
#define TAINT_OOT_MODULE 12

struct module {
	struct module *next;
	char name[MODULE_NAME_LEN];
	enum module_state state;
	void *core_alloc, *init_alloc; /* as kmalloc gave them */
	struct mod_region core, init;
	const struct module_sym *syms;
	u32 num_syms;
	const char *symnames;
	const struct kernel_symbol *exports[2]; /* __ksymtab, __ksymtab_gpl */
	u32 num_exports[2];
	int (*init_fn)(void);
	void (*exit_fn)(void);
	struct module **uses; /* the modules whose symbols this one uses */
	u32 num_uses;
	char *args; /* charp parameters point into it */
	bool gpl;
	unsigned long taints; /* Linux's bits: TAINT_* */
};

static struct module *modules; /* newest first, as Linux lists them */
static unsigned long tainted;
static char last_unloaded[MODULE_NAME_LEN + 8];

unsigned long kernel_tainted(void)
{
	return tainted;
}

static struct module *find_module(const char *name)
{
	for (struct module *mod = modules; mod; mod = mod->next)
		if (!strcmp(mod->name, name))
			return mod;
	return NULL;
}

static bool within(const struct mod_region *r, unsigned long addr)
{
	return r->size && addr - r->addr < r->size;
}

/* --- Symbols ----------------------------------------------------------------- */

static const struct kernel_symbol *find_in(const struct kernel_symbol *start, u32 n, const char *name)
{
	for (u32 i = 0; i < n; i++)
		if (!strcmp(start[i].name, name))
			return &start[i];
	return NULL;
}

/* An exported symbol: from the kernel, or a live module (returned in *owner). */
static const struct kernel_symbol *find_symbol(const char *name, bool gplok, struct module **owner)
{
	const struct kernel_symbol *sym;

	*owner = NULL;
	sym = find_in(ll_start(ksymtab), ll_count(ksymtab), name);
	if (!sym && gplok)
		sym = find_in(ll_start(ksymgpl), ll_count(ksymgpl), name);
	for (struct module *mod = modules; !sym && mod; mod = mod->next) {
		if (mod->state != MODULE_STATE_LIVE)
			continue;
		for (int gpl = 0; gpl <= (int)gplok && !sym; gpl++)
			sym = find_in(mod->exports[gpl], mod->num_exports[gpl], name);
		if (sym)
			*owner = mod;
	}
	return sym;
}

static int resolve_symbol(void *ctx, const char *name, u32 *value)
{
	struct module *mod = ctx, *owner, **uses;
	const struct kernel_symbol *sym = find_symbol(name, mod->gpl, &owner);

	if (!sym)
		return -ENOENT;
	*value = sym->value;
	if (!owner)
		return 0;
	for (u32 i = 0; i < mod->num_uses; i++)
		if (mod->uses[i] == owner)
			return 0;
	uses = krealloc(mod->uses, (mod->num_uses + 1) * sizeof(*uses));
	if (!uses)
		return -ENOMEM;
	uses[mod->num_uses++] = owner;
	mod->uses = uses;
	return 0;
}

static bool symbol_gone(const struct module *mod, const struct module_sym *s)
{
	return s->init && !mod->init.size;
}

const char *module_address_lookup(unsigned long addr, unsigned long *size, unsigned long *offset,
				  const char **modname)
{
	for (const struct module *mod = modules; mod; mod = mod->next) {
		const struct module_sym *best = NULL;
		unsigned long end;

		if (!within(&mod->core, addr) && !within(&mod->init, addr))
			continue;
		/* The last symbol at or below addr; of several at one address, the
		 * first in the table (a local name before its global alias). */
		for (u32 i = 0; i < mod->num_syms; i++) {
			const struct module_sym *s = &mod->syms[i];

			if (!symbol_gone(mod, s) && s->value <= addr && (!best || s->value > best->value))
				best = s;
		}
		if (!best)
			return NULL;
		end = best->value + best->size;
		if (!best->size) { /* an assembler label: up to the next symbol */
			end = within(&mod->core, addr) ? mod->core.addr + mod->core.size
						       : mod->init.addr + mod->init.size;
			for (u32 i = 0; i < mod->num_syms; i++)
				if (mod->syms[i].value > best->value && mod->syms[i].value < end &&
				    !symbol_gone(mod, &mod->syms[i]))
					end = mod->syms[i].value;
		}
		if (size)
			*size = end - best->value;
		if (offset)
			*offset = addr - best->value;
		if (modname)
			*modname = mod->name;
		return mod->symnames + best->name;
	}
	return NULL;
}

static bool exported(const struct module *mod, const char *name)
{
	return find_in(mod->exports[0], mod->num_exports[0], name) != NULL;
}

void module_kallsyms_show(struct seq_buf *m)
{
	for (const struct module *mod = modules; mod; mod = mod->next) {
		for (u32 i = 0; i < mod->num_syms; i++) {
			const struct module_sym *s = &mod->syms[i];
			const char *name = mod->symnames + s->name;
			char type = s->type | 0x20; /* lower case unless in __ksymtab, as Linux */

			if (symbol_gone(mod, s))
				continue;
			if (exported(mod, name))
				type = (char)(type - 'a' + 'A');
			seq_printf(m, "%08x %c %s\t[%s]\n", s->value, type, name, mod->name);
		}
	}
}

/* --- Taints, /proc/modules, the oops list ------------------------------------- */

static void add_taint(struct module *mod, unsigned int flag)
{
	tainted |= 1ul << flag;
	mod->taints |= 1ul << flag;
}

/* "(PO)" (in Linux's bit order), "(O+)" while loading, "(O-)" while
 * unloading; "" for neither. */
static char *module_flags(const struct module *mod, char *buf)
{
	char *p = buf;

	if (mod->taints || mod->state != MODULE_STATE_LIVE) {
		*p++ = '(';
		if (mod->taints & (1ul << TAINT_PROPRIETARY_MODULE))
			*p++ = 'P';
		if (mod->taints & (1ul << TAINT_OOT_MODULE))
			*p++ = 'O';
		if (mod->state != MODULE_STATE_LIVE)
			*p++ = mod->state == MODULE_STATE_GOING ? '-' : '+';
		*p++ = ')';
	}
	*p = '\0';
	return buf;
}

void print_modules(void)
{
	char line[256], flags[8];
	size_t n = scnprintf(line, sizeof(line), "Modules linked in:");

	for (const struct module *mod = modules; mod; mod = mod->next)
		n += scnprintf(line + n, sizeof(line) - n, " %s%s", mod->name, module_flags(mod, flags));
	if (last_unloaded[0])
		n += scnprintf(line + n, sizeof(line) - n, " [last unloaded: %s]", last_unloaded);
	printk(KERN_EMERG "%s\n", line);
}

static bool uses(const struct module *user, const struct module *mod)
{
	for (u32 i = 0; i < user->num_uses; i++)
		if (user->uses[i] == mod)
			return true;
	return false;
}

static unsigned int refcount(const struct module *mod)
{
	unsigned int n = 0;

	for (const struct module *user = modules; user; user = user->next)
		n += uses(user, mod);
	return n;
}

static void show_modules(struct seq_buf *m, void *data)
{
	char flags[8];

	(void)data;
	for (const struct module *mod = modules; mod; mod = mod->next) {
		bool any = false;

		seq_printf(m, "%s %u %u ", mod->name, mod->core.size + mod->init.size, refcount(mod));
		for (const struct module *user = modules; user; user = user->next) {
			if (uses(user, mod)) {
				seq_printf(m, "%s,", user->name);
				any = true;
			}
		}
		if (mod->init_fn && !mod->exit_fn) {
			seq_puts(m, "[permanent],");
			any = true;
		}
		seq_printf(m, "%s %s 0x%08x", any ? "" : "-",
			   mod->state == MODULE_STATE_GOING	? "Unloading"
			   : mod->state == MODULE_STATE_COMING ? "Loading"
								  : "Live",
			   mod->core.addr);
		if (mod->taints)
			seq_printf(m, " %s", module_flags(mod, flags));
		seq_puts(m, "\n");
	}
}
static const struct file_operations modules_fops = { .show = show_modules };
PSEUDO_FILE("proc", proc_modules, "modules", 0444, &modules_fops, NULL);

static void show_tainted(struct seq_buf *m, void *data)
{
	(void)data;
	seq_printf(m, "%lu\n", tainted);
}
static const struct file_operations tainted_fops = { .show = show_tainted };
PSEUDO_FILE("proc", proc_sys_kernel_tainted, "sys/kernel/tainted", 0444, &tainted_fops, NULL);

/* --- Parameters ---------------------------------------------------------------- */

static int set_param(const struct kernel_param *kp, char *value)
{
	long n;
	unsigned long u;
	bool b;

	switch (kp->type) {
	case PARAM_INT:
		if (!value || param_parse_int(value, &n) || n < -0x7fffffffl - 1 || n > 0x7fffffffl)
			return -EINVAL;
		*(int *)kp->arg = (int)n;
		return 0;
	case PARAM_UINT: /* up to 4294967295, as Linux's kstrtouint */
		if (!value || param_parse_ulong(value, &u))
			return -EINVAL;
		*(unsigned int *)kp->arg = (unsigned int)u;
		return 0;
	case PARAM_BOOL: /* "b" alone is true; "b=" is not a value */
		if ((value && !*value) || param_parse_bool(value, &b))
			return -EINVAL;
		*(bool *)kp->arg = b;
		return 0;
	case PARAM_CHARP:
		if (!value)
			return -EINVAL;
		*(char **)kp->arg = value;
		return 0;
	}
	return -EINVAL;
}

/* "a=1 s=str": every known name set (a bad value fails the load, with
 * -EINVAL), unknown names ignored with a warning, as Linux 6.1 does. */
static int parse_module_args(struct module *mod, const struct kernel_param *kp, u32 num)
{
	char *args = mod->args, *name, *value;
	int ret = 0;

	while (args && *args) {
		const struct kernel_param *p = NULL;
		int err;

		args = next_arg(args, &name, &value);
		if (!*name)
			continue;
		for (u32 i = 0; i < num && !p; i++)
			if (!strcmp(kp[i].name, name))
				p = &kp[i];
		if (!p) {
			pr_warn("%s: unknown parameter '%s' ignored\n", mod->name, name);
			continue;
		}
		err = set_param(p, value);
		if (err) {
			pr_err("%s: `%s' invalid for parameter `%s'\n", mod->name, value ? value : "", name);
			ret = err;
		}
	}
	return ret;
}

/* --- Loading ----------------------------------------------------------------- */

static bool license_is_gpl_compatible(const char *license)
{
	static const char *const gpl[] = { "GPL", "GPL v2", "GPL and additional rights",
					   "Dual BSD/GPL", "Dual MIT/GPL", "Dual MPL/GPL" };

	for (unsigned int i = 0; i < ARRAY_SIZE(gpl); i++)
		if (!strcmp(license, gpl[i]))
			return true;
	return false;
}

static int check_modinfo(struct module *mod, const struct load_info *info)
{
	const char *magic = mod_elf_modinfo(info, "vermagic", NULL);
	const char *license = mod_elf_modinfo(info, "license", NULL);

	if (!magic || strcmp(magic, VERMAGIC_STRING)) {
		pr_err("%s: version magic '%s' should be '%s'\n", mod->name, magic ? magic : "",
		       VERMAGIC_STRING);
		return -ENOEXEC;
	}
	if (!mod_elf_modinfo(info, "intree", NULL)) {
		if (!(tainted & (1ul << TAINT_OOT_MODULE)))
			pr_warn("%s: loading out-of-tree module taints kernel.\n", mod->name);
		add_taint(mod, TAINT_OOT_MODULE);
	}
	if (!license)
		license = "unspecified";
	mod->gpl = license_is_gpl_compatible(license);
	if (!mod->gpl) {
		if (!(tainted & (1ul << TAINT_PROPRIETARY_MODULE)))
			pr_warn("%s: module license '%s' taints kernel.\n", mod->name, license);
		add_taint(mod, TAINT_PROPRIETARY_MODULE);
	}
	return 0;
}

static void *alloc_region(struct mod_region *r, void **raw)
{
	u8 *p;

	*raw = NULL;
	if (!r->size)
		return (void *)1; /* nothing to allocate */
	p = kmalloc(r->size + MODULE_PAGE_SIZE - 1);
	if (!p)
		return NULL;
	*raw = p;
	r->host = (u8 *)ALIGN((unsigned long)p, MODULE_PAGE_SIZE);
	r->addr = (u32)(unsigned long)r->host;
	return p;
}

/* A table the module's own relocations filled in (exports, parameters):
 * every pointer in it must point into the module. */
static bool in_module(const struct module *mod, unsigned long addr, unsigned long size)
{
	return (within(&mod->core, addr) && within(&mod->core, addr + size - 1)) ||
	       (within(&mod->init, addr) && within(&mod->init, addr + size - 1));
}

/* A NUL-terminated string in the module (in its core if core_only). */
static bool string_in_module(const struct module *mod, const char *s, bool core_only)
{
	unsigned long a = (unsigned long)s;
	const struct mod_region *r = within(&mod->core, a) || core_only ? &mod->core : &mod->init;

	return within(r, a) && memchr(s, '\0', r->addr + r->size - a);
}

static bool overlaps(unsigned long a, unsigned long size, unsigned long b, unsigned long len)
{
	return len && a < b + len && b < a + size;
}

static const void *module_table(struct module *mod, struct load_info *info, const char *section,
				size_t entry, u32 *count)
{
	unsigned int index = mod_elf_find_section(info, section);
	const void *table;
	u32 addr;

	*count = 0;
	if (!index)
		return NULL;
	table = mod_elf_section(info, index, &addr);
	if (!table || info->sechdrs[index].sh_size % entry || addr % 4) {
		pr_err("%s: invalid %s section\n", mod->name, section);
		return ERR_TABLE;
	}
	*count = info->sechdrs[index].sh_size / entry;
	return table;
}

static int find_module_sections(struct module *mod, struct load_info *info,
				const struct kernel_param **params, u32 *num_params)
{
	static const char *const ksymtab[2] = { "__ksymtab", "__ksymtab_gpl" };

	for (int gpl = 0; gpl < 2; gpl++) {
		const struct kernel_symbol *syms =
			module_table(mod, info, ksymtab[gpl], sizeof(*syms), &mod->num_exports[gpl]);

		if (syms == ERR_TABLE)
			return -ENOEXEC;
		for (u32 i = 0; i < mod->num_exports[gpl]; i++) {
			struct module *owner;

			/* what others call stays: an export in .init would be freed under them */
			if (!within(&mod->core, syms[i].value) || !string_in_module(mod, syms[i].name, true)) {
				pr_err("%s: invalid %s entry %u\n", mod->name, ksymtab[gpl], i);
				return -ENOEXEC;
			}
			if (find_symbol(syms[i].name, true, &owner)) {
				pr_err("%s: exports duplicate symbol %s (owned by %s)\n", mod->name,
				       syms[i].name, owner ? owner->name : "kernel");
				return -ENOEXEC;
			}
		}
		mod->exports[gpl] = syms;
	}
	*params = module_table(mod, info, "__param", sizeof(**params), num_params);
	if (*params == ERR_TABLE)
		return -ENOEXEC;
	for (u32 i = 0; i < *num_params; i++) {
		const struct kernel_param *kp = &(*params)[i];
		size_t size = kp->type == PARAM_BOOL ? sizeof(bool) : sizeof(int);
		unsigned long arg = (unsigned long)kp->arg;

		/* Setting one parameter must not rewrite the tables the loader
		 * checked (a param's own entry, the exports) or keeps (its
		 * symbol table, the veneers): their variables are plain data. */
		if (!string_in_module(mod, kp->name, false) || kp->type > PARAM_CHARP ||
		    !within(&mod->core, arg) || !within(&mod->core, arg + size - 1) || arg % size ||
		    overlaps(arg, size, (unsigned long)*params, *num_params * sizeof(**params)) ||
		    overlaps(arg, size, (unsigned long)mod->exports[0], mod->num_exports[0] * sizeof(struct kernel_symbol)) ||
		    overlaps(arg, size, (unsigned long)mod->exports[1], mod->num_exports[1] * sizeof(struct kernel_symbol)) ||
		    overlaps(arg, size, mod->core.addr + mod->core.veneers, mod->core.max_veneers * 8) ||
		    arg >= (unsigned long)mod->syms) {
			pr_err("%s: invalid __param entry %u\n", mod->name, i);
			return -ENOEXEC;
		}
	}
	return 0;
}

static int find_entry_points(struct module *mod, struct load_info *info)
{
	u32 init = mod_elf_symbol(info, "init_module"), exit = mod_elf_symbol(info, "cleanup_module");

	/* the exit runs at rmmod, long after the init region is gone; either
	 * is ARM (word-aligned) or Thumb (bit 0 set, a function pointer's) */
	if ((init && !in_module(mod, init & ~1u, 4)) || (exit && !within(&mod->core, exit)) ||
	    (init & 3) == 2 || (exit & 3) == 2) {
		pr_err("%s: init_module or cleanup_module misplaced (an exit may not be __init)\n", mod->name);
		return -ENOEXEC;
	}
	mod->init_fn = (int (*)(void))(unsigned long)init;
	mod->exit_fn = (void (*)(void))(unsigned long)exit;
	return 0;
}

/* Module text read-only and executable, rodata read-only; the rest (data,
 * the symbol table) stays as the heap's pages are, never executable. */
static int protect_region(const struct module *mod, const struct mod_region *r)
{
	int text = (int)(r->text_size / MODULE_PAGE_SIZE), ro = (int)(r->ro_size / MODULE_PAGE_SIZE);

	if (!r->size || !ro)
		return 0;
	if (set_memory_ro(r->addr, ro) || (text && set_memory_x(r->addr, text))) {
		pr_err("%s: module memory at %08x is not mapped by pages: cannot make its text "
		       "executable\n", mod->name, r->addr);
		return -ENOMEM;
	}
	return 0;
}

/* Back to heap pages, before the region goes back to the heap. */
static void unprotect_region(const struct mod_region *r)
{
	if (r->size && r->ro_size) {
		set_memory_nx(r->addr, (int)(r->ro_size / MODULE_PAGE_SIZE));
		set_memory_rw(r->addr, (int)(r->ro_size / MODULE_PAGE_SIZE));
	}
}

static void free_module(struct module *mod)
{
	unprotect_region(&mod->core);
	unprotect_region(&mod->init);
	kfree(mod->uses);
	kfree(mod->args);
	kfree(mod->core_alloc);
	kfree(mod->init_alloc);
	kfree(mod);
}

static void unlink_module(struct module *mod)
{
	for (struct module **p = &modules; *p; p = &(*p)->next) {
		if (*p == mod) {
			*p = mod->next;
			return;
		}
	}
}

/* Linux's do_init_module: the init through do_one_initcall, then the init
 * memory released (and its symbols with it). */
static int do_init_module(struct module *mod)
{
	int ret = 0;

	if (mod->init_fn) {
		initcall_set_level("module");
		ret = do_one_initcall(mod->init_fn);
	}
	if (ret < 0) {
		mod->state = MODULE_STATE_GOING;
		unlink_module(mod);
		free_module(mod);
		return ret;
	}
	if (ret > 0)
		pr_warn("do_init_module: '%s'->init suspiciously returned %d, it should follow 0/-E convention\n"
			"do_init_module: loading module anyway...\n", mod->name, ret);
	mod->state = MODULE_STATE_LIVE;
	unprotect_region(&mod->init);
	kfree(mod->init_alloc);
	mod->init_alloc = NULL;
	mod->init.size = 0;
	return 0;
}

int load_module(void *image, size_t len, const char *args)
{
	struct load_info info;
	struct module *mod;
	const struct kernel_param *params;
	u32 num_params;
	int ret;

	ret = mod_elf_check(&info, image, len);
	if (ret)
		return ret;
	if (find_module(info.name))
		return -EEXIST;
	mod = kzalloc(sizeof(*mod));
	if (!mod)
		return -ENOMEM;
	memcpy(mod->name, info.name, strlen(info.name) + 1);
	mod->state = MODULE_STATE_COMING;
	mod->args = kstrdup(args ? args : "");
	ret = mod->args ? check_modinfo(mod, &info) : -ENOMEM;
	if (!ret)
		ret = mod_elf_layout(&info);
	if (ret)
		goto fail;
	ret = -ENOMEM;
	if (!alloc_region(&info.core, &mod->core_alloc) || !alloc_region(&info.init, &mod->init_alloc))
		goto fail;
	mod->core = info.core;
	mod->init = info.init;
	mod_elf_place(&info);
	ret = mod_elf_resolve(&info, resolve_symbol, mod);
	if (!ret)
		ret = mod_elf_relocate(&info);
	if (ret)
		goto fail;
	mod->core = info.core;
	mod->init = info.init;
	mod_elf_symbols(&info);
	mod->syms = (const struct module_sym *)(info.core.host + info.ksyms);
	mod->num_syms = info.num_ksyms;
	mod->symnames = (const char *)(mod->syms + mod->num_syms);
	ret = find_module_sections(mod, &info, &params, &num_params);
	if (!ret)
		ret = find_entry_points(mod, &info);
	if (!ret)
		ret = parse_module_args(mod, params, num_params);
	if (ret)
		goto fail;
	if (mod->core.size)
		flush_icache_range(mod->core.addr, mod->core.addr + mod->core.size);
	if (mod->init.size)
		flush_icache_range(mod->init.addr, mod->init.addr + mod->init.size);
	ret = protect_region(mod, &mod->core);
	if (!ret)
		ret = protect_region(mod, &mod->init);
	if (ret)
		goto fail;
	mod->next = modules;
	dmb(); /* other CPUs' %pS see the module whole, or not at all */
	modules = mod;
	return do_init_module(mod);
fail:
	free_module(mod);
	return ret;
}

int delete_module(const char *name)
{
	struct module *mod = find_module(name);
	char flags[8];

	if (!mod)
		return -ENOENT;
	if (refcount(mod))
		return -EAGAIN; /* EWOULDBLOCK: other modules use it */
	if (mod->state != MODULE_STATE_LIVE || (mod->init_fn && !mod->exit_fn))
		return -EBUSY;
	mod->state = MODULE_STATE_GOING;
	if (mod->exit_fn)
		mod->exit_fn();
	mod->state = MODULE_STATE_LIVE; /* for the flags: the taints alone */
	scnprintf(last_unloaded, sizeof(last_unloaded), "%s%s", mod->name, module_flags(mod, flags));
	unlink_module(mod);
	free_module(mod);
	return 0;
}
