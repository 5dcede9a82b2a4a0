/* Time since boot from the ARM generic timer's free-running counter. Zero is
 * the counter value when start_kernel() began, as Linux's printk clock
 * starts at zero; the counter value itself is kept for the benchmark. */
#include <asm/cp15.h>
#include <kernel/printk.h>
#include <kernel/time.h>

static u64 boot_counter;
static u32 counter_freq;

void time_init_early(void)
{
	boot_counter = read_cntpct();
	counter_freq = read_cntfrq();
}

void time_report(void)
{
	pr_info("clock: generic counter at %u Hz, entered at count %llu\n", counter_freq,
		boot_counter);
}

u32 clock_frequency(void)
{
	return counter_freq;
}

u64 clock_boot_counter(void)
{
	return boot_counter;
}

static u64 ticks_to_ns(u64 ticks)
{
	return ticks / counter_freq * 1000000000ull + ticks % counter_freq * 1000000000ull / counter_freq;
}

unsigned long long local_clock(void)
{
	if (!counter_freq)
		return 0;
	return ticks_to_ns(read_cntpct() - boot_counter);
}

void udelay(unsigned long usecs)
{
	u64 start = read_cntpct();
	u64 ticks = (u64)usecs * counter_freq / 1000000;

	while (read_cntpct() - start < ticks)
		;
}

void mdelay(unsigned long msecs)
{
	while (msecs--)
		udelay(1000);
}
