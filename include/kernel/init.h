/* Boot-time code and data, and the initcall levels (as Linux's init.h).
 *
 * __init code and __initdata live in .init.* sections that are released
 * after the last initcall level (free_initmem): calling them later faults.
 *
 * Each *_initcall(fn) adds fn to the linker list of its level
 * (include/kernel/linker_lists.h); the levels and their order are the table
 * in include/kernel/initcall_levels.h, which the linker script follows too.
 * Within a level initcalls keep link order (the order of obj-y in the
 * Makefiles, then the order in the file), exactly as Linux does. */
#ifndef KERNEL_INIT_H
#define KERNEL_INIT_H

#include <kernel/compiler.h>
#include <kernel/initcall_levels.h>
#include <kernel/linker_lists.h>
#include <kernel/types.h>

#define __init __section(".init.text") __noinline
#define __initdata __section(".init.data")
#define __initconst __section(".init.rodata")
/* Code or data that stays but references init memory on purpose, knowing
 * when it is safe (kernel_init calls the init steps before freeing them): the
 * init-reference check, scripts/check-layers.py, accepts these and only these. */
#define __ref __section(".ref.text") __noinline
#define __refdata __section(".ref.data")

/* Room the boot clears itself, only as far as it needs (head.S does not
 * clear it with .bss): large tables sized for the worst case. */
#define __noinit __section(".noinit")

typedef int (*initcall_t)(void);

/* One linker list per level: initcall_console, initcall_early, ... */
#define __initcall_level_list(level, event) LL_LIST(initcall_##level, init, const initcall_t);
INITCALL_LEVELS(__initcall_level_list)
#undef __initcall_level_list

#ifndef MODULE
#define __define_initcall(fn, level) static LL_ENTRY(initcall_##level, init, fn) = fn

/* One macro per level of the table (a level added there gets its line here). */
#define console_initcall(fn) __define_initcall(fn, console)
#define early_initcall(fn) __define_initcall(fn, early)
#define pure_initcall(fn) __define_initcall(fn, pure)
#define core_initcall(fn) __define_initcall(fn, core)
#define core_initcall_sync(fn) __define_initcall(fn, core_sync)
#define postcore_initcall(fn) __define_initcall(fn, postcore)
#define postcore_initcall_sync(fn) __define_initcall(fn, postcore_sync)
#define arch_initcall(fn) __define_initcall(fn, arch)
#define arch_initcall_sync(fn) __define_initcall(fn, arch_sync)
#define subsys_initcall(fn) __define_initcall(fn, subsys)
#define subsys_initcall_sync(fn) __define_initcall(fn, subsys_sync)
#define fs_initcall(fn) __define_initcall(fn, fs)
#define fs_initcall_sync(fn) __define_initcall(fn, fs_sync)
#define rootfs_initcall(fn) __define_initcall(fn, rootfs)
#define device_initcall(fn) __define_initcall(fn, device)
#define device_initcall_sync(fn) __define_initcall(fn, device_sync)
#define late_initcall(fn) __define_initcall(fn, late)
#define late_initcall_sync(fn) __define_initcall(fn, late_sync)

#define __initcall(fn) device_initcall(fn)
#define module_init(fn) __initcall(fn)
/* Built in, an exit function is never called: it goes with the init code. */
#define module_exit(fn) static void (*__maybe_unused __concat(__exitcall_, fn))(void) = fn
#define __exit __section(".init.text") __noinline __maybe_unused

#else /* MODULE */
/* Built as a module (-DMODULE), every level is module_init: the function
 * runs when the module is inserted, whatever level it was written for. */
#define console_initcall(fn) module_init(fn)
#define early_initcall(fn) module_init(fn)
#define pure_initcall(fn) module_init(fn)
#define core_initcall(fn) module_init(fn)
#define core_initcall_sync(fn) module_init(fn)
#define postcore_initcall(fn) module_init(fn)
#define postcore_initcall_sync(fn) module_init(fn)
#define arch_initcall(fn) module_init(fn)
#define arch_initcall_sync(fn) module_init(fn)
#define subsys_initcall(fn) module_init(fn)
#define subsys_initcall_sync(fn) module_init(fn)
#define fs_initcall(fn) module_init(fn)
#define fs_initcall_sync(fn) module_init(fn)
#define rootfs_initcall(fn) module_init(fn)
#define device_initcall(fn) module_init(fn)
#define device_initcall_sync(fn) module_init(fn)
#define late_initcall(fn) module_init(fn)
#define late_initcall_sync(fn) module_init(fn)

/* The loader calls init_module after insertion and cleanup_module at
 * rmmod: aliases of the functions named here (type-checked). */
#define module_init(fn)                                                                        \
	static inline initcall_t __maybe_unused __inittest(void) { return fn; }               \
	int init_module(void) __attribute__((alias(#fn)))
#define module_exit(fn)                                                                        \
	static inline void (*__maybe_unused __exittest(void))(void) { return fn; }            \
	void cleanup_module(void) __attribute__((alias(#fn)))
#define __exit __section(".exit.text") __noinline
#endif /* MODULE */

/* The init memory, from the linker script. */
extern char __init_begin[], __init_end[];

/* Run one initcall with initcall_debug reporting and the interrupt check. */
int do_one_initcall(initcall_t fn);
/* The same for a function that takes arguments: fn is what is reported (and
 * blacklisted), call(fn, arg) makes the call. */
int do_one_initcall_call(const void *fn, int (*call)(const void *fn, void *arg), void *arg);
/* Early initcalls, before secondary CPUs start. */
void do_pre_smp_initcalls(void);
/* Levels pure .. late. */
void do_initcalls(void);
/* Release the .init sections: unmap them, so a stale call or read faults. */
void free_initmem(void);
/* One line saying how the initcalls went. */
void initcall_summary(void);
/* The level the next do_one_initcall() records in tracing/initcalls. */
void initcall_set_level(const char *level);

extern bool initcall_debug;

#endif
