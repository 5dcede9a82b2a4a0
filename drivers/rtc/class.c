/* The RTC class: the clock a driver registers as rtc0, reading and setting
 * it, Linux's rtc_hctosys (the system clock from rtc0 at late level) and
 * BusyBox's hwclock. */
#include <kernel/date.h>
#include <kernel/device.h>
#include <kernel/errno.h>
#include <kernel/rtc.h>
#include <kernel/shell.h>
#include <kernel/time.h>

static struct rtc_device rtc0;

int rtc_register(struct device *dev, const struct rtc_class_ops *ops, void *priv)
{
	if (rtc0.dev)
		return -EBUSY;
	rtc0 = (struct rtc_device){ dev, ops, priv };
	dev_info(dev, "registered as rtc0\n");
	return 0;
}

struct rtc_device *rtc_get(void)
{
	return rtc0.dev ? &rtc0 : NULL;
}

int rtc_read_time(struct rtc_device *rtc, struct rtc_time *tm)
{
	return rtc->ops->read_time(rtc, tm) ?: rtc_valid_tm(tm);
}

int rtc_set_time(struct rtc_device *rtc, const struct rtc_time *tm)
{
	return rtc_valid_tm(tm) ?: rtc->ops->set_time(rtc, tm);
}

/* The system clock from rtc0 (Linux's CONFIG_RTC_HCTOSYS_DEVICE="rtc0"). */
static int __init rtc_hctosys(void)
{
	struct rtc_device *rtc = rtc_get();
	struct rtc_time tm;
	long long secs;
	int err;

	if (!rtc)
		return -ENODEV;
	err = rtc_read_time(rtc, &tm);
	if (err) {
		dev_err(rtc->dev, "hctosys: unable to read the hardware clock\n");
		return err;
	}
	secs = rtc_tm_to_time64(&tm);
	do_settimeofday64(secs);
	dev_info(rtc->dev, "setting system clock to %d-%02d-%02dT%02d:%02d:%02d UTC (%lld)\n",
		 tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, secs);
	return 0;
}
late_initcall(rtc_hctosys);

/* BusyBox's hwclock: -r (the default) shows rtc0, -s sets the system clock
 * from it, -w sets it from the system clock; always UTC (-u). */
static int cmd_hwclock(struct sh_io *io, int argc, char **argv)
{
	struct rtc_device *rtc = rtc_get();
	struct sh_opts opts;
	struct rtc_time tm;
	char line[32];
	int err = -ENOENT; /* BusyBox: can't open '/dev/misc/rtc' */

	if (sh_getopt(argc, argv, "rswu", &opts) < 0)
		return 1;
	if (rtc && sh_opt(&opts, 'w')) {
		rtc_time64_to_tm(ktime_get_real_seconds(), &tm);
		err = rtc_set_time(rtc, &tm);
	} else if (rtc) {
		err = rtc_read_time(rtc, &tm);
	}
	if (err) {
		sh_error("hwclock: %s", errmessage(err));
		return 1;
	}
	if (sh_opt(&opts, 's')) {
		do_settimeofday64(rtc_tm_to_time64(&tm));
	} else if (!sh_opt(&opts, 'w')) {
		date_format(line, sizeof(line), rtc_tm_to_time64(&tm), "");
		sh_printf(io, "%s  0.000000 seconds\n", line);
	}
	return 0;
}
SHELL_COMMAND(hwclock, cmd_hwclock, "hwclock [-r|-s|-w] [-u]");
