/* The MMU: one level of 1 MiB sections mapping every address to itself.
 * RAM is normal write-back memory, everything else is device memory that
 * never executes, and the first section stays unmapped so that a NULL
 * pointer access faults instead of reading the boot ROM's SRAM. */
#include <asm/cp15.h>
#include <asm/setup.h>
#include <asm/smp.h>
#include <asm/stacks.h>
#include <kernel/errno.h>
#include <kernel/init.h>
#include <kernel/of.h>
#include <kernel/printk.h>

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

/* Normal memory, inner/outer write-back write-allocate, shareable (SMP). */
#define SECTION_RAM (PMD_TYPE_SECT | PMD_SECT_AP_RW | PMD_SECT_TEX(1) | PMD_SECT_C | PMD_SECT_B | PMD_SECT_S)
/* Shareable device memory, never executable. */
#define SECTION_DEVICE (PMD_TYPE_SECT | PMD_SECT_AP_RW | PMD_SECT_B | PMD_SECT_XN)

/* Table walks cacheable write-back write-allocate, shareable: Linux's TTB_FLAGS_SMP. */
#define TTBR_FLAGS_SMP 0x6a

static u32 section_table[NUM_SECTIONS] __aligned(16384);
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

	for (u32 i = first; i < last; i++)
		section_table[i] = (i << SECTION_SHIFT) | attributes;
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

void secondary_prepare_stacks(unsigned int cpu)
{
	extern char cpu_stacks[];

	clean_invalidate_to_poc((unsigned long)cpu_stacks + cpu * CPU_STACKS, CPU_STACKS);
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

void __init paging_init(void)
{
	extern char _text[], _end[];
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
	extern char _text[], _end[];
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
