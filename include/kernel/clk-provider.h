/* Clocks, as a clock driver provides them. A struct clk is one output: its
 * operations say how to read its parent and rate from the hardware and how
 * to gate it. A provider registers a node and a function that turns the
 * consumer's specifier cells (<&ccu 62>: one cell) into a struct clk.
 * Fixed-rate oscillators ("fixed-clock" nodes) need no driver: the core
 * makes their clock when a consumer first asks. */
#ifndef KERNEL_CLK_PROVIDER_H
#define KERNEL_CLK_PROVIDER_H

#include <kernel/clk.h>
#include <kernel/fdt.h>

struct clk_ops {
	/* The clock it runs from now (read from the hardware), or NULL. */
	struct clk *(*get_parent)(struct clk *clk);
	unsigned long (*recalc_rate)(struct clk *clk, unsigned long parent_rate);
	int (*enable)(struct clk *clk);
	void (*disable)(struct clk *clk);
	int (*set_rate)(struct clk *clk, unsigned long rate);
	int (*get_phase)(struct clk *clk);
	int (*set_phase)(struct clk *clk, int degrees);
};

struct clk {
	const struct clk_ops *ops;
	const char *name;
	unsigned int enable_count;
	unsigned long rate;      /* fixed clocks */
	void *provider_data;     /* the provider's */
	unsigned int index;      /* the provider's number for it */
};

typedef struct clk *(*of_clk_get_fn)(const struct dtb_phandle_args *spec, void *data);

/* 0, or -ENOSPC past the providers the core keeps. */
int of_clk_add_provider(const struct dtb *dt, int node, of_clk_get_fn get, void *data);

/* The rate of the clock clk runs from (0 without one). */
unsigned long clk_get_parent_rate(struct clk *clk);
struct clk *clk_get_parent(struct clk *clk);

#endif
