/* A module of two files (user-y) using exporter.ko's exports. */
#include <kernel/module.h>
#include <kernel/printk.h>

int user_sum(void);

static int __init user_init(void)
{
	pr_info("user: exporter_add(2, 3) = %d\n", user_sum());
	return 0;
}
module_init(user_init);

static void __exit user_exit(void)
{
}
module_exit(user_exit);

MODULE_LICENSE("GPL");
