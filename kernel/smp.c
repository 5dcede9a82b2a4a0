/* SMP bring-up. Only the boot CPU runs so far: secondary CPUs stay off and
 * the report says so in Linux's words. */
#include <asm/cp15.h>
#include <kernel/init.h>
#include <kernel/printk.h>
#include <kernel/smp.h>

void __init smp_prepare_boot_cpu(void)
{
	u32 mpidr = read_mpidr();

	pr_info("CPU%u: thread -1, cpu %u, socket %u, mpidr %x\n", mpidr & 0xff, mpidr & 0xff,
		(mpidr >> 8) & 0xff, mpidr);
}

void __init smp_init(void)
{
	pr_info("smp: Bringing up secondary CPUs ...\n");
	pr_info("smp: Brought up 1 node, 1 CPU\n");
}
