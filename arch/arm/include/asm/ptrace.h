/* Registers saved on exception entry (arch/arm/kernel/entry.S). */
#ifndef ASM_PTRACE_H
#define ASM_PTRACE_H

#include <asm/cpu.h>
#include <kernel/types.h>

struct pt_regs {
	u32 r[13];
	u32 sp;
	u32 lr;
	u32 pc;
	u32 cpsr;
};

/* Linux's register dump: pc and lr as symbols, every register, the flags. */
void show_regs(const struct pt_regs *regs);


#endif
