/* ARM GIC-400 (GICv2) interrupt controller: distributor and CPU interface,
 * and inter-processor interrupts (SGIs). Set up by an early initcall, before
 * the secondary CPUs start (as Linux does in init_IRQ): each of them sets up
 * its own CPU interface in a CPU_STARTING_HOOK.
 *
 * Declared for the GIC compatibles of mainline trees (IRQCHIP_DECLARE).
 *
 * Works in either security state. Every interrupt is put in group 0 where
 * the distributor lets us (secure state, or a GIC without security
 * extensions, as QEMU's); in non-secure state on a GIC with them, the group
 * registers ignore the write, the boot loader has made the interrupts group 1,
 * and bit 0 of the non-secure GICC_CTLR enables exactly that group. So
 * GICC_CTLR = 1 is right everywhere.
 *
 * Except where group 0 is ours (those same two cases): then IPI_CPU_BACKTRACE
 * alone is group 0, at the highest priority, signalled as an FIQ (FIQEn),
 * and everything else group 1, acknowledged through the same registers
 * (AckCtl): the lockup detector can then interrupt a CPU spinning with IRQs
 * masked. FIQs are unmasked on each CPU once its interface is set up. */
#define pr_fmt(fmt) "GIC: " fmt

#include <asm/cp15.h>
#include <asm/io.h>
#include <asm/setup.h>
#include <kernel/of_early.h>
#include <kernel/printk.h>
#include <kernel/errno.h>
#include <kernel/irq.h>
#include <kernel/smp.h>

#define GICD_CTLR 0x000
#define GICD_TYPER 0x004
#define GICD_IGROUPR 0x080
#define GICD_ISENABLER 0x100
#define GICD_ICENABLER 0x180
#define GICD_ICPENDR 0x280
#define GICD_IPRIORITYR 0x400
#define GICD_ITARGETSR 0x800
#define GICD_SGIR 0xf00
#define GICD_TYPER_SECURITY_EXTN (1u << 10)
#define GICC_CTLR_GROUPS_FIQ 0xf /* EnableGrp0, EnableGrp1, AckCtl, FIQEn */

#define GICC_CTLR 0x00
#define GICC_PMR 0x04
#define GICC_BPR 0x08
#define GICC_IAR 0x0c
#define GICC_EOIR 0x10
#define GICC_HPPIR 0x18
#define GICD_CPENDSGIR 0xf10
#define GICD_SGIR_NSATT (1u << 15)

#define GIC_SPURIOUS 1023
#define DEFAULT_PRIORITY 0xa0a0a0a0u
#define PRIORITY_MASK 0xf0

static struct gic {
	u8 *dist;
	u8 *cpu;
	unsigned int lines;
	u8 cpu_map[NR_CPUS]; /* logical CPU -> its CPU interface bit (targets, SGIs) */
	bool fiq;            /* group 0 is ours: IPI_CPU_BACKTRACE is an FIQ */
	bool nsatt;          /* ... on a GIC with security extensions: other SGIs need NSATT */
} gic;

static void gic_mask(unsigned int irq)
{
	writel(1u << (irq % 32), gic.dist + GICD_ICENABLER + irq / 32 * 4);
}

static void gic_unmask(unsigned int irq)
{
	writel(1u << (irq % 32), gic.dist + GICD_ISENABLER + irq / 32 * 4);
}

static const struct irq_chip gic_chip = {
	.name = "GICv2",
	.mask = gic_mask,
	.unmask = gic_unmask,
};

/* In an FIQ: the one group 0 interrupt, if it is the highest pending (with
 * AckCtl the IAR would also hand a group 1 one to this FIQ). */
static void gic_handle_fiq(void)
{
	u32 iar;

	if ((readl(gic.cpu + GICC_HPPIR) & 0x3ff) != IPI_CPU_BACKTRACE)
		return;
	iar = readl(gic.cpu + GICC_IAR);
	if ((iar & 0x3ff) == GIC_SPURIOUS)
		return;
	generic_handle_irq(iar & 0x3ff);
	writel(iar, gic.cpu + GICC_EOIR);
}

static void gic_handle_irq(void)
{
	for (bool first = true;; first = false) {
		u32 iar = readl(gic.cpu + GICC_IAR);
		unsigned int irq = iar & 0x3ff;

		if (irq == GIC_SPURIOUS) {
			if (first)
				irq_note_spurious();
			return;
		}
		generic_handle_irq(irq);
		writel(iar, gic.cpu + GICC_EOIR);
	}
}

/* GIC bindings: <0 SPI n flags> is ID 32 + n, <1 PPI n flags> is 16 + n. */
static int gic_xlate(const u32 *cells, int ncells)
{
	if (ncells < 2)
		return -EINVAL;
	if (cells[0] == 0 && cells[1] < NR_IRQS - 32)
		return (int)cells[1] + 32;
	if (cells[0] == 1 && cells[1] < 16)
		return (int)cells[1] + 16;
	return -EINVAL;
}

static const struct irq_domain_ops gic_domain_ops = { .xlate = gic_xlate };

static void gic_raise_softirq(u32 cpumask, unsigned int ipi)
{
	u32 targets = 0;

	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++)
		if (cpumask & (1u << cpu))
			targets |= gic.cpu_map[cpu];
	dsb(); /* what the other CPU will read is visible before it is woken */
	writel(targets << 16 | (gic.nsatt && ipi != IPI_CPU_BACKTRACE ? GICD_SGIR_NSATT : 0) |
		       (ipi & 0xf), gic.dist + GICD_SGIR);
}

/* The banked part: SGIs and PPIs of this CPU, and its CPU interface. */
static void gic_cpu_init(void)
{
	/* This CPU's interface, from a banked target register (as Linux's gic_cpu_map). */
	gic.cpu_map[smp_processor_id()] = readl(gic.dist + GICD_ITARGETSR) & 0xff;
	writel(0xffff0000u, gic.dist + GICD_ICENABLER); /* PPIs off until requested */
	writel(0x0000ffffu, gic.dist + GICD_ISENABLER); /* SGIs on */
	writel(gic.fiq ? ~(1u << IPI_CPU_BACKTRACE) : 0, gic.dist + GICD_IGROUPR);
	for (unsigned int i = 0; i < 32; i += 4)
		writel(DEFAULT_PRIORITY, gic.dist + GICD_IPRIORITYR + i);
	if (gic.fiq)
		writeb(0, gic.dist + GICD_IPRIORITYR + IPI_CPU_BACKTRACE);
	writel(PRIORITY_MASK, gic.cpu + GICC_PMR);
	writel(0, gic.cpu + GICC_BPR);
	writel(gic.fiq ? GICC_CTLR_GROUPS_FIQ : 1, gic.cpu + GICC_CTLR);
	if (gic.fiq) {
		writeb(0xff, gic.dist + GICD_CPENDSGIR + IPI_CPU_BACKTRACE); /* none stale */
		asm volatile("cpsie f" : : : "memory");
	}
}

static void gic_dist_init(void)
{
	/* This CPU's interface bit, read from a banked target register. */
	u32 cpumask = readl(gic.dist + GICD_ITARGETSR) & 0xff;

	cpumask |= cpumask << 8;
	cpumask |= cpumask << 16;
	writel(0, gic.dist + GICD_CTLR);
	for (unsigned int i = 32; i < gic.lines; i += 32) {
		writel(~0u, gic.dist + GICD_ICENABLER + i / 8);
		writel(~0u, gic.dist + GICD_ICPENDR + i / 8);
		writel(gic.fiq ? ~0u : 0, gic.dist + GICD_IGROUPR + i / 8);
	}
	for (unsigned int i = 32; i < gic.lines; i += 4) {
		writel(DEFAULT_PRIORITY, gic.dist + GICD_IPRIORITYR + i);
		writel(cpumask, gic.dist + GICD_ITARGETSR + i);
	}
	writel(3, gic.dist + GICD_CTLR);
}

/* Every secondary CPU, before it counts as online. */
static void gic_cpu_starting(unsigned int cpu)
{
	(void)cpu;
	if (gic.dist)
		gic_cpu_init();
}
CPU_STARTING_HOOK(gic_cpu_starting);

static int __init gic_of_init(const struct dtb *dt, int node, const void *data)
{
	u64 dist, cpu, size;
	u32 typer;
	int err;

	(void)data;
	if (dtb_read_reg(dt, node, 0, &dist, &size) || dtb_read_reg(dt, node, 1, &cpu, &size)) {
		pr_err("%s: needs distributor and CPU interface in reg\n", dtb_node_name(dt, node));
		return -EINVAL;
	}
	gic.dist = (u8 *)(unsigned long)dist;
	gic.cpu = (u8 *)(unsigned long)cpu;
	typer = readl(gic.dist + GICD_TYPER);
	gic.lines = 32 * ((typer & 0x1f) + 1);
	if (gic.lines > NR_IRQS)
		gic.lines = NR_IRQS;
	gic.fiq = (!(typer & GICD_TYPER_SECURITY_EXTN) || arch_running_secure()) && !irqchip_no_fiq;
	gic.nsatt = gic.fiq && (typer & GICD_TYPER_SECURITY_EXTN);
	if (gic.fiq)
		set_handle_fiq(gic_handle_fiq); /* before any CPU unmasks FIQs */

	gic_dist_init();
	gic_cpu_init();
	err = irq_domain_add(dt, node, &gic_domain_ops);
	if (err)
		return err;
	irq_set_chip(&gic_chip);
	set_handle_irq(gic_handle_irq);
	smp_ipi_backtrace_is_fiq = gic.fiq;
	set_smp_cross_call(gic_raise_softirq);
	pr_info("%u interrupt lines, %u CPU interface(s), %s security extensions, at 0x%08x/0x%08x\n",
		32 * ((typer & 0x1f) + 1), ((typer >> 5) & 7) + 1,
		typer & GICD_TYPER_SECURITY_EXTN ? "with" : "no", (u32)dist, (u32)cpu);
	return 0;
}
IRQCHIP_DECLARE(gic_400, "arm,gic-400", gic_of_init);
IRQCHIP_DECLARE(cortex_a7_gic, "arm,cortex-a7-gic", gic_of_init);
IRQCHIP_DECLARE(cortex_a15_gic, "arm,cortex-a15-gic", gic_of_init);
