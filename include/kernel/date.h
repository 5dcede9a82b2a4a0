/* Times as BusyBox's date writes and reads them (kernel/shell/date.c, pure
 * code): the line date and hwclock print, and the dates date -s takes. */
#ifndef KERNEL_DATE_H
#define KERNEL_DATE_H

#include <kernel/types.h>

/* "Mon Nov 23 23:15:39 UTC 2026" (zone "UTC "; BusyBox's "%a %b %e %H:%M:%S
 * %Z %Y") or, with zone "", ctime's "Mon Nov 23 23:15:39 2026". Returns the
 * length written (snprintf's rules, truncated to size). */
int date_format(char *buf, size_t size, long long secs, const char *zone);

/* The time a date -s argument names, from now (UTC): "hh:mm[:ss]",
 * "mm.dd-hh:mm[:ss]", "yyyy.mm.dd-hh:mm[:ss]", "yyyy-mm-dd hh:mm[:ss]",
 * "yyyy-mm-dd hh", "yyyy-mm-dd" (not BusyBox's MMDDhhmm[[CC]YY][.ss] nor
 * @seconds); what it leaves out is today's
 * date and 0 for the time of day. 0, or -EINVAL (what BusyBox calls an
 * invalid date, and also any field out of range: BusyBox's mktime would
 * carry those over). */
int date_parse(const char *text, long long now, long long *secs);

#endif
