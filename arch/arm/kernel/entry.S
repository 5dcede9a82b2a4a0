/* Exception vectors. Faults (undefined instruction, prefetch and data abort,
 * unexpected SVC/FIQ) save every register as a struct pt_regs and call
 * do_exception(), which reports and panics. IRQs are handled and return. */

#include <asm/cpu.h>

	.text
	.arm
	.balign	32
	.globl	vectors
	.type	vectors, %function
vectors:
	b	exc_reset
	b	exc_undef
	b	exc_svc
	b	exc_pabt
	b	exc_dabt
	b	exc_unused
	b	exc_irq
	b	exc_fiq
	.size	vectors, . - vectors

/* Save a struct pt_regs (r0-r12, sp, lr, pc, cpsr) of the interrupted code on
 * this mode's stack and hand it to do_exception(regs, kind). lr_adjust takes
 * lr back to the faulting instruction; an undefined instruction's lr is 4
 * past it in ARM code but 2 in Thumb code (thumb_adjust). */
.macro fault_entry name, kind, lr_adjust, thumb_adjust=0
	.type	\name, %function
\name:
	sub	lr, lr, #\lr_adjust
	sub	sp, sp, #(18 * 4)
	stmia	sp, {r0-r12}
	mrs	r0, spsr
	.if \thumb_adjust
	tst	r0, #PSR_T_BIT
	addne	lr, lr, #(\lr_adjust - \thumb_adjust)
	.endif
	str	lr, [sp, #(15 * 4)]
	str	r0, [sp, #(16 * 4)]
	/* Visit the interrupted mode (system mode for user) to read its sp and lr. */
	and	r1, r0, #MODE_MASK
	cmp	r1, #MODE_USR
	moveq	r1, #MODE_SYS
	mrs	r2, cpsr
	bic	r3, r2, #MODE_MASK
	orr	r3, r3, r1
	orr	r3, r3, #(PSR_I_BIT | PSR_F_BIT)
	msr	cpsr_c, r3
	mov	r4, sp
	mov	r5, lr
	msr	cpsr_c, r2
	str	r4, [sp, #(13 * 4)]
	str	r5, [sp, #(14 * 4)]
	mov	r0, sp
	mov	r1, #\kind
	bl	do_exception
1:	wfi
	b	1b
	.size	\name, . - \name
.endm

	fault_entry exc_reset, EXC_RESET, 0
	fault_entry exc_undef, EXC_UNDEF, 4, 2
	fault_entry exc_svc, EXC_SVC, 4, 2
	fault_entry exc_pabt, EXC_PREFETCH_ABORT, 4
	fault_entry exc_dabt, EXC_DATA_ABORT, 8
	fault_entry exc_unused, EXC_UNUSED, 0
	fault_entry exc_fiq, EXC_FIQ, 4

/* IRQ: run the handler on the SVC stack, 8-byte aligned as the ABI wants,
 * then return to the interrupted code. */
	.type	exc_irq, %function
exc_irq:
	sub	lr, lr, #4
	srsdb	sp!, #MODE_SVC
	cps	#MODE_SVC
	push	{r0-r4, r12}
	and	r4, sp, #7
	sub	sp, sp, r4
	push	{r4, lr}
	bl	handle_arch_irq
	pop	{r4, lr}
	add	sp, sp, r4
	pop	{r0-r4, r12}
	rfeia	sp!
	.size	exc_irq, . - exc_irq
