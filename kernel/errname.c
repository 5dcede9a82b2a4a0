/* Names of error numbers, so a person reads "-ENODEV" rather than "-19", and
 * the C library's messages for them, which the shell prints as BusyBox does (glibc's wording: Debian's
 * busybox-static is linked with glibc). */
#include <kernel/compiler.h>
#include <kernel/errno.h>
#include <kernel/types.h>

struct errinfo {
	const char *name, *message;
};

#define E(name, text) [name] = { #name, text }

static const struct errinfo errors[] = {
	E(EPERM, "Operation not permitted"),
	E(ENOENT, "No such file or directory"),
	E(EINTR, "Interrupted system call"),
	E(EIO, "Input/output error"),
	E(ENXIO, "No such device or address"),
	E(E2BIG, "Argument list too long"),
	E(ENOEXEC, "Exec format error"),
	E(EBADF, "Bad file descriptor"),
	E(EAGAIN, "Resource temporarily unavailable"),
	E(ENOMEM, "Cannot allocate memory"),
	E(EACCES, "Permission denied"),
	E(EFAULT, "Bad address"),
	E(ENOTBLK, "Block device required"),
	E(EBUSY, "Device or resource busy"),
	E(EEXIST, "File exists"),
	E(EXDEV, "Invalid cross-device link"),
	E(ENODEV, "No such device"),
	E(ENOTDIR, "Not a directory"),
	E(EISDIR, "Is a directory"),
	E(EINVAL, "Invalid argument"),
	E(EMFILE, "Too many open files"),
	E(EFBIG, "File too large"),
	E(ENOSPC, "No space left on device"),
	E(ESPIPE, "Illegal seek"),
	E(EROFS, "Read-only file system"),
	E(EPIPE, "Broken pipe"),
	E(ERANGE, "Numerical result out of range"),
	E(ENAMETOOLONG, "File name too long"),
	E(ENOSYS, "Function not implemented"),
	E(ENOTEMPTY, "Directory not empty"),
	E(ELOOP, "Too many levels of symbolic links"),
	E(ENODATA, "No data available"),
	E(EOVERFLOW, "Value too large for defined data type"),
	E(EILSEQ, "Invalid or incomplete multibyte or wide character"),
	E(EOPNOTSUPP, "Operation not supported"),
	E(ETIMEDOUT, "Connection timed out"),
};

static const struct errinfo *info(int err)
{
	unsigned int n = err < 0 ? -err : err;

	return n < ARRAY_SIZE(errors) && errors[n].name ? &errors[n] : NULL;
}

const char *errname(int err)
{
	if (err == EPROBE_DEFER || err == -EPROBE_DEFER)
		return "EPROBE_DEFER";
	return info(err) ? info(err)->name : NULL;
}

const char *errmessage(int err)
{
	return info(err) ? info(err)->message : "Unknown error";
}
