/* Per-CPU stack sizes, shared by head.S (which sets the stacks up) and C. */
#ifndef ASM_STACKS_H
#define ASM_STACKS_H

/* Stacks of one CPU, from the bottom: an unmapped guard page (a stack
 * overflow faults instead of running into the CPU below), SVC, then IRQ,
 * ABT, UND, FIQ; whole pages, page-aligned. */
#define STACK_GUARD 4096
#define SVC_STACK 16384
#define IRQ_STACK 1024
#define ABT_STACK 4096 /* fault reports and panic() run here: printk keeps a line on the stack */
#define UND_STACK 4096
#define FIQ_STACK 3072 /* the hard-lockup FIQ prints its report here */
#define CPU_STACKS 32768 /* the above: whole pages */

#endif
