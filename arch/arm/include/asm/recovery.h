/* A recovery point: where a fault or a hang inside a call is abandoned to.
 * call_with_recovery() (entry.S) saves what the call may not change (r4-r11,
 * sp, lr, the CPSR's mode and interrupt masks) and how many spinlocks this
 * CPU holds, makes it this CPU's current point and makes the call; recovery_resume() goes back to it from a fault
 * handler or an interrupt, discarding the call's stack, so that
 * call_with_recovery() returns rp->ret. kernel/panic.c decides when that is
 * safe. Offsets shared with entry.S. */
#ifndef ASM_RECOVERY_H
#define ASM_RECOVERY_H

#include <asm/cpu.h>

#define RP_SP 32
#define RP_LR 36
#define RP_CPSR 40
#define RP_PREV 44
#define RP_RET 48
#define RP_LOCKS 52

#ifndef __ASSEMBLY__
#include <kernel/compiler.h>
#include <kernel/types.h>

struct recovery_point {
	u32 r4_r11[8], sp, lr, cpsr;
	struct recovery_point *prev; /* the point this one is nested in */
	int ret;                     /* call_with_recovery()'s value after a recovery; 0 before */
	unsigned int locks;          /* spinlocks this CPU held when it was set */
	const void *fn;              /* what runs under it, for reports */
	const char *level;           /* an initcall's level, or what kind of call */
	u64 start_ns;                /* when the call started (local_clock) */
};

/* Each CPU's innermost point, NULL when none (entry.S keeps it). */
extern struct recovery_point *recovery_current[NR_CPUS];

int call_with_recovery(struct recovery_point *rp, int (*call)(const void *fn, void *arg),
		       const void *fn, void *arg);
/* From SVC mode with interrupts masked, or from a fault handler: back to rp. */
void recovery_resume(struct recovery_point *rp) __noreturn;
#endif

#endif
