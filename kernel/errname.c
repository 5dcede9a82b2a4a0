/* Names of error numbers, so a person reads "-ENODEV" rather than "-19". */
#include <kernel/compiler.h>
#include <kernel/errno.h>
#include <kernel/types.h>

#define E(name) [name] = #name

static const char *const names[] = {
	E(EPERM),  E(ENOENT), E(EINTR),  E(EIO),       E(ENXIO),   E(E2BIG),
	E(ENOEXEC), E(EAGAIN), E(ENOMEM), E(EFAULT),   E(EBUSY),   E(EEXIST),
	E(ENODEV), E(EINVAL), E(ENOSPC), E(ERANGE),    E(ENOSYS),  E(ELOOP),   E(ENODATA),
	E(EOVERFLOW), E(EILSEQ), E(EOPNOTSUPP), E(ETIMEDOUT),
};

const char *errname(int err)
{
	unsigned int n = err < 0 ? -err : err;

	if (n == EPROBE_DEFER)
		return "EPROBE_DEFER";
	if (n < ARRAY_SIZE(names))
		return names[n];
	return NULL;
}
