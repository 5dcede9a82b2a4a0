/* Interrupt handling in C: the table of handlers and counters, and the
 * translation of device tree interrupt specifiers through the domains that
 * interrupt controller drivers register. */
#include <asm/irqflags.h>
#include <asm/recovery.h>
#include <asm/smp.h>
#include <kernel/errno.h>
#include <kernel/irq.h>
#include <kernel/fs.h>
#include <kernel/printk.h>
#include <kernel/smp.h>

struct irq_desc {
	irq_handler_t handler;
	void *data;
	const char *name;
	u32 count[NR_CPUS];
};

static struct irq_desc irq_descs[NR_IRQS];
static void (*entry_handler)(void);
static const struct irq_chip *chip;
static u32 unhandled, spurious;

static void (*fiq_handler)(void);
bool irqchip_no_fiq;

void set_handle_irq(void (*handler)(void))
{
	entry_handler = handler;
}

void set_handle_fiq(void (*handler)(void))
{
	fiq_handler = handler;
}

void irq_set_chip(const struct irq_chip *c)
{
	chip = c;
}

static u32 irq_depth[NR_CPUS];
static struct pt_regs *irq_regs[NR_CPUS];
static struct recovery_point *exit_to[NR_CPUS];

void handle_arch_irq(struct pt_regs *regs)
{
	unsigned int cpu = smp_processor_id();
	struct recovery_point *rp;

	irq_regs[cpu] = regs;
	irq_depth[cpu]++;
	if (entry_handler)
		entry_handler();
	else
		unhandled++;
	irq_depth[cpu]--;
	irq_regs[cpu] = NULL;
	rp = exit_to[cpu];
	if (rp) { /* acknowledged and ended: the controller is ready for the next */
		exit_to[cpu] = NULL;
		recovery_resume(rp);
	}
}

bool irq_from_task(void)
{
	return irq_depth[smp_processor_id()] == 1;
}

struct recovery_point *handle_arch_fiq(struct pt_regs *regs)
{
	unsigned int cpu = smp_processor_id();
	struct pt_regs *outer = irq_regs[cpu];
	struct recovery_point *rp;

	irq_regs[cpu] = regs;
	irq_depth[cpu]++;
	if (fiq_handler)
		fiq_handler();
	irq_depth[cpu]--;
	irq_regs[cpu] = outer;
	if (irq_depth[cpu])
		return NULL; /* an IRQ handler was interrupted: what it asked for stays its own */
	rp = exit_to[cpu];
	exit_to[cpu] = NULL;
	return rp;
}

struct pt_regs *get_irq_regs(void)
{
	return irq_regs[smp_processor_id()];
}

void irq_exit_to_recovery(struct recovery_point *rp)
{
	exit_to[smp_processor_id()] = rp;
}

bool irq_context(void)
{
	return irq_depth[smp_processor_id()] != 0;
}

void generic_handle_irq(unsigned int irq)
{
	struct irq_desc *desc;

	if (irq >= NR_IRQS) {
		unhandled++;
		return;
	}
	desc = &irq_descs[irq];
	desc->count[smp_processor_id()]++;
	if (desc->handler) {
		desc->handler(irq, desc->data);
		return;
	}
	/* Nobody wants it: keep it from firing again. */
	unhandled++;
	if (chip && chip->mask)
		chip->mask(irq);
}

void irq_note_spurious(void)
{
	spurious++;
}

int request_irq(unsigned int irq, irq_handler_t handler, const char *name, void *data)
{
	unsigned long flags;

	if (irq >= NR_IRQS || !handler)
		return -EINVAL;
	if (!chip)
		return -EPROBE_DEFER;
	if (irq_descs[irq].handler)
		return -EBUSY;
	flags = arch_local_irq_save();
	irq_descs[irq].handler = handler;
	irq_descs[irq].data = data;
	irq_descs[irq].name = name;
	arch_local_irq_restore(flags);
	enable_irq(irq);
	return 0;
}

void enable_irq(unsigned int irq)
{
	if (chip && chip->unmask && irq < NR_IRQS)
		chip->unmask(irq);
}

u32 irq_count(unsigned int irq)
{
	u32 sum = 0;

	for (unsigned int cpu = 0; irq < NR_IRQS && cpu < NR_CPUS; cpu++)
		sum += irq_descs[irq].count[cpu];
	return sum;
}

u32 irq_unhandled_count(void)
{
	return unhandled;
}

u32 irq_spurious_count(void)
{
	return spurious;
}

/* --- Device tree translation -------------------------------------------- */

#define MAX_DOMAINS 4

static struct irq_domain {
	const struct dtb *dt;
	int node;
	const struct irq_domain_ops *ops;
} domains[MAX_DOMAINS];
static unsigned int nr_domains;

int irq_domain_add(const struct dtb *dt, int node, const struct irq_domain_ops *ops)
{
	if (nr_domains == MAX_DOMAINS)
		return -ENOSPC;
	domains[nr_domains].dt = dt;
	domains[nr_domains].node = node;
	domains[nr_domains].ops = ops;
	nr_domains++;
	return 0;
}

int of_irq_find_parent(const struct dtb *dt, int node)
{
	for (int n = node; n >= 0; n = dtb_parent(dt, n)) {
		u32 phandle;

		if (!dtb_get_u32(dt, n, "interrupt-parent", &phandle))
			return dtb_node_by_phandle(dt, phandle);
	}
	return -ENOENT;
}

static u32 be32(const u8 *p)
{
	return (u32)p[0] << 24 | (u32)p[1] << 16 | (u32)p[2] << 8 | p[3];
}

int of_irq_get(const struct dtb *dt, int node, int index)
{
	/* The last node's parent: finding it scans the tree (about 50 us), and
	 * a node's interrupts are asked for one after the other. */
	static struct {
		const struct dtb *dt;
		int node, parent;
		u32 ncells;
	} last;
	const u8 *prop;
	u32 cells[4], ncells;
	int len, parent;

	if (last.dt == dt && last.node == node) {
		parent = last.parent;
		ncells = last.ncells;
	} else {
		parent = of_irq_find_parent(dt, node);
		if (parent < 0)
			return -ENOENT;
		if (dtb_get_u32(dt, parent, "#interrupt-cells", &ncells) || !ncells || ncells > 4)
			return -EINVAL;
		last.dt = dt;
		last.node = node;
		last.parent = parent;
		last.ncells = ncells;
	}
	prop = dtb_get_property(dt, node, "interrupts", &len);
	if (!prop)
		return -ENOENT;
	if (index < 0 || (u32)(index + 1) * ncells * 4 > (u32)len)
		return -ENOENT;
	for (u32 i = 0; i < ncells; i++)
		cells[i] = be32(prop + (index * ncells + i) * 4);

	for (unsigned int i = 0; i < nr_domains; i++)
		if (domains[i].dt == dt && domains[i].node == parent)
			return domains[i].ops->xlate(cells, (int)ncells);
	return -EPROBE_DEFER;
}

/* --- /proc/interrupts (Linux 6.1's show_interrupts and ARM's show_ipi_list) -- */

#define NR_IPI 7
static const char *const ipi_names[NR_IPI] = {
	"CPU wakeup interrupts", "Timer broadcast interrupts", "Rescheduling interrupts",
	"Function call interrupts", "CPU stop interrupts", "IRQ work interrupts",
	"completion interrupts",
};

static void show_counts(struct seq_buf *m, unsigned int irq)
{
	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++)
		if (cpu_online(cpu))
			seq_printf(m, "%10u ", irq_descs[irq].count[cpu]);
}

static void show_interrupts(struct seq_buf *m, void *data)
{
	(void)data;
	seq_printf(m, "%*s", 3 + 8, "");
	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++)
		if (cpu_online(cpu))
			seq_printf(m, "CPU%-8u", cpu);
	seq_puts(m, "\n");
	for (unsigned int irq = NR_IPI; irq < NR_IRQS; irq++) {
		if (!irq_descs[irq].handler)
			continue;
		seq_printf(m, "%3u: ", irq);
		show_counts(m, irq);
		seq_printf(m, " %8s %3u %-8s  %s\n", chip ? chip->name : "none", irq, "Level",
			   irq_descs[irq].name ? irq_descs[irq].name : "");
	}
	for (unsigned int ipi = 0; ipi < NR_IPI; ipi++) {
		seq_printf(m, "IPI%u: ", ipi);
		show_counts(m, ipi);
		seq_printf(m, " %s\n", ipi_names[ipi]);
	}
	seq_printf(m, "%3s: %10u\n", "Err", unhandled + spurious);
}
static const struct file_operations interrupts_fops = { .show = show_interrupts };
PSEUDO_FILE("proc", proc_interrupts, "interrupts", 0444, &interrupts_fops, NULL);
