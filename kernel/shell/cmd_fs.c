/* Shell commands on files: cat, ls, mkdir, rm, mount, umount (BusyBox's
 * output and error words). */
#include <kernel/errno.h>
#include <kernel/fs.h>
#include <kernel/shell.h>
#include <kernel/slab.h>
#include <kernel/sprintf.h>
#include <kernel/string.h>

#define TERMINAL_WIDTH 80 /* what BusyBox ls assumes of a serial console */

static int cat_one(struct sh_io *io, const char *text, size_t len, void *ctx)
{
	(void)ctx;
	sh_write(io, text, len);
	return 0;
}

static int cmd_cat(struct sh_io *io, int argc, char **argv)
{
	return sh_for_each_input(io, argc, argv, 1, true, cat_one, NULL);
}
SHELL_COMMAND(cat, cmd_cat, "cat [FILE]...");

/* --- ls -------------------------------------------------------------------------------- */

static void mode_string(unsigned int mode, char out[11])
{
	static const char rwx[] = "rwxrwxrwx";

	out[0] = S_ISDIR(mode) ? 'd' : S_ISLNK(mode) ? 'l' : S_ISCHR(mode) ? 'c' : S_ISBLK(mode) ? 'b' : '-';
	for (int i = 0; i < 9; i++)
		out[1 + i] = mode & (0400 >> i) ? rwx[i] : '-';
	out[10] = '\0';
}

static size_t file_size(const struct inode *inode)
{
	return S_ISREG(inode->mode) && !inode->fops ? inode->size : S_ISLNK(inode->mode) ? inode->size : 0;
}

static void long_line(struct sh_io *io, const struct inode *inode, const char *name)
{
	char mode[11];
	unsigned int links = S_ISDIR(inode->mode) ? 2 : 1;

	mode_string(inode->mode, mode);
	sh_printf(io, "%s %4u %-8s %-8s ", mode, links, "root", "root");
	/* BusyBox: a device node shows its numbers where a file shows its size */
	if (S_ISBLK(inode->mode) || S_ISCHR(inode->mode))
		sh_printf(io, "%4u, %3u ", MAJOR(inode->rdev), MINOR(inode->rdev));
	else
		sh_printf(io, "%9lu ", (unsigned long)file_size(inode));
	sh_printf(io, "Jan  1 00:00 %s", name);
	if (S_ISLNK(inode->mode) && inode->data)
		sh_printf(io, " -> %s", inode->data);
	sh_puts(io, "\n");
}

static int by_name(const void *a, const void *b)
{
	return strcmp((*(struct inode *const *)a)->name, (*(struct inode *const *)b)->name);
}

/* A small insertion sort: directories here hold tens of entries. */
static void sort_entries(struct inode **v, unsigned int n)
{
	for (unsigned int i = 1; i < n; i++)
		for (unsigned int j = i; j > 0 && by_name(&v[j - 1], &v[j]) > 0; j--) {
			struct inode *t = v[j];

			v[j] = v[j - 1];
			v[j - 1] = t;
		}
}

/* BusyBox's columns: width of the longest name + 2, filled down then across. */
static void columns(struct sh_io *io, struct inode **v, unsigned int n)
{
	size_t width = 0;
	unsigned int cols, rows;

	for (unsigned int i = 0; i < n; i++)
		if (strlen(v[i]->name) > width)
			width = strlen(v[i]->name);
	width += 2;
	cols = TERMINAL_WIDTH / width;
	rows = cols > 1 ? (n + cols - 1) / cols : n;
	if (cols <= 1)
		cols = 1;
	for (unsigned int row = 0; row < rows; row++) {
		for (unsigned int col = 0; col < cols; col++) {
			unsigned int i = col * rows + row;

			if (i >= n)
				continue;
			if (col)
				sh_printf(io, "%*s", (int)(width - strlen(v[i - rows]->name)), "");
			sh_puts(io, v[i]->name);
		}
		sh_puts(io, "\n");
	}
}

static int list_dir(struct sh_io *io, struct inode *dir, bool long_format)
{
	unsigned int n = 0, i = 0;
	unsigned long blocks = 0;
	struct inode **v;

	while (dir->mounted)
		dir = dir->mounted->root;
	for (struct inode *c = dir->children; c; c = c->next)
		n++;
	v = kmalloc(sizeof(*v) * (n + 1));
	if (!v)
		return -ENOMEM;
	for (struct inode *c = dir->children; c; c = c->next) {
		struct inode *shown = c;

		while (shown->mounted)
			shown = shown->mounted->root;
		v[i++] = c;
		blocks += (file_size(shown) + 1023) / 1024;
	}
	sort_entries(v, n);
	if (long_format) {
		sh_printf(io, "total %lu\n", blocks);
		for (i = 0; i < n; i++) {
			struct inode *shown = v[i];

			while (shown->mounted)
				shown = shown->mounted->root;
			long_line(io, shown, v[i]->name);
		}
	} else if (io->out_tty) {
		columns(io, v, n);
	} else {
		for (i = 0; i < n; i++)
			sh_printf(io, "%s\n", v[i]->name);
	}
	kfree(v);
	return 0;
}

static int cmd_ls(struct sh_io *io, int argc, char **argv)
{
	struct sh_opts o;
	int first = sh_getopt(argc, argv, "la", &o), status = 0;
	char *here[] = { ".", NULL };

	if (first < 0)
		return 1;
	if (first == argc) {
		argv = here;
		first = 0;
		argc = 1;
	}
	for (int i = first; i < argc; i++) {
		struct inode *inode;
		int err = vfs_lookup(argv[i], LOOKUP_NOFOLLOW, &inode);

		if (!err && S_ISLNK(inode->mode) && !sh_opt(&o, 'l'))
			err = vfs_lookup(argv[i], 0, &inode);
		if (err) {
			sh_error("ls: %s: %s", argv[i], errmessage(err));
			status = 1;
			continue;
		}
		if (argc - first > 1 && S_ISDIR(inode->mode))
			sh_printf(io, "%s%s:\n", i > first ? "\n" : "", argv[i]);
		if (!S_ISDIR(inode->mode)) {
			if (sh_opt(&o, 'l'))
				long_line(io, inode, argv[i]);
			else
				sh_printf(io, "%s\n", argv[i]);
		} else if (list_dir(io, inode, sh_opt(&o, 'l'))) {
			status = 1;
		}
	}
	return status;
}
SHELL_COMMAND(ls, cmd_ls, "ls [-l] [FILE]...");

/* --- mkdir, rm -------------------------------------------------------------------------- */

static int mkdir_parents(const char *path)
{
	char buf[PATH_MAX];
	size_t len = strlcpy(buf, path, sizeof(buf));

	if (len >= sizeof(buf))
		return -ENAMETOOLONG;
	for (size_t i = 1; i <= len; i++) {
		if (buf[i] == '/' || !buf[i]) {
			char saved = buf[i];
			struct inode *inode;
			int err;

			buf[i] = '\0';
			err = vfs_mkdir(buf, 0755);
			if (err == -EEXIST && !vfs_lookup(buf, 0, &inode) && S_ISDIR(inode->mode))
				err = 0;
			buf[i] = saved;
			if (err)
				return err;
		}
	}
	return 0;
}

static int cmd_mkdir(struct sh_io *io, int argc, char **argv)
{
	struct sh_opts o;
	int first = sh_getopt(argc, argv, "p", &o), status = 0;

	(void)io;
	if (first < 0)
		return 1;
	if (first == argc)
		return sh_error("mkdir: missing operand"), 1;
	for (int i = first; i < argc; i++) {
		int err = sh_opt(&o, 'p') ? mkdir_parents(argv[i]) : vfs_mkdir(argv[i], 0755);

		if (err) {
			sh_error("mkdir: can't create directory '%s': %s", argv[i], errmessage(err));
			status = 1;
		}
	}
	return status;
}
SHELL_COMMAND(mkdir, cmd_mkdir, "mkdir [-p] DIR...");

/* rm -r: the deepest entry first, one path buffer on the heap (no recursion:
 * a deep tree must not run the 16 KiB stack out). */
static int remove_tree(const char *path)
{
	size_t base = strlen(path), len;
	char *buf = kmalloc(PATH_MAX);
	struct inode *inode;
	int err = 0;

	if (!buf)
		return -ENOMEM;
	if (base >= PATH_MAX) {
		kfree(buf);
		return -ENAMETOOLONG;
	}
	memcpy(buf, path, base + 1);
	len = base;
	for (;;) {
		err = vfs_lookup(buf, LOOKUP_NOFOLLOW, &inode);
		if (err)
			break;
		if (S_ISDIR(inode->mode) && !inode->mounted && inode->children) {
			const char *name = inode->children->name;
			size_t n = strlen(name);

			if (len + 1 + n >= PATH_MAX) {
				err = -ENAMETOOLONG;
				break;
			}
			buf[len++] = '/';
			memcpy(buf + len, name, n + 1);
			len += n;
			continue;
		}
		err = vfs_unlink(buf);
		if (err || len == base)
			break;
		while (len > base && buf[len - 1] != '/')
			len--;
		buf[--len] = '\0'; /* back to the parent */
	}
	kfree(buf);
	return err;
}

static int cmd_rm(struct sh_io *io, int argc, char **argv)
{
	struct sh_opts o;
	int first = sh_getopt(argc, argv, "rf", &o), status = 0;

	(void)io;
	if (first < 0)
		return 1;
	for (int i = first; i < argc; i++) {
		struct inode *inode;
		int err = vfs_lookup(argv[i], LOOKUP_NOFOLLOW, &inode);

		if (!err && S_ISDIR(inode->mode) && !sh_opt(&o, 'r')) {
			sh_error("rm: '%s' is a directory", argv[i]);
			status = 1;
			continue;
		}
		if (!err)
			err = sh_opt(&o, 'r') ? remove_tree(argv[i]) : vfs_unlink(argv[i]);
		if (err && !(err == -ENOENT && sh_opt(&o, 'f'))) {
			sh_error("rm: can't remove '%s': %s", argv[i], errmessage(err));
			status = 1;
		}
	}
	return status;
}
SHELL_COMMAND(rm, cmd_rm, "rm [-rf] FILE...");

/* --- mount, umount ---------------------------------------------------------------------- */

/* -o's comma-separated list: ro and rw say how; other options are not
 * kept, as the filesystems here take none. */
static unsigned int mount_flags(const char *options, unsigned int flags)
{
	while (options && *options) {
		size_t len = strchr(options, ',') ? (size_t)(strchr(options, ',') - options) : strlen(options);

		if (len == 2 && !strncmp(options, "ro", 2))
			flags |= MS_RDONLY;
		else if (len == 2 && !strncmp(options, "rw", 2))
			flags &= ~MS_RDONLY;
		options += len + (options[len] == ',');
	}
	return flags;
}

static int cmd_mount(struct sh_io *io, int argc, char **argv)
{
	struct sh_opts o;
	int first = sh_getopt(argc, argv, "t:o:rw", &o), err;
	unsigned int flags;

	if (first < 0)
		return 1;
	if (first == argc && !o.set) {
		for (struct mount *m = mount_table(); m; m = m->next)
			sh_printf(io, "%s on %s type %s (%s)\n", m->source, m->path, m->root->sb->type->name,
				  mount_options(m));
		return 0;
	}
	if (argc - first != 2 || !sh_optarg(&o, 't')) {
		sh_error("mount: give the type, the source and the directory: mount -t TYPE SOURCE DIR");
		return 1;
	}
	flags = mount_flags(sh_optarg(&o, 'o'), sh_opt(&o, 'r') ? MS_RDONLY : 0);
	if (sh_opt(&o, 'w'))
		flags &= ~MS_RDONLY;
	err = vfs_mount(argv[first], argv[first + 1], sh_optarg(&o, 't'), flags);
	if (err) {
		sh_error("mount: mounting %s on %s failed: %s", argv[first], argv[first + 1], errmessage(err));
		return 1;
	}
	return 0;
}
SHELL_COMMAND(mount, cmd_mount, "mount [-r|-w] [-o ro|rw] [-t TYPE SOURCE DIR]");

static int cmd_umount(struct sh_io *io, int argc, char **argv)
{
	int status = 0;

	(void)io;
	if (argc < 2) {
		sh_error("Usage: umount DIR");
		return 1;
	}
	for (int i = 1; i < argc; i++) {
		int err = vfs_umount(argv[i]);

		if (err) {
			sh_error("umount: can't unmount %s: %s", argv[i], errmessage(err));
			status = 1;
		}
	}
	return status;
}
SHELL_COMMAND(umount, cmd_umount, "umount DIR...");
