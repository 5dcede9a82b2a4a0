/* Allwinner CPU configuration block as the SMP enable method, for a kernel
 * entered in the secure state with no PSCI firmware (QEMU's ELF boot). The
 * sequence per CPU: soft entry address, reset held, L1 and debug reset, power
 * clamp released step by step, power gate off, reset released.
 *   H3 (sun8i): the clamp and gate are in the PRCM (clamp at +0x140 + 4n,
 *               gate bit n at +0x100); QEMU models only the entry and reset.
 *   A20 (sun7i): they are in the CPUCFG block itself, for CPU1 only (clamp at
 *               +0x1b0, gate bit 0 at +0x1b4). Unverified on silicon.
 * Like Linux's sunxi_mc_smp_init, it returns -ENODEV where it does not apply. */
#define pr_fmt(fmt) "sunxi-smp: " fmt

#include <asm/io.h>
#include <asm/setup.h>
#include <kernel/device.h>
#include <kernel/errno.h>
#include <kernel/init.h>
#include <kernel/of.h>
#include <kernel/smp.h>
#include <kernel/time.h>

#define CPUCFG_CPU_RST_CTRL(cpu) (0x40 + 0x40 * (cpu))
#define CPUCFG_GEN_CTRL 0x184
#define CPUCFG_PRIVATE0 0x1a4 /* soft entry address */
#define CPUCFG_DBG_CTL1 0x1e4
#define CPU_RESET_RELEASED 3  /* core and debug out of reset */

struct sunxi_power {
	u8 *clamp_base, *gate_base;
	u32 clamp_off, clamp_step; /* clamp register: clamp_off + clamp_step * cpu */
	u32 gate_off;
	bool gate_bit_is_cpu;      /* H3: bit n; A20: bit 0 (only CPU1 has a gate) */
};

static u8 *cpucfg;
static struct sunxi_power power;

static void setbits(u8 *base, u32 off, u32 bits)
{
	writel(readl(base + off) | bits, base + off);
}

static void clrbits(u8 *base, u32 off, u32 bits)
{
	writel(readl(base + off) & ~bits, base + off);
}

static int sunxi_cpu_boot(unsigned int cpu, u32 mpidr, unsigned long entry)
{
	u32 gate = power.gate_bit_is_cpu ? 1u << cpu : 1u;

	(void)mpidr;
	writel((u32)entry, cpucfg + CPUCFG_PRIVATE0);
	writel(0, cpucfg + CPUCFG_CPU_RST_CTRL(cpu));
	clrbits(cpucfg, CPUCFG_GEN_CTRL, 1u << cpu);
	clrbits(cpucfg, CPUCFG_DBG_CTL1, 1u << cpu);
	if (power.clamp_base) {
		for (int i = 0; i <= 8; i++)
			writel(0xffu >> i, power.clamp_base + power.clamp_off + power.clamp_step * cpu);
		mdelay(10);
		clrbits(power.gate_base, power.gate_off, gate);
		mdelay(1);
	}
	writel(CPU_RESET_RELEASED, cpucfg + CPUCFG_CPU_RST_CTRL(cpu));
	setbits(cpucfg, CPUCFG_DBG_CTL1, 1u << cpu);
	return 0;
}

static const struct smp_operations sunxi_smp_ops = {
	.name = "allwinner,cpucfg",
	.cpu_boot = sunxi_cpu_boot,
};

static u8 *map_node(const struct of_device_id *match)
{
	u64 addr, size;
	int node = of_find_matching_node(initial_dt, match);

	if (node < 0 || dtb_read_reg(initial_dt, node, 0, &addr, &size))
		return NULL;
	of_node_claim(initial_dt, node);
	return (u8 *)(unsigned long)addr;
}

static const struct of_device_id h3_cpucfg[] = { { .compatible = "allwinner,sun8i-a23-cpuconfig" }, {} };
static const struct of_device_id h3_prcm[] = {
	{ .compatible = "allwinner,sun8i-h3-r-ccu" },
	{ .compatible = "allwinner,sun8i-a23-prcm" },
	{}
};
static const struct of_device_id a20_cpucfg[] = { { .compatible = "allwinner,sun7i-a20-cpuconfig" }, {} };

static int __init sunxi_smp_init(void)
{
	int root;

	if (!initial_dt || !arch_running_secure())
		return -ENODEV; /* non-secure: the firmware's PSCI starts CPUs */
	root = dtb_path_offset(initial_dt, "/");
	if (dtb_is_compatible(initial_dt, root, "allwinner,sun8i-h3")) {
		cpucfg = map_node(h3_cpucfg);
		power = (struct sunxi_power){ .clamp_base = map_node(h3_prcm), .clamp_off = 0x140,
					      .clamp_step = 4, .gate_off = 0x100,
					      .gate_bit_is_cpu = true };
		power.gate_base = power.clamp_base;
	} else if (dtb_is_compatible(initial_dt, root, "allwinner,sun7i-a20")) {
		cpucfg = map_node(a20_cpucfg);
		power = (struct sunxi_power){ .clamp_base = cpucfg, .gate_base = cpucfg,
					      .clamp_off = 0x1b0, .clamp_step = 0, .gate_off = 0x1b4 };
	} else {
		return -ENODEV;
	}
	if (!cpucfg) {
		pr_err("no CPU configuration block in the device tree\n");
		return -ENODEV;
	}
	smp_set_ops(&sunxi_smp_ops);
	return 0;
}
early_initcall(sunxi_smp_init);
