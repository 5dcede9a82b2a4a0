/* Exports for user.ko: one plain, one GPL-only. */
#include <kernel/module.h>
#include <kernel/printk.h>

int exporter_add(int a, int b)
{
	return a + b;
}
EXPORT_SYMBOL(exporter_add);

int exporter_gpl_value = 42;
EXPORT_SYMBOL_GPL(exporter_gpl_value);

static int __init exporter_init(void)
{
	pr_info("exporter: ready\n");
	return 0;
}
module_init(exporter_init);

static void __exit exporter_exit(void)
{
	pr_info("exporter: gone\n");
}
module_exit(exporter_exit);

MODULE_LICENSE("GPL");
