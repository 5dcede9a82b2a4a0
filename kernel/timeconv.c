/* Broken-down UTC time and seconds since the epoch, both ways (pure code,
 * unit-tested on the host against glibc's timegm and gmtime_r). Days are
 * counted in 400-year eras that start on March 1st, so that February, with
 * its leap day, comes last in a year and the month lengths follow a line;
 * the other way finds the year and the month by counting up. */
#include <kernel/errno.h>
#include <kernel/rtc.h>

#define SECS_PER_DAY 86400u
#define DAYS_PER_ERA 146097       /* 400 Gregorian years */
#define ERA0_TO_EPOCH 719468      /* days from 0000-03-01 to 1970-01-01 */

/* Days since 1970-01-01 of a date (month 1..12, or 13: January 1st of the next year). */
static int days_from_civil(unsigned int year, unsigned int month, unsigned int day)
{
	unsigned int era, year_of_era, day_of_year;

	year -= month <= 2;
	era = year / 400;
	year_of_era = year - era * 400;
	day_of_year = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
	return (int)(era * DAYS_PER_ERA + year_of_era * 365 + year_of_era / 4 - year_of_era / 100 +
		     day_of_year) - ERA0_TO_EPOCH;
}

int rtc_month_days(unsigned int month, unsigned int year)
{
	return days_from_civil(year, month + 2, 1) - days_from_civil(year, month + 1, 1);
}

int rtc_valid_tm(const struct rtc_time *tm)
{
	unsigned int year = (unsigned int)tm->tm_year + 1900;

	if (tm->tm_year < RTC_YEAR_MIN - 1900 || year > RTC_YEAR_MAX ||
	    (unsigned int)tm->tm_mon > 11 || tm->tm_mday < 1 ||
	    tm->tm_mday > rtc_month_days(tm->tm_mon, year) || (unsigned int)tm->tm_hour > 23 ||
	    (unsigned int)tm->tm_min > 59 || (unsigned int)tm->tm_sec > 59)
		return -EINVAL;
	return 0;
}

long long rtc_tm_to_time64(const struct rtc_time *tm)
{
	int days = days_from_civil(tm->tm_year + 1900, tm->tm_mon + 1, tm->tm_mday);

	return (long long)days * SECS_PER_DAY + tm->tm_hour * 3600 + tm->tm_min * 60 + tm->tm_sec;
}

void rtc_time64_to_tm(long long secs, struct rtc_time *tm)
{
	/* 86400 = 128 * 675, and secs >> 7 fits 32 bits up to year 9999: no 64-bit division */
	unsigned int days = (unsigned int)(secs >> 7) / (SECS_PER_DAY >> 7);
	unsigned int rest = (unsigned int)secs - days * SECS_PER_DAY;
	unsigned int year = 1970 + days / 366, day; /* at most 22 years short */
	int month = 0;

	while (days_from_civil(year + 1, 1, 1) <= (int)days)
		year++;
	day = days - days_from_civil(year, 1, 1);
	tm->tm_yday = day;
	while (day >= (unsigned int)rtc_month_days(month, year))
		day -= rtc_month_days(month++, year);
	tm->tm_sec = rest % 60;
	tm->tm_min = rest / 60 % 60;
	tm->tm_hour = rest / 3600;
	tm->tm_mday = day + 1;
	tm->tm_mon = month;
	tm->tm_year = year - 1900;
	tm->tm_wday = (days + 4) % 7; /* 1970-01-01 was a Thursday */
	tm->tm_isdst = 0;
}
