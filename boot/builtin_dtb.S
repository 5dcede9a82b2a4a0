/* The device tree built into the image (make BUILTIN_DTB=<board>, default the
 * Orange Pi PC's): what the kernel uses when the boot loader hands over none,
 * or one that fails validation, as with QEMU's plain `-kernel initk.elf`.
 * Linux's built-in/appended DTB, in the image's read-only data. */
#include <generated/autoconf.h>

	.section .rodata.builtin_dtb, "a"
	.balign	8
	.globl	__builtin_dtb_start, __builtin_dtb_end
__builtin_dtb_start:
	.incbin	CONFIG_BUILTIN_DTB_FILE
__builtin_dtb_end:
