/* test_initcall_delay_us=N: a device initcall that spends N microseconds
 * (udelay) before it returns, so the boot-time gate's test
 * (tests/boot/test_bootreport.py) can inject a slowdown of a known size and
 * see `scripts/bootreport --diff` fail on it. Without the parameter it
 * returns at once. */
#include <kernel/init.h>
#include <kernel/params.h>
#include <kernel/time.h>

static unsigned long delay_us;

static int __init test_initcall_delay_setup(char *value)
{
	return param_parse_ulong(value, &delay_us);
}
__setup("test_initcall_delay_us", test_initcall_delay_setup);

static int __init test_initcall_delay(void)
{
	if (delay_us)
		udelay(delay_us);
	return 0;
}
device_initcall(test_initcall_delay);
