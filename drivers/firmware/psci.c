/* PSCI firmware interface (/psci in the device tree): the conduit (smc or
 * hvc) and function ids, CPU_ON as the SMP enable method when we run
 * non-secure, and SYSTEM_RESET as the machine's restart method.
 * PSCI 0.2 and later use the standard ids; 0.1 (U-Boot's) lists its own in
 * the node and has no reset. */
#define pr_fmt(fmt) "psci: " fmt

#include <asm/setup.h>
#include <kernel/errno.h>
#include <kernel/init.h>
#include <kernel/of_early.h>
#include <kernel/panic.h>
#include <kernel/printk.h>
#include <kernel/smp.h>
#include <kernel/string.h>

#define PSCI_0_2_FN_PSCI_VERSION 0x84000000u
#define PSCI_0_2_FN_CPU_ON 0x84000003u
#define PSCI_0_2_FN_SYSTEM_OFF 0x84000008u
#define PSCI_0_2_FN_SYSTEM_RESET 0x84000009u

static bool use_hvc;
static u32 fn_cpu_on;

static u32 psci_call(u32 fn, u32 a1, u32 a2, u32 a3)
{
	register u32 r0 asm("r0") = fn;
	register u32 r1 asm("r1") = a1;
	register u32 r2 asm("r2") = a2;
	register u32 r3 asm("r3") = a3;

	if (use_hvc)
		asm volatile(".arch_extension virt\n\thvc #0"
			     : "+r"(r0) : "r"(r1), "r"(r2), "r"(r3) : "memory");
	else
		asm volatile(".arch_extension sec\n\tsmc #0"
			     : "+r"(r0) : "r"(r1), "r"(r2), "r"(r3) : "memory");
	return r0;
}

static void psci_system_reset(void)
{
	psci_call(PSCI_0_2_FN_SYSTEM_RESET, 0, 0, 0);
}

static void psci_system_off(void)
{
	psci_call(PSCI_0_2_FN_SYSTEM_OFF, 0, 0, 0);
}

static int psci_cpu_boot(unsigned int cpu, u32 mpidr, unsigned long entry)
{
	int ret = (int)psci_call(fn_cpu_on, mpidr, (u32)entry, cpu);

	return ret ? -EIO : 0;
}

static const struct smp_operations psci_smp_ops = {
	.name = "psci",
	.priority = SMP_OPS_PRIORITY_FIRMWARE,
	.cpu_boot = psci_cpu_boot,
};

/* Linux's priority for PSCI's restart: just above the default one. */
static struct restart_handler psci_restart = { .restart = psci_system_reset, .priority = 129 };

enum psci_ids { PSCI_IDS_STANDARD, PSCI_IDS_FROM_DT };

static int __init psci_dt_init(const struct dtb *dt, int node, const void *data)
{
	bool v0_1 = data == (const void *)PSCI_IDS_FROM_DT;
	const char *method;

	pr_info("probing for conduit method from DT.\n");
	method = dtb_get_string(dt, node, "method");
	if (!method || (strcmp(method, "smc") && strcmp(method, "hvc"))) {
		pr_warn("invalid \"method\" property: %s\n", method ? method : "(missing)");
		return -EINVAL;
	}
	use_hvc = !strcmp(method, "hvc");
	if (use_hvc && arch_entered_in_hyp()) {
		pr_err("method \"hvc\", but the kernel was entered in HYP itself: no hypervisor "
		       "to call; not using PSCI\n");
		return -EINVAL;
	}

	if (v0_1) {
		pr_info("Using PSCI v0.1 Function IDs from DT\n");
		if (dtb_get_u32(dt, node, "cpu_on", &fn_cpu_on)) {
			pr_err("the v0.1 node has no cpu_on function id: cannot start CPUs\n");
			return -EINVAL;
		}
	} else {
		u32 version = psci_call(PSCI_0_2_FN_PSCI_VERSION, 0, 0, 0);

		pr_info("PSCIv%u.%u detected in firmware.\n", version >> 16, version & 0xffff);
		fn_cpu_on = PSCI_0_2_FN_CPU_ON;
		register_restart_handler(&psci_restart);
		pm_power_off = psci_system_off;
	}
	/* Firmware serves the non-secure world; entered secure, we are the firmware. */
	if (fn_cpu_on && !arch_running_secure())
		smp_set_ops(&psci_smp_ops);
	return 0;
}
/* PSCI 0.2 and later: standard function ids; 0.1 lists its own in the node. */
SMP_METHOD_OF_DECLARE(psci_1_0, "arm,psci-1.0", psci_dt_init, (const void *)PSCI_IDS_STANDARD);
SMP_METHOD_OF_DECLARE(psci_0_2, "arm,psci-0.2", psci_dt_init, (const void *)PSCI_IDS_STANDARD);
SMP_METHOD_OF_DECLARE(psci_0_1, "arm,psci", psci_dt_init, (const void *)PSCI_IDS_FROM_DT);
