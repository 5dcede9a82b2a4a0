/* The MMU: one level of 1 MiB sections mapping every address to itself.
 * RAM is normal write-back memory, everything else is device memory that
 * never executes, and the first section stays unmapped so that a NULL
 * pointer access faults instead of reading the boot ROM's SRAM. */
#include <asm/cp15.h>
#include <asm/setup.h>
#include <asm/smp.h>
#include <asm/stacks.h>
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

void secondary_prepare_stacks(unsigned int cpu)
{
	extern char cpu_stacks[];
	unsigned long start = (unsigned long)cpu_stacks + cpu * CPU_STACKS;
	u32 line = dcache_line_size();

	for (unsigned long addr = start & ~(line - 1); addr < start + CPU_STACKS; addr += line)
		__cp15_write(0, c7, c14, 1, addr); /* DCCIMVAC: clean and invalidate to PoC */
	dsb();
}

void secondary_mmu_enable(void)
{
	mmu_enable();
}

/* Without a /memory node: the 128 MiB the kernel sits in, which every board has. */
#define FALLBACK_RAM_SIZE (128u << 20)

void __init paging_init(void)
{
	u64 ram_base, ram_size;

	if (!devicetree_memory(&ram_base, &ram_size)) {
		ram_base = (unsigned long)paging_init & ~(FALLBACK_RAM_SIZE - 1);
		ram_size = FALLBACK_RAM_SIZE;
		pr_info("Memory: no /memory node in the device tree, assuming %u MiB at 0x%08x\n",
			(u32)(ram_size >> 20), (u32)ram_base);
	}

	map_sections(0, 1ull << 32, SECTION_DEVICE);
	map_sections(ram_base, ram_size, SECTION_RAM);
	section_table[0] = 0; /* NULL faults */

	mmu_enable();

	pr_info("Memory: %u MiB RAM at 0x%08x mapped cacheable, page 0 unmapped\n",
		(u32)(ram_size >> 20), (u32)ram_base);
}
