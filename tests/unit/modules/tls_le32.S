/* A module the loader must refuse (tests/unit/test_module_elf.c): a Thumb
 * function reading a thread-local variable's offset, which GAS marks
 * R_ARM_TLS_LE32, a relocation kernel/module/elf.c does not apply (a kernel
 * has no thread-local storage). Named so that fuzz_module_elf.c resolves
 * it (by the name's length) and reaches the refusal. */

	.syntax	unified
	.thumb
	.text
	.globl	thumb_fn
	.type	thumb_fn, %function
	.thumb_func
thumb_fn:
	ldr	r0, 1f
	bx	lr
	.balign	4
1:	.word	tls_value(tpoff)
	.size	thumb_fn, . - thumb_fn

	.section .modinfo, "a", %progbits
	.asciz	"name=tls_le32"
