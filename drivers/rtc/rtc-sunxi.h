/* What the Allwinner RTCs share (drivers/rtc/rtc-sunxi.c): the date and
 * time registers, laid out alike on the A20 and the H3 but at other offsets
 * and with other year widths, and the busy bits a write sets in LOSC_CTRL. */
#ifndef DRIVERS_RTC_SUNXI_H
#define DRIVERS_RTC_SUNXI_H

#include <kernel/rtc.h>

#define SUNXI_LOSC_CTRL 0x00

struct sunxi_rtc {
	u8 *base;
	u8 date_reg;   /* year | leap | month | day */
	u8 time_reg;   /* (weekday) | hour | minute | second */
	u8 year_mask;  /* years since 1970 the date register holds */
	u8 leap_shift; /* the leap-year bit */
};

/* read_time and set_time on the struct sunxi_rtc given to rtc_register. */
extern const struct rtc_class_ops sunxi_rtc_ops;

#endif
