/* What the boot loader handed over, and the CPU mode we were entered in. */
#ifndef ASM_SETUP_H
#define ASM_SETUP_H

#include <kernel/types.h>

struct boot_params {
	u32 r0, r1, r2; /* registers at entry: r2 is the DTB in the Linux boot protocol */
	u32 entry_mode; /* CPSR mode bits at entry: 0x1a HYP, 0x13 SVC */
};

extern struct boot_params boot_params;

/* "HYP" or "SVC" (etc.) for a mode number. */
const char *processor_mode_name(u32 mode);

/* Early CPU identification lines (Booting ... / CPU: ...). */
void setup_processor(void);
/* Identity map with caches: RAM (from /memory) normal memory, the rest device,
 * page 0 unmapped. */
void paging_init(void);
/* Whether [addr, addr + size) can be a device's registers in the identity
 * map: 0, or -EFAULT with *why saying what it is instead ("in the unmapped
 * first MiB", "in RAM", "inside the kernel", "beyond 32 bits"). Before
 * paging_init() only the first two and the last are known. */
/* The RAM bank paging_init() mapped as normal memory. */
void arch_ram_range(u64 *base, u64 *size);
int arch_check_mmio(u64 addr, u64 size, const char **why);
/* Make freshly written instructions in [start, end) visible to instruction fetch. */
void flush_icache_range(unsigned long start, unsigned long end);

/* Secure state is assumed unless we were entered in HYP (only non-secure has HYP). */
bool arch_running_secure(void);
/* Entered in HYP: the kernel left it itself, so no hypervisor runs above it
 * (and no HYP vectors are installed: an hvc would go nowhere). */
bool arch_entered_in_hyp(void);

/* What /proc/cpuinfo's Features line shows (Linux's HWCAP bits and names). */
#define HWCAP_HALF (1 << 1)
#define HWCAP_THUMB (1 << 2)
#define HWCAP_FAST_MULT (1 << 4)
#define HWCAP_VFP (1 << 6)
#define HWCAP_EDSP (1 << 7)
#define HWCAP_THUMBEE (1 << 11)
#define HWCAP_NEON (1 << 12)
#define HWCAP_VFPv3 (1 << 13)
#define HWCAP_TLS (1 << 15)
#define HWCAP_VFPv4 (1 << 16)
#define HWCAP_IDIVA (1 << 17)
#define HWCAP_IDIVT (1 << 18)
#define HWCAP_VFPD32 (1 << 19)
#define HWCAP_LPAE (1 << 20)
extern unsigned int elf_hwcap;

/* /proc/cpuinfo's Serial when the tree has no /serial-number (Linux's
 * names): "%08x%08x" of high, low; the SoC's chip id driver sets them. */
extern unsigned int system_serial_low, system_serial_high;

void machine_halt(void) __attribute__((noreturn));

#endif
