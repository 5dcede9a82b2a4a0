/* Time since boot, the time of day and busy-wait delays, from the ARM generic timer's counter. */
#ifndef KERNEL_TIME_H
#define KERNEL_TIME_H

#include <kernel/types.h>

/* Take the counter value at entry as time zero and read its frequency. */
void time_init_early(void);
/* Counter ticks per second in use (CNTFRQ, or the override). */
u32 clock_frequency(void);
/* Use this frequency from now on (the timer driver's clock-frequency override). */
void clock_set_frequency(u32 hz);
/* Say which clock printk uses and when the kernel was entered on it. */
void time_report(void);

unsigned long long local_clock(void); /* nanoseconds since entry */
/* A counter value read earlier (a trace record's) as nanoseconds since entry. */
unsigned long long clock_counter_to_ns(u64 counter);
/* The time of day: seconds since the epoch (UTC), from what was last set
 * (rtc_hctosys at boot, date -s) plus the time since then; 0 at boot. */
long long ktime_get_real_seconds(void);
void do_settimeofday64(long long secs);

void udelay(unsigned long usecs);
void mdelay(unsigned long msecs);

#endif
