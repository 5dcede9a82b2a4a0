/* The Allwinner A20 RTC (Linux's rtc-sunxi: "allwinner,sun7i-a20-rtc"),
 * and the date and time registers' handling every sunxi RTC shares
 * (rtc-sun6i.c uses it too). Years count from 1970; a write is done when
 * its busy bit in LOSC_CTRL clears. The alarm is not used. */
#include <asm/io.h>
#include <kernel/device.h>
#include <kernel/errno.h>
#include <kernel/slab.h>
#include <kernel/time.h>

#include "rtc-sunxi.h"

#define SUNXI_LOSC_CTRL_RTC_YMD_ACC (1u << 7)
#define SUNXI_LOSC_CTRL_RTC_HMS_ACC (1u << 8)
#define SUNXI_LOSC_CTRL_ACC_MASK (7u << 7) /* and the alarm's, bit 9, on the H3 */
#define SUNXI_RTC_WAIT_NS (50 * 1000000ull) /* Linux's 50 ms */
#define SUNXI_YEAR_BASE (1970 - 1900)

static int sunxi_rtc_read_time(struct rtc_device *dev, struct rtc_time *tm)
{
	struct sunxi_rtc *rtc = dev->priv;
	u32 date, time;

	do { /* the same twice: not torn by a tick between the two registers */
		date = readl(rtc->base + rtc->date_reg);
		time = readl(rtc->base + rtc->time_reg);
	} while (date != readl(rtc->base + rtc->date_reg) || time != readl(rtc->base + rtc->time_reg));
	tm->tm_sec = time & 0x3f;
	tm->tm_min = (time >> 8) & 0x3f;
	tm->tm_hour = (time >> 16) & 0x1f;
	tm->tm_mday = date & 0x1f;
	tm->tm_mon = ((date >> 8) & 0xf) - 1;
	tm->tm_year = ((date >> 16) & rtc->year_mask) + SUNXI_YEAR_BASE;
	return 0;
}

static int sunxi_rtc_wait(struct sunxi_rtc *rtc, u32 busy)
{
	unsigned long long deadline = local_clock() + SUNXI_RTC_WAIT_NS;

	while (readl(rtc->base + SUNXI_LOSC_CTRL) & busy)
		if (local_clock() > deadline)
			return -ETIMEDOUT;
	return 0;
}

static int sunxi_rtc_set_time(struct rtc_device *dev, const struct rtc_time *tm)
{
	struct sunxi_rtc *rtc = dev->priv;
	unsigned int years = tm->tm_year - SUNXI_YEAR_BASE;
	bool leap = rtc_month_days(1, tm->tm_year + 1900) == 29;
	int err;

	if (years > rtc->year_mask)
		return -ERANGE;
	err = sunxi_rtc_wait(rtc, SUNXI_LOSC_CTRL_ACC_MASK);
	if (err)
		return err;
	writel(tm->tm_hour << 16 | tm->tm_min << 8 | tm->tm_sec, rtc->base + rtc->time_reg);
	err = sunxi_rtc_wait(rtc, SUNXI_LOSC_CTRL_RTC_HMS_ACC);
	if (err)
		return err;
	writel((u32)leap << rtc->leap_shift | years << 16 | (tm->tm_mon + 1) << 8 | tm->tm_mday,
	       rtc->base + rtc->date_reg);
	return sunxi_rtc_wait(rtc, SUNXI_LOSC_CTRL_RTC_YMD_ACC);
}

const struct rtc_class_ops sunxi_rtc_ops = {
	.read_time = sunxi_rtc_read_time,
	.set_time = sunxi_rtc_set_time,
};

static int sunxi_rtc_probe(struct device *dev)
{
	u8 *base = platform_ioremap(dev, 0, 0x20);
	struct sunxi_rtc *rtc;
	int err;

	if (IS_ERR(base))
		return PTR_ERR(base);
	rtc = kzalloc(sizeof(*rtc));
	if (!rtc)
		return -ENOMEM;
	*rtc = (struct sunxi_rtc){ .base = base, .date_reg = 0x04, .time_reg = 0x08,
				   .year_mask = 0xff, .leap_shift = 24 };
	err = rtc_register(dev, &sunxi_rtc_ops, rtc);
	if (err) {
		kfree(rtc);
		return err;
	}
	dev_info(dev, "RTC enabled\n");
	return 0;
}

static const struct of_device_id sunxi_rtc_of_match[] = {
	{ .compatible = "allwinner,sun7i-a20-rtc" },
	{}
};

static struct platform_driver sunxi_rtc_driver = {
	.name = "sunxi-rtc",
	.of_match_table = sunxi_rtc_of_match,
	.probe = sunxi_rtc_probe,
};
module_platform_driver(sunxi_rtc_driver);
