/* Names of error numbers, so a person reads "-ENODEV" rather than "-19", and
 * the C library's messages for them, which the shell prints as BusyBox does (glibc's wording: Debian's
 * busybox-static is linked with glibc). */
#include <kernel/compiler.h>
#include <kernel/errno.h>
#include <kernel/types.h>

struct errinfo {
	const char *name, *message;
};

/* Those with a name here, in errno order: a code table and a table of
 * texts, searched (a table indexed by errno, 111 slots for 36 names, took
 * 550 bytes more of the image). */
#define ERRORS(E) \
	E(EPERM, "Operation not permitted") \
	E(ENOENT, "No such file or directory") \
	E(EINTR, "Interrupted system call") \
	E(EIO, "Input/output error") \
	E(ENXIO, "No such device or address") \
	E(E2BIG, "Argument list too long") \
	E(ENOEXEC, "Exec format error") \
	E(EBADF, "Bad file descriptor") \
	E(EAGAIN, "Resource temporarily unavailable") \
	E(ENOMEM, "Cannot allocate memory") \
	E(EACCES, "Permission denied") \
	E(EFAULT, "Bad address") \
	E(ENOTBLK, "Block device required") \
	E(EBUSY, "Device or resource busy") \
	E(EEXIST, "File exists") \
	E(EXDEV, "Invalid cross-device link") \
	E(ENODEV, "No such device") \
	E(ENOTDIR, "Not a directory") \
	E(EISDIR, "Is a directory") \
	E(EINVAL, "Invalid argument") \
	E(EMFILE, "Too many open files") \
	E(EFBIG, "File too large") \
	E(ENOSPC, "No space left on device") \
	E(ESPIPE, "Illegal seek") \
	E(EROFS, "Read-only file system") \
	E(EPIPE, "Broken pipe") \
	E(ERANGE, "Numerical result out of range") \
	E(ENAMETOOLONG, "File name too long") \
	E(ENOSYS, "Function not implemented") \
	E(ENOTEMPTY, "Directory not empty") \
	E(ELOOP, "Too many levels of symbolic links") \
	E(ENODATA, "No data available") \
	E(EOVERFLOW, "Value too large for defined data type") \
	E(EILSEQ, "Invalid or incomplete multibyte or wide character") \
	E(EOPNOTSUPP, "Operation not supported") \
	E(ETIMEDOUT, "Connection timed out")

#define CODE(name, text) name,
#define INFO(name, text) { #name, text },
static const u8 codes[] = { ERRORS(CODE) };
static const struct errinfo errors[] = { ERRORS(INFO) };

static const struct errinfo *info(int err)
{
	unsigned int n = err < 0 ? -err : err;

	for (unsigned int i = 0; i < ARRAY_SIZE(codes); i++)
		if (codes[i] == n)
			return &errors[i];
	return NULL;
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
