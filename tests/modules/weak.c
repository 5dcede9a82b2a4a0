/* A weak undefined symbol: modpost lets it be, the loader makes it 0. */
#include <kernel/module.h>
#include <kernel/printk.h>

extern int maybe_there(void) __attribute__((weak));

static int __init weak_init(void)
{
	pr_info("weak: maybe_there is %s\n", maybe_there ? "there" : "absent");
	return 0;
}
module_init(weak_init);

MODULE_LICENSE("GPL");
