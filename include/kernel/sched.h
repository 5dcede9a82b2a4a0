/* Who is running: there are no tasks yet, but initcalls report the PID Linux
 * would show: 0 (the idle task) for console initcalls, 1 (init) after. */
#ifndef KERNEL_SCHED_H
#define KERNEL_SCHED_H

#include <kernel/types.h>

/* Where the kernel is in its life, as Linux's system_state: while BOOTING the
 * init sections are still there. */
enum system_states { SYSTEM_BOOTING, SYSTEM_RUNNING };
extern enum system_states system_state;

/* The PID of what runs on the boot CPU: 0 during the console initcalls, then 1. */
extern int current_pid;

/* The PID on this CPU: secondary CPUs only ever run their idle task (0). */
int task_pid(void);
/* "swapper/<cpu>": the idle tasks, and init (PID 1) before it execs anything.
 * (ftrace shows PID 0 as "<idle>".) */
const char *current_comm(void);
/* Time the boot CPU spent waiting in wfi for input (the shell's idle time). */
void account_idle(u64 ns);
u64 boot_cpu_idle_time(void);

/* PID 1 "executes" its program (the shell): from here on it has that name. */
void init_exec(const char *comm);
/* That name, or NULL while PID 1 is still the kernel's init. */
const char *init_process_comm(void);
extern bool init_execed; /* init_exec() has run (read where every instruction counts) */

#endif
