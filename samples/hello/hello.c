/* The article's MODULE case in one file. Built in (obj-y), hello_init is a
 * postcore initcall and runs during the boot, between the core and arch
 * levels. Built as hello.ko (obj-m, -DMODULE), <kernel/init.h> turns
 * postcore_initcall into module_init: the same function runs when insmod
 * inserts the module, through the same do_one_initcall, so initcall_debug
 * reports it both times ("hello_init+0x0/0x.. [hello]" the second). */
#include <kernel/init.h>
#include <kernel/module.h>
#include <kernel/printk.h>

static char *whom = "world";
module_param(whom, charp, 0444);
MODULE_PARM_DESC(whom, "who to greet (insmod hello.ko whom=you)");

static int __init hello_init(void)
{
	pr_info("hello: %s\n", whom);
	return 0;
}
postcore_initcall(hello_init);

static void __exit hello_exit(void)
{
	pr_info("hello: goodbye\n");
}
module_exit(hello_exit);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("initk");
MODULE_DESCRIPTION("The article's example: a postcore_initcall built in, module_init as a module");
