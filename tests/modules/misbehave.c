/* An init that misbehaves on request: insmod misbehave.ko ret=-19 (fails),
 * irqs_off=1 (returns with interrupts masked), oops=1 (NULL dereference),
 * text=1 (writes to its own text), exec_data=1 (jumps into its data),
 * spin=1 (never returns). */
#include <asm/irqflags.h>
#include <kernel/module.h>
#include <kernel/printk.h>

static int ret;
module_param(ret, int, 0444);
static bool irqs_off;
module_param(irqs_off, bool, 0444);
static bool oops;
module_param(oops, bool, 0444);
static bool text;
module_param(text, bool, 0444);
static bool exec_data;
module_param(exec_data, bool, 0444);
static bool spin;
module_param(spin, bool, 0444);

static u16 code_in_data[2] = { 0x4770, 0x4770 }; /* Thumb "bx lr" */

static int __init misbehave_init(void)
{
	if (oops)
		return *(volatile int *)0;
	if (text)
		*(volatile u16 *)((unsigned long)misbehave_init & ~1ul) = 0x4770;
	if (exec_data)
		((void (*)(void))((unsigned long)code_in_data | 1))();
	while (spin)
		asm volatile("" : : : "memory");
	if (irqs_off)
		arch_local_irq_disable();
	pr_info("misbehave: returning %d\n", ret);
	return ret;
}
module_init(misbehave_init);

static void __exit misbehave_exit(void)
{
}
module_exit(misbehave_exit);

MODULE_LICENSE("GPL");
