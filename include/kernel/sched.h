/* Who is running: there are no tasks yet, but initcalls report the PID Linux
 * would show: 0 (the idle task) for console initcalls, 1 (init) after. */
#ifndef KERNEL_SCHED_H
#define KERNEL_SCHED_H

extern int current_pid;

/* "<idle>" for PID 0, "swapper/0" for PID 1 before init runs, as ftrace shows them. */
const char *current_comm(void);

#endif
