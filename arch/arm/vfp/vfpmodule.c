/* VFP: give the kernel the floating-point unit and say which one it is,
 * decoded from FPSID in Linux's words. A core initcall on the boot CPU, as in
 * Linux; every secondary CPU enables its own unit in a CPU_STARTING_HOOK. */
#include <asm/cp15.h>
#include <asm/setup.h>
#include <kernel/errno.h>
#include <kernel/init.h>
#include <kernel/printk.h>
#include <kernel/smp.h>

#define CPACR_CP10_CP11_FULL (0xfu << 20)
#define FPEXC_EN (1u << 30)

/* VMRS/VMSR through their coprocessor encodings (the kernel builds soft-float). */
#define read_fpsid() ({ u32 __v; asm volatile("mrc p10, 7, %0, c0, c0, 0" : "=r"(__v)); __v; })
#define read_mvfr0() ({ u32 __v; asm volatile("mrc p10, 7, %0, c7, c0, 0" : "=r"(__v)); __v; })
#define read_mvfr1() ({ u32 __v; asm volatile("mrc p10, 7, %0, c6, c0, 0" : "=r"(__v)); __v; })
#define write_fpexc(v) asm volatile("mcr p10, 7, %0, c8, c0, 0" : : "r"((u32)(v)) : "memory")

/* Enable CP10/CP11 and the unit on this CPU. false if the hardware refuses. */
static bool vfp_enable(void)
{
	write_cpacr(read_cpacr() | CPACR_CP10_CP11_FULL);
	isb();
	if ((read_cpacr() & CPACR_CP10_CP11_FULL) != CPACR_CP10_CP11_FULL)
		return false;
	write_fpexc(FPEXC_EN);
	isb();
	return true;
}

static void vfp_cpu_starting(unsigned int cpu)
{
	(void)cpu;
	vfp_enable();
}
CPU_STARTING_HOOK(vfp_cpu_starting);

static int __init vfp_init(void)
{
	u32 fpsid;

	if (!vfp_enable()) {
		pr_info("VFP: CP10/CP11 access denied (no VFP, or not allowed by NSACR)\n");
		return -ENODEV;
	}
	fpsid = read_fpsid();
	pr_debug("VFP: FPSID %08x\n", fpsid);
	pr_info("VFP support v0.3: implementor %x architecture %u part %02x variant %x rev %x\n",
		fpsid >> 24, (fpsid >> 16) & 0x7f, (fpsid >> 8) & 0xff, (fpsid >> 4) & 0xf,
		fpsid & 0xf);
	/* Linux's vfp_init() tests: VFPv3 from FPSID, 32 registers, SIMD and fused MAC from MVFR0/1. */
	elf_hwcap |= HWCAP_VFP;
	if (((fpsid >> 16) & 0x7f) >= 2) {
		u32 mvfr0 = read_mvfr0(), mvfr1 = read_mvfr1();

		elf_hwcap |= HWCAP_VFPv3;
		if ((mvfr0 & 0xf) == 2)
			elf_hwcap |= HWCAP_VFPD32;
		if ((mvfr1 & 0x000fff00) == 0x00011100)
			elf_hwcap |= HWCAP_NEON;
		if ((mvfr1 & 0xf0000000) == 0x10000000)
			elf_hwcap |= HWCAP_VFPv4;
	}
	return 0;
}
core_initcall(vfp_init);
