/* What C and assembly both need to know about these CPUs, in one place:
 * head.S and entry.S include this file as the C code does. */
#ifndef ASM_CPU_H
#define ASM_CPU_H

/* CPUs of the one cluster (MPIDR.Aff0 0..3): stack blocks in head.S, masks in C. */
#define NR_CPUS 4

/* Processor modes (CPSR.M). */
#define MODE_USR 0x10
#define MODE_FIQ 0x11
#define MODE_IRQ 0x12
#define MODE_SVC 0x13
#define MODE_MON 0x16
#define MODE_ABT 0x17
#define MODE_HYP 0x1a
#define MODE_UND 0x1b
#define MODE_SYS 0x1f
#define MODE_MASK 0x1f

/* CPSR mask bits. */
#define PSR_T_BIT 0x20  /* Thumb state */
#define PSR_F_BIT 0x40  /* FIQs masked */
#define PSR_I_BIT 0x80  /* IRQs masked */
#define PSR_A_BIT 0x100 /* asynchronous aborts masked */
#define PSR_AIF (PSR_A_BIT | PSR_I_BIT | PSR_F_BIT)

/* The exception kinds entry.S passes to do_exception() (arch/arm/kernel/traps.c). */
#define EXC_RESET 0
#define EXC_UNDEF 1
#define EXC_SVC 2
#define EXC_PREFETCH_ABORT 3
#define EXC_DATA_ABORT 4
#define EXC_UNUSED 5
#define EXC_FIQ 6

#endif
