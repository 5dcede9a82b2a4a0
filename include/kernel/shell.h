/* The built-in shell: what a command sees. Commands register through a
 * linker list:
 *
 *   static int cmd_pwd(struct sh_io *io, int argc, char **argv) { ... }
 *   SHELL_COMMAND(pwd, cmd_pwd, "print the working directory");
 *
 * A command writes with sh_write()/sh_printf() (to the terminal, a file or
 * the next command of a pipe), reads its standard input as io->in (or through sh_for_each_input()),
 * reports errors with sh_error() (always the terminal, BusyBox's words:
 * "cat: can't open '/x': No such file or directory") and returns the exit
 * status: 0 success, 1 failure, 2 bad usage. */
#ifndef KERNEL_SHELL_H
#define KERNEL_SHELL_H

#include <kernel/compiler.h>
#include <kernel/fs.h>
#include <kernel/linker_lists.h>
#include <kernel/types.h>

struct sh_io {
	/* Standard input: the previous command's output or a "< file" (the whole
	 * text); NULL for the terminal, which reads as empty. */
	const char *in;
	size_t in_len;
	/* Standard output: out_tty, or text collected for the next command, or a file. */
	bool out_tty;
	struct seq_buf pipe;  /* collected output (grows as a pseudo file's text does) */
	struct file *file;
	int write_error;      /* the first failed write's errno */
};

struct shell_command {
	const char *name;
	int (*run)(struct sh_io *io, int argc, char **argv);
	const char *help;
};
LL_LIST(shell_commands, rodata, const struct shell_command);

#define SHELL_COMMAND(cmd, fn, text)                                                           \
	static LL_ENTRY(shell_commands, rodata, cmd) = { .name = #cmd, .run = fn, .help = text }

void sh_write(struct sh_io *io, const char *buf, size_t len);
void sh_puts(struct sh_io *io, const char *s);
void sh_printf(struct sh_io *io, const char *fmt, ...) __printf(2, 3);
/* "name: message\n" on the terminal. */
void sh_error(const char *fmt, ...) __printf(1, 2);

/* Call fn on each file named in argv[first..argc) (or standard input when
 * none, or for "-"), its whole text; a file that cannot be read is reported
 * as "<cmd>: can't open 'x': <why>" (BusyBox's cat) or "<cmd>: x: <why>"
 * and counts as failed. Returns 0, or 1 if any failed. */
int sh_for_each_input(struct sh_io *io, int argc, char **argv, int first, bool cat_style,
		      int (*fn)(struct sh_io *io, const char *text, size_t len, void *ctx), void *ctx);

/* Options as BusyBox's getopt32 takes them: "-n 5", "-n5", "-vc".
 * opts lists the letters, a letter followed by ':' takes a value. Returns the
 * index of the first operand, or -1 after printing the usage error. */
struct sh_opts {
	u64 set;              /* a bit for each letter seen: use sh_opt() */
	const char *value[52]; /* a letter's value: use sh_optarg() */
};
int sh_getopt(int argc, char **argv, const char *opts, struct sh_opts *out);
#define sh_opt_index(letter) ((letter) >= 'a' ? (letter) - 'a' : (letter) - 'A' + 26)
#define sh_opt(o, letter) ((unsigned int)((o)->set >> sh_opt_index(letter)) & 1)
#define sh_optarg(o, letter) ((o)->value[sh_opt_index(letter)])

/* Run the command argv names, as the shell would; its exit status (127: no such command). */
int sh_run_argv(struct sh_io *io, int argc, char **argv);

/* The terminal's line editor (kernel/shell/readline.c): one line into buf
 * (NUL-terminated, no newline). Returns its length, or -1 if Ctrl-C
 * cancelled it, or -2 if it was longer than size - 1 (refused). */
int sh_readline(const char *prompt, char *buf, size_t size);

/* Boot step: run /bin/sh as init (PID 1), never returns. */
void run_init_process(void) __noreturn;

#endif
