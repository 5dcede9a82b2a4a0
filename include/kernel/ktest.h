/* In-kernel tests, registered through a linker section and run after the
 * init memory is freed, reporting in KTAP (as Linux's KUnit does):
 *   KTAP version 1
 *   1..2
 *   ok 1 name
 *   not ok 2 name
 *   ok 3 name # SKIP
 * Only the test kernel (make TEST=y) has any. */
#ifndef KERNEL_KTEST_H
#define KERNEL_KTEST_H

#include <kernel/compiler.h>
#include <kernel/linker_lists.h>

struct ktest_case {
	const char *name;
	int (*run)(void); /* 0 = pass, KTEST_SKIP = not applicable here, a negative errno = fail */
};

#define KTEST_SKIP 1

LL_LIST(ktest, rodata, const struct ktest_case);

#define KTEST(fn) static LL_ENTRY(ktest, rodata, fn) = { .name = #fn, .run = fn }

/* Run every registered test and print the KTAP report (nothing when none). */
void ktest_run_all(void);

#endif
