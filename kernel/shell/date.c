/* The date command's text, as BusyBox writes and reads it: the line it
 * prints and the dates date -s accepts (pure code, unit-tested on the host). */
#include <kernel/date.h>
#include <kernel/errno.h>
#include <kernel/rtc.h>
#include <kernel/sprintf.h>
#include <kernel/string.h>

static const char day_names[] = "SunMonTueWedThuFriSat";
static const char month_names[] = "JanFebMarAprMayJunJulAugSepOctNovDec";

int date_format(char *buf, size_t size, long long secs, const char *zone)
{
	struct rtc_time tm;

	rtc_time64_to_tm(secs, &tm);
	return scnprintf(buf, size, "%.3s %.3s %2d %02d:%02d:%02d %s%d", day_names + 3 * tm.tm_wday,
			 month_names + 3 * tm.tm_mon, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, zone,
			 tm.tm_year + 1900);
}

/* The forms BusyBox's parse_datestr() takes, '|' between them. A letter is
 * a number for that field (FIELDS order), '[' means the text may end there,
 * anything else stands for itself. */
static const char forms[] = "H:M[:S|m.d-H:M[:S|Y.m.d-H:M[:S|Y-m-d[ H[:M[:S";
#define FIELDS "SMHdmY"

/* Whether text is the form at form (up to its '|'); its numbers into field. */
static bool match_form(const char *text, const char *form, unsigned int *field)
{
	for (; *form && *form != '|'; form++) {
		const char *f = strchr(FIELDS, *form);
		unsigned int value = 0;

		if (*form == '[') {
			if (!*text)
				return true;
		} else if (!f) {
			if (*text++ != *form)
				return false;
		} else {
			if (*text < '0' || *text > '9')
				return false;
			while (*text >= '0' && *text <= '9' && value < 100000)
				value = value * 10 + *text++ - '0';
			field[f - FIELDS] = value;
		}
	}
	return !*text;
}

int date_parse(const char *text, long long now, long long *secs)
{
	const char *form = forms;
	struct rtc_time tm;
	unsigned int field[6];

	rtc_time64_to_tm(now, &tm);
	do {
		field[0] = field[1] = field[2] = 0; /* BusyBox: back to midnight */
		field[3] = tm.tm_mday;
		field[4] = tm.tm_mon + 1;
		field[5] = tm.tm_year + 1900;
		if (!match_form(text, form, field))
			continue;
		tm.tm_sec = field[0];
		tm.tm_min = field[1];
		tm.tm_hour = field[2];
		tm.tm_mday = field[3];
		tm.tm_mon = (int)field[4] - 1;
		tm.tm_year = (int)field[5] - 1900;
		if (rtc_valid_tm(&tm))
			return -EINVAL;
		*secs = rtc_tm_to_time64(&tm);
		return 0;
	} while ((form = strchr(form, '|')) && form++);
	return -EINVAL;
}
