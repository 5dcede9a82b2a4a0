/* Task identity: there is no scheduler yet, but the boot reports the PIDs and
 * names Linux would show (include/kernel/sched.h). */
#include <asm/smp.h>
#include <kernel/sched.h>

int current_pid;
enum system_states system_state;

int task_pid(void)
{
	return smp_processor_id() == 0 ? current_pid : 0;
}

const char *current_comm(void)
{
	static const char *const names[NR_CPUS] = { "swapper/0", "swapper/1", "swapper/2", "swapper/3" };

	return names[smp_processor_id() % NR_CPUS];
}
