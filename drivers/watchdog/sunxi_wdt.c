/* Allwinner watchdog as the restart method where firmware offers none (PSCI
 * 0.1 has no SYSTEM_RESET; a kernel entered secure has no PSCI at all): set
 * the shortest timeout and let it fire. An early initcall, so a panic at any
 * later level can reboot.
 *   A10/A20 (allwinner,sun4i-a10-wdt): control +0x00, mode +0x04
 *   A31/H3  (allwinner,sun6i-a31-wdt): control +0x10, config +0x14, mode +0x18
 * Unverified on silicon; QEMU 7.2 models neither, so there the kernel says
 * the reset did not happen and halts. */
#define pr_fmt(fmt) "sunxi-wdt: " fmt

#include <asm/io.h>
#include <kernel/device.h>
#include <kernel/errno.h>
#include <kernel/init.h>
#include <kernel/of.h>
#include <kernel/panic.h>
#include <kernel/time.h>

#define WDT_MODE_ENABLE (1u << 0)
#define WDT_CTRL_RESTART (1u | (0xa57u << 1)) /* restart bit and its key */

struct sunxi_wdt_regs {
	u32 ctrl, cfg, mode;
	u32 timeout_shift;             /* interval field in mode; 0 = shortest (0.5 s) */
	u32 reset_mask, reset_value;   /* in cfg: what to do on timeout */
};

static const struct sunxi_wdt_regs sun4i_regs = {
	.ctrl = 0x00, .cfg = 0x04, .mode = 0x04, .timeout_shift = 3,
	.reset_mask = 0x02, .reset_value = 0x02,
};

static const struct sunxi_wdt_regs sun6i_regs = {
	.ctrl = 0x10, .cfg = 0x14, .mode = 0x18, .timeout_shift = 4,
	.reset_mask = 0x03, .reset_value = 0x01,
};

static const struct of_device_id sunxi_wdt_of_match[] = {
	{ .compatible = "allwinner,sun4i-a10-wdt", .data = &sun4i_regs },
	{ .compatible = "allwinner,sun6i-a31-wdt", .data = &sun6i_regs },
	{}
};

static u8 *base;
static const struct sunxi_wdt_regs *regs;

static void sunxi_wdt_restart(void)
{
	writel((readl(base + regs->cfg) & ~regs->reset_mask) | regs->reset_value, base + regs->cfg);
	writel((readl(base + regs->mode) & ~(0xfu << regs->timeout_shift)) | WDT_MODE_ENABLE,
	       base + regs->mode);
	writel(WDT_CTRL_RESTART, base + regs->ctrl);
	mdelay(1000); /* it fires after 0.5 s */
	pr_emerg("the watchdog did not reset the machine\n");
}

static int __init sunxi_wdt_init(void)
{
	const struct of_device_id *id;
	u64 addr, size;
	int node = -ENOENT;

	if (!initial_dt)
		return -ENODEV;
	for (id = sunxi_wdt_of_match; id->compatible && node < 0; id++)
		node = dtb_next_compatible(initial_dt, -1, id->compatible);
	if (node < 0 || !dtb_node_is_available(initial_dt, node))
		return -ENODEV;
	if (dtb_read_reg(initial_dt, node, 0, &addr, &size))
		return -EINVAL;
	of_node_claim(initial_dt, node);
	regs = id[-1].data;
	base = (u8 *)(unsigned long)addr;
	register_restart_handler(sunxi_wdt_restart);
	return 0;
}
early_initcall(sunxi_wdt_init);
