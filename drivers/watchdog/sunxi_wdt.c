/* Allwinner watchdog as the restart method where firmware offers none (PSCI
 * 0.1 has no SYSTEM_RESET; a kernel entered secure has no PSCI at all): set
 * the shortest timeout and let it fire. An early driver (RESTART_OF_DECLARE),
 * so a panic at any later level can reboot.
 *   A10/A20 (allwinner,sun4i-a10-wdt): control +0x00, mode +0x04
 *   A31/H3  (allwinner,sun6i-a31-wdt): control +0x10, config +0x14, mode +0x18
 * Unverified on silicon; QEMU 7.2 models neither, so there the kernel says
 * the reset did not happen and halts. */
#define pr_fmt(fmt) "sunxi-wdt: " fmt

#include <asm/io.h>
#include <asm/setup.h>
#include <kernel/errno.h>
#include <kernel/init.h>
#include <kernel/of_early.h>
#include <kernel/printk.h>
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

/* Linux's priority for this watchdog's restart: the default one. */
static struct restart_handler sunxi_wdt_restart_handler = { .restart = sunxi_wdt_restart,
							     .priority = 128 };

static int __init sunxi_wdt_init(const struct dtb *dt, int node, const void *data)
{
	const char *where;
	u64 addr, size;

	if (dtb_read_reg(dt, node, 0, &addr, &size)) {
		pr_err("%s: no usable reg\n", dtb_node_name(dt, node));
		return -EINVAL;
	}
	if (arch_check_mmio(addr, 0x20, &where)) {
		pr_err("%s: registers at 0x%08llx are %s: not used\n", dtb_node_name(dt, node), addr, where);
		return -EINVAL;
	}
	regs = data;
	base = (u8 *)(unsigned long)addr;
	register_restart_handler(&sunxi_wdt_restart_handler);
	return 0;
}
RESTART_OF_DECLARE(sun4i_wdt, "allwinner,sun4i-a10-wdt", sunxi_wdt_init, &sun4i_regs);
RESTART_OF_DECLARE(sun6i_wdt, "allwinner,sun6i-a31-wdt", sunxi_wdt_init, &sun6i_regs);
