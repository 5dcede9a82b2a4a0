/* test_printk_flood: more lines than the 64 KiB log buffer holds, printed
 * with interrupts off, so the interrupt-driven console cannot send any of
 * them meanwhile and most are overwritten before it reads them. It then
 * says how many it lost ("** N printk messages dropped **") and goes on
 * with the oldest line still held (tests/boot/test_printk.py). */
#include <asm/irqflags.h>
#include <kernel/console.h>
#include <kernel/init.h>
#include <kernel/params.h>
#include <kernel/printk.h>

#define FLOOD_LINES 3000 /* ~90 bytes a record: about 700 fit */

static bool flood_wanted;
setup_flag("test_printk_flood", flood_wanted);

static int __init printk_flood(void)
{
	unsigned long flags;

	if (!flood_wanted)
		return 0;
	while (console_pending("ttyS", 0) > 0) /* nothing older left to lose */
		;
	flags = arch_local_irq_save();
	for (int i = 0; i < FLOOD_LINES; i++)
		printk(KERN_INFO "flood %d of %d: filling the log buffer\n", i, FLOOD_LINES);
	arch_local_irq_restore(flags);
	while (console_pending("ttyS", 0) > 0)
		;
	printk(KERN_INFO "flood done\n");
	return 0;
}
late_initcall(printk_flood);
