/* A module the loader must refuse (tests/unit/test_module_elf.c): a Thumb
 * function calling an undefined one, which GAS marks R_ARM_THM_CALL, a
 * relocation kernel/module/elf.c does not apply. */

	.syntax unified
	.thumb
	.text
	.globl	thumb_fn
	.type	thumb_fn, %function
	.thumb_func
thumb_fn:
	push	{r3, lr}
	bl	ext_func
	pop	{r3, pc}
	.size	thumb_fn, . - thumb_fn

	.section .modinfo, "a", %progbits
	.asciz	"name=thumb_call"
