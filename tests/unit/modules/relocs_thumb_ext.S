/* The kernel functions relocs_thumb.S calls, linked at an address of their
 * own (tests/unit/Makefile): ld reads them with -R when it links the oracle
 * relocs_thumb.elf, so that it knows ext_thumb_func for Thumb code (st_value
 * odd) and ext_arm_func for ARM code. */

	.syntax	unified
	.text
	.thumb
	.globl	ext_thumb_func
	.type	ext_thumb_func, %function
	.thumb_func
ext_thumb_func:
	bx	lr
	.size	ext_thumb_func, . - ext_thumb_func

	.arm
	.balign	16
	.globl	ext_arm_func
	.type	ext_arm_func, %function
ext_arm_func:
	bx	lr
	.size	ext_arm_func, . - ext_arm_func
