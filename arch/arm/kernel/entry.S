/* Exception vectors. Faults (undefined instruction, prefetch and data abort,
 * unexpected SVC/FIQ) save every register as a struct pt_regs and call
 * do_exception(), which reports, then panics or names a recovery point to
 * go back to. IRQs are handled and return. And the recovery points
 * themselves (asm/recovery.h). */

#include <asm/cpu.h>
#include <asm/recovery.h>

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
	bl	do_exception		@ returns only to recover: r0 = the point
	add	sp, sp, #(18 * 4)	@ this mode's stack as the fault found it
	b	recovery_resume
	.size	\name, . - \name
.endm

	fault_entry exc_reset, EXC_RESET, 0
	fault_entry exc_undef, EXC_UNDEF, 4, 2
	fault_entry exc_svc, EXC_SVC, 4, 2
	fault_entry exc_pabt, EXC_PREFETCH_ABORT, 4
	fault_entry exc_dabt, EXC_DATA_ABORT, 8
	fault_entry exc_unused, EXC_UNUSED, 0

/* FIQ: only the lockup detector's (a group 0 SGI, for a CPU stuck with
 * IRQs masked). A struct pt_regs on the FIQ stack for handle_arch_fiq(regs),
 * which returns a recovery point to go back to, or NULL: then return to the
 * interrupted code. */
	.type	exc_fiq, %function
exc_fiq:
	sub	lr, lr, #4
	sub	sp, sp, #(18 * 4)
	stmia	sp, {r0-r7}
	str	lr, [sp, #(15 * 4)]
	mrs	r0, spsr
	str	r0, [sp, #(16 * 4)]
	mov	r0, sp
	cps	#MODE_SVC		@ the interrupted (SVC) code's r8-r12, sp, lr: FIQ banks its own
	add	r1, r0, #(8 * 4)
	stmia	r1, {r8-r12}
	str	sp, [r0, #(13 * 4)]
	str	lr, [r0, #(14 * 4)]
	cps	#MODE_FIQ
	bl	handle_arch_fiq
	cmp	r0, #0
	addne	sp, sp, #(18 * 4)
	bne	recovery_resume
	ldr	r0, [sp, #(16 * 4)]
	msr	spsr_cxsf, r0
	ldr	lr, [sp, #(15 * 4)]
	ldmia	sp, {r0-r7}		@ r8-r12: the SVC ones were never touched
	add	sp, sp, #(18 * 4)
	movs	pc, lr
	.size	exc_fiq, . - exc_fiq

/* IRQ: a struct pt_regs of the interrupted (SVC) code on the SVC stack,
 * for handle_arch_irq(regs) run there, 8-byte aligned as the ABI wants; then
 * return to the interrupted code. */
	.type	exc_irq, %function
exc_irq:
	sub	lr, lr, #4
	srsdb	sp!, #MODE_SVC		@ pc, cpsr
	cps	#MODE_SVC
	sub	sp, sp, #(15 * 4)
	stmia	sp, {r0-r12}
	add	r0, sp, #(17 * 4)	@ the interrupted sp
	str	r0, [sp, #(13 * 4)]
	str	lr, [sp, #(14 * 4)]
	mov	r0, sp
	and	r4, sp, #7
	sub	sp, sp, r4
	bl	handle_arch_irq
	add	sp, sp, r4
	ldmia	sp, {r0-r12}
	ldr	lr, [sp, #(14 * 4)]
	add	sp, sp, #(15 * 4)
	rfeia	sp!
	.size	exc_irq, . - exc_irq

/* int call_with_recovery(rp, call, fn, arg): call(fn, arg) under rp. */
	.globl	call_with_recovery
	.type	call_with_recovery, %function
call_with_recovery:
	stmia	r0, {r4-r11}
	str	sp, [r0, #RP_SP]
	str	lr, [r0, #RP_LR]
	mrs	r12, cpsr
	str	r12, [r0, #RP_CPSR]
	mov	r4, r0
	mrc	p15, 0, r5, c13, c0, 4	@ TPIDRPRW: this CPU's number
	ldr	r6, =cpu_locks_held
	ldr	r7, [r6, r5, lsl #2]
	str	r7, [r4, #RP_LOCKS]
	ldr	r6, =recovery_current
	ldr	r7, [r6, r5, lsl #2]
	str	r7, [r4, #RP_PREV]
	str	r4, [r6, r5, lsl #2]	@ complete: now it is the current point
	mov	r12, r1
	mov	r0, r2
	mov	r1, r3
	blx	r12
	/* the point from where it is kept, not from r4: a call that broke its
	 * own frame may have returned a wrong one */
	mrc	p15, 0, r5, c13, c0, 4
	ldr	r6, =recovery_current
	ldr	r4, [r6, r5, lsl #2]
	/* r0 = the value, r4 = the point */
.Lrecovery_exit:
	mrc	p15, 0, r5, c13, c0, 4
	ldr	r6, =recovery_current
	ldr	r7, [r4, #RP_PREV]
	str	r7, [r6, r5, lsl #2]
	mov	r1, r4
	ldr	sp, [r1, #RP_SP]
	ldr	lr, [r1, #RP_LR]
	ldmia	r1, {r4-r11}
	bx	lr
	.size	call_with_recovery, . - call_with_recovery

/* void recovery_resume(rp): in SVC mode with interrupts masked, on the
 * stack the point saved, then its interrupt masks, and return rp->ret. */
	.globl	recovery_resume
	.type	recovery_resume, %function
recovery_resume:
	cpsid	if, #MODE_SVC
	mov	r4, r0
	ldr	sp, [r4, #RP_SP]
	ldr	r1, [r4, #RP_CPSR]
	msr	cpsr_c, r1
	ldr	r0, [r4, #RP_RET]
	b	.Lrecovery_exit
	.size	recovery_resume, . - recovery_resume
