/* Faults on request, so the boot tests can read the reports:
 *   test_fault=undef   undefined instruction in a device initcall
 *   test_fault=null    NULL pointer read (the page at 0 is unmapped)
 *   test_fault=pabt    jump to address 0 (prefetch abort)
 *   test_fault=vfp     a VFP instruction in an early initcall, before vfp_init
 *   test_fault=panic   panic() with a message
 *   test_fault=panic_cpu2  CPU 2 panics (the other CPUs must stop)
 *   test_call_freed_init  after init memory is freed, call an __init function */
#include <kernel/errno.h>
#include <kernel/init.h>
#include <kernel/ktest.h>
#include <kernel/panic.h>
#include <kernel/params.h>
#include <kernel/smp.h>
#include <kernel/string.h>

static char fault[16];
static bool call_freed_init;

static int __init test_fault_setup(char *value)
{
	if (!value)
		return -EINVAL;
	strlcpy(fault, value, sizeof(fault));
	return 0;
}
__setup("test_fault", test_fault_setup);

setup_flag("test_call_freed_init", call_freed_init);

static int __init test_fault_early(void)
{
	if (!strcmp(fault, "vfp")) {
		/* vmov s0, r0 in its coprocessor form: undefined until CP10 is enabled */
		asm volatile("mcr p10, 0, r0, c0, c0, 0" : : : "memory");
	}
	return 0;
}
early_initcall(test_fault_early);

static void panic_here(void *info)
{
	(void)info;
	panic("test_fault=panic_cpu2 requested");
}

static int __init test_fault_device(void)
{
	if (!strcmp(fault, "undef"))
		asm volatile("udf #42");
	if (!strcmp(fault, "null"))
		return *(volatile int *)0;
	if (!strcmp(fault, "pabt"))
		((void (*)(void))0)();
	if (!strcmp(fault, "panic"))
		panic("test_fault=panic requested");
	if (!strcmp(fault, "panic_cpu2"))
		smp_call_function_single(2, panic_here, NULL);
	return 0;
}
device_initcall(test_fault_device);

/* An __init function whose address outlives init memory. */
static int __init freed_init_target(void)
{
	return 0;
}
static int (*stale_pointer)(void) __refdata = freed_init_target;

static int test_freed_init_faults(void)
{
	int ret;

	if (!call_freed_init)
		return KTEST_SKIP;
	ret = stale_pointer(); /* must not return: the code is poisoned */
	return ret ? ret : -EFAULT;
}
KTEST(test_freed_init_faults);
