/* tracefs, and debugfs with tracefs mounted at its tracing/ directory, as
 * Linux does it (the tracing files then show under both /sys/kernel/tracing
 * and /sys/kernel/debug/tracing). The files are kernel/trace/trace_files.c's. */
#include <kernel/fs.h>
#include <kernel/slab.h>
#include <kernel/sprintf.h>
#include <kernel/string.h>
#include <kernel/trace.h>

DEFINE_FILESYSTEM(tracefs) = { .name = "tracefs", .nodev = true, .fill = tracefs_fill_events };

static void debugfs_fill(struct inode *root)
{
	pseudo_mkdir(root, "tracing");
}

static void debugfs_mounted(const char *path, struct inode *root)
{
	char *tracing = kmalloc(PATH_MAX);

	(void)root;
	if (tracing && (size_t)snprintf(tracing, PATH_MAX, "%s/tracing", strcmp(path, "/") ? path : "") <
			       PATH_MAX)
		vfs_mount("tracefs", tracing, "tracefs", 0);
	kfree(tracing);
}

DEFINE_FILESYSTEM(debugfs) = {
	.name = "debugfs", .nodev = true, .fill = debugfs_fill, .mounted = debugfs_mounted,
};
