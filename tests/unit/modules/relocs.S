/* A module for tests/unit/test_module_elf.c: every relocation the loader
 * applies (kernel/module/elf.c), in ARM code, against undefined symbols
 * (ext_func, ext_data, weak_sym: the test resolves them) and against local
 * symbols of other sections, with addends other than the default ones. The
 * test loads it with the loader and compares the bytes with what
 * arm-none-eabi-ld makes of it at the same addresses (relocs.lds);
 * relocs_v4bx.S adds R_ARM_V4BX (an ARMv4T object, `ld -r` merges both). */

	.syntax unified
	.arm

/* --- .text: branches and MOVW/MOVT ------------------------------------------ */

	.text
	.globl	text_fn
	.type	text_fn, %function
text_fn:
	bl	ext_func		/* R_ARM_CALL, undefined, default addend */
	bl	ext_func+8		/* R_ARM_CALL, undefined, addend 0 */
	b	ext_func		/* R_ARM_JUMP24: the same target as the first bl */
	bne	ext_func+4		/* R_ARM_JUMP24, conditional, addend -4 */
	bl	text_fn			/* R_ARM_CALL, a global of the same section */
	bl	init_local		/* R_ARM_CALL, .init.text (the other region) */
	beq	init_fn			/* R_ARM_JUMP24, a global of .init.text */
	movw	r0, #:lower16:ext_data+0x1234	/* the addend carries into the upper half */
	movt	r0, #:upper16:ext_data+0x1234
	movw	r1, #:lower16:data_local+0x10	/* R_ARM_MOVW_ABS_NC, local in .data */
	movt	r1, #:upper16:data_local+0x10
	movw	r2, #:lower16:bss_local+8	/* local in .bss */
	movt	r2, #:upper16:bss_local+8
	movw	r3, #:lower16:weak_sym+0x20	/* weak undefined: 0 + 0x20 */
	movt	r3, #:upper16:weak_sym+0x20
	bx	lr
	.size	text_fn, . - text_fn

	.type	text_local, %function
text_local:
	push	{r4, lr}
	bl	ext_func		/* the same veneer as text_fn's first bl */
	movw	r4, #:lower16:ro_local-0x100	/* a negative addend */
	movt	r4, #:upper16:ro_local-0x100
	pop	{r4, pc}
	.size	text_local, . - text_local

/* --- .rodata: data relocations ----------------------------------------------- */
/* GAS (2.40) has no `.word sym(prel31)`: `.reloc` marks the word after it,
 * which holds the addend (with REL, an addend given to `.reloc` is lost). */

	.section .rodata, "a"
	.balign	8
	.type	ro_local, %object
ro_local:
	.word	ext_data+12		/* R_ARM_ABS32, undefined */
	.word	text_local+4		/* R_ARM_ABS32, local in .text */
	.word	ext_data - . + 16	/* R_ARM_REL32, undefined */
	.word	data_local - . + 4	/* R_ARM_REL32, local in .data */
	.reloc	., R_ARM_PREL31, ext_data	/* R_ARM_PREL31, undefined, addend 12 */
	.word	12
	.reloc	., R_ARM_PREL31, text_local	/* local in .text, bit 31 kept */
	.word	0x80000008
	.reloc	., R_ARM_PREL31, init_local	/* .init.text, a negative addend */
	.word	0x7ffffff0
	.reloc	., R_ARM_NONE, ext_func		/* R_ARM_NONE: the word stays */
	.word	0x5a5a5a5a
	.size	ro_local, . - ro_local

	.globl	ro_global
	.type	ro_global, %object
ro_global:
	.word	bss_local+0x40		/* R_ARM_ABS32, local in .bss */
	.word	init_data+4		/* R_ARM_ABS32, .init.data */
	.size	ro_global, . - ro_global

/* --- .data, .bss ------------------------------------------------------------- */

	.data
	.balign	4
	.type	data_local, %object
data_local:
	.word	0x11111111
	.word	ro_local+8		/* R_ARM_ABS32, local in .rodata */
	.word	ro_global - . 		/* R_ARM_REL32, global in .rodata */
	.word	weak_sym+4		/* weak undefined: 4 */
	.word	ext_func		/* a function's address */
	.size	data_local, . - data_local

	.globl	data_global
	.type	data_global, %object
data_global:
	.word	bss_global - . + 0x100	/* R_ARM_REL32, global in .bss */
	.word	init_fn			/* the init region */
	.size	data_global, . - data_global

	.bss
	.balign	16
	.type	bss_local, %object
bss_local:
	.space	0x50
	.size	bss_local, . - bss_local
	.globl	bss_global
	.type	bss_global, %object
bss_global:
	.space	12
	.size	bss_global, . - bss_global

/* --- The init region ------------------------------------------------------------ */

	.section .init.text, "ax", %progbits
	.globl	init_fn
	.type	init_fn, %function
init_fn:
	push	{r4, lr}
	bl	ext_func		/* the init region's own veneer */
	bl	text_local		/* R_ARM_CALL, local in .text (the core region) */
	movw	r4, #:lower16:init_data
	movt	r4, #:upper16:init_data
	pop	{r4, lr}
	b	ext_func		/* R_ARM_JUMP24 from the init region */
	.size	init_fn, . - init_fn

	.type	init_local, %function
init_local:
	bne	text_local+8		/* R_ARM_JUMP24, local in .text */
	b	text_fn+4		/* into the middle of a global */
	.size	init_local, . - init_local

	.section .init.data, "aw", %progbits
	.balign	4
	.type	init_data, %object
init_data:
	.word	data_global+4		/* R_ARM_ABS32, from init into core */
	.word	ext_data - .		/* R_ARM_REL32 */
	.size	init_data, . - init_data

	.weak	weak_sym

	.section .modinfo, "a", %progbits
	.asciz	"name=relocs"
	.asciz	"license=GPL"
