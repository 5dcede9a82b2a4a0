/* The R_ARM_V4BX half of relocs.o (relocs.S): GAS marks every `bx rm` with
 * R_ARM_V4BX only when it assembles for ARMv4T with --fix-v4bx
 * (-march=armv4t -Wa,--fix-v4bx); ld --fix-v4bx and the loader make each
 * `mov pc, rm`. The relocation has no symbol (index 0). */

	.syntax unified
	.arm
	.text
	.globl	v4bx_fn
	.type	v4bx_fn, %function
v4bx_fn:
	cmp	r0, #0
	bxne	r3			/* the condition stays */
	bx	lr
	.size	v4bx_fn, . - v4bx_fn
