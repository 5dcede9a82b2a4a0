/* Kernel entry, from QEMU's ELF loader (secure SVC, no DTB) or from a
 * bootloader's Linux boot protocol (non-secure HYP or SVC, r0 = 0,
 * r1 = machine type, r2 = DTB). Leaves HYP for SVC, masks interrupts, sets a
 * stack for every exception mode, clears BSS, installs the exception vectors
 * and calls start_kernel(). The MMU and caches are turned on from C. */

#define MODE_FIQ 0x11
#define MODE_IRQ 0x12
#define MODE_SVC 0x13
#define MODE_ABT 0x17
#define MODE_HYP 0x1a
#define MODE_UND 0x1b
#define PSR_AIF 0x1c0

	.arch_extension virt
	.section .head.text, "ax"
	.arm

	.globl	_start
	.type	_start, %function
_start:
	mov	r8, r0
	mov	r9, r1
	mov	r10, r2
	mrs	r4, cpsr
	and	r11, r4, #0x1f		@ the mode we were entered in
	cmp	r11, #MODE_HYP
	bne	in_svc

	/* Non-secure HYP: let PL1 use the physical counter and timer and the
	 * VFP, present the real MIDR/MPIDR, then return to SVC. */
	mrc	p15, 4, r5, c14, c1, 0	@ CNTHCTL
	orr	r5, r5, #3		@ PL1PCEN | PL1PCTEN
	mcr	p15, 4, r5, c14, c1, 0
	mov	r5, #0
	mcrr	p15, 4, r5, r5, c14	@ CNTVOFF = 0
	mcr	p15, 4, r5, c1, c1, 0	@ HCR: no traps, no virtual interrupts
	mcr	p15, 4, r5, c1, c1, 3	@ HSTR
	movw	r5, #0x33ff
	mcr	p15, 4, r5, c1, c1, 2	@ HCPTR: CP10/CP11 not trapped
	mrc	p15, 0, r5, c0, c0, 0
	mcr	p15, 4, r5, c0, c0, 0	@ VPIDR = MIDR
	mrc	p15, 0, r5, c0, c0, 5
	mcr	p15, 4, r5, c0, c0, 5	@ VMPIDR = MPIDR
	bic	r4, r4, #0x1f
	orr	r4, r4, #MODE_SVC
	orr	r4, r4, #PSR_AIF
	msr	spsr_cxsf, r4
	adr	r5, in_svc
	msr	elr_hyp, r5
	isb
	eret

in_svc:
	cpsid	aif
	/* A stack for every mode an exception can enter. */
	cps	#MODE_IRQ
	ldr	sp, =irq_stack_top
	cps	#MODE_ABT
	ldr	sp, =abt_stack_top
	cps	#MODE_UND
	ldr	sp, =und_stack_top
	cps	#MODE_FIQ
	ldr	sp, =fiq_stack_top
	cps	#MODE_SVC
	ldr	sp, =svc_stack_top

	ldr	r0, =__bss_start
	ldr	r1, =__bss_end
	mov	r2, #0
1:	cmp	r0, r1
	strlo	r2, [r0], #4
	blo	1b

	ldr	r0, =boot_params
	stmia	r0, {r8-r11}		@ r0, r1, r2 at entry, entry mode

	ldr	r0, =vectors
	mcr	p15, 0, r0, c12, c0, 0	@ VBAR
	mrc	p15, 0, r0, c1, c0, 0
	bic	r0, r0, #(1 << 13)	@ SCTLR.V: vectors at VBAR, not 0xffff0000
	mcr	p15, 0, r0, c1, c0, 0
	isb

	bl	start_kernel
2:	wfi
	b	2b
	.size	_start, . - _start

	.section .bss.stacks, "aw", %nobits
	.balign	16
svc_stack:
	.space	16384
	.globl	svc_stack_top
svc_stack_top:
	.space	1024
irq_stack_top:
	.space	1024
abt_stack_top:
	.space	1024
und_stack_top:
	.space	256
fiq_stack_top:
