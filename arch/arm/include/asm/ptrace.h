/* Registers saved on exception entry (arch/arm/kernel/entry.S). */
#ifndef ASM_PTRACE_H
#define ASM_PTRACE_H

#include <kernel/types.h>

struct pt_regs {
	u32 r[13];
	u32 sp;
	u32 lr;
	u32 pc;
	u32 cpsr;
};

#define MODE_USR 0x10
#define MODE_FIQ 0x11
#define MODE_IRQ 0x12
#define MODE_SVC 0x13
#define MODE_MON 0x16
#define MODE_ABT 0x17
#define MODE_HYP 0x1a
#define MODE_UND 0x1b
#define MODE_SYS 0x1f
#define MODE_MASK 0x1f

#endif
