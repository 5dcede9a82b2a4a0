/* Shell commands for loadable modules, in BusyBox's words and formats:
 * insmod, rmmod, lsmod, modinfo. */
#include <kernel/errno.h>
#include <kernel/fs.h>
#include <kernel/module.h>
#include <kernel/shell.h>
#include <kernel/slab.h>
#include <kernel/params.h>
#include <kernel/sprintf.h>
#include <kernel/string.h>

#define MODULE_FILE_MAX (16u << 20)

/* BusyBox's moderror(): what init_module's errno means for insmod. */
static const char *moderror(int err)
{
	switch (-err) {
	case ENOEXEC:
		return "invalid module format";
	case ENOENT:
		return "unknown symbol in module, or unknown parameter";
	}
	return errmessage(err);
}

static int cmd_insmod(struct sh_io *io, int argc, char **argv)
{
	char *image, *args;
	size_t len, size = 1;
	int err;

	(void)io;
	if (argc < 2) {
		sh_error("Usage: insmod FILE [SYMBOL=VALUE]...");
		return -1;
	}
	/* The options as BusyBox passes them: each followed by a space. */
	for (int i = 2; i < argc; i++)
		size += strlen(argv[i]) + 1;
	args = kmalloc(size);
	if (!args)
		return 1;
	args[0] = '\0';
	for (int i = 2, n = 0; i < argc; i++)
		n += snprintf(args + n, size - (size_t)n, "%s ", argv[i]);
	err = vfs_read_all(argv[1], &image, &len, MODULE_FILE_MAX);
	if (err) {
		/* BusyBox names a read error by its errno, not moderror()'s */
		sh_error("insmod: can't insert '%s': %s", argv[1], errmessage(err));
	} else {
		err = load_module(image, len, args);
		kfree(image);
		if (err)
			sh_error("insmod: can't insert '%s': %s", argv[1], moderror(err));
	}
	kfree(args);
	return err ? 1 : 0;
}
SHELL_COMMAND(insmod, cmd_insmod, "insmod FILE [SYMBOL=VALUE]...");

static int cmd_rmmod(struct sh_io *io, int argc, char **argv)
{
	(void)io;
	if (argc < 2) {
		sh_error("Usage: rmmod MODULE...");
		return -1;
	}
	for (int i = 1; i < argc; i++) {
		/* "/lib/modules/foo-bar.ko" names the module foo_bar */
		const char *base = argv[i];
		char name[64];
		size_t n = 0;
		int err;

		for (const char *p = argv[i]; *p; p++)
			if (*p == '/' && p[1])
				base = p + 1;
		for (; base[n] && base[n] != '.' && base[n] != '/' && n < sizeof(name) - 1; n++)
			name[n] = base[n] == '-' ? '_' : base[n];
		name[n] = '\0';
		err = delete_module(name);
		if (err) {
			sh_error("rmmod: can't unload module '%s': %s", name, errmessage(err));
			return 1;
		}
	}
	return 0;
}
SHELL_COMMAND(rmmod, cmd_rmmod, "rmmod MODULE...");

/* BusyBox's lsmod: a header with the taint state, then the first four
 * fields of each /proc/modules line, the users' trailing comma (or "-")
 * dropped. */
static int cmd_lsmod(struct sh_io *io, int argc, char **argv)
{
	char *text, *tainted;
	size_t len;
	unsigned long t = 0;
	int err;

	(void)argc;
	(void)argv;
	if (!vfs_read_all("/proc/sys/kernel/tainted", &tainted, &len, 64)) {
		tainted[len ? len - 1 : 0] = '\0';
		param_parse_ulong(tainted, &t);
		kfree(tainted);
	}
	sh_printf(io, "%-24sSize  Used by", "Module");
	if (t)
		sh_printf(io, "    Tainted: %c%c%c\n", t & 1 ? 'P' : 'G', t & 2 ? 'F' : ' ',
			  t & 4 ? 'S' : ' ');
	else
		sh_puts(io, "    Not tainted\n");
	err = vfs_read_all("/proc/modules", &text, &len, 1u << 20);
	if (err) {
		sh_error("lsmod: can't open '/proc/modules': %s", errmessage(err));
		return 1;
	}
	for (char *line = text, *next; line < text + len; line = next) {
		char *name, *size, *refs, *users, *value;

		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		else
			next = text + len; /* the last line, unended: text[len] is the NUL */
		/* the boot parameters' splitter: /proc/modules has no '=' or quotes */
		line = next_arg(line, &name, &value);
		line = next_arg(line, &size, &value);
		line = next_arg(line, &refs, &value);
		next_arg(line, &users, &value);
		if (*users)
			users[strlen(users) - 1] = '\0';
		sh_printf(io, "%-19s %8s %2s %s\n", name, size, refs, users);
	}
	kfree(text);
	return 0;
}
SHELL_COMMAND(lsmod, cmd_lsmod, "lsmod");

/* BusyBox's modinfo: each tag=value string of the file, tags in its order,
 * "tag:" padded to 16 columns. */
static int cmd_modinfo(struct sh_io *io, int argc, char **argv)
{
	static const char *const tags[] = { "author", "description", "license", "parm", "version",
					    "alias", "srcversion", "depends", "uts_release",
					    "intree", "vermagic", "firmware" };
	char *image;
	size_t len;
	int err;

	if (argc != 2) {
		sh_error("Usage: modinfo FILE");
		return -1;
	}
	err = vfs_read_all(argv[1], &image, &len, MODULE_FILE_MAX);
	if (err) {
		sh_error("modinfo: can't open '%s': %s", argv[1], errmessage(err));
		return 1;
	}
	sh_printf(io, "%-16s%s\n", "filename:", argv[1]);
	for (unsigned int t = 0; t < ARRAY_SIZE(tags); t++) {
		size_t n = strlen(tags[t]);

		for (size_t i = 1; i + n < len; i++) {
			const char *v = image + i + n + 1;

			if (image[i - 1] & 0x7f || image[i + n] != '=' || memcmp(image + i, tags[t], n) ||
			    !memchr(v, '\0', len - (i + n + 1)))
				continue;
			sh_printf(io, "%s:%*s%s\n", tags[t], (int)(15 - n), "", v);
		}
	}
	kfree(image);
	return 0;
}
SHELL_COMMAND(modinfo, cmd_modinfo, "modinfo FILE");
