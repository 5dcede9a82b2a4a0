/* kmalloc: one first-fit heap over every free range of RAM.
 *
 * mem_init() hands the allocator the RAM bank minus what must stay: the
 * kernel image (up to _end), the device tree, its /memreserve/ entries and
 * the initrd (given back by the initramfs code once unpacked). Free blocks
 * sit on one list sorted by address and merge with their neighbours when
 * freed; each allocated block keeps its size and a check word in a header
 * just before it, so kfree() of a pointer that kmalloc() did not return, or
 * twice, is reported instead of corrupting the list. One lock, interrupts
 * off: any CPU may allocate. */

#include <asm/irqflags.h>
#include <asm/setup.h>
#include <asm/spinlock.h>
#include <kernel/init.h>
#include <kernel/module.h>
#include <kernel/of.h>
#include <kernel/printk.h>
#include <kernel/slab.h>
#include <kernel/string.h>

#define ALIGN_BYTES 8
#define MAGIC_USED 0x6b6d616cu /* "kmal" */
#define MIN_BLOCK 32           /* a free block smaller than this is not split off */
#define PAGE_SIZE 4096

struct block {
	unsigned long size;  /* bytes, header included */
	union {
		struct block *next; /* free: the next free block, higher address */
		u32 magic;          /* allocated: MAGIC_USED */
	};
};

static struct block *free_list;
static struct meminfo totals;
static arch_spinlock_t heap_lock = ARCH_SPIN_LOCK_UNLOCKED;

#define HEADER ((sizeof(struct block) + ALIGN_BYTES - 1) & ~(unsigned long)(ALIGN_BYTES - 1))

static unsigned long heap_lock_irqsave(void)
{
	unsigned long flags = arch_local_irq_save();

	arch_spin_lock(&heap_lock);
	return flags;
}

static void heap_unlock_irqrestore(unsigned long flags)
{
	arch_spin_unlock(&heap_lock);
	arch_local_irq_restore(flags);
}

/* Put b on the sorted list, merged with its neighbours. Lock held. */
static void insert_free(struct block *b)
{
	struct block **link = &free_list, *prev = NULL;

	while (*link && *link < b) {
		prev = *link;
		link = &(*link)->next;
	}
	b->next = *link;
	*link = b;
	if (b->next && (unsigned long)b + b->size == (unsigned long)b->next) {
		b->size += b->next->size;
		b->next = b->next->next;
	}
	if (prev && (unsigned long)prev + prev->size == (unsigned long)b) {
		prev->size += b->size;
		prev->next = b->next;
	}
}

void kmalloc_add_range(unsigned long start, unsigned long end)
{
	unsigned long flags;
	struct block *b;

	start = (start + ALIGN_BYTES - 1) & ~(unsigned long)(ALIGN_BYTES - 1);
	end &= ~(unsigned long)(ALIGN_BYTES - 1);
	if (end <= start || end - start < MIN_BLOCK)
		return;
	b = (struct block *)start;
	b->size = end - start;
	flags = heap_lock_irqsave();
	totals.total += b->size;
	totals.free += b->size;
	insert_free(b);
	heap_unlock_irqrestore(flags);
}

void *kmalloc(size_t size)
{
	unsigned long need, flags;
	struct block **link, *b;

	if (!size || size > (1u << 30))
		return NULL;
	need = (HEADER + size + ALIGN_BYTES - 1) & ~(unsigned long)(ALIGN_BYTES - 1);
	flags = heap_lock_irqsave();
	for (link = &free_list; (b = *link); link = &b->next) {
		if (b->size < need)
			continue;
		if (b->size - need >= MIN_BLOCK) {
			struct block *rest = (struct block *)((unsigned long)b + need);

			rest->size = b->size - need;
			rest->next = b->next;
			*link = rest;
			b->size = need;
		} else {
			*link = b->next;
		}
		b->magic = MAGIC_USED;
		totals.free -= b->size;
		break;
	}
	heap_unlock_irqrestore(flags);
	return b ? (char *)b + HEADER : NULL;
}
EXPORT_SYMBOL(kmalloc);

void *kzalloc(size_t size)
{
	void *p = kmalloc(size);

	if (p)
		memset(p, 0, size);
	return p;
}
EXPORT_SYMBOL(kzalloc);

static struct block *block_of(const void *p)
{
	struct block *b = (struct block *)((unsigned long)p - HEADER);

	if (((unsigned long)p & (ALIGN_BYTES - 1)) || b->magic != MAGIC_USED) {
		pr_err("Memory: kfree/krealloc of %p, which kmalloc did not hand out (or freed twice)\n", p);
		return NULL;
	}
	return b;
}

void kfree(const void *p)
{
	struct block *b;
	unsigned long flags;

	if (!p || !(b = block_of(p)))
		return;
	flags = heap_lock_irqsave();
	totals.free += b->size;
	insert_free(b); /* overwrites the magic: a second kfree is caught */
	heap_unlock_irqrestore(flags);
}
EXPORT_SYMBOL(kfree);

void *krealloc(void *p, size_t size)
{
	struct block *b;
	void *q;

	if (!p)
		return kmalloc(size);
	if (!(b = block_of(p)))
		return NULL;
	if (size && size <= b->size - HEADER)
		return p;
	q = kmalloc(size);
	if (q) {
		memcpy(q, p, b->size - HEADER);
		kfree(p);
	}
	return q;
}
EXPORT_SYMBOL(krealloc);

char *kstrdup(const char *s)
{
	size_t len = strlen(s) + 1;
	char *p = kmalloc(len);

	if (p)
		memcpy(p, s, len);
	return p;
}
EXPORT_SYMBOL(kstrdup);

void meminfo(struct meminfo *info)
{
	unsigned long flags = heap_lock_irqsave();

	*info = totals;
	info->largest_free = 0;
	for (struct block *b = free_list; b; b = b->next)
		if (b->size > info->largest_free)
			info->largest_free = b->size;
	heap_unlock_irqrestore(flags);
}

/* --- mem_init: which parts of the RAM bank are free ---------------------------- */

#define MAX_RESERVED 20

static u64 reserve_heap[64 * 1024 / 8] __noinit; /* heap: as uncleared as the RAM after it */

struct range {
	u64 start, end;
};

static void __init reserve(struct range *r, unsigned int *n, u64 start, u64 size)
{
	if (!size || *n >= MAX_RESERVED)
		return;
	r[*n].start = start; /* exact: mem_init() rounds to pages where it hands out */
	r[*n].end = start + size;
	(*n)++;
}

static void __init sort_ranges(struct range *r, unsigned int n)
{
	for (unsigned int i = 1; i < n; i++)
		for (unsigned int j = i; j > 0 && r[j].start < r[j - 1].start; j--) {
			struct range t = r[j];

			r[j] = r[j - 1];
			r[j - 1] = t;
		}
}

#define KB(a, b) (((unsigned long)(b) - (unsigned long)(a)) >> 10)

/* What mem_init() kept out of the heap, exact (free_reserved_area() reads it). */
static struct range reserved[MAX_RESERVED] __noinit; /* filled before use: no room in the image */
static unsigned int nr_reserved __initdata;

/* Give back the pages of [start, end) that mem_init() reserved for it, as
 * Linux's free_reserved_area(): its whole pages, except a first or last one
 * another reservation shares (the image, the tree, a /memreserve/ other
 * than its own). Prints "Freeing <what> memory: NK". */
void __init free_reserved_area(unsigned long start, unsigned long end, const char *what)
{
	u64 first = start & ~(u64)(PAGE_SIZE - 1), last = ALIGN((u64)end, PAGE_SIZE);

	if (end <= start)
		return; /* empty: nothing was reserved for it */
	for (unsigned int i = 0; i < nr_reserved; i++) {
		const struct range *r = &reserved[i];

		if (r->start >= start && r->end <= end)
			continue; /* its own (or U-Boot's /memreserve/ of it) */
		if (r->start < first + PAGE_SIZE && r->end > first)
			first += PAGE_SIZE;
		if (last > first && r->start < last && r->end > last - PAGE_SIZE)
			last -= PAGE_SIZE;
	}
	if (last <= first)
		return;
	kmalloc_add_range((unsigned long)first, (unsigned long)last);
	pr_info("Freeing %s memory: %luK\n", what, (unsigned long)((last - first) >> 10));
}

void __init mem_init(void)
{
	extern char _text[], _etext[], __start_rodata[], __end_rodata[], _sdata[], __data_end[],
		__init_begin[], __init_end[], __bss_start[], _end[];
	unsigned int n = 0;
	u64 base, size, start, end, cursor;

	/* Always there, whatever the memory map: the root filesystem and the
	 * shell work even when the RAM bank has nothing left to give. */
	kmalloc_add_range((unsigned long)reserve_heap, (unsigned long)reserve_heap + sizeof(reserve_heap));
	arch_ram_range(&base, &size);
	/* Up to the image's end: what the boot loader left below it is not ours to take. */
	if ((unsigned long)_end > base && (unsigned long)_text < base + size)
		reserve(reserved, &n, base, (unsigned long)_end - base);
	if (initial_dt) {
		reserve(reserved, &n, (unsigned long)initial_dt->blob, initial_dt->size);
		for (int i = 0; !dtb_reserved_memory(initial_dt, i, &start, &end); i++)
			reserve(reserved, &n, start, end);
		if (!devicetree_initrd(&start, &end))
			reserve(reserved, &n, start, end - start);
	}
	sort_ranges(reserved, n);
	nr_reserved = n;
	cursor = base;
	for (unsigned int i = 0; i <= n; i++) {
		u64 gap_end = i < n ? reserved[i].start & ~(u64)(PAGE_SIZE - 1) : base + size;

		if (gap_end > base + size)
			gap_end = base + size;
		if (gap_end > cursor)
			kmalloc_add_range((unsigned long)cursor, (unsigned long)gap_end);
		if (i < n && ALIGN(reserved[i].end, PAGE_SIZE) > cursor)
			cursor = ALIGN(reserved[i].end, PAGE_SIZE);
	}
	pr_info("Memory: %luK/%luK available (%luK kernel code, %luK rwdata, %luK rodata, %luK init, %luK bss, "
		"%luK reserved)\n", totals.free >> 10, (unsigned long)(size >> 10), KB(_text, _etext),
		KB(_sdata, __data_end), KB(__start_rodata, __end_rodata), KB(__init_begin, __init_end),
		KB(__bss_start, _end), (unsigned long)(size >> 10) + sizeof(reserve_heap) / 1024 -
					      (totals.free >> 10));
}
