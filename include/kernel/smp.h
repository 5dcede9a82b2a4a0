/* Secondary CPU bring-up, between the early initcalls and the pure level. */
#ifndef KERNEL_SMP_H
#define KERNEL_SMP_H

/* Report the boot CPU's topology (before the early initcalls). */
void smp_prepare_boot_cpu(void);
/* Start the other CPUs and report how many came online. */
void smp_init(void);

#endif
