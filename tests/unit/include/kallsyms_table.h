/* Host tests: the kallsyms tables (include/kernel/kallsyms.h) made at compile
 * time from a list of plain names, with the identity token table: token t is
 * the one character t (token 0 is empty), so a name is stored as its length
 * and its characters. The assembler lays it out, as it can measure a string:
 *
 *	KALLSYMS_TEST_TABLE(
 *		KSYM(0x1000, 0x10, "alpha")
 *		KSYM(0x1010, 0x30, "beta")
 *	);
 *
 * in address order. KSYM_PAST_END() adds an entry to every table without
 * counting it in kallsyms_num_syms: code that ignores the count finds it.
 * Nothing here checks a name's length: a test can store one longer than
 * scripts/kallsyms would. */
#ifndef TESTS_KALLSYMS_TABLE_H
#define TESTS_KALLSYMS_TABLE_H

#include <kernel/kallsyms.h>

#define KSYM_TEST_STRING(x) #x
#define KSYM_TEST_VALUE(x) KSYM_TEST_STRING(x)

/* addr and size may be macros and expressions (without C's suffixes such as
 * UL): the assembler computes them. */
#define KSYM_ENTRY(addr, size, name, counted)                                      \
	"\tksym_test (" KSYM_TEST_VALUE(addr) "), (" KSYM_TEST_VALUE(size) "), \"" name   \
		"\", " #counted "\n"
#define KSYM(addr, size, name) KSYM_ENTRY(addr, size, name, 1)
#define KSYM_PAST_END(addr, size, name) KSYM_ENTRY(addr, size, name, 0)

/* Each table in a section of its own, so the entries can be added to all at once. */
#define KALLSYMS_TEST_TABLE(...)                                                              \
	__asm__("\t.pushsection .rodata.ksym_test.base, \"a\"\n"                              \
		"\t.balign 4\n"                                                               \
		"\t.globl kallsyms_relative_base\n"                                           \
		"kallsyms_relative_base:\n"                                                   \
		"\t.fill 64, 4, 0\n" /* every group's base: 0 */                              \
		"\t.section .rodata.ksym_test.addresses, \"a\"\n"                             \
		"\t.balign 2\n"                                                               \
		"\t.globl kallsyms_offsets\n"                                                 \
		"kallsyms_offsets:\n"                                                         \
		"\t.section .rodata.ksym_test.sizes, \"a\"\n"                                 \
		"\t.balign 2\n"                                                               \
		"\t.globl kallsyms_sizes\n"                                                   \
		"kallsyms_sizes:\n"                                                           \
		"\t.section .rodata.ksym_test.markers, \"a\"\n"                               \
		"\t.balign 2\n"                                                               \
		"\t.globl kallsyms_markers\n"                                                 \
		"kallsyms_markers:\n"                                                         \
		"\t.section .rodata.ksym_test.names, \"a\"\n"                                 \
		"\t.globl kallsyms_names\n"                                                   \
		"kallsyms_names:\n"                                                           \
		"\t.popsection\n"                                                             \
		"\t.set .Lksym_test_count, 0\n"                                               \
		"\t.macro ksym_test addr, size, name, counted=1\n"                            \
		"\t.pushsection .rodata.ksym_test.addresses, \"a\"\n"                         \
		"\t.if (\\addr) % 2 || (\\addr) > 0xffff\n"                                    \
		"\t.error \"kallsyms_table.h: address not halfword-aligned, or over 64 KiB\"\n" \
		"\t.endif\n"                                                                   \
		"\t.2byte (\\addr) | 1\n" /* bit 0: its size is listed */                     \
		"\t.section .rodata.ksym_test.sizes, \"a\"\n"                                 \
		"\t.2byte .Lksym_test_count, \\size\n" /* every size listed: always right */ \
		"\t.if .Lksym_test_count % " KSYM_TEST_VALUE(KSYM_MARKER_INTERVAL) " == 0\n" \
		"\t.section .rodata.ksym_test.markers, \"a\"\n"                               \
		"\t.2byte 1f - kallsyms_names\n"                                              \
		"\t.endif\n"                                                                  \
		"\t.section .rodata.ksym_test.names, \"a\"\n"                                 \
		"1:\t.byte 3f - 2f\n"                                                         \
		"2:\t.ascii \"\\name\"\n"                                                     \
		"3:\n"                                                                        \
		"\t.popsection\n"                                                             \
		"\t.set .Lksym_test_count, .Lksym_test_count + \\counted\n"                   \
		"\t.endm\n" __VA_ARGS__ "\t.purgem ksym_test\n"                               \
		"\t.pushsection .rodata.ksym_test.count, \"a\"\n"                             \
		"\t.balign 4\n"                                                               \
		"\t.globl kallsyms_num_syms\n"                                                \
		"kallsyms_num_syms:\n"                                                        \
		"\t.4byte .Lksym_test_count\n"                                                \
		"\t.globl kallsyms_num_sizes\n"                                              \
		"kallsyms_num_sizes:\n"                                                       \
		"\t.4byte .Lksym_test_count\n"                                                \
		"\t.section .rodata.ksym_test.tokens, \"a\"\n"                                \
		"\t.balign 2\n"                                                               \
		"\t.globl kallsyms_token_index\n"                                             \
		"kallsyms_token_index:\n"                                                     \
		"\t.set .Lksym_test_token, 0\n"                                               \
		"\t.rept 256\n"                                                               \
		"\t.2byte 2 * .Lksym_test_token\n"                                            \
		"\t.set .Lksym_test_token, .Lksym_test_token + 1\n"                           \
		"\t.endr\n"                                                                   \
		"\t.globl kallsyms_token_table\n"                                             \
		"kallsyms_token_table:\n"                                                     \
		"\t.set .Lksym_test_token, 0\n"                                               \
		"\t.rept 256\n"                                                               \
		"\t.byte .Lksym_test_token, 0\n"                                              \
		"\t.set .Lksym_test_token, .Lksym_test_token + 1\n"                           \
		"\t.endr\n"                                                                   \
		"\t.popsection\n")

#endif
