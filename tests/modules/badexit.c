/* An exit function marked __init: it would be freed before rmmod calls it. */
#include <kernel/module.h>

static int __init badexit_init(void)
{
	return 0;
}
module_init(badexit_init);

static void __init badexit_exit(void)
{
}
module_exit(badexit_exit);

MODULE_LICENSE("GPL");
