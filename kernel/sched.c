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

static const char *init_comm;
bool init_execed;

void init_exec(const char *comm)
{
	init_comm = comm;
	init_execed = true;
}

const char *init_process_comm(void)
{
	return init_comm;
}

const char *current_comm(void)
{
	if (init_comm && smp_processor_id() == 0 && current_pid == 1)
		return init_comm;
	static const char *const names[NR_CPUS] = { "swapper/0", "swapper/1", "swapper/2", "swapper/3" };

	return names[smp_processor_id() % NR_CPUS];
}

static u64 boot_cpu_idle_ns;

void account_idle(u64 ns)
{
	boot_cpu_idle_ns += ns;
}

u64 boot_cpu_idle_time(void)
{
	return boot_cpu_idle_ns;
}
