/* Loadable modules, as Linux's <linux/module.h> and <linux/moduleparam.h>.
 *
 * The same source builds into the kernel (obj-y) or as a module (obj-m,
 * compiled with -DMODULE -DKBUILD_MODNAME=\"name\"):
 *
 *   static int count = 1;
 *   module_param(count, int, 0444);
 *   MODULE_PARM_DESC(count, "how many");
 *   int hello_count(void) { return count; }
 *   EXPORT_SYMBOL(hello_count);            // other modules may call it
 *   static int __init hello_init(void) { ... }
 *   postcore_initcall(hello_init);         // module_init() in a module
 *   MODULE_LICENSE("GPL");
 *
 * Built in, module_param and MODULE_* keep nothing; EXPORT_SYMBOL puts the
 * symbol in the kernel's export table (a linker list). In a module they
 * become the sections the loader reads (kernel/module/main.c): .modinfo,
 * __param, __ksymtab and __ksymtab_gpl. A module may use only exported
 * symbols; _GPL ones only if its license is GPL-compatible. */
#ifndef KERNEL_MODULE_H
#define KERNEL_MODULE_H

#include <kernel/compiler.h>
#include <kernel/init.h>
#include <kernel/linker_lists.h>
#include <kernel/types.h>

struct kernel_symbol {
	unsigned long value;
	const char *name;
};

#ifdef MODULE
#define __EXPORT_SYMBOL(sym, sec)                                                              \
	static const struct kernel_symbol __ksymtab_##sym __used __section(sec) __aligned(4) = { \
		(unsigned long)&sym, #sym }
#define EXPORT_SYMBOL(sym) __EXPORT_SYMBOL(sym, "__ksymtab")
#define EXPORT_SYMBOL_GPL(sym) __EXPORT_SYMBOL(sym, "__ksymtab_gpl")
#else
LL_LIST(ksymtab, rodata, const struct kernel_symbol);
LL_LIST(ksymgpl, rodata, const struct kernel_symbol);
#define EXPORT_SYMBOL(sym) static LL_ENTRY(ksymtab, rodata, sym) = { (unsigned long)&sym, #sym }
#define EXPORT_SYMBOL_GPL(sym) static LL_ENTRY(ksymgpl, rodata, sym) = { (unsigned long)&sym, #sym }
#endif

/* .modinfo: "tag=value" strings, read by the loader and by modinfo. */
#ifdef MODULE
#define MODULE_INFO(tag, info)                                                                 \
	static const char __concat(__modinfo_, __COUNTER__)[] __used __section(".modinfo")    \
		__aligned(1) = #tag "=" info
#else
#define MODULE_INFO(tag, info) extern int __modinfo_built_in
#endif
#define MODULE_LICENSE(_license) MODULE_INFO(license, _license)
#define MODULE_AUTHOR(_author) MODULE_INFO(author, _author)
#define MODULE_DESCRIPTION(_text) MODULE_INFO(description, _text)
#define MODULE_PARM_DESC(name, text) MODULE_INFO(parm, #name ":" text)

/* module_param(name, type, perm): type int, uint, bool or charp, checked
 * against the variable's own type. insmod x.ko name=value sets it before
 * the module's init runs. */
enum kernel_param_type { PARAM_INT, PARAM_UINT, PARAM_BOOL, PARAM_CHARP };

struct kernel_param {
	const char *name;
	void *arg;
	u16 perm;
	u8 type;
};

#define __param_ctype_int int
#define __param_ctype_uint unsigned int
#define __param_ctype_bool bool
#define __param_ctype__Bool bool /* bool is a macro: it arrives expanded */
#define __param_ctype_charp char *
#define __param_type_int PARAM_INT
#define __param_type_uint PARAM_UINT
#define __param_type_bool PARAM_BOOL
#define __param_type_charp PARAM_CHARP

#define __param_check(name, type)                                                              \
	_Static_assert(__builtin_types_compatible_p(__typeof__(name), __param_ctype_##type),   \
		       "module_param " #name ": the variable is not of type " #type)
#ifdef MODULE
#define module_param(name, type, perm)                                                         \
	__param_check(name, type);                                                             \
	static const struct kernel_param __param_##name __used __section("__param")           \
		__aligned(4) = { #name, &name, perm, __param_type_##type };                    \
	MODULE_INFO(parmtype, #name ":" #type)
#else
#define module_param(name, type, perm) __param_check(name, type)
#endif

/* --- The kernel side (kernel/module/main.c) -------------------------------- */
#ifndef MODULE
/* A module address: its symbol, size and offset, and the module's name. */
const char *module_address_lookup(unsigned long addr, unsigned long *size, unsigned long *offset,
				  const char **modname);
/* /proc/kallsyms' lines for module symbols: "addr t name\t[mod]". */
struct seq_buf;
void module_kallsyms_show(struct seq_buf *m);
/* Linux's taint mask (/proc/sys/kernel/tainted): bit 0 P, bit 12 O. */
unsigned long kernel_tainted(void);
/* "Modules linked in: a b(O)", for oops reports. */
void print_modules(void);
/* insmod, rmmod: 0 or a negative errno, messages in Linux's words. */
int load_module(void *image, size_t len, const char *args);
int delete_module(const char *name);
#endif

#endif
