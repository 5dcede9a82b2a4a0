/* Not GPL: taints the kernel, and local_clock (EXPORT_SYMBOL_GPL) stays out of reach. */
#include <kernel/module.h>
#include <kernel/time.h>

static int __init proprietary_init(void)
{
	return (int)(local_clock() & 0);
}
module_init(proprietary_init);

MODULE_LICENSE("Proprietary");
