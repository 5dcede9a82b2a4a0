/* Time since boot from the ARM generic timer's free-running counter, and the
 * time of day on top of it. Zero is the counter value when start_kernel()
 * began, as Linux's printk clock starts at zero; the counter value itself is
 * kept for the benchmark. */
#include <asm/cp15.h>
#include <kernel/clockchips.h>
#include <kernel/errno.h>
#include <kernel/math64.h>
#include <kernel/module.h>
#include <kernel/printk.h>
#include <kernel/time.h>

static u64 boot_counter;
static u32 counter_freq;
/* 10^9 / counter_freq as a reduced fraction: ns_mul / ns_div (62.5 MHz: 16/1,
 * 24 MHz: 125/3), so a tick count below the frequency becomes ns in 32 bits. */
static u32 ns_mul, ns_div;

static void set_ratio(u32 hz)
{
	u32 a = 1000000000u, b = hz;

	while (b) {
		u32 t = a % b;

		a = b;
		b = t;
	}
	ns_mul = 1000000000u / a;
	ns_div = hz / a;
}
/* After a frequency change: time then, and the counter value then. */
static u64 base_ns, base_counter;

void time_init_early(void)
{
	boot_counter = read_cntpct();
	base_counter = boot_counter;
	counter_freq = read_cntfrq();
	if (counter_freq)
		set_ratio(counter_freq);
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

/* floor(ticks * 10^9 / counter_freq), exactly. The first 2^32 ticks (68 s
 * at 62.5 MHz) in 32-bit divisions; the part below a second, remainder
 * times ns_mul, in 32 bits too when it fits (it does at 62.5 and 24 MHz). */
static u64 ticks_to_ns(u64 ticks)
{
	u32 rem;
	u64 secs = div_u64_rem(ticks, counter_freq, &rem), frac = (u64)rem * ns_mul;

	return secs * 1000000000ull + (frac >> 32 ? frac / ns_div : (u32)frac / ns_div);
}

unsigned long long local_clock(void)
{
	if (!counter_freq)
		return 0;
	return base_ns + ticks_to_ns(read_cntpct() - base_counter);
}
EXPORT_SYMBOL_GPL(local_clock);

unsigned long long clock_counter_to_ns(u64 counter)
{
	if (!counter_freq)
		return 0;
	if (counter >= base_counter)
		return base_ns + ticks_to_ns(counter - base_counter);
	return counter >= boot_counter ? ticks_to_ns(counter - boot_counter) : 0;
}

void clock_set_frequency(u32 hz)
{
	u64 now = read_cntpct();

	if (!hz || hz == counter_freq)
		return;
	base_ns += counter_freq ? ticks_to_ns(now - base_counter) : 0;
	base_counter = now;
	counter_freq = hz;
	set_ratio(hz);
}

/* The time of day: the value last set, at local_clock() then. */
static long long real_base_secs;
static unsigned long long real_base_ns;

long long ktime_get_real_seconds(void)
{
	return real_base_secs + (long long)((local_clock() - real_base_ns) / 1000000000u);
}

void do_settimeofday64(long long secs)
{
	real_base_ns = local_clock();
	real_base_secs = secs;
}

void udelay(unsigned long usecs)
{
	u64 start = read_cntpct();
	u64 ticks = (u64)usecs * counter_freq / 1000000;

	while (read_cntpct() - start < ticks)
		;
}
EXPORT_SYMBOL(udelay);

void mdelay(unsigned long msecs)
{
	while (msecs--)
		udelay(1000);
}
EXPORT_SYMBOL(mdelay);

/* --- Clock events (include/kernel/clockchips.h) ------------------------------ */

static const struct clock_event_device *clockevent;
static void (*clockevent_callback)(void);

void clockevents_register_device(const struct clock_event_device *dev)
{
	clockevent = dev;
}

void clockevents_handle_event(void)
{
	if (clockevent_callback)
		clockevent_callback();
}

int clockevent_start_oneshot(unsigned long usecs, void (*callback)(void))
{
	if (!clockevent)
		return -ENODEV;
	clockevent_callback = callback;
	clockevent->set_next_event((u32)((u64)usecs * counter_freq / 1000000));
	return 0;
}

void clockevent_cancel(void)
{
	if (clockevent)
		clockevent->shutdown();
}

int clockevent_irq(void)
{
	return clockevent ? clockevent->irq : -1;
}
