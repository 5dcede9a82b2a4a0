/* Allwinner CPU configuration block as the SMP enable method, for a kernel
 * entered in the secure state with no PSCI firmware (QEMU's ELF boot). The
 * sequence per CPU: soft entry address, reset held, L1 and debug reset, power
 * clamp released step by step, power gate off, reset released.
 *   H3 (sun8i): the clamp and gate are in the PRCM (clamp at +0x140 + 4n,
 *               gate bit n at +0x100); QEMU models only the entry and reset.
 *   A20 (sun7i): they are in the CPUCFG block itself, for CPU1 only (clamp at
 *               +0x1b0, gate bit 0 at +0x1b4). Unverified on silicon.
 * Declared for the CPUCFG nodes (SMP_METHOD_OF_DECLARE); like Linux's
 * sunxi_mc_smp_init, it returns -ENODEV where it does not apply. */
#define pr_fmt(fmt) "sunxi-smp: " fmt

#include <asm/io.h>
#include <asm/setup.h>
#include <kernel/errno.h>
#include <kernel/init.h>
#include <kernel/of.h>
#include <kernel/of_early.h>
#include <kernel/printk.h>
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

static int sunxi_cpu_boot(unsigned int logical, u32 mpidr, unsigned long entry)
{
	unsigned int cpu = mpidr & 0xff; /* the core's own number: CPUCFG's registers are per core */
	u32 gate = power.gate_bit_is_cpu ? 1u << cpu : 1u;

	(void)logical;
	if (mpidr > 0xff || cpu > 3)
		return -EINVAL; /* one cluster of at most four cores */
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
	.priority = SMP_OPS_PRIORITY_SOC,
	.cpu_boot = sunxi_cpu_boot,
};

/* Where the power clamp and gate of each SoC are. */
enum sunxi_power_layout { POWER_IN_PRCM, POWER_IN_CPUCFG };

static const struct of_device_id prcm_match[] = {
	{ .compatible = "allwinner,sun8i-h3-r-ccu" },
	{ .compatible = "allwinner,sun8i-a23-prcm" },
	{}
};

static u8 *__init map_prcm(const struct dtb *dt)
{
	u64 addr, size;
	int node = of_find_matching_node(dt, prcm_match);

	if (node < 0 || dtb_read_reg(dt, node, 0, &addr, &size))
		return NULL;
	/* not claimed: the R-CCU clock driver binds to the same node */
	return (u8 *)(unsigned long)addr;
}

static int __init sunxi_smp_init(const struct dtb *dt, int node, const void *data)
{
	u64 addr, size;

	if (!arch_running_secure())
		return -ENODEV; /* non-secure: the firmware's PSCI starts CPUs */
	if (dtb_read_reg(dt, node, 0, &addr, &size)) {
		pr_err("%s: no usable reg\n", dtb_node_name(dt, node));
		return -EINVAL;
	}
	cpucfg = (u8 *)(unsigned long)addr;
	if (data == (const void *)POWER_IN_PRCM) {
		u8 *prcm = map_prcm(dt);

		if (!prcm) {
			pr_err("no PRCM in the device tree: cannot power the CPUs up\n");
			return -ENODEV;
		}
		power = (struct sunxi_power){ .clamp_base = prcm, .gate_base = prcm, .clamp_off = 0x140,
					      .clamp_step = 4, .gate_off = 0x100,
					      .gate_bit_is_cpu = true };
	} else {
		power = (struct sunxi_power){ .clamp_base = cpucfg, .gate_base = cpucfg,
					      .clamp_off = 0x1b0, .clamp_step = 0, .gate_off = 0x1b4 };
	}
	smp_set_ops(&sunxi_smp_ops);
	return 0;
}
/* H3 (and A23): power in the PRCM. A20: in CPUCFG itself, CPU1 only. */
SMP_METHOD_OF_DECLARE(sun8i_a23_cpucfg, "allwinner,sun8i-a23-cpuconfig", sunxi_smp_init,
		      (const void *)POWER_IN_PRCM);
SMP_METHOD_OF_DECLARE(sun7i_a20_cpucfg, "allwinner,sun7i-a20-cpuconfig", sunxi_smp_init,
		      (const void *)POWER_IN_CPUCFG);
