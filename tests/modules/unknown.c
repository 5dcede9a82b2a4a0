/* Calls a function nobody exports: the loader refuses it by name. */
#include <kernel/module.h>

int no_such_symbol(void);

static int __init unknown_init(void)
{
	return no_such_symbol();
}
module_init(unknown_init);

MODULE_LICENSE("GPL");
