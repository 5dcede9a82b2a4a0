/* Interrupts: numbers are the interrupt controller's own IDs (GIC: SGI 0-15,
 * PPI 16-31, SPI 32+). The controller driver installs the entry handler and
 * an irq_chip; device drivers request numbers they got from the device tree. */
#ifndef KERNEL_IRQ_H
#define KERNEL_IRQ_H

#include <kernel/fdt.h>
#include <kernel/types.h>

#define NR_IRQS 256

typedef void (*irq_handler_t)(unsigned int irq, void *data);

struct irq_chip {
	const char *name;
	void (*mask)(unsigned int irq);
	void (*unmask)(unsigned int irq);
};

/* The interrupt controller driver: the entry handler and its chip. */
void set_handle_irq(void (*handler)(void));
/* Its FIQ entry handler, where the controller can raise an FIQ (the lockup
 * detector's IPI_CPU_BACKTRACE). */
void set_handle_fiq(void (*handler)(void));
/* The test kernel sets this (test_no_fiq): the controller behaves as one
 * whose FIQs are not ours, as on silicon booted non-secure. */
extern bool irqchip_no_fiq;
void irq_set_chip(const struct irq_chip *chip);

/* Called from the IRQ vector, with the interrupted code's registers. */
struct pt_regs;
void handle_arch_irq(struct pt_regs *regs);
/* Called from the FIQ vector; returns where to go back to instead of the
 * interrupted code (irq_exit_to_recovery), or NULL. */
struct recovery_point *handle_arch_fiq(struct pt_regs *regs);
/* Those registers, while this CPU handles an interrupt (Linux's name). */
struct pt_regs *get_irq_regs(void);
/* When this interrupt is over, go back to rp instead of the interrupted
 * code (a call abandoned by the lockup detector). */
struct recovery_point;
void irq_exit_to_recovery(struct recovery_point *rp);
/* True while this CPU runs an interrupt handler. */
bool irq_context(void);
/* In a handler: it interrupted task code, not another handler. */
bool irq_from_task(void);
/* The controller's entry handler calls this for each interrupt it takes. */
void generic_handle_irq(unsigned int irq);
/* The controller saw nothing pending (GIC ID 1023). */
void irq_note_spurious(void);

int request_irq(unsigned int irq, irq_handler_t handler, const char *name, void *data);
void enable_irq(unsigned int irq);

/* How many times irq was handled; interrupts that had no handler; spurious ones. */
u32 irq_count(unsigned int irq);
u32 irq_unhandled_count(void);
u32 irq_spurious_count(void);

/* Device tree interrupt specifiers -> numbers, through the controller's domain. */
struct irq_domain_ops {
	/* cells of one `interrupts` entry -> interrupt number, or a negative errno */
	int (*xlate)(const u32 *cells, int ncells);
};
/* The interrupt-parent of node: its own property or the nearest ancestor's;
 * -ENOENT if none. (An interrupt controller at the root is its own parent.) */
int of_irq_find_parent(const struct dtb *dt, int node);
int irq_domain_add(const struct dtb *dt, int node, const struct irq_domain_ops *ops);
/* The index-th interrupt of node: its number, -EPROBE_DEFER while the
 * controller has no domain yet, -ENOENT/-EINVAL for a bad specifier. */
int of_irq_get(const struct dtb *dt, int node, int index);

#endif
