/* One initcall in every level and _sync section, declared here in reverse level
 * order on purpose (within one level, file order counts): the boot tests check that they run in Linux's level order
 * (rootfs between fs_sync and device, each _sync after its level) and not in
 * the order they appear in this file. Each also checks its predecessor ran. */
#include <kernel/errno.h>
#include <kernel/init.h>

static int last_step;

/* Step n may only run right after step n - 1. */
static int __init step(int n)
{
	if (last_step != n - 1)
		return -EINVAL;
	last_step = n;
	return 0;
}

static int __init test_late_sync(void) { return step(18); }
late_initcall_sync(test_late_sync);
static int __init test_late(void) { return step(17); }
late_initcall(test_late);
static int __init test_device_sync(void) { return step(16); }
device_initcall_sync(test_device_sync);
static int __init test_device(void) { return step(14); }
device_initcall(test_device);
static int __init test_module_init(void) { return step(15); }
module_init(test_module_init);
static int __init test_rootfs(void) { return step(13); }
rootfs_initcall(test_rootfs);
static int __init test_fs_sync(void) { return step(12); }
fs_initcall_sync(test_fs_sync);
static int __init test_fs(void) { return step(11); }
fs_initcall(test_fs);
static int __init test_subsys_sync(void) { return step(10); }
subsys_initcall_sync(test_subsys_sync);
static int __init test_subsys(void) { return step(9); }
subsys_initcall(test_subsys);
static int __init test_arch_sync(void) { return step(8); }
arch_initcall_sync(test_arch_sync);
static int __init test_arch(void) { return step(7); }
arch_initcall(test_arch);
static int __init test_postcore_sync(void) { return step(6); }
postcore_initcall_sync(test_postcore_sync);
static int __init test_postcore(void) { return step(5); }
postcore_initcall(test_postcore);
static int __init test_core_sync(void) { return step(4); }
core_initcall_sync(test_core_sync);
static int __init test_core(void) { return step(3); }
core_initcall(test_core);
static int __init test_pure(void) { return step(2); }
pure_initcall(test_pure);
static int __init test_early(void) { return step(1); }
early_initcall(test_early);
static int __init test_console(void) { return last_step == 0 ? 0 : -EINVAL; }
console_initcall(test_console);
