/* Kernel entry, from QEMU's ELF loader (secure SVC, no DTB) or from a
 * bootloader's Linux boot protocol (non-secure HYP or SVC, r0 = 0,
 * r1 = machine type, r2 = DTB). Leaves HYP for SVC, masks interrupts, sets a
 * stack for every exception mode, clears BSS, installs the exception vectors
 * and calls start_kernel(). The MMU and caches are turned on from C.
 *
 * Secondary CPUs enter at secondary_startup (from PSCI CPU_ON in HYP, or from
 * the Allwinner CPUCFG soft entry in secure SVC), get their own stacks and
 * the vectors, and call secondary_start_kernel(cpu, entry mode). */

#include <asm/cpu.h>
#include <asm/stacks.h>

	.arch_extension virt
	.section .head.text, "ax"
	.arm

/* In HYP (non-secure): let PL1 use the physical counter and timer and the
 * VFP, present the real MIDR/MPIDR, then return to SVC at label. Clobbers r4, r5. */
.macro leave_hyp label
	mrs	r4, cpsr
	and	r5, r4, #MODE_MASK
	cmp	r5, #MODE_HYP
	bne	\label
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
	bic	r4, r4, #MODE_MASK
	orr	r4, r4, #MODE_SVC
	orr	r4, r4, #PSR_AIF
	msr	spsr_cxsf, r4
	adr	r5, \label
	msr	elr_hyp, r5
	isb
	eret
.endm

/* Stacks for CPU number \cpu (a register, kept) in every mode; ends in SVC. Clobbers r5, r6. */
.macro set_stacks cpu
	ldr	r5, =CPU_STACKS
	mul	r5, \cpu, r5
	ldr	r6, =cpu_stacks
	add	r5, r5, r6
	add	r5, r5, #(STACK_GUARD + SVC_STACK)
	cps	#MODE_IRQ
	add	r5, r5, #IRQ_STACK
	mov	sp, r5
	cps	#MODE_ABT
	add	r5, r5, #ABT_STACK
	mov	sp, r5
	cps	#MODE_UND
	add	r5, r5, #UND_STACK
	mov	sp, r5
	cps	#MODE_FIQ
	add	r5, r5, #FIQ_STACK
	mov	sp, r5
	cps	#MODE_SVC
	sub	r5, r5, #(IRQ_STACK + ABT_STACK + UND_STACK + FIQ_STACK)
	mov	sp, r5
.endm

/* Exception vectors at VBAR, not at 0xffff0000. Clobbers r0. */
.macro install_vectors
	ldr	r0, =vectors
	mcr	p15, 0, r0, c12, c0, 0	@ VBAR
	mrc	p15, 0, r0, c1, c0, 0
	bic	r0, r0, #(1 << 13)	@ SCTLR.V
	mcr	p15, 0, r0, c1, c0, 0
	isb
.endm

/* The image starts with an ARM zImage header (words at 0x24-0x33), so U-Boot's
 * bootz takes it as well as bootm: bootz runs it where it was loaded (LAVA's
 * sunxi labs: 0x42000000), and the code before the header moves it to its
 * link address first (relocate, below). The header's start and end are the
 * link address and the end of the file: a loader takes end - start as the
 * size, and start as where the image runs. */
	.globl	_start
	.type	_start, %function
_start:
	mov	r8, r0
	mov	r9, r1
	mov	r10, r2
	adr	r0, _start		@ where this copy runs
	ldr	r1, zimage_start	@ where it was linked
	cmp	r0, r1
	bne	relocate
	mrs	r11, cpsr
	b	start_in_place
	.org	_start + 0x24
	.word	0x016f2818		@ zImage magic
zimage_start:
	.word	_text
zimage_end:
	.word	_edata
	.word	0x04030201		@ little-endian
start_in_place:
	and	r11, r11, #MODE_MASK		@ the mode we were entered in
	leave_hyp 1f
1:	cpsid	aif
	mov	r7, #0			@ the boot CPU is logical CPU 0, stack block 0
	mcr	p15, 0, r7, c13, c0, 4	@ TPIDRPRW: smp_processor_id()
	set_stacks r7

	ldr	r0, =__bss_start	@ 32-byte aligned (linker.lds)
	ldr	r1, =__bss_end
	mov	r2, #0
	mov	r3, #0
	mov	r4, #0
	mov	r5, #0
	mov	r6, #0
	mov	r7, #0
	mov	r12, #0
	mov	lr, #0
2:	cmp	r0, r1			@ 32 bytes a step; the end is 32-byte aligned too
	stmloia	r0!, {r2-r7, r12, lr}
	blo	2b
	ldr	r0, =__data_load	@ .data, from the end of the init memory to its place
	ldr	r1, =_sdata
	ldr	r2, =__data_end
4:	cmp	r1, r2
	ldrlo	r3, [r0], #4
	strlo	r3, [r1], #4
	blo	4b

	ldr	r0, =boot_params
	stmia	r0, {r8-r11}		@ r0, r1, r2 at entry, entry mode
	install_vectors
	bl	start_kernel
3:	wfi
	b	3b

/* Entered away from the link address (r0: where, r1: the link address; the
 * caller's r0-r2 in r8-r10), in any mode, with the MMU off: copy the file's
 * bytes to the link address and enter the copy as the loader entered this
 * one. Regions that overlap (a load just below or above the link address)
 * go through a copy past both first, so no copy overwrites this loop. Only
 * position-independent code here. */
relocate:
	ldr	r2, zimage_end
	sub	r2, r2, r1		@ bytes in the file, a multiple of 4 (linker.lds)
	subs	r3, r0, r1
	rsbmi	r3, r3, #0		@ distance between the two
	cmp	r3, r2
	bhs	2f
	cmp	r0, r1			@ overlap: first to just past both
	movhi	r1, r0
	add	r1, r1, r2
2:	mov	r4, r1
3:	ldr	r3, [r0], #4
	str	r3, [r1], #4
	subs	r2, r2, #4
	bhi	3b
	mov	r3, #0
	mcr	p15, 0, r3, c7, c5, 0	@ ICIALLU: no stale instructions at the copy
	mcr	p15, 0, r3, c7, c5, 6	@ BPIALL
	dsb
	isb
	mov	r0, r8
	mov	r1, r9
	mov	r2, r10
	bx	r4
	.size	_start, . - _start

/* A secondary CPU: its logical number is its index in __cpu_logical_map. */
	.globl	secondary_startup
	.type	secondary_startup, %function
secondary_startup:
	mrs	r11, cpsr
	and	r11, r11, #MODE_MASK
	leave_hyp 1f
1:	cpsid	aif
	mrc	p15, 0, r4, c0, c0, 5
	bic	r4, r4, #0xff000000	@ MPIDR affinity
	ldr	r6, =__cpu_logical_map	@ cleaned to memory by the boot CPU: caches are off here
	mov	r7, #0
2:	ldr	r5, [r6, r7, lsl #2]
	cmp	r5, r4
	beq	3f
	add	r7, r7, #1
	cmp	r7, #NR_CPUS
	blo	2b
	b	secondary_park		@ not a CPU the kernel started
3:	mcr	p15, 0, r7, c13, c0, 4	@ TPIDRPRW: its logical number
	set_stacks r7
	install_vectors
	mov	r0, r7
	mov	r1, r11
	bl	secondary_start_kernel
	b	secondary_park
	.size	secondary_startup, . - secondary_startup

/* Where a CPU that must not run goes: it never comes online. */
	.globl	secondary_park
	.type	secondary_park, %function
secondary_park:
	cpsid	aif
1:	wfi
	b	1b
	.size	secondary_park, . - secondary_park

	@ not cleared by the loop above (.noinit): a stack needs no zeroes, and
	@ clearing 128 KiB cost 24,000 instructions of every boot
	.section .noinit, "aw", %nobits
	.balign	4096			@ whole pages: the guard pages are unmapped
	.globl	cpu_stacks
	.type	cpu_stacks, %object
cpu_stacks:
	.space	NR_CPUS * CPU_STACKS
	.size	cpu_stacks, . - cpu_stacks
