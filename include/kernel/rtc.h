/* Real-time clocks: broken-down time (Linux's struct rtc_time) and its
 * conversion to and from seconds since the epoch (kernel/timeconv.c, pure),
 * and the RTC class the drivers register with (drivers/rtc/class.c).
 *
 *   static const struct rtc_class_ops foo_rtc_ops = {
 *           .read_time = foo_read_time, .set_time = foo_set_time,
 *   };
 *   err = rtc_register(dev, &foo_rtc_ops, foo);    "registered as rtc0"
 *
 * At late level rtc_hctosys sets the system clock from rtc0, as Linux's
 * CONFIG_RTC_HCTOSYS does. */
#ifndef KERNEL_RTC_H
#define KERNEL_RTC_H

#include <kernel/types.h>

struct device;

/* As Linux's (and struct tm): tm_mon 0..11, tm_year since 1900. */
struct rtc_time {
	int tm_sec;
	int tm_min;
	int tm_hour;
	int tm_mday;
	int tm_mon;
	int tm_year;
	int tm_wday; /* 0: Sunday */
	int tm_yday; /* 0..365 */
	int tm_isdst;
};

/* The years the conversion accepts: 1970 to 9999. */
#define RTC_YEAR_MIN 1970
#define RTC_YEAR_MAX 9999

/* Days in month (0..11) of year. */
int rtc_month_days(unsigned int month, unsigned int year);
/* 0, or -EINVAL if a field is out of range (the day for its month and year
 * included; tm_wday and tm_yday are not read). */
int rtc_valid_tm(const struct rtc_time *tm);
/* Seconds since 1970-01-01 00:00:00 UTC of a valid tm. */
long long rtc_tm_to_time64(const struct rtc_time *tm);
/* The broken-down UTC time of secs (0 up to the end of RTC_YEAR_MAX), with
 * tm_wday and tm_yday. */
void rtc_time64_to_tm(long long secs, struct rtc_time *tm);

struct rtc_device;

struct rtc_class_ops {
	int (*read_time)(struct rtc_device *rtc, struct rtc_time *tm);
	int (*set_time)(struct rtc_device *rtc, const struct rtc_time *tm);
};

struct rtc_device {
	struct device *dev; /* the driver's device: its messages' prefix */
	const struct rtc_class_ops *ops;
	void *priv;
};

/* Register dev's clock as rtc0: 0, or -EBUSY when there is one already
 * (initk keeps one RTC). */
int rtc_register(struct device *dev, const struct rtc_class_ops *ops, void *priv);
/* rtc0, or NULL. */
struct rtc_device *rtc_get(void);
/* 0 or -errno: what read_time gives is checked with rtc_valid_tm, what
 * set_time is given before it goes to the driver. */
int rtc_read_time(struct rtc_device *rtc, struct rtc_time *tm);
int rtc_set_time(struct rtc_device *rtc, const struct rtc_time *tm);

#endif
