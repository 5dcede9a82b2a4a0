/* A Thumb-2 module for tests/unit/test_module_elf.c: every Thumb relocation
 * the loader applies (kernel/module/elf.c), against a local Thumb function
 * and a local ARM one (in .text.other: GAS resolves calls within a section
 * itself), against an external Thumb function and an external ARM one
 * (ext_thumb_func, ext_arm_func: relocs_thumb_ext.S, whose symbols ld reads
 * with -R, as --defsym would make them ARM whatever their bit 0; their
 * names' lengths give them Thumb and ARM values in fuzz_module_elf.c too)
 * and against data.
 * The test loads it with the loader and compares the bytes with what
 * arm-none-eabi-ld makes of it at the same addresses (relocs.lds); every
 * branch here is one ld makes without a stub of its own: in range, and a
 * B.W or B<c>.W only to Thumb code (thumb_to_arm.S has the others). */

	.syntax	unified
	.thumb

/* --- .text: branches and MOVW/MOVT -------------------------------------------- */

	.text
	.globl	thumb_fn
	.type	thumb_fn, %function
	.thumb_func
thumb_fn:
	bl	ext_thumb_func		/* R_ARM_THM_CALL, external Thumb: BL */
	bl	ext_thumb_func+8	/* addend 4 */
	bl	ext_arm_func		/* external ARM: made BLX, from Align(P, 4) = P */
	nop
	bl	ext_arm_func		/* ... at P = 2 mod 4 */
	blx	ext_arm_func		/* a BLX stays BLX */
	blx	ext_thumb_func		/* a BLX to Thumb code is made BL */
	bl	thumb_local		/* a local Thumb function of another section */
	bl	arm_local		/* a local ARM function: BLX */
	nop
	bl	arm_local		/* ... at P = 2 mod 4 */
	bl	init_local		/* .init.text (the other region) */
	b.w	ext_thumb_func		/* R_ARM_THM_JUMP24, external Thumb */
	b.w	ext_thumb_func+6	/* addend 2 */
	b.w	thumb_local		/* local Thumb */
	b.w	thumb_local+4		/* into the middle of it, addend 0 */
	beq.w	ext_thumb_func		/* R_ARM_THM_JUMP19, external Thumb */
	bne.w	ext_thumb_func+12	/* addend 8 */
	bgt.w	thumb_local		/* local Thumb */
	bls.w	other_label		/* a label: against the section, its state unknown */
	movw	r0, #:lower16:ext_data+0x1234	/* R_ARM_THM_MOVW_ABS_NC, the addend carries */
	movt	r0, #:upper16:ext_data+0x1234	/* R_ARM_THM_MOVT_ABS */
	movw	r1, #:lower16:thumb_local	/* (S + A) | T: odd */
	movt	r1, #:upper16:thumb_local
	movw	r2, #:lower16:arm_local+8	/* no T */
	movt	r2, #:upper16:arm_local+8
	movw	r3, #:lower16:ext_thumb_func	/* T of an external function */
	movt	r3, #:upper16:ext_thumb_func
	movw	r4, #:lower16:data_local-4	/* data, a negative addend */
	movt	r4, #:upper16:data_local-4
	movw	r5, #:lower16:ext_arm_func+4	/* an external ARM function: no T */
	movt	r5, #:upper16:ext_arm_func+4
	bx	lr
	.size	thumb_fn, . - thumb_fn

	.section .text.other, "ax", %progbits
	.type	thumb_local, %function
	.thumb_func
thumb_local:
	nop
	nop
	bx	lr
other_label:
	bx	lr
	.size	thumb_local, . - thumb_local

	.arm
	.balign	4
	.type	arm_local, %function
arm_local:
	mov	r0, #0
	mov	r0, #1
	bx	lr
	.size	arm_local, . - arm_local
	.thumb

/* --- .rodata, .data: function pointers (R_ARM_ABS32 keeps T) ------------------ */

	.section .rodata, "a"
	.balign	4
	.type	ro_local, %object
ro_local:
	.word	thumb_local
	.word	ext_thumb_func
	.size	ro_local, . - ro_local

	.data
	.balign	4
	.type	data_local, %object
data_local:
	.word	arm_local
	.word	thumb_fn
	.size	data_local, . - data_local

/* --- The init region ------------------------------------------------------------ */

	.section .init.text, "ax", %progbits
	.globl	init_fn
	.type	init_fn, %function
	.thumb_func
init_fn:
	push	{r4, lr}
	bl	thumb_local		/* into the core region */
	bl	arm_local		/* BLX into the core region */
	bl	ext_arm_func
	pop	{r4, lr}
	b.w	ext_thumb_func		/* B.W from the init region */
	.size	init_fn, . - init_fn

	.type	init_local, %function
	.thumb_func
init_local:
	b.w	thumb_fn+2
	.size	init_local, . - init_local

	.section .modinfo, "a", %progbits
	.asciz	"name=relocs_thumb"
	.asciz	"license=GPL"
