/* Who is running: there are no tasks yet, but initcalls report the PID Linux
 * would show: 0 (the idle task) for console initcalls, 1 (init) after. */
#ifndef KERNEL_SCHED_H
#define KERNEL_SCHED_H

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

#endif
