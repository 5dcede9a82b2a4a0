/* The initcall levels, in the order they run: one line each. Read by C
 * (include/kernel/init.h: the *_initcall macros, the level names and bounds)
 * and by the linker script (linker.lds.S: the sections in this order), so it
 * holds nothing but this macro.
 *
 *   X(level, event)  level: the list initcalls of this level go to
 *                    (initcall_<level>);
 *                    event: the name initcall_level trace events give it.
 *
 * As in Linux, a _sync level and rootfs have no event of their own: they run
 * inside their base level (rootfs inside fs), so they repeat its name.
 * console runs in console_init() (PID 0), early in do_pre_smp_initcalls()
 * before the secondary CPUs start, all the others in do_initcalls(). */
#ifndef KERNEL_INITCALL_LEVELS_H
#define KERNEL_INITCALL_LEVELS_H

#define INITCALL_LEVELS(X)                                                                     \
	X(console, console)                                                                    \
	X(early, early)                                                                        \
	X(pure, pure)                                                                          \
	X(core, core)                                                                          \
	X(core_sync, core)                                                                     \
	X(postcore, postcore)                                                                  \
	X(postcore_sync, postcore)                                                             \
	X(arch, arch)                                                                          \
	X(arch_sync, arch)                                                                     \
	X(subsys, subsys)                                                                      \
	X(subsys_sync, subsys)                                                                 \
	X(fs, fs)                                                                              \
	X(fs_sync, fs)                                                                         \
	X(rootfs, fs)                                                                          \
	X(device, device)                                                                      \
	X(device_sync, device)                                                                 \
	X(late, late)                                                                          \
	X(late_sync, late)

#endif
