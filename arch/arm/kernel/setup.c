/* Boot information and CPU identification for the boot CPU. */
#include <asm/cp15.h>
#include <asm/ptrace.h>
#include <asm/setup.h>
#include <asm/smp.h>
#include <kernel/fs.h>
#include <kernel/init.h>
#include <kernel/of.h>
#include <kernel/smp.h>
#include <kernel/time.h>
#include <kernel/printk.h>
#include <kernel/version.h>
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

unsigned int elf_hwcap;
unsigned int system_serial_low, system_serial_high;

/* The ARMv7 base set, and what the ID registers add (as Linux's setup.c reads them). */
static void __init find_hwcaps(void)
{
	u32 isar0 = __cp15_read(0, c0, c2, 0), pfr0 = __cp15_read(0, c0, c1, 0);
	u32 mmfr0 = __cp15_read(0, c0, c1, 4);

	elf_hwcap = HWCAP_HALF | HWCAP_THUMB | HWCAP_FAST_MULT | HWCAP_EDSP | HWCAP_TLS;
	if (((pfr0 >> 12) & 0xf) == 1)
		elf_hwcap |= HWCAP_THUMBEE;
	switch ((isar0 >> 24) & 0xf) {
	case 2:
		elf_hwcap |= HWCAP_IDIVA;
		/* fall through */
	case 1:
		elf_hwcap |= HWCAP_IDIVT;
	}
	if ((mmfr0 & 0xf) >= 5)
		elf_hwcap |= HWCAP_LPAE;
}

void __init setup_processor(void)
{
	u32 midr = read_midr();

	find_hwcaps();
	pr_info("Booting initk on physical CPU 0x%x\n", read_mpidr() & 0xffffff);
	pr_notice("%s\n", INITK_BANNER);
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

/* --- /proc/cpuinfo (Linux 6.1's c_show for ARM) ---------------------------- */

static const char *const hwcap_names[] = {
	"swp", "half", "thumb", "26bit", "fastmult", "fpa", "vfp", "edsp", "java", "iwmmxt",
	"crunch", "thumbee", "neon", "vfpv3", "vfpv3d16", "tls", "vfpv4", "idiva", "idivt",
	"vfpd32", "lpae", "evtstrm",
};

static void show_cpuinfo(struct seq_buf *m, void *data)
{
	u32 midr = read_midr();
	u32 bogo = clock_frequency() / 5000; /* Linux: loops_per_jiffy from the timer, x2 */
	const char *model = initial_dt ? dtb_get_string(initial_dt, initial_dt->root, "model") : NULL;
	/* Linux: the tree's /serial-number (U-Boot's serial#), else the two words */
	const char *serial = initial_dt ? dtb_get_string(initial_dt, initial_dt->root, "serial-number")
					: NULL;

	(void)data;
	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++) {
		if (!cpu_online(cpu))
			continue;
		seq_printf(m, "processor\t: %u\nmodel name\t: ARMv7 Processor rev %u (v7l)\n", cpu,
			   midr & 0xf);
		seq_printf(m, "BogoMIPS\t: %u.%02u\nFeatures\t: ", bogo / 100, bogo % 100);
		for (unsigned int i = 0; i < ARRAY_SIZE(hwcap_names); i++)
			if (elf_hwcap & (1u << i))
				seq_printf(m, "%s ", hwcap_names[i]);
		seq_printf(m, "\nCPU implementer\t: 0x%02x\nCPU architecture: 7\n", midr >> 24);
		seq_printf(m, "CPU variant\t: 0x%x\nCPU part\t: 0x%03x\nCPU revision\t: %u\n\n",
			   (midr >> 20) & 0xf, (midr >> 4) & 0xfff, midr & 0xf);
	}
	seq_printf(m, "Hardware\t: %s\nRevision\t: 0000\nSerial\t\t: ",
		   model ? model : "Generic DT based system");
	if (serial)
		seq_printf(m, "%s\n", serial);
	else
		seq_printf(m, "%08x%08x\n", system_serial_high, system_serial_low);
}
static const struct file_operations cpuinfo_fops = { .show = show_cpuinfo };
PSEUDO_FILE("proc", proc_cpuinfo, "cpuinfo", 0444, &cpuinfo_fops, NULL);
