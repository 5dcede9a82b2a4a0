/* The boot sequence, top to bottom. Each step is one call; what it does is
 * in the function it names. */
#include <asm/cp15.h>
#include <asm/irqflags.h>
#include <asm/setup.h>
#include <kernel/console.h>
#include <kernel/fs.h>
#include <kernel/init.h>
#include <kernel/ktest.h>
#include <kernel/of.h>
#include <kernel/params.h>
#include <kernel/printk.h>
#include <kernel/sched.h>
#include <kernel/shell.h>
#include <kernel/slab.h>
#include <kernel/smp.h>
#include <kernel/time.h>
#include <kernel/trace.h>

void start_kernel(void);

/* The step comments stay in one column, like a table. */
/* clang-format off */

static void __init kernel_init_freeable(void)
{
	current_pid = 1;           /* from here on we are "init", as in Linux */
	smp_prepare_boot_cpu();    /* CPU0: thread -1, cpu 0, ... */
	do_pre_smp_initcalls();    /* early initcalls, on the boot CPU alone */
	smp_init();                /* secondary CPUs start here */
	do_initcalls();            /* pure, core, postcore, arch, subsys, fs, device, late */
}

/* Not __init: it runs on after the init sections are gone. __ref: it calls
 * the init steps first, then frees them. */
static void __ref __noreturn kernel_init(void)
{
	kernel_init_freeable();    /* everything that may live in init memory */
	free_initmem();            /* unmap .init.*: stale calls now fault */
	ktest_run_all();           /* in-kernel tests (test kernel only): KTAP */
	trace_show_at_end();       /* trace_show=: the tracing files on the console */
	initcall_summary();        /* one line: how many ran, failed, were skipped */
	run_init_process();        /* Run /bin/sh as init process: the shell, for good */
}

void __init start_kernel(void)
{
	time_init_early();                  /* printk time zero, counter frequency */
	setup_processor();                  /* Booting initk on physical CPU ... */
	time_report();                      /* counter frequency, entry count */
	setup_devicetree(boot_params.r2);   /* validate the DTB, Machine model */
	paging_init();                      /* identity map, MMU and caches on */
	mem_init();                         /* kmalloc: RAM minus the image, the tree, the initrd */
	setup_command_line();               /* /chosen/bootargs or the built-in one */
	parse_early_params();               /* earlycon, loglevel, panic, ... */
	trace_init();                       /* trace_event=: recorded from the console level on */
	parse_boot_params();                /* Kernel command line: ..., unknown ones */
	vfs_init();                         /* the root: ramfs with /dev, /proc, /sys, /tmp... */
	arch_local_irq_enable();            /* initcalls run with interrupts on */
	console_init();                     /* console initcalls, PID 0 */
	kernel_init();                      /* PID 1: the other levels, then idle */
}
/* clang-format on */
