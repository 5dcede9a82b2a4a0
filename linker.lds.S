/* Layout of the kernel image, run through the C preprocessor (as Linux's
 * vmlinux.lds.S). Loaded at 0x40010000: where QEMU puts a raw image given to
 * -kernel, and where U-Boot is told to load it.
 *
 *   .head.text   entry point, first byte of the image
 *   .text        code that stays                     read-only, executable
 *   .rodata      constants, and the linker lists of  read-only, never executable
 *                constant entries
 *   .init.*      boot-only code and data (below)
 *   .data        variables, and the linker lists of  never executable
 *                writable entries: in the file at the end of the init
 *                memory, copied to their place after it by head.S (a
 *                page of padding less in the file)
 *   .init.*      boot-only code and data, the initcall levels and the init
 *                linker lists: page-aligned and contiguous so free_initmem()
 *                can release it; last in the file, so its closing page
 *                padding costs no bytes
 *   .bss         not in the file; cleared by head.S, except .noinit (__noinit)
 *
 * The MMU maps these by 4 KiB pages with those permissions (arch/arm/mm/mmu.c,
 * Linux's STRICT_KERNEL_RWX), so each of text, rodata and data starts a page. *
 * Linker lists (include/kernel/linker_lists.h) need no line here: the
 * .ll.<region>.* rules take every list of a region, sorted by section name
 * so each list's markers enclose its entries. The initcall levels are the
 * lists of include/kernel/initcall_levels.h, placed in that table's order.
 * Inside a list, link order: the order of obj-y lines in the Makefiles, then
 * of the declarations in a file. Every input section must have a rule here
 * (the kernel links with --orphan-handling=error). */
#include <kernel/initcall_levels.h>

OUTPUT_FORMAT("elf32-littlearm")
OUTPUT_ARCH(arm)
ENTRY(_start)

/* One initcall level: its list's markers and entries, with bounds symbols
 * for tools (scripts/bench.py reads them from the ELF). */
#define INITCALL_LEVEL_SECTIONS(level, event)                                                  \
	__initcall_##level##_start = .;                                                        \
	KEEP(*(.ll.init.initcall_##level.0))                                                   \
	KEEP(*(.ll.init.initcall_##level.1))                                                   \
	KEEP(*(.ll.init.initcall_##level.2))                                                   \
	__initcall_##level##_end = .;

SECTIONS
{
	. = 0x40010000;
	_text = .;
	.head.text : { KEEP(*(.head.text)) }
	.text : {
		*(.text .text.*)
		*(.ref.text)
		*(.glue_7 .glue_7t .vfp11_veneer .v4_bx) /* linker-made ARM/Thumb stubs */
	}
	_etext = .;

	/* rodata follows text without a page of padding: the page they share is
	 * mapped read-only and executable, like text (mmu.c). */
	. = ALIGN(8);
	__start_rodata = .;
	.rodata : {
		*(.rodata .rodata.*)
		. = ALIGN(4);
		__ll_rodata_start = .;
		KEEP(*(SORT_BY_NAME(.ll.rodata.*)))
		__ll_rodata_end = .;
	}
	/* init follows rodata without a page of padding: the page they share
	 * is mapped like init until free_initmem(), then read-only (mmu.c). */
	. = ALIGN(8);
	__end_rodata = .;
	__init_begin = .;
	.init.text : {
		_sinittext = .;
		*(.init.text .init.text.*)
		_einittext = .;
	}
	.init.data : {
		*(.init.data .init.data.*)
		*(.init.rodata .init.rodata.*)
		. = ALIGN(4);
		__initcall_start = .;
		INITCALL_LEVELS(INITCALL_LEVEL_SECTIONS)
		__initcall_end = .;
		__ll_init_start = .;
		KEEP(*(SORT_BY_NAME(.ll.init.*)))
		__ll_init_end = .;
	}
	. = ALIGN(4);
	__data_load = .; /* .data's bytes in the file: head.S copies them to _sdata */
	_edata = __data_load + SIZEOF(.data); /* the end of the file */
	. = ALIGN(_edata, 4096);
	__init_end = .;

	.data __init_end : AT(__data_load) {
		_sdata = .;
		*(.data .data.*)
		*(.ref.data)
		. = ALIGN(4);
		__ll_data_start = .;
		KEEP(*(SORT_BY_NAME(.ll.data.*)))
		__ll_data_end = .;
		__data_end = .;
	}

	.bss (NOLOAD) : ALIGN(32) {
		__bss_start = .;
		*(.bss .bss.*)
		*(COMMON)
		. = ALIGN(32); /* head.S clears 32 bytes a step */
		__bss_end = .;
		*(.noinit) /* not cleared by head.S: its owner clears what it uses */
	}
	_end = .;

	/* Indirect-function tables the linker always offers; must stay empty. */
	.plt (NOLOAD) : { *(.iplt .rel.iplt .igot.plt) }

	/* Not loaded: the ELF's symbols and debug information. */
	.ARM.attributes 0 : { KEEP(*(.ARM.attributes)) }
	.debug_info 0 : { *(.debug_info) }
	.debug_abbrev 0 : { *(.debug_abbrev) }
	.debug_line 0 : { *(.debug_line) }
	.debug_str 0 : { *(.debug_str) }
	.debug_line_str 0 : { *(.debug_line_str) }
	.debug_aranges 0 : { *(.debug_aranges) }
	.debug_rnglists 0 : { *(.debug_rnglists) }
	.debug_loclists 0 : { *(.debug_loclists) }
	.debug_frame 0 : { *(.debug_frame) }

	/DISCARD/ : {
		*(.ARM.exidx*)
		*(.ARM.extab*)
		*(.comment)
		*(.note*)
	}
}

ASSERT(_start == 0x40010000, "the entry point must be the first byte of the image")
ASSERT(SIZEOF(.head.text) > 0, "head.S missing")
ASSERT(SIZEOF(.plt) == 0, "unexpected indirect-function (PLT) entries")
ASSERT(__init_end % 4096 == 0 && __init_begin == __end_rodata && _sdata == __init_end,
       "data must start a page, after init memory")
ASSERT(__start_rodata - _text >= 4096 && __end_rodata - __start_rodata >= 8192,
       "text, rodata and init must not all share one page")
ASSERT(__data_load % 4 == 0 && _sdata % 4 == 0 && __data_end % 4 == 0, "head.S copies .data by words")
ASSERT((_edata - _text) % 4 == 0, "head.S relocates the file by words")
ASSERT(_end - (_text & ~0xfffff) <= 0x200000, "the kernel must end in the 2 MiB mmu.c maps by pages")
ASSERT(_einittext <= ADDR(.init.data) && _edata <= __init_end, "init memory must be contiguous")
ASSERT(ADDR(.bss) >= __data_end, "nothing may follow the init memory but .data and .bss")
ASSERT(__ll_rodata_start >= _etext && __ll_rodata_end <= ADDR(.data), "rodata lists outside .rodata")
ASSERT(__ll_data_start >= ADDR(.data) && __ll_data_end <= __data_end, "data lists outside .data")
ASSERT(__initcall_start >= __init_begin && __ll_init_end <= __init_end, "init lists outside init memory")
ASSERT(__initcall_console_end > __initcall_console_start, "no console initcall: nothing would print")
