/* Boot information and CPU identification for the boot CPU. */
#include <asm/cp15.h>
#include <asm/ptrace.h>
#include <asm/setup.h>
#include <asm/smp.h>
#include <kernel/init.h>
#include <kernel/printk.h>
#include <generated/autoconf.h>

/* Filled by head.S after BSS is cleared. */
struct boot_params boot_params __section(".data");

u32 __cpu_logical_map[NR_CPUS] = { [0 ... NR_CPUS - 1] = ~0u };

const char *processor_mode_name(u32 mode)
{
	switch (mode & MODE_MASK) {
	case MODE_USR: return "USR";
	case MODE_FIQ: return "FIQ";
	case MODE_IRQ: return "IRQ";
	case MODE_SVC: return "SVC";
	case MODE_MON: return "MON";
	case MODE_ABT: return "ABT";
	case MODE_HYP: return "HYP";
	case MODE_UND: return "UND";
	case MODE_SYS: return "SYS";
	default: return "???";
	}
}

void __init setup_processor(void)
{
	u32 midr = read_midr();

	pr_info("Booting initk on physical CPU 0x%x\n", read_mpidr() & 0xffffff);
	pr_notice("initk version %s (%s)\n", INITK_VERSION, "gcc " __VERSION__);
	pr_info("CPU: ARMv7 Processor [%08x] revision %u (ARMv7), cr=%08x\n", midr, midr & 0xf,
		read_sctlr());
	pr_info("CPU: entered in %s mode\n", processor_mode_name(boot_params.entry_mode));
}

bool arch_running_secure(void)
{
	return !arch_entered_in_hyp();
}

bool arch_entered_in_hyp(void)
{
	return (boot_params.entry_mode & MODE_MASK) == MODE_HYP;
}

void machine_halt(void)
{
	asm volatile("cpsid if");
	for (;;)
		wfi();
}
