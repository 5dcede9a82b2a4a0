/* Runs the in-kernel tests (include/kernel/ktest.h) and prints KTAP. */
#include <kernel/errno.h>
#include <kernel/ktest.h>
#include <kernel/printk.h>

extern const struct ktest_case __ktest_start[], __ktest_end[];

void ktest_run_all(void)
{
	unsigned int n = __ktest_end - __ktest_start;

	if (!n)
		return;
	printk("KTAP version 1\n");
	printk("1..%u\n", n);
	for (unsigned int i = 0; i < n; i++) {
		const struct ktest_case *t = &__ktest_start[i];
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
