/* Compiler attributes and small helper macros used across the tree. */
#ifndef KERNEL_COMPILER_H
#define KERNEL_COMPILER_H

#define __section(s) __attribute__((__section__(s)))
#define __used __attribute__((__used__))
#define __unused __attribute__((__unused__))
#define __maybe_unused __attribute__((__unused__))
#define __aligned(n) __attribute__((__aligned__(n)))
#define __noreturn __attribute__((__noreturn__))
#define __printf(a, b) __attribute__((__format__(printf, a, b)))
#define __noinline __attribute__((__noinline__))

#define likely(x) __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define ALIGN(x, a) (((x) + ((a) - 1)) & ~((a) - 1))

#define __stringify_1(x) #x
#define __stringify(x) __stringify_1(x)
#define __concat_1(a, b) a##b
#define __concat(a, b) __concat_1(a, b)

/* Configuration switches are 0/1 macros; missing means off. */
#define IS_ENABLED(option) (option + 0)

#endif
