/* Faults on request, so the boot tests can read the reports and check that
 * the boot (or the shell) goes on:
 *   test_fault=KIND     a device initcall (test_fault_device) faults so
 *   fault KIND          the shell command faults so
 * KIND: undef (undefined instruction), null (NULL pointer read: page 0 is
 * unmapped), pabt (jump to address 0), text (a write to kernel text), rodata
 * (a write to a constant), data (a jump into data), stack (recursion until
 * the stack's guard page), spin (for ever, interrupts on), spin_irqsoff
 * (for ever, interrupts masked), printk (a printk whose %s string is in a
 * stack guard page: the line is cut by the fault), cpu2 (CPU 2 reads NULL in a cross
 * call: an interrupt handler, so a panic naming CPU 2), panic (panic() with
 * a message), panic_cpu2 (CPU 2 panics: the others must stop), udelay (no
 * fault: a 1 ms busy wait, the known cost tests/boot/test_profile.py finds
 * in the instruction profile).
 *   test_fault=vfp      a VFP instruction in an early initcall, before vfp_init
 *   test_call_freed_init  after init memory is freed, call an __init function
 *   test_ktest_fail       the in-kernel test test_fails_on_request fails */
#include <asm/irqflags.h>
#include <kernel/errno.h>
#include <kernel/init.h>
#include <kernel/ktest.h>
#include <kernel/panic.h>
#include <kernel/params.h>
#include <kernel/printk.h>
#include <kernel/shell.h>
#include <kernel/smp.h>
#include <kernel/string.h>
#include <kernel/time.h>

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

static void null_here(void *info)
{
	*(volatile int *)info = 1;
}

/* Thumb code "bx lr", in data: never executable. */
static u16 code_in_data[2] = { 0x4770, 0x4770 };
static const u32 constant = 1;

/* Deeper until the stack runs out (or a million levels: never on 16 KiB):
 * each level keeps 256 bytes live. */
static int __attribute__((noinline)) recurse(volatile char *up)
{
	volatile char frame[256];

	frame[0] = up ? up[0] + 1 : 0;
	frame[1] = up ? up[1] : 0;
	if (frame[0] == 0 && up)
		frame[1]++;
	if (frame[1] == 4) /* 4 * 256 levels of 256 bytes: past any stack here */
		return 0;
	return recurse(frame) + frame[2];
}

/* Fault as kind says; returns (0) only for a kind it does not know. */
static int make_fault(const char *kind)
{
	if (!strcmp(kind, "undef"))
		asm volatile("udf #42");
	if (!strcmp(kind, "null"))
		return *(volatile int *)0;
	if (!strcmp(kind, "pabt"))
		((void (*)(void))0)();
	if (!strcmp(kind, "text"))
		*(volatile u16 *)((unsigned long)make_fault & ~1ul) = 0x4770;
	if (!strcmp(kind, "rodata"))
		*(volatile u32 *)&constant = 2;
	if (!strcmp(kind, "data"))
		((void (*)(void))((unsigned long)code_in_data | 1))();
	if (!strcmp(kind, "stack"))
		return recurse(NULL);
	if (!strcmp(kind, "printk")) {
		extern char cpu_stacks[];

		printk(KERN_INFO "# this line is cut: %s\n", cpu_stacks + 3 * 32768 + 16);
	}
	if (!strcmp(kind, "spin_irqsoff"))
		arch_local_irq_disable();
	if (!strncmp(kind, "spin", 4))
		for (;;)
			asm volatile("" : : : "memory");
	if (!strcmp(kind, "udelay"))
		udelay(1000);
	if (!strcmp(kind, "cpu2"))
		smp_call_function_single(2, null_here, NULL);
	if (!strcmp(kind, "panic"))
		panic("test_fault=panic requested");
	if (!strcmp(kind, "panic_cpu2"))
		smp_call_function_single(2, panic_here, NULL);
	return 0;
}

static int __init test_fault_device(void)
{
	return make_fault(fault);
}
device_initcall(test_fault_device);

/* The initcall after test_fault_device: it ran, so the boot went on. */
static int __init test_fault_next(void)
{
	return 0;
}
device_initcall(test_fault_next);

static int cmd_fault(struct sh_io *io, int argc, char **argv)
{
	(void)io;
	if (argc != 2)
		return -1;
	make_fault(argv[1]);
	sh_error("fault: %s: no such fault", argv[1]);
	return 1;
}
SHELL_COMMAND(fault, cmd_fault, "fault KIND: fault as the test_fault=KIND initcall would");

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

/* test_ktest_fail: an in-kernel test that fails, for the LAVA job's check
 * that a "not ok" line becomes a failed test case. */
static bool ktest_fail;
setup_flag("test_ktest_fail", ktest_fail);

static int test_fails_on_request(void)
{
	return ktest_fail ? -EINVAL : 0;
}
KTEST(test_fails_on_request);
