/* The MMU: every address mapped to itself, by 1 MiB sections except the
 * 2 MiB the kernel starts in, which are mapped by 4 KiB pages with Linux's
 * STRICT_KERNEL_RWX permissions: text read-only and executable, rodata
 * read-only (no pages of padding in the image: the page it shares with the
 * end of text is executable too, the page it shares with init is init's
 * until free_initmem() makes it read-only), everything else never executable; init memory executable until
 * free_initmem() unmaps it, and each CPU's stack guard page unmapped.
 * set_memory_*() change pages there (module text). RAM is normal write-back
 * memory, everything else is device memory; the first section stays
 * unmapped so that a NULL pointer access faults instead of reading the boot
 * ROM's SRAM. */
#include <asm/cp15.h>
#include <asm/dma.h>
#include <asm/set_memory.h>
#include <asm/setup.h>
#include <asm/smp.h>
#include <asm/stacks.h>
#include <kernel/errno.h>
#include <kernel/init.h>
#include <kernel/of.h>
#include <kernel/printk.h>
#include <kernel/sched.h>
#include <kernel/sprintf.h>

#define SECTION_SHIFT 20
#define SECTION_SIZE (1u << SECTION_SHIFT)
#define NUM_SECTIONS 4096

#define PMD_TYPE_SECT (2u << 0)
#define PMD_SECT_B (1u << 2)
#define PMD_SECT_C (1u << 3)
#define PMD_SECT_XN (1u << 4)
#define PMD_SECT_AP_RW (1u << 10) /* AP = 01: privileged read/write only */
#define PMD_SECT_TEX(x) ((u32)(x) << 12)
#define PMD_SECT_S (1u << 16)

/* Normal memory, inner/outer write-back write-allocate, shareable (SMP), never executable. */
#define SECTION_RAM (PMD_TYPE_SECT | PMD_SECT_AP_RW | PMD_SECT_TEX(1) | PMD_SECT_C | PMD_SECT_B | \
		     PMD_SECT_S | PMD_SECT_XN)
#define PMD_TYPE_TABLE (1u << 0)

/* Small (4 KiB) page descriptors, the same memory type as SECTION_RAM. */
#define PAGE_SHIFT 12
#define PAGE_SIZE (1u << PAGE_SHIFT)
#define PTRS_PER_PTE 256
#define PTE_XN (1u << 0)
#define PTE_RDONLY (1u << 9) /* AP[2] */
#define PTE_RAM ((2u << 0) | (1u << 2) | (1u << 3) | (1u << 4) | (1u << 6) | (1u << 10))
#define PTE_TEXT (PTE_RAM | PTE_RDONLY)
#define PTE_RODATA (PTE_RAM | PTE_RDONLY | PTE_XN)
#define PTE_DATA (PTE_RAM | PTE_XN)
#define PAGED_SECTIONS 2

extern char _text[], _etext[], __start_rodata[], __end_rodata[], __init_begin[], __init_end[],
	_end[], cpu_stacks[];
/* Shareable device memory, never executable. */
#define SECTION_DEVICE (PMD_TYPE_SECT | PMD_SECT_AP_RW | PMD_SECT_B | PMD_SECT_XN)

/* Table walks cacheable write-back write-allocate, shareable: Linux's TTB_FLAGS_SMP. */
#define TTBR_FLAGS_SMP 0x6a

static u32 section_table[NUM_SECTIONS] __aligned(16384) __noinit; /* paging_init writes it all */
static u32 kernel_pte[PAGED_SECTIONS * PTRS_PER_PTE] __aligned(1024);
static unsigned long paged_base; /* the first paged address */
/* What paging_init() mapped as RAM (for arch_check_mmio). */
static u64 mapped_ram_base, mapped_ram_size;

static void invalidate_dcache_level(u32 level)
{
	u32 ccsidr, line_shift, ways, sets, way_shift;

	__cp15_write(2, c0, c0, 0, level << 1); /* CSSELR: data cache at this level */
	isb();
	ccsidr = __cp15_read(1, c0, c0, 0);
	line_shift = (ccsidr & 7) + 4;
	ways = ((ccsidr >> 3) & 0x3ff) + 1;
	sets = ((ccsidr >> 13) & 0x7fff) + 1;
	way_shift = ways > 1 ? __builtin_clz(ways - 1) : 0;

	for (u32 way = 0; way < ways; way++)
		for (u32 set = 0; set < sets; set++)
			__cp15_write(0, c7, c6, 2, (way << way_shift) | (set << line_shift) | (level << 1));
}

static u32 dcache_line_size(void)
{
	u32 ctr = __cp15_read(0, c0, c0, 1);

	return 4u << ((ctr >> 16) & 0xf);
}

void flush_icache_range(unsigned long start, unsigned long end)
{
	u32 line = dcache_line_size();

	for (unsigned long addr = start & ~(line - 1); addr < end; addr += line)
		__cp15_write(0, c7, c11, 1, addr); /* DCCMVAU: clean to the point of unification */
	dsb();
	__cp15_write(0, c7, c1, 0, 0); /* ICIALLUIS */
	__cp15_write(0, c7, c1, 6, 0); /* BPIALLIS */
	dsb();
	isb();
}

static void map_sections(u64 base, u64 size, u32 attributes)
{
	u64 end = base + size;
	u32 first = (u32)(base >> SECTION_SHIFT);
	u32 last = end > (1ull << 32) ? NUM_SECTIONS : (u32)((end + SECTION_SIZE - 1) >> SECTION_SHIFT);

	u32 *entry = &section_table[first], *end_entry = &section_table[last];
	u32 value = (first << SECTION_SHIFT) | attributes;

	/* 5,120 entries at boot (4 GiB of device memory, then the RAM): four a round */
	for (; end_entry - entry >= 4; entry += 4, value += 4 * SECTION_SIZE) {
		entry[0] = value;
		entry[1] = value + SECTION_SIZE;
		entry[2] = value + 2 * SECTION_SIZE;
		entry[3] = value + 3 * SECTION_SIZE;
	}
	for (; entry < end_entry; entry++, value += SECTION_SIZE)
		*entry = value;
}

/* What every CPU does: coherency on, its L1 and TLB clean, table on.
 * Only the L1 data cache is invalidated, as Linux does: the Cortex-A7 clears
 * its caches itself at reset, a boot loader must hand over with the data
 * cache cleaned and off, and a secondary must not touch the shared L2, which
 * holds the boot CPU's data. */
static void mmu_enable(void)
{
	u32 sctlr;

	/* Cortex-A7: join coherency before the caches go on. Non-secure code may
	 * only read ACTLR unless the secure side allows writes; the bootloader has
	 * set the bit then. */
	if (!(read_actlr() & ACTLR_SMP))
		write_actlr(read_actlr() | ACTLR_SMP);
	invalidate_dcache_level(0);
	dsb();

	write_ttbcr(0);
	write_ttbr0((u32)(unsigned long)section_table | TTBR_FLAGS_SMP);
	write_dacr(1); /* domain 0: client, permissions checked */
	local_flush_tlb_all();
	invalidate_icache_all();
	flush_branch_predictor();
	dsb();
	isb();

	sctlr = read_sctlr();
	sctlr |= SCTLR_M | SCTLR_C | SCTLR_I | SCTLR_Z;
	sctlr &= ~SCTLR_A;
	write_sctlr(sctlr);
	isb();
}

static void clean_invalidate_to_poc(unsigned long start, unsigned long size)
{
	u32 line = dcache_line_size();

	for (unsigned long addr = start & ~(line - 1); addr < start + size; addr += line)
		__cp15_write(0, c7, c14, 1, addr); /* DCCIMVAC: clean and invalidate to PoC */
	dsb();
}

void dma_sync_for_device(const void *buf, size_t len)
{
	u32 line = dcache_line_size();
	unsigned long start = (unsigned long)buf;

	for (unsigned long addr = start & ~(line - 1); addr < start + len; addr += line)
		__cp15_write(0, c7, c10, 1, addr); /* DCCMVAC: clean to PoC */
	dsb();
}

void dma_sync_for_cpu(const void *buf, size_t len)
{
	u32 line = dcache_line_size();
	unsigned long start = (unsigned long)buf, end = start + len;

	for (unsigned long addr = start & ~(line - 1); addr < end; addr += line)
		if (addr < start || addr + line > end)
			__cp15_write(0, c7, c14, 1, addr); /* a shared edge: clean and invalidate */
		else
			__cp15_write(0, c7, c6, 1, addr); /* DCIMVAC: invalidate to PoC */
	dsb();
}

void secondary_prepare_stacks(unsigned int cpu)
{
	/* not the guard page: maintenance by address faults where nothing is mapped */
	clean_invalidate_to_poc((unsigned long)cpu_stacks + cpu * CPU_STACKS + STACK_GUARD,
				CPU_STACKS - STACK_GUARD);
	/* head.S reads the logical map with the caches off */
	clean_invalidate_to_poc((unsigned long)__cpu_logical_map, sizeof(__cpu_logical_map));
}

void secondary_mmu_enable(void)
{
	mmu_enable();
}

/* Without a usable /memory node: the 128 MiB the kernel sits in, which every board has. */
#define FALLBACK_RAM_SIZE (128u << 20)
/* What a bank may cover: above the first section (page 0 stays unmapped),
 * within 32 bits (no LPAE) and below the last section, which holds the
 * high exception vectors and, on these SoCs, the boot ROM. */
#define RAM_LOWEST SECTION_SIZE
#define RAM_END (0x100000000ull - SECTION_SIZE)

static void __init print_size(const char *prefix, u64 bytes, u64 base, const char *suffix)
{
	if (bytes >= (1u << 20))
		pr_info("%s%u MiB RAM at 0x%08x%s\n", prefix, (u32)(bytes >> 20), (u32)base, suffix);
	else
		pr_info("%s%u KiB RAM at 0x%08x%s\n", prefix, (u32)(bytes >> 10), (u32)base, suffix);
}

/* Keep the bank inside what this kernel can map; say what was cut. */
static bool __init clip_bank(u64 *base, u64 *size)
{
	u64 end = *base + *size < *base ? ~0ull : *base + *size;
	u64 start = *base;

	if (start < RAM_LOWEST)
		start = RAM_LOWEST;
	if (end > RAM_END)
		end = RAM_END;
	if (start >= end) {
		pr_err("Memory: the /memory bank at 0x%llx (%llu bytes) is outside the 32-bit space "
		       "this kernel maps (no LPAE); not using it\n", *base, *size);
		return false;
	}
	if (start != *base || end != *base + *size)
		pr_warn("Memory: the /memory bank 0x%llx+0x%llx clipped to 0x%08x-0x%08x (32 bits, "
			"no page 0, no top MiB: the high vectors)\n", *base, *size, (u32)start, (u32)(end - 1));
	*base = start;
	*size = end - start;
	return true;
}

/* The kernel's own ranges: one reading of the layout, for the page tables
 * and for fault reports. */
enum kernel_range { RANGE_DATA, RANGE_TEXT, RANGE_RODATA, RANGE_INIT, RANGE_GUARD };

static enum kernel_range kernel_range(unsigned long addr)
{
	unsigned long stack = addr - (unsigned long)cpu_stacks;

	/* text and rodata share a page: a page starting below _etext is text */
	if (addr >= (unsigned long)_text && addr < (unsigned long)_etext)
		return RANGE_TEXT;
	if (addr >= (unsigned long)_etext && addr < (unsigned long)__end_rodata)
		return RANGE_RODATA;
	if (addr >= (unsigned long)__init_begin && addr < (unsigned long)__init_end)
		return RANGE_INIT;
	if (stack < NR_CPUS * CPU_STACKS && stack % CPU_STACKS < STACK_GUARD)
		return RANGE_GUARD;
	return RANGE_DATA;
}

static const u32 range_pte[] = {
	[RANGE_DATA] = PTE_DATA,
	[RANGE_TEXT] = PTE_TEXT,
	[RANGE_RODATA] = PTE_RODATA,
	[RANGE_INIT] = PTE_RAM, /* until free_initmem() */
	[RANGE_GUARD] = 0,
};

#define PAGED_PAGES (PAGED_SECTIONS * PTRS_PER_PTE)

/* The first page of the paged sections starting at or after addr (PAGED_PAGES: none). */
static unsigned int page_index(unsigned long addr)
{
	unsigned long i = addr <= paged_base ? 0 : (addr - paged_base) / PAGE_SIZE + !!(addr % PAGE_SIZE);

	return i < PAGED_PAGES ? (unsigned int)i : PAGED_PAGES;
}

/* Every page starting in [from, to) gets pte (a descriptor's bits, no address yet). */
static void __init set_pages(unsigned long from, unsigned long to, u32 pte)
{
	for (unsigned int i = page_index(from), last = page_index(to); i < last; i++)
		kernel_pte[i] = pte;
}

/*
 * The paged sections: range_pte[] of kernel_range() inside RAM (and the
 * image), nothing outside; a page that holds any init memory is init's
 * until free_initmem(), even the one rodata shares with it. By ranges, not
 * by a kernel_range() call per page: 512 pages at every boot.
 */
static void __init map_kernel_pages(u64 ram_base, u64 ram_size)
{
	unsigned int ram_first, ram_last, image_first, image_last;
	unsigned long addr;

	paged_base = (unsigned long)_text & ~(SECTION_SIZE - 1);
	set_pages(0, ~0ul, range_pte[RANGE_DATA]);
	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++)
		set_pages((unsigned long)cpu_stacks + cpu * CPU_STACKS,
			  (unsigned long)cpu_stacks + cpu * CPU_STACKS + STACK_GUARD, range_pte[RANGE_GUARD]);
	set_pages((unsigned long)_text, (unsigned long)_etext, range_pte[RANGE_TEXT]);
	set_pages((unsigned long)_etext, (unsigned long)__end_rodata, range_pte[RANGE_RODATA]);
	set_pages((unsigned long)__init_begin - PAGE_SIZE + 1, (unsigned long)__init_end, PTE_RAM);

	/* clip_bank keeps the bank below the top MiB: 32 bits */
	ram_first = page_index((unsigned long)ram_base);
	ram_last = page_index((unsigned long)(ram_base + ram_size));
	image_first = page_index((unsigned long)_text);
	image_last = page_index((unsigned long)_end);
	addr = paged_base;
	for (unsigned int i = 0; i < PAGED_PAGES; i++, addr += PAGE_SIZE) {
		bool ram = (i >= ram_first && i < ram_last) || (i >= image_first && i < image_last);

		kernel_pte[i] = ram && kernel_pte[i] ? addr | kernel_pte[i] : 0;
	}
	for (unsigned int s = 0; s < PAGED_SECTIONS; s++)
		section_table[(paged_base >> SECTION_SHIFT) + s] =
			(u32)(unsigned long)&kernel_pte[s * PTRS_PER_PTE] | PMD_TYPE_TABLE;
}

static u32 *pte_of(unsigned long addr)
{
	unsigned long i = (addr - paged_base) >> PAGE_SHIFT;

	return paged_base && addr >= paged_base && i < PAGED_SECTIONS * PTRS_PER_PTE ? &kernel_pte[i]
										   : NULL;
}

/* Set and clear bits of numpages mapped pages from addr (page-aligned, paged). */
static int change_pages(unsigned long addr, int numpages, u32 set, u32 clear)
{
	u32 *pte = pte_of(addr), *last = pte_of(addr + (unsigned long)numpages * PAGE_SIZE - 1);

	if (addr % PAGE_SIZE || numpages <= 0 || !pte || !last)
		return -EINVAL;
	for (; pte <= last; pte++, addr += PAGE_SIZE) {
		if (*pte)
			*pte = (*pte & ~clear) | set;
		dsb();
		__cp15_write(0, c8, c3, 3, addr & ~(PAGE_SIZE - 1)); /* TLBIMVAAIS: every CPU */
	}
	dsb();
	isb();
	return 0;
}

int set_memory_ro(unsigned long addr, int numpages)
{
	return change_pages(addr, numpages, PTE_RDONLY, 0);
}

int set_memory_rw(unsigned long addr, int numpages)
{
	return change_pages(addr, numpages, 0, PTE_RDONLY);
}

int set_memory_x(unsigned long addr, int numpages)
{
	return change_pages(addr, numpages, 0, PTE_XN);
}

int set_memory_nx(unsigned long addr, int numpages)
{
	return change_pages(addr, numpages, PTE_XN, 0);
}

/* free_initmem(): the init pages unmapped, so any use of them faults. */
void unmap_kernel_init(void)
{
	unsigned long first = (unsigned long)__init_begin & ~(PAGE_SIZE - 1);

	if (first < (unsigned long)__init_begin) { /* shared with rodata: rodata's again */
		change_pages(first, 1, PTE_RDONLY | PTE_XN, 0);
		first += PAGE_SIZE;
	}
	change_pages(first, (int)(((unsigned long)__init_end - first) / PAGE_SIZE), 0, ~0u);
}

const char *arch_describe_address(unsigned long addr, unsigned long sp)
{
	static char buf[96];
	unsigned long stack = addr - (unsigned long)cpu_stacks;
	unsigned long svc = (unsigned long)cpu_stacks + (stack / CPU_STACKS) * CPU_STACKS + STACK_GUARD;

	if (!pte_of(addr))
		return NULL;
	switch (kernel_range(addr)) {
	case RANGE_TEXT:
		return "kernel text (read-only)";
	case RANGE_RODATA:
		return *pte_of(addr) & PTE_XN ? "kernel rodata (read-only, never executable)"
					      : "kernel rodata (read-only; its page shared with text)";
	case RANGE_INIT:
		return system_state == SYSTEM_BOOTING ? NULL
		       : *pte_of(addr) ? "freed init memory (read-only, never executable)"
				       : "freed init memory (unmapped)";
	case RANGE_GUARD:
		scnprintf(buf, sizeof(buf), "CPU%lu's stack guard page%s (SVC stack %08lx-%08lx)",
			  stack / CPU_STACKS,
			  sp - (svc - STACK_GUARD) < STACK_GUARD ? ": kernel stack overflow" : "", /* sp there too */
			  svc, svc + SVC_STACK - 1);
		return buf;
	default:
		return addr < (unsigned long)_end ? "kernel data (never executable)" : NULL;
	}
}

void __init paging_init(void)
{
	u32 image = (u32)(unsigned long)_text, image_end = (u32)(unsigned long)_end;
	u64 ram_base, ram_size;
	const char *why;

	if (!devicetree_memory(&ram_base, &ram_size, &why) ||
	    (!clip_bank(&ram_base, &ram_size) && (why = "its bank is unusable"))) {
		ram_base = image & ~(FALLBACK_RAM_SIZE - 1);
		ram_size = FALLBACK_RAM_SIZE;
		pr_info("Memory: %s; assuming %u MiB at 0x%08x\n", why, (u32)(ram_size >> 20),
			(u32)ram_base);
	}

	map_sections(0, 1ull << 32, SECTION_DEVICE);
	map_sections(ram_base, ram_size, SECTION_RAM);
	/* The running image is RAM whatever the tree says: mapped as device
	 * memory it could not even fetch the exception vectors. */
	if (image < ram_base || image_end > ram_base + ram_size) {
		pr_err("Memory: the RAM the tree describes (0x%08x-0x%08x) does not hold the kernel at "
		       "0x%08x-0x%08x; mapping the kernel's own sections as RAM too\n",
		       (u32)ram_base, (u32)(ram_base + ram_size - 1), image, image_end - 1);
		map_sections(image, image_end - image, SECTION_RAM);
	}
	section_table[0] = 0; /* NULL faults */
	map_kernel_pages(ram_base, ram_size);
	mapped_ram_base = ram_base;
	mapped_ram_size = ram_size;

	mmu_enable();

	print_size("Memory: ", ram_size, ram_base, " mapped cacheable, page 0 unmapped");
}

void arch_ram_range(u64 *base, u64 *size)
{
	*base = mapped_ram_base;
	*size = mapped_ram_size;
}

static bool overlaps(u64 a, u64 a_size, u64 b, u64 b_size)
{
	return a < b + b_size && b < a + a_size;
}

int arch_check_mmio(u64 addr, u64 size, const char **why)
{
	u64 image = (unsigned long)_text, image_size = (unsigned long)_end - (unsigned long)_text;

	if (!size)
		size = 1;
	if (addr + size > (1ull << 32) || addr + size < addr)
		*why = "beyond 32 bits";
	else if (addr < SECTION_SIZE)
		*why = "in the unmapped first MiB";
	else if (overlaps(addr, size, image, image_size))
		*why = "inside the kernel";
	else if (mapped_ram_size && overlaps(addr, size, mapped_ram_base, mapped_ram_size))
		*why = "in RAM";
	else
		return 0;
	return -EFAULT;
}
