/* Linker lists: tables the linker assembles from entries declared anywhere in
 * the tree (boot parameters, initcalls, self-tests, drivers, trace events...).
 * A new list needs no linker-script edit.
 *
 * The header that owns a list declares it once, with the type of its entries
 * and the region of the image they live in:
 *
 *   LL_LIST(ktest, rodata, const struct ktest_case);
 *
 *   rodata  constant entries that stay after boot
 *   data    entries the kernel writes to (a trace event's enabled flag)
 *   init    entries only the boot uses: released with the init memory
 *
 * Entries go anywhere, each a variable of the list's type:
 *
 *   static LL_ENTRY(ktest, rodata, my_test) = { .name = "my_test", .run = my_test };
 *
 * and the owner walks them:
 *
 *   ll_foreach(ktest, t)
 *           t->run();
 *   n = ll_count(ktest);
 *
 * How: an entry of list L in region R goes to the input section .ll.R.L.1;
 * ll_start/ll_end are zero-sized markers in .ll.R.L.0 and .ll.R.L.2, emitted
 * by whichever file walks the list. The linker script keeps the .ll.R.*
 * sections sorted by name (SORT_BY_NAME), which puts each list's markers
 * around its entries; entries of one list share one section name, so they
 * stay in link order: the order of obj-y in the Makefiles, then the order in
 * the file (built with -fno-toplevel-reorder). The entries of a list must
 * all be declared with that list's region: the linker script ASSERTs each
 * region's lists sit inside the region's output section. */
#ifndef KERNEL_LINKER_LISTS_H
#define KERNEL_LINKER_LISTS_H

#include <kernel/compiler.h>

#define __ll_section(region, list, part) __section(".ll." #region "." #list "." #part)

/* The marker's address, hidden from the optimizer: the start and end markers
 * are different objects as far as C knows, so comparing pointers derived
 * from them would otherwise be undefined. */
#define __ll_hide(ptr)                                                                         \
	({                                                                                     \
		__typeof__(ptr) __p = (ptr);                                                   \
		__asm__("" : "+r"(__p));                                               \
		__p;                                                                           \
	})

#ifndef HOST_TEST
/* Declare list `list` of entries of `type` in `region` (rodata, data, init). */
#define LL_LIST(list, region, type)                                                           \
	typedef type __ll_type_##list;                                                         \
	static inline __ll_type_##list *__ll_start_##list(void)                               \
	{                                                                                      \
		static __ll_type_##list __start[0] __used __ll_section(region, list, 0);      \
		return __ll_hide(&*__start);                                                 \
	}                                                                                      \
	static inline __ll_type_##list *__ll_end_##list(void)                                 \
	{                                                                                      \
		static __ll_type_##list __end[0] __used __ll_section(region, list, 2);        \
		return __ll_hide(&*__end);                                                   \
	}                                                                                      \
	typedef int __ll_declared_##list /* so the declaration ends with a ';' */
#else
/* Host unit tests link without initk's linker script: one section per list,
 * named like a C identifier, so the host linker's __start_/__stop_ symbols
 * bound it (a test walking a list builds with --param asan-globals=0: no
 * AddressSanitizer red zones between the entries). */
#undef __ll_section
#define __ll_section(region, list, part) __section("ll_" #list)
#define LL_LIST(list, region, type)                                                           \
	typedef type __ll_type_##list;                                                         \
	extern __ll_type_##list __start_ll_##list[] __attribute__((weak));                     \
	extern __ll_type_##list __stop_ll_##list[] __attribute__((weak));                      \
	static inline __ll_type_##list *__ll_start_##list(void)                               \
	{                                                                                      \
		return __ll_hide(&__start_ll_##list[0]);                                       \
	}                                                                                      \
	static inline __ll_type_##list *__ll_end_##list(void)                                 \
	{                                                                                      \
		return __ll_hide(&__stop_ll_##list[0]);                                        \
	}                                                                                      \
	typedef int __ll_declared_##list
#endif

/* One entry of list: a variable named __ll_<list>_<name>. Put storage (static)
 * and an initializer around it. */
#define LL_ENTRY(list, region, name) __LL_ENTRY(list, region, name)
#define __LL_ENTRY(list, region, name)                                                         \
	__ll_type_##list __ll_##list##_##name __used                                           \
		__aligned(__alignof__(__ll_type_##list)) __ll_section(region, list, 1)

/* The entry variable itself (for code next to the declaration). */
#define ll_entry(list, name) (__ll_##list##_##name)

#define ll_start(list) __ll_start_##list()
#define ll_end(list) __ll_end_##list()
#define ll_count(list) ((unsigned int)(ll_end(list) - ll_start(list)))
#define ll_foreach(list, var)                                                                  \
	for (__ll_type_##list *var = ll_start(list), *__end_##var = ll_end(list);              \
	     var < __end_##var; var++)

#endif
