/* Clocks, as a driver uses them (Linux's clk API): find a clock by the
 * node's "clocks"/"clock-names", switch it on, read or set its rate.
 *
 *   struct clk *bus = clk_get(dev, "ahb");     NULL: the first clock
 *   if (IS_ERR(bus))
 *           return dev_err_probe(dev, PTR_ERR(bus), "no ahb clock");
 *   clk_prepare_enable(bus);
 *
 * clk_get() returns ERR_PTR(-EPROBE_DEFER) while the clock's provider has
 * not probed (the deferred-probe machinery retries the consumer), -ENOENT
 * when the node names no such clock, -EINVAL for a malformed "clocks". */
#ifndef KERNEL_CLK_H
#define KERNEL_CLK_H

#include <kernel/err.h>
#include <kernel/types.h>

struct clk;
struct device;
struct dtb;

struct clk *clk_get(struct device *dev, const char *id);
/* The same from a node (providers looking up their parents). */
struct clk *of_clk_get_by_name(const struct dtb *dt, int node, const char *id);

/* Switch on clk and everything it runs from; counted. 0 or -errno. */
int clk_prepare_enable(struct clk *clk);
void clk_disable_unprepare(struct clk *clk);

/* Hz, 0 when unknown (no parent, a parent that did not probe). */
unsigned long clk_get_rate(struct clk *clk);
/* The closest rate at or below rate the hardware can make. 0 or -errno
 * (-EINVAL: nothing at or below rate; -EOPNOTSUPP: a fixed clock). */
int clk_set_rate(struct clk *clk, unsigned long rate);
/* Phase shift in degrees, for sample/output delay clocks. */
int clk_set_phase(struct clk *clk, int degrees);
int clk_get_phase(struct clk *clk);

const char *clk_name(const struct clk *clk);

#endif
