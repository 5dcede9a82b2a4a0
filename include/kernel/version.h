/* The kernel's banner, as the boot prints it and /proc/version shows it. */
#ifndef KERNEL_VERSION_H
#define KERNEL_VERSION_H

#include <generated/autoconf.h>

#define INITK_BANNER "initk version " INITK_VERSION " (gcc " __VERSION__ ")"

#endif
