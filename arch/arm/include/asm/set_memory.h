/* Page permissions in the memory the MMU maps by 4 KiB pages (the 2 MiB the
 * kernel starts in: its image, stacks, and the heap that follows), Linux's
 * names. addr page-aligned; -EINVAL outside that memory. */
#ifndef ASM_SET_MEMORY_H
#define ASM_SET_MEMORY_H

int set_memory_ro(unsigned long addr, int numpages);
int set_memory_rw(unsigned long addr, int numpages);
int set_memory_x(unsigned long addr, int numpages);
int set_memory_nx(unsigned long addr, int numpages);

/* free_initmem(): unmap the kernel's init pages. */
void unmap_kernel_init(void);

/* What addr is, for a fault report ("kernel text (read-only)", a stack
 * guard page: an overflow if sp, the faulting code's, is in it too), or
 * NULL when there is nothing to say. */
const char *arch_describe_address(unsigned long addr, unsigned long sp);

#endif
