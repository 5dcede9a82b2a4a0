/* Running the initcalls: the console level, the early level, then pure to
 * late, each through do_one_initcall (kernel/initcall.c), then releasing the
 * init memory. */
#include <asm/set_memory.h>
#include <asm/setup.h>
#include <kernel/console.h>
#include <kernel/init.h>
#include <kernel/of.h>
#include <kernel/of_early.h>
#include <kernel/params.h>
#include <kernel/printk.h>
#include <kernel/sched.h>
#include <kernel/sprintf.h>
#include <kernel/string.h>
#include <kernel/trace.h>

/* Linux's initcall_level trace event (initcall_start/finish: kernel/initcall.c). */
static void print_initcall_level(char *buf, size_t size, const unsigned long *arg)
{
	scnprintf(buf, size, "level=%s", (const char *)arg[0]);
}
DEFINE_TRACE_EVENT_FORMAT(initcall, initcall_level, print_initcall_level,
			  "\tfield:__data_loc char[] level;\toffset:8;\tsize:4;\tsigned:0;\n",
			  "\"level=%s\", __get_str(level)");

static void __init __noinline do_initcall_range(const initcall_t *start, const initcall_t *end)
{
	for (const initcall_t *fn = start; fn < end; fn++)
		do_one_initcall(*fn);
}

/* The levels of include/kernel/initcall_levels.h, by number. */
#define __level_id(level, event) INITCALL_LEVEL_##level,
enum initcall_level_id { INITCALL_LEVELS(__level_id) NR_INITCALL_LEVELS };
#undef __level_id

/* Not __initconst: the trace records keep pointing at these names. */
#define __level_event(level, event) #event,
static const char *const initcall_level_events[] = { INITCALL_LEVELS(__level_event) };
#undef __level_event

#define __level_name(level, event) #level,
static const char *const initcall_level_names[] = { INITCALL_LEVELS(__level_name) };
#undef __level_name

/* Each level's bounds, as the linker script names them (it places the
 * levels in the table's order, each between __initcall_<level>_start/_end). */
#define __level_bounds(level, event) extern const initcall_t __initcall_##level##_start[], __initcall_##level##_end[];
INITCALL_LEVELS(__level_bounds)
#undef __level_bounds
#define __level_start(level, event) __initcall_##level##_start,
static const initcall_t *const initcall_level_start[] __initconst = { INITCALL_LEVELS(__level_start) };
#undef __level_start
#define __level_end(level, event) __initcall_##level##_end,
static const initcall_t *const initcall_level_end[] __initconst = { INITCALL_LEVELS(__level_end) };
#undef __level_end

/* Run every initcall of one level; say so in a trace event unless the level
 * runs inside the one before it (a _sync level, rootfs). */
static void __init do_initcall_level(enum initcall_level_id id)
{
	const char *event = initcall_level_events[id];

	initcall_set_level(initcall_level_names[id]);
	if (id == 0 || strcmp(event, initcall_level_events[id - 1]))
		trace_event(initcall_level, (unsigned long)event, 0);
	do_initcall_range(initcall_level_start[id], initcall_level_end[id]);
}

void __init console_init(void)
{
	do_initcall_level(INITCALL_LEVEL_console);
	console_fallback_builtin();
}

/* The early level: first the early drivers the device tree asks for
 * (interrupt controllers, timers, SMP and restart methods), then the
 * early_initcall list. */
void __init do_pre_smp_initcalls(void)
{
	trace_event(initcall_level, (unsigned long)initcall_level_events[INITCALL_LEVEL_early], 0);
	initcall_set_level(initcall_level_names[INITCALL_LEVEL_early]);
	of_early_init(initial_dt);
	do_initcall_range(initcall_level_start[INITCALL_LEVEL_early], initcall_level_end[INITCALL_LEVEL_early]);
}

void __init do_initcalls(void)
{
	for (unsigned int id = INITCALL_LEVEL_early + 1; id < NR_INITCALL_LEVELS; id++)
		do_initcall_level(id);
}

/* Init memory is unmapped, not only poisoned: a stale call into init code,
 * or a read of init data, faults with a report that says so. */
void free_initmem(void)
{
	unsigned long size = __init_end - __init_begin;

	system_state = SYSTEM_RUNNING; /* nothing may call into init memory now */
	unmap_kernel_init();
	pr_info("Freeing unused kernel image (initmem) memory: %luK\n", size >> 10);
}

