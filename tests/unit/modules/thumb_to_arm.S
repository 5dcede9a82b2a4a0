/* A Thumb-2 module for tests/unit/test_module_elf.c: the branches ld would
 * give stubs of its own, so checked by decoding what the loader made, not
 * against ld. A B.W or B<c>.W cannot switch to ARM: to a local ARM function
 * or to ext_arm_func, each goes through a Thumb veneer (ldr.w pc), one per
 * destination; a BL to ARM code is made BLX. A B<c>.W out of range to a
 * label, whose state is not known (the branch's own): a Thumb veneer that
 * stays in Thumb state. And an ARM BL and a Thumb BL to one destination
 * (ext_thumb_func, when the test puts it out of range): a veneer of each
 * kind. */

	.syntax	unified
	.thumb
	.text
	.globl	thumb_caller
	.type	thumb_caller, %function
	.thumb_func
thumb_caller:
	b.w	arm_fn			/* R_ARM_THM_JUMP24 to a local ARM function */
	beq.w	arm_fn			/* R_ARM_THM_JUMP19: the same veneer */
	b.w	ext_arm_func		/* to an external ARM function */
	bne.w	ext_arm_func+8		/* another veneer (addend 4) */
	bl	arm_fn			/* BLX */
	bl	ext_thumb_func		/* Thumb, its own kind of veneer if any */
	bhi.w	init_label		/* against .init.text, 8 MiB away: a veneer */
	bx	lr
	.size	thumb_caller, . - thumb_caller

	.arm
	.type	arm_caller, %function
arm_caller:
	bl	ext_thumb_func		/* R_ARM_CALL: ARM, an ARM veneer */
	bx	lr
	.size	arm_caller, . - arm_caller

	.section .text.arm, "ax", %progbits
	.type	arm_fn, %function
arm_fn:
	bx	lr
	.size	arm_fn, . - arm_fn

	.section .init.text, "ax", %progbits
	.thumb
init_label:
	bx	lr

	.section .modinfo, "a", %progbits
	.asciz	"name=thumb_to_arm"
