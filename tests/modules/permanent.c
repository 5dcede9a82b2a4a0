/* An init and no exit: Linux's "[permanent]", rmmod refuses. */
#include <kernel/module.h>

static int __init permanent_init(void)
{
	return 0;
}
module_init(permanent_init);

MODULE_LICENSE("GPL");
