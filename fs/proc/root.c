/* procfs: the filesystem, and its files about the kernel as a whole (Linux
 * 6.1's formats). Files about one subsystem live with it: cpuinfo in
 * arch/arm/kernel/setup.c, interrupts in kernel/irq.c. */
#include <asm/smp.h>
#include <kernel/fs.h>
#include <kernel/kallsyms.h>
#include <kernel/module.h>
#include <kernel/params.h>
#include <kernel/sched.h>
#include <kernel/slab.h>
#include <kernel/smp.h>
#include <kernel/time.h>
#include <kernel/version.h>

DEFINE_FILESYSTEM(proc) = { .name = "proc", .nodev = true };

static void show_cmdline(struct seq_buf *m, void *data)
{
	(void)data;
	seq_printf(m, "%s\n", boot_command_line);
}
static const struct file_operations cmdline_fops = { .show = show_cmdline };
PSEUDO_FILE("proc", proc_cmdline, "cmdline", 0444, &cmdline_fops, NULL);

static void show_version(struct seq_buf *m, void *data)
{
	(void)data;
	seq_puts(m, INITK_BANNER "\n");
}
static const struct file_operations version_fops = { .show = show_version };
PSEUDO_FILE("proc", proc_version, "version", 0444, &version_fops, NULL);

/* Seconds since boot and the CPUs' idle seconds added up (two decimals):
 * the boot CPU's waits for input, and the secondaries, which only ever idle
 * after the boot, counted idle all along. */
static void show_uptime(struct seq_buf *m, void *data)
{
	unsigned long long now = local_clock(), cs = now / 10000000;
	unsigned long long idle = (now * (num_online_cpus() - 1) + boot_cpu_idle_time()) / 10000000;

	(void)data;
	seq_printf(m, "%llu.%02llu %llu.%02llu\n", cs / 100, cs % 100, idle / 100, idle % 100);
}
static const struct file_operations uptime_fops = { .show = show_uptime };
PSEUDO_FILE("proc", proc_uptime, "uptime", 0444, &uptime_fops, NULL);

/* The lines meminfo_proc_show() starts with; kB of what kmalloc manages. */
static void show_meminfo(struct seq_buf *m, void *data)
{
	struct meminfo info;

	(void)data;
	meminfo(&info);
	seq_printf(m, "MemTotal:       %8lu kB\n", info.total >> 10);
	seq_printf(m, "MemFree:        %8lu kB\n", info.free >> 10);
	seq_printf(m, "MemAvailable:   %8lu kB\n", info.free >> 10);
	seq_printf(m, "Buffers:        %8lu kB\n", 0ul);
	seq_printf(m, "Cached:         %8lu kB\n", 0ul);
}
static const struct file_operations meminfo_fops = { .show = show_meminfo };
PSEUDO_FILE("proc", proc_meminfo, "meminfo", 0444, &meminfo_fops, NULL);

/* The symbol's type letter from where it is (the table keeps no types). */
static char symbol_type(unsigned long addr)
{
	extern char _etext[], __init_begin[], __init_end[], __data_end[];

	if (addr < (unsigned long)_etext)
		return 'T';
	if (addr < (unsigned long)__init_begin)
		return 'R';
	if (addr < (unsigned long)__init_end)
		return 't';
	return addr < (unsigned long)__data_end ? 'D' : 'B';
}

static void show_kallsyms(struct seq_buf *m, void *data)
{
	char name[KSYM_NAME_LEN];
	unsigned long addr;

	(void)data;
	for (unsigned int i = 0; !kallsyms_symbol(i, &addr, name); i++)
		seq_printf(m, "%08lx %c %s\n", addr, symbol_type(addr), name);
	module_kallsyms_show(m);
}
static const struct file_operations kallsyms_fops = { .show = show_kallsyms };
PSEUDO_FILE("proc", proc_kallsyms, "kallsyms", 0444, &kallsyms_fops, NULL);

static void show_mounts(struct seq_buf *m, void *data)
{
	(void)data;
	for (struct mount *mnt = mount_table(); mnt; mnt = mnt->next) {
		const char *type = mnt->root->sb->type->name;

		seq_printf(m, "%s %s %s %s 0 0\n", mnt->source, mnt->path, type, mount_options(mnt));
	}
}
static const struct file_operations mounts_fops = { .show = show_mounts };
PSEUDO_FILE("proc", proc_mounts, "mounts", 0444, &mounts_fops, NULL);

static void show_filesystems(struct seq_buf *m, void *data)
{
	(void)data;
	ll_foreach(filesystems, fs)
		seq_printf(m, "%s\t%s\n", fs->nodev ? "nodev" : "", fs->name);
}
static const struct file_operations filesystems_fops = { .show = show_filesystems };
PSEUDO_FILE("proc", proc_filesystems, "filesystems", 0444, &filesystems_fops, NULL);
