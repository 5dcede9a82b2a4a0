/* Boot-time code and data, and the initcall levels (as Linux's init.h).
 *
 * __init code and __initdata live in .init.* sections that are released
 * after the last initcall level (free_initmem): calling them later faults.
 *
 * Each *_initcall(fn) puts a pointer to fn into the section of its level;
 * the linker script (linker.lds) collects the sections in level order and
 * within a level keeps link order (the order of obj-y in the Makefiles),
 * exactly as Linux does. */
#ifndef KERNEL_INIT_H
#define KERNEL_INIT_H

#include <kernel/compiler.h>
#include <kernel/types.h>

#define __init __section(".init.text") __noinline
#define __initdata __section(".init.data")
#define __initconst __section(".init.rodata")

typedef int (*initcall_t)(void);

#define __define_initcall_section(fn, sec)                                                     \
	static const initcall_t __concat(__initcall_, fn) __used __aligned(4)                  \
		__section(sec) = fn

#define __define_initcall(fn, id) __define_initcall_section(fn, ".initcall" #id ".init")

#define console_initcall(fn) __define_initcall_section(fn, ".con_initcall.init")
#define early_initcall(fn) __define_initcall(fn, early)

#define pure_initcall(fn) __define_initcall(fn, 0)
#define core_initcall(fn) __define_initcall(fn, 1)
#define core_initcall_sync(fn) __define_initcall(fn, 1s)
#define postcore_initcall(fn) __define_initcall(fn, 2)
#define postcore_initcall_sync(fn) __define_initcall(fn, 2s)
#define arch_initcall(fn) __define_initcall(fn, 3)
#define arch_initcall_sync(fn) __define_initcall(fn, 3s)
#define subsys_initcall(fn) __define_initcall(fn, 4)
#define subsys_initcall_sync(fn) __define_initcall(fn, 4s)
#define fs_initcall(fn) __define_initcall(fn, 5)
#define fs_initcall_sync(fn) __define_initcall(fn, 5s)
#define rootfs_initcall(fn) __define_initcall(fn, rootfs)
#define device_initcall(fn) __define_initcall(fn, 6)
#define device_initcall_sync(fn) __define_initcall(fn, 6s)
#define late_initcall(fn) __define_initcall(fn, 7)
#define late_initcall_sync(fn) __define_initcall(fn, 7s)

#define __initcall(fn) device_initcall(fn)
#define module_init(fn) __initcall(fn)

/* Bounds of the tables, from linker.lds. */
extern const initcall_t __con_initcall_start[], __con_initcall_end[];
extern const initcall_t __initcall_start[];
extern const initcall_t __initcall0_start[], __initcall1_start[], __initcall2_start[],
	__initcall3_start[], __initcall4_start[], __initcall5_start[], __initcall6_start[],
	__initcall7_start[], __initcall_end[];
extern char __init_begin[], __init_end[];

/* Run one initcall with initcall_debug reporting and the interrupt check. */
int do_one_initcall(initcall_t fn);
/* Early initcalls, before secondary CPUs start. */
void do_pre_smp_initcalls(void);
/* Levels pure .. late. */
void do_initcalls(void);
/* Release the .init sections: poison them so a stale call faults. */
void free_initmem(void);
/* One line saying how the initcalls went. */
void initcall_summary(void);

extern bool initcall_debug;

#endif
