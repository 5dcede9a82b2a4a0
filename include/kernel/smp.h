/* SMP: bringing up the other CPUs between the early initcalls and the pure
 * level (smp_init), the online mask, and running work on other CPUs.
 *
 * An enable method (PSCI, Allwinner CPUCFG) is registered by the early driver
 * of its node when it applies (smp_set_ops); of several, the highest priority
 * wins: the firmware's interface over the SoC's registers.
 * Work every CPU must do for itself before it counts as online (VFP, the
 * GIC's CPU interface, ...) is a CPU_STARTING_HOOK, listed in one section. */
#ifndef KERNEL_SMP_H
#define KERNEL_SMP_H

#include <asm/smp.h>
#include <kernel/compiler.h>
#include <kernel/linker_lists.h>
#include <kernel/types.h>

#define SMP_OPS_PRIORITY_FIRMWARE 200 /* PSCI */
#define SMP_OPS_PRIORITY_SOC 100      /* the SoC's own power and reset registers */

struct smp_operations {
	const char *name;
	int priority;
	/* Start cpu (its MPIDR) at the physical address entry. */
	int (*cpu_boot)(unsigned int cpu, u32 mpidr, unsigned long entry);
};

void smp_set_ops(const struct smp_operations *ops);

struct cpu_starting_hook {
	const char *name;
	void (*fn)(unsigned int cpu);
};

LL_LIST(cpu_starting, rodata, const struct cpu_starting_hook);

#define CPU_STARTING_HOOK(hook)                                                                \
	static LL_ENTRY(cpu_starting, rodata, hook) = { .name = #hook, .fn = hook }

/* Report the boot CPU's topology (before the early initcalls). */
void smp_prepare_boot_cpu(void);
/* Start the other CPUs and report how many came online. */
void smp_init(void);
/* Called by head.S on each secondary CPU. */
void secondary_start_kernel(unsigned int cpu, u32 entry_mode);

bool cpu_online(unsigned int cpu);
unsigned int num_online_cpus(void);

/* Run fn(info) on cpu (possibly this one); wait until it has run. -ENXIO if offline. */
int smp_call_function_single(unsigned int cpu, void (*fn)(void *info), void *info);
/* Run fn(info) on every online CPU, this one included, at the same time; wait for all. */
void on_each_cpu(void (*fn)(void *info), void *info);
/* Wake this CPU's buddy, the next online one (its idle loop looks at the
 * lockup detector's deadlines); returns its number, this CPU's if none. */
unsigned int smp_wake_buddy(void);
/* Panic: stop every other CPU (each says "CPU<n>: stopping"). */
void smp_send_stop(void);

/* Interrupt controller: how to interrupt a set of CPUs (bit n = CPU n) with SGI ipi. */
void set_smp_cross_call(void (*raise)(u32 cpumask, unsigned int ipi));

/* Linux ARM's numbers, so /proc/interrupts rows mean the same. */
#define IPI_WAKEUP 0
#define IPI_CALL_FUNC 3
#define IPI_CPU_STOP 4
#define IPI_CPU_BACKTRACE 7 /* an FIQ where the interrupt controller can raise one */

/* The interrupt controller: IPI_CPU_BACKTRACE reaches a CPU with IRQs masked. */
extern bool smp_ipi_backtrace_is_fiq;
/* Interrupt cpu with IPI_CPU_BACKTRACE; false if that cannot be an FIQ. */
bool smp_send_backtrace(unsigned int cpu);

/* The test kernel sets these: one CPU gets an entry that never comes online;
 * the boot CPU lets a new CPU run between seeing it not online yet and going
 * to sleep for it (where a lost wake-up would cost the whole timeout). */
extern int smp_bad_entry_cpu;
extern bool smp_wakeup_window;

#endif
