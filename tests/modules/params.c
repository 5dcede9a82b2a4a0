/* module_param of each type: insmod params.ko i=-5 u=7 b=1 s=text. */
#include <kernel/module.h>
#include <kernel/printk.h>

static int i = 1;
module_param(i, int, 0444);
MODULE_PARM_DESC(i, "an int");
static unsigned int u = 2;
module_param(u, uint, 0444);
static bool b;
module_param(b, bool, 0444);
static char *s = "default";
module_param(s, charp, 0444);

static int __init params_init(void)
{
	pr_info("params: i=%d u=%u b=%d s=%s\n", i, u, b, s);
	return 0;
}
module_init(params_init);

static void __exit params_exit(void)
{
}
module_exit(params_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("module parameters of every type");
