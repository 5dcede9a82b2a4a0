/* Reports for faults the kernel cannot recover from: which exception, the
 * fault address and status, every register with pc and lr as symbols. */
#include <asm/cp15.h>
#include <asm/cpu.h>
#include <asm/ptrace.h>
#include <asm/set_memory.h>
#include <asm/setup.h>
#include <kernel/errno.h>
#include <kernel/irq.h>
#include <kernel/module.h>
#include <kernel/panic.h>
#include <kernel/printk.h>

static const char *const kind_names[] = {
	[EXC_RESET] = "reset vector",
	[EXC_UNDEF] = "undefined instruction",
	[EXC_SVC] = "unexpected supervisor call",
	[EXC_PREFETCH_ABORT] = "prefetch abort",
	[EXC_DATA_ABORT] = "data abort",
	[EXC_UNUSED] = "unused vector",
	[EXC_FIQ] = "unexpected FIQ",
};

/* Short-descriptor fault status (FS[4], FS[3:0]) as the ARM ARM names them. */
static const char *fault_status_name(u32 fsr)
{
	switch ((fsr & 0xf) | ((fsr >> 6) & 0x10)) {
	case 0x01: return "alignment fault";
	case 0x02: return "debug event";
	case 0x03: return "access flag fault (section)";
	case 0x04: return "instruction cache maintenance fault";
	case 0x05: return "translation fault (section)";
	case 0x06: return "access flag fault (page)";
	case 0x07: return "translation fault (page)";
	case 0x08: return "synchronous external abort";
	case 0x09: return "domain fault (section)";
	case 0x0b: return "domain fault (page)";
	case 0x0d: return "permission fault (section)";
	case 0x0f: return "permission fault (page)";
	case 0x16: return "asynchronous external abort";
	default: return "unknown fault";
	}
}

void show_regs(const struct pt_regs *regs)
{
	const u32 *r = regs->r;

	pr_emerg("PC is at %pS\n", (void *)regs->pc);
	pr_emerg("LR is at %pS\n", (void *)regs->lr);
	pr_emerg("pc : [<%08x>]    lr : [<%08x>]    psr: %08x\n", regs->pc, regs->lr, regs->cpsr);
	pr_emerg("sp : %08x  ip : %08x  fp : %08x\n", regs->sp, r[12], r[11]);
	pr_emerg("r10: %08x  r9 : %08x  r8 : %08x\n", r[10], r[9], r[8]);
	pr_emerg("r7 : %08x  r6 : %08x  r5 : %08x  r4 : %08x\n", r[7], r[6], r[5], r[4]);
	pr_emerg("r3 : %08x  r2 : %08x  r1 : %08x  r0 : %08x\n", r[3], r[2], r[1], r[0]);
	pr_emerg("Flags: %c%c%c%c  IRQs %s  FIQs %s  Mode %s_32  ISA %s\n",
		 regs->cpsr & (1u << 31) ? 'N' : 'n', regs->cpsr & (1u << 30) ? 'Z' : 'z',
		 regs->cpsr & (1u << 29) ? 'C' : 'c', regs->cpsr & (1u << 28) ? 'V' : 'v',
		 regs->cpsr & 0x80 ? "off" : "on", regs->cpsr & 0x40 ? "off" : "on",
		 processor_mode_name(regs->cpsr), regs->cpsr & PSR_T_BIT ? "Thumb" : "ARM");
}

/* The instruction at pc as objdump shows it: one word in ARM code, one or
 * two halfwords in Thumb code (32-bit when the first is 0xe800 or above). */
static void print_instruction(const struct pt_regs *regs)
{
	const u16 *hw = (const u16 *)regs->pc;

	if (!(regs->cpsr & PSR_T_BIT))
		pr_emerg("undefined instruction %08x at %08x\n", *(const u32 *)regs->pc, regs->pc);
	else if (hw[0] >= 0xe800)
		pr_emerg("undefined instruction %04x %04x at %08x\n", hw[0], hw[1], regs->pc);
	else
		pr_emerg("undefined instruction %04x at %08x\n", hw[0], regs->pc);
}

/* Report; then back to the recovery point of the call that faulted
 * (entry.S goes there) or panic. */
struct recovery_point *do_exception(struct pt_regs *regs, int kind)
{
	static int die_counter;
	struct recovery_point *rp;
	bool task = (regs->cpsr & MODE_MASK) == MODE_SVC && !irq_context();
	const char *name = kind < (int)(sizeof(kind_names) / sizeof(kind_names[0]))
				   ? kind_names[kind] : "unknown exception";

	if (kind == EXC_DATA_ABORT || kind == EXC_PREFETCH_ABORT) {
		bool data = kind == EXC_DATA_ABORT;
		u32 fsr = data ? read_dfsr() : read_ifsr();
		u32 far = data ? read_dfar() : read_ifar();

		pr_emerg("8<--- cut here ---\n");
		pr_emerg("Unable to handle kernel %s at virtual address %08x\n",
			 far < 4096 ? "NULL pointer dereference" : "paging request", far);
		const char *what = arch_describe_address(far, regs->sp);

		pr_emerg("%s: %s (%s=0x%03x) at %08x%s\n", name, fault_status_name(fsr),
			 data ? "DFSR" : "IFSR", fsr, far,
			 data ? (fsr & (1u << 11) ? " on write" : " on read") : "");
		if (what)
			pr_emerg("%08x is %s\n", far, what);
		pr_emerg("Internal error: Oops: %x [#%d] SMP THUMB2\n", fsr, ++die_counter);
	} else {
		pr_emerg("Internal error: Oops - %s: 0 [#%d] SMP THUMB2\n", name, ++die_counter);
		if (kind == EXC_UNDEF)
			print_instruction(regs);
	}
	print_modules();
	dump_stack_print_info();
	show_regs(regs);
	rp = oops_recovery(task, -EFAULT);
	if (!rp)
		panic(irq_context() ? "Fatal exception in interrupt" : "Fatal exception");
	return rp;
}
