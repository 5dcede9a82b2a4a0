/* What GCC's code calls without the source naming it: the EABI's 64-bit
 * division helpers, from libgcc, which modules may need as the kernel does. */
#include <kernel/module.h>

extern void __aeabi_uldivmod(void);
extern void __aeabi_ldivmod(void);

EXPORT_SYMBOL(__aeabi_uldivmod);
EXPORT_SYMBOL(__aeabi_ldivmod);
