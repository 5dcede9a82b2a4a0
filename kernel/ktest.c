/* Runs the in-kernel tests (include/kernel/ktest.h) and prints KTAP. */
#include <kernel/errno.h>
#include <kernel/ktest.h>
#include <kernel/printk.h>

void ktest_run_all(void)
{
	unsigned int n = ll_count(ktest);

	if (!n)
		return;
	printk("KTAP version 1\n");
	printk("1..%u\n", n);
	for (unsigned int i = 0; i < n; i++) {
		const struct ktest_case *t = &ll_start(ktest)[i];
		int ret = t->run();

		if (ret == KTEST_SKIP) {
			printk("ok %u %s # SKIP\n", i + 1, t->name);
			continue;
		}
		if (ret)
			printk("# %s: failed with %d (%s)\n", t->name, ret, errname(ret) ?: "?");
		printk("%sok %u %s\n", ret ? "not " : "", i + 1, t->name);
	}
}
