/* Pointers that carry an errno (Linux's ERR_PTR): a function returning an
 * object returns ERR_PTR(-ENOENT) instead when there is none, and the caller
 * tests IS_ERR() and reads PTR_ERR(). The top 4095 addresses are never
 * objects. */
#ifndef KERNEL_ERR_H
#define KERNEL_ERR_H

#include <kernel/types.h>

#define MAX_ERRNO 4095

static inline void *ERR_PTR(long error)
{
	return (void *)error;
}

static inline long PTR_ERR(const void *ptr)
{
	return (long)ptr;
}

static inline bool IS_ERR(const void *ptr)
{
	return (unsigned long)ptr >= (unsigned long)-MAX_ERRNO;
}

static inline bool IS_ERR_OR_NULL(const void *ptr)
{
	return !ptr || IS_ERR(ptr);
}

#endif
