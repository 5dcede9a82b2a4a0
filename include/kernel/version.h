/* The kernel's banner, as the boot prints it and /proc/version shows it. */
#ifndef KERNEL_VERSION_H
#define KERNEL_VERSION_H

#include <generated/autoconf.h>

#define INITK_BANNER "initk version " INITK_VERSION " (gcc " __VERSION__ ")"

/* What a module must have been built for (Linux's vermagic, same shape):
 * every module's .modinfo carries it (its generated x.mod.c), the loader
 * compares. */
#define VERMAGIC_STRING INITK_VERSION " SMP mod_unload ARMv7 "

#endif
