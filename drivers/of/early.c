/* Early drivers (include/kernel/of_early.h): one walk of the tree collects
 * the nodes a declared early driver handles, then they run in dependency
 * order, each reported as an initcall. */
#define pr_fmt(fmt) "OF: " fmt

#include <kernel/errno.h>
#include <kernel/init.h>
#include <kernel/irq.h>
#include <kernel/of.h>
#include <kernel/of_early.h>
#include <kernel/printk.h>
#include <kernel/string.h>

/* Early hardware in one tree: a handful in practice (one interrupt
 * controller, one timer, PSCI, CPUCFG, a watchdog); more are reported. */
#define MAX_EARLY_NODES 32
/* Interrupt controllers cascaded deeper than this, or in a loop, are refused. */
#define MAX_IRQ_DEPTH 8

struct early_match {
	const struct dtb *dt;
	int node;
	const struct of_early_driver *drv;
	int order; /* stage, then (controllers) depth below the root controller */
};

/* The driver of the node's first compatible string that one declares, as
 * Linux prefers the most specific; the property is read once. */
static const struct of_early_driver *__init match_node(const struct dtb *dt, int node)
{
	int len;
	const char *compat = dtb_get_property(dt, node, "compatible", &len);

	for (int left = len; compat && left > 0; compat = dtb_string_list_next(compat, &left)) {
		if (!memchr(compat, '\0', (size_t)left))
			break;
		ll_foreach(of_early, drv)
			if (!strcmp(compat, drv->compatible))
				return drv;
	}
	return NULL;
}

/* Hops from node up its interrupt-parent chain to a controller that is its
 * own parent or has none; -ELOOP beyond MAX_IRQ_DEPTH. */
static int __init irq_depth(const struct dtb *dt, int node)
{
	for (int depth = 0; depth <= MAX_IRQ_DEPTH; depth++) {
		int parent = of_irq_find_parent(dt, node);

		if (parent < 0 || parent == node)
			return depth;
		node = parent;
	}
	return -ELOOP;
}

static int __init call_early(const void *fn, void *arg)
{
	const struct early_match *m = arg;
	int (*init)(const struct dtb *, int, const void *) = fn;

	return init(m->dt, m->node, m->drv->data);
}

/* Collect, in tree order; returns how many. */
static unsigned int __init collect(const struct dtb *dt, struct early_match *out)
{
	unsigned int n = 0;

	for (int node = dtb_next_node(dt, -1, NULL); node >= 0; node = dtb_next_node(dt, node, NULL)) {
		const struct of_early_driver *drv;

		if (!(drv = match_node(dt, node)) || !dtb_node_is_available(dt, node))
			continue;
		if (n == MAX_EARLY_NODES) {
			pr_err("more than %d early devices; %s not initialised\n", MAX_EARLY_NODES,
			       dtb_node_name(dt, node));
			continue;
		}
		out[n++] = (struct early_match){ .dt = dt, .node = node, .drv = drv,
						 .order = (int)drv->stage * (MAX_IRQ_DEPTH + 1) };
	}
	return n;
}

/* Order interrupt controllers by their depth below the root one. Only when
 * there are several: following interrupt-parent costs tree walks, and one
 * controller alone has nothing to wait for. A controller in a loop is
 * dropped. Returns the new count. */
static unsigned int __init order_controllers(const struct dtb *dt, struct early_match *m,
					     unsigned int n)
{
	unsigned int controllers = 0, kept = 0;

	for (unsigned int i = 0; i < n; i++)
		controllers += m[i].drv->stage == OF_EARLY_IRQCHIP;
	if (controllers < 2)
		return n;
	for (unsigned int i = 0; i < n; i++) {
		if (m[i].drv->stage == OF_EARLY_IRQCHIP) {
			int depth = irq_depth(dt, m[i].node);

			if (depth < 0) {
				pr_err("%s: interrupt-parent chain loops or is deeper than %d; not initialised\n",
				       dtb_node_name(dt, m[i].node), MAX_IRQ_DEPTH);
				continue;
			}
			m[i].order += depth;
		}
		m[kept++] = m[i];
	}
	return kept;
}

void __init of_early_init(const struct dtb *dt)
{
	struct early_match matches[MAX_EARLY_NODES];
	unsigned int n;

	if (!dt)
		return;
	n = order_controllers(dt, matches, collect(dt, matches));
	/* Stable insertion sort by order: tree order stays inside a step. */
	for (unsigned int i = 1; i < n; i++) {
		struct early_match m = matches[i];
		unsigned int j = i;

		for (; j > 0 && matches[j - 1].order > m.order; j--)
			matches[j] = matches[j - 1];
		matches[j] = m;
	}
	for (unsigned int i = 0; i < n; i++)
		if (!do_one_initcall_call(matches[i].drv->init, call_early, &matches[i]))
			of_node_claim(dt, matches[i].node);
}
