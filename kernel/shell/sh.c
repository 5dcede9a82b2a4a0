/* The shell that runs as init once the boot is done: BusyBox ash's look
 * ("/ # " prompts, its error words) over the built-in commands, with pipes
 * (each command runs to its end, its output kept for the next), "<", ">",
 * ">>", ";" and "$?". Lines come from the terminal's line editor. */
#include <asm/recovery.h>
#include <kernel/console.h>
#include <kernel/errno.h>
#include <kernel/fs.h>
#include <kernel/printk.h>
#include <kernel/sched.h>
#include <kernel/shell.h>
#include <kernel/shell_parse.h>
#include <kernel/slab.h>
#include <kernel/sprintf.h>
#include <kernel/string.h>

#define SH_NAME "/bin/sh"

static int last_status;
static struct sh_script script;
static struct file *err_file; /* "2> file" of the running command */

/* --- Output -------------------------------------------------------------------- */

void sh_write(struct sh_io *io, const char *buf, size_t len)
{
	if (!len || io->write_error)
		return;
	if (io->out_tty) {
		tty_write(buf, len);
		return;
	}
	/* For a pipe or a file: collected, and written to a file in one
	 * write() when the command is done, as "echo 1 > tracing_on" does. */
	seq_write(&io->pipe, buf, len);
	if (io->pipe.overflow)
		io->write_error = -ENOMEM;
}

void sh_puts(struct sh_io *io, const char *s)
{
	sh_write(io, s, strlen(s));
}

void sh_printf(struct sh_io *io, const char *fmt, ...)
{
	char buf[256], *big;
	va_list args;
	int n;

	va_start(args, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, args);
	va_end(args);
	if ((size_t)n < sizeof(buf)) {
		sh_write(io, buf, (size_t)n);
		return;
	}
	/* longer than the buffer (a 255-byte name and more): format it again in full */
	big = kmalloc((size_t)n + 1);
	if (!big) {
		io->write_error = -ENOMEM;
		return;
	}
	va_start(args, fmt);
	vsnprintf(big, (size_t)n + 1, fmt, args);
	va_end(args);
	sh_write(io, big, (size_t)n);
	kfree(big);
}

void sh_error(const char *fmt, ...)
{
	char buf[320];
	va_list args;
	int n;

	va_start(args, fmt);
	n = vscnprintf(buf, sizeof(buf) - 1, fmt, args);
	va_end(args);
	buf[n++] = '\n';
	if (err_file)
		vfs_write(err_file, buf, (size_t)n);
	else
		tty_write(buf, (size_t)n);
}

/* --- Input and options ------------------------------------------------------------ */

int sh_for_each_input(struct sh_io *io, int argc, char **argv, int first, bool cat_style,
		      int (*fn)(struct sh_io *io, const char *text, size_t len, void *ctx), void *ctx)
{
	int status = 0;

	if (first >= argc)
		return fn(io, io->in ? io->in : "", io->in ? io->in_len : 0, ctx);
	for (int i = first; i < argc; i++) {
		char *text;
		size_t len;
		int err;

		if (!strcmp(argv[i], "-")) {
			status |= fn(io, io->in ? io->in : "", io->in ? io->in_len : 0, ctx);
			continue;
		}
		err = vfs_read_all(argv[i], &text, &len, FILE_MAX_SIZE);
		if (err) {
			if (cat_style)
				sh_error("%s: can't open '%s': %s", argv[0], argv[i], errmessage(err));
			else
				sh_error("%s: %s: %s", argv[0], argv[i], errmessage(err));
			status = 1;
			continue;
		}
		status |= fn(io, text, len, ctx);
		kfree(text);
	}
	return status;
}

static const struct shell_command *find_command(const char *name)
{
	ll_foreach(shell_commands, cmd)
		if (!strcmp(cmd->name, name))
			return cmd;
	return NULL;
}

static int usage(const char *name)
{
	const struct shell_command *cmd = find_command(name);

	sh_error("Usage: %s", cmd ? cmd->help : name);
	return -1;
}

int sh_getopt(int argc, char **argv, const char *opts, struct sh_opts *out)
{
	int i;

	memset(out, 0, sizeof(*out));
	for (i = 1; i < argc; i++) {
		const char *arg = argv[i];

		if (arg[0] != '-' || !arg[1])
			break;
		if (!strcmp(arg, "--"))
			return i + 1;
		for (const char *c = arg + 1; *c; c++) {
			bool letter = (*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z');
			const char *spec = letter ? strchr(opts, *c) : NULL;

			if (!spec) {
				sh_error("%s: invalid option -- '%c'", argv[0], *c);
				return usage(argv[0]);
			}
			out->set |= 1ull << sh_opt_index(*c);
			if (spec[1] != ':')
				continue;
			if (c[1]) {
				out->value[sh_opt_index(*c)] = c + 1;
			} else if (i + 1 < argc) {
				out->value[sh_opt_index(*c)] = argv[++i];
			} else {
				sh_error("%s: option requires an argument -- '%c'", argv[0], *c);
				return usage(argv[0]);
			}
			break;
		}
	}
	return i;
}

/* --- Running a line ----------------------------------------------------------------- */

/* argv[0] as typed: a command name, or a path to one of the /bin entries. */
static const struct shell_command *resolve(const char *name)
{
	struct inode *inode;
	const char *base = name;

	if (!strchr(name, '/'))
		return find_command(name);
	if (vfs_lookup(name, LOOKUP_NOFOLLOW, &inode))
		return NULL;
	for (const char *p = name; *p; p++)
		if (*p == '/' && p[1])
			base = p + 1;
	/* /bin/<command> is a link to sh, and sh runs the command it is named for */
	if (!S_ISLNK(inode->mode) && strcmp(name, SH_NAME))
		return NULL;
	return find_command(base);
}

static int open_redirect(struct file **f, const char *path, bool append)
{
	int err = vfs_open(path, O_WRONLY | O_CREAT | (append ? O_APPEND : O_TRUNC), 0644, f);

	if (err) {
		*f = NULL;
		sh_error(SH_NAME ": can't create %s: %s", path, errmessage(err));
		return err;
	}
	return 0;
}

struct sh_call {
	const struct shell_command *cmd;
	struct sh_io *io;
	int argc;
	char **argv;
};

static int call_command(const void *fn, void *arg)
{
	struct sh_call *c = arg;

	(void)fn;
	return c->cmd->run(c->io, c->argc, c->argv);
}

/* A command runs under a recovery point: one that faults is reported and
 * abandoned, and ends as a process killed by SIGSEGV does in ash. */
int sh_run_argv(struct sh_io *io, int argc, char **argv)
{
	struct sh_call call = { resolve(argv[0]), io, argc, argv };
	struct recovery_point rp = { .level = "shell command" };
	int status;

	if (!call.cmd) {
		sh_error(SH_NAME ": %s: not found", argv[0]);
		return 127;
	}
	rp.fn = call.cmd->run;
	status = call_with_recovery(&rp, call_command, NULL, &call);
	if (rp.ret) {
		sh_error("Segmentation fault");
		return 128 + 11;
	}
	return status < 0 ? 1 : status; /* < 0: a usage error, already reported */
}

/* The words with $? in them, now that the status is known (NULL: out of memory). */
static char *expand_status(const char *word)
{
	char digits[12], *out, *p;
	size_t marks = 0, len = strlen(word);
	int n = snprintf(digits, sizeof(digits), "%d", last_status);

	for (const char *c = word; *c; c++)
		marks += *c == SH_STATUS_MARK;
	out = kmalloc(len + marks * (size_t)n + 1);
	if (!out)
		return NULL;
	for (p = out; *word; word++) {
		if (*word == SH_STATUS_MARK) {
			memcpy(p, digits, (size_t)n);
			p += n;
		} else {
			*p++ = *word;
		}
	}
	*p = '\0';
	return out;
}

static int run_command(struct sh_command *cmd, struct sh_io *io)
{
	char *expanded[SH_MAX_ARGS + 1] = { 0 };
	int status;

	for (int i = 0; i < cmd->argc; i++)
		if (strchr(cmd->argv[i], SH_STATUS_MARK) && (expanded[i] = expand_status(cmd->argv[i])))
			cmd->argv[i] = expanded[i];
	status = sh_run_argv(io, cmd->argc, cmd->argv);
	if (io->file && !io->write_error && io->pipe.len) {
		long n = vfs_write(io->file, io->pipe.buf, io->pipe.len);

		if (n < 0)
			io->write_error = (int)n;
	}
	if (io->write_error && io->write_error != -EPIPE) {
		sh_error("%s: write error: %s", cmd->argv[0], errmessage(io->write_error));
		status = 1;
	}
	for (int i = 0; i < cmd->argc; i++)
		kfree(expanded[i]);
	return status;
}

static void run_script(struct sh_script *s)
{
	char *prev = NULL; /* the output the previous command piped */
	size_t prev_len = 0;

	for (int i = 0; i < s->ncommands; i++) {
		struct sh_command *cmd = &s->cmd[i];
		struct sh_io io = { .out_tty = !cmd->out && !cmd->pipe_next };
		char *in_file = NULL;
		int status = 0;

		io.in = prev;
		io.in_len = prev_len;
		if (cmd->in) {
			int err = vfs_read_all(cmd->in, &in_file, &io.in_len, FILE_MAX_SIZE);

			if (err) {
				sh_error(SH_NAME ": can't open %s: %s", cmd->in, errmessage(err));
				status = 1;
			}
			io.in = in_file;
		}
		if (!status && cmd->out && open_redirect(&io.file, cmd->out, cmd->append))
			status = 1;
		if (!status && cmd->err && open_redirect(&err_file, cmd->err, cmd->err_append))
			status = 1;
		if (!status && cmd->argc)
			status = run_command(cmd, &io);
		if (err_file)
			vfs_close(err_file);
		err_file = NULL;
		if (io.file) {
			vfs_close(io.file);
			kfree(io.pipe.buf);
			io.pipe = (struct seq_buf){ 0 };
		}
		kfree(in_file);
		kfree(prev);
		prev = io.pipe.buf;
		prev_len = io.pipe.len;
		if (!cmd->pipe_next) {
			kfree(prev);
			prev = NULL;
			prev_len = 0;
			last_status = status;
		}
	}
	kfree(prev);
}

static void run_line(const char *line)
{
	const char *error;

	if (sh_parse(line, SH_STATUS_LATER, &script, &error)) {
		sh_error(SH_NAME ": %s", error);
		last_status = 2;
		return;
	}
	run_script(&script);
}

/* --- /bin and init --------------------------------------------------------------------- */

static void show_sh(struct seq_buf *m, void *data)
{
	(void)data;
	seq_puts(m, "#!initk: the kernel's built-in shell; its commands are links to it\n");
}
static const struct file_operations sh_fops = { .show = show_sh };

static void make_bin(void)
{
	struct inode *bin, *sh;
	char path[64];

	vfs_mkdir("/bin", 0755);
	if (vfs_lookup("/bin", 0, &bin) || !S_ISDIR(bin->mode))
		return;
	if (vfs_lookup_in(bin, "sh", &sh))
		pseudo_create(bin, "sh", 0755, &sh_fops, NULL);
	ll_foreach(shell_commands, cmd) {
		snprintf(path, sizeof(path), "/bin/%s", cmd->name);
		vfs_symlink("sh", path);
	}
}

void run_init_process(void)
{
	/* static: the shell's whole life runs below this frame on a 16 KiB stack */
	static char line[SH_LINE_MAX], cwd[PATH_MAX], prompt[PATH_MAX + 4];

	make_bin();
	if (vfs_mount("proc", "/proc", "proc", 0))
		pr_warn("init: cannot mount /proc\n");
	pr_info("Run %s as init process\n", SH_NAME);
	pr_debug("  with arguments:\n");
	pr_debug("    %s\n", SH_NAME);
	pr_debug("  with environment:\n");
	pr_debug("    HOME=/\n");
	pr_debug("    TERM=linux\n");
	init_exec("sh");
	for (;;) {
		int n;

		if (vfs_getcwd(cwd, sizeof(cwd)))
			strlcpy(cwd, "?", sizeof(cwd));
		snprintf(prompt, sizeof(prompt), "%s # ", cwd);
		n = sh_readline(prompt, line, sizeof(line));
		if (n == -2) {
			sh_error(SH_NAME ": line too long: more than %u bytes", SH_LINE_MAX - 1);
			last_status = 2;
		} else if (n > 0) {
			run_line(line);
		}
	}
}

/* --- Builtins ------------------------------------------------------------------------------ */

static int cmd_cd(struct sh_io *io, int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : "/";
	int err = vfs_chdir(dir);

	(void)io;
	if (err) {
		sh_error(SH_NAME ": cd: can't cd to %s: %s", dir, errmessage(err));
		return 2;
	}
	return 0;
}
SHELL_COMMAND(cd, cmd_cd, "cd [DIR]");

static int cmd_pwd(struct sh_io *io, int argc, char **argv)
{
	char cwd[PATH_MAX];

	(void)argc;
	(void)argv;
	if (vfs_getcwd(cwd, sizeof(cwd)))
		return 1;
	sh_printf(io, "%s\n", cwd);
	return 0;
}
SHELL_COMMAND(pwd, cmd_pwd, "pwd");

static int cmd_echo(struct sh_io *io, int argc, char **argv)
{
	int i = 1;
	bool newline = true;

	if (argc > 1 && !strcmp(argv[1], "-n")) {
		newline = false;
		i++;
	}
	for (; i < argc; i++) {
		sh_puts(io, argv[i]);
		if (i + 1 < argc)
			sh_puts(io, " ");
	}
	if (newline)
		sh_puts(io, "\n");
	return 0;
}
SHELL_COMMAND(echo, cmd_echo, "echo [-n] [ARG]...");

static int cmd_help(struct sh_io *io, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	sh_puts(io, "Built-in commands:\n");
	ll_foreach(shell_commands, cmd)
		sh_printf(io, "\t%-10s %s\n", cmd->name, cmd->help);
	return 0;
}
SHELL_COMMAND(help, cmd_help, "help");
