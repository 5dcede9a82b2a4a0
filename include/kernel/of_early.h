/* Early drivers: the hardware the boot needs before the driver model runs,
 * found in the device tree by compatible, as Linux's IRQCHIP_DECLARE and
 * TIMER_OF_DECLARE tables. A driver declares the compatibles it handles next
 * to its init function:
 *
 *   static int __init gic_of_init(const struct dtb *dt, int node, const void *data)
 *   IRQCHIP_DECLARE(gic_400, "arm,gic-400", gic_of_init);
 *
 * At the start of the early level, of_early_init() walks the tree once and
 * calls each matching driver for its node, reported like an initcall
 * (initcall_debug, trace events, initcall_blacklist), in dependency order:
 *
 *   1. interrupt controllers, each after its interrupt parent (the root
 *      controller first, then what cascades from it);
 *   2. timers (their interrupts need the controllers);
 *   3. SMP enable methods (PSCI, the Allwinner CPUCFG): they register
 *      smp_operations with a priority, the highest wins;
 *   4. restart methods: they register restart handlers with Linux's
 *      priorities (0 last resort, 128 default, 255 first).
 *
 * Inside a step, tree order. A node goes to the driver of its first
 * compatible string that any early driver declares (the most specific, as
 * Linux prefers); one whose init returns 0 counts as having a driver
 * (of_node_claim), so no platform device is made for it. */
#ifndef KERNEL_OF_EARLY_H
#define KERNEL_OF_EARLY_H

#include <kernel/fdt.h>
#include <kernel/init.h>
#include <kernel/linker_lists.h>

enum of_early_stage {
	OF_EARLY_IRQCHIP,
	OF_EARLY_TIMER,
	OF_EARLY_SMP,
	OF_EARLY_RESTART,
	NR_OF_EARLY_STAGES,
};

struct of_early_driver {
	const char *compatible;
	/* dt, the matched node, and the declaration's data. 0 or a negative errno. */
	int (*init)(const struct dtb *dt, int node, const void *data);
	const void *data;
	enum of_early_stage stage;
};

/* Only the boot uses the table: it goes with the init memory. */
LL_LIST(of_early, init, const struct of_early_driver);

#define OF_EARLY_DECLARE(stage_, name, compat, fn, data_)                                      \
	static LL_ENTRY(of_early, init, name) = {                                              \
		.compatible = compat, .init = fn, .data = data_, .stage = stage_               \
	}

#define IRQCHIP_DECLARE(name, compat, fn) OF_EARLY_DECLARE(OF_EARLY_IRQCHIP, name, compat, fn, NULL)
#define TIMER_OF_DECLARE(name, compat, fn) OF_EARLY_DECLARE(OF_EARLY_TIMER, name, compat, fn, NULL)
#define SMP_METHOD_OF_DECLARE(name, compat, fn, data)                                          \
	OF_EARLY_DECLARE(OF_EARLY_SMP, name, compat, fn, data)
#define RESTART_OF_DECLARE(name, compat, fn, data)                                             \
	OF_EARLY_DECLARE(OF_EARLY_RESTART, name, compat, fn, data)

/* Match the early drivers against dt and run them (do_pre_smp_initcalls). */
void of_early_init(const struct dtb *dt);

#endif
