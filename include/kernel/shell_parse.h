/*
 * The built-in shell's command-line parser (kernel/shell/parse.c): one line
 * becomes a list of simple commands with their redirections and pipes, in
 * fixed-size structures (no heap). Pure: it reads the line and writes only *out.
 *
 * Syntax (a subset of BusyBox ash, with ash's error messages):
 *   words        separated by blanks (space, tab)
 *   'text'       literal
 *   "text"       literal except \" \\ \$ \` (the backslash goes) and $?; any
 *                other backslash stays
 *   \c           outside quotes: c, literally; a backslash ending the line stays
 *   $?           the decimal last_status, outside single quotes; every other $
 *                is literal (no variables: $x ${x} $$ $1 $'...' stay as typed;
 *                $(...) is refused for its "(" unless quoted), and so are
 *                backquotes, globs (* ? [), ~ and keywords (if, while, !, ...)
 *   #            starts a comment at the start of a word, to the end of the line
 *   a ; b        sequence; a trailing ';' is allowed, an empty command is not
 *   a | b        pipe: a's stdout to b's stdin
 *   < f  > f  >| f  >> f  2> f  2>> f  1> f  0< f
 *                redirections, anywhere in the command; the target is the next
 *                word (quoted or not, "> f" or ">f"). A number in front is the
 *                fd only if it is the whole unquoted word ("2>f", not "a2>f",
 *                which is "a2 >f"), as in ash. A later redirection of the same
 *                fd replaces an earlier one. A command may be redirections only
 *                (argc 0, as "> file" in ash creates the file).
 * Refused with "syntax error: unsupported ...": & && || ( ) and the
 * redirections << <> <& >& and other fds. A line ending in "|" is an error
 * ("unexpected newline"): the shell reads no continuation line.
 *
 * Redirections take precedence over the pipe for the same stream, as in sh.
 */
#ifndef KERNEL_SHELL_PARSE_H
#define KERNEL_SHELL_PARSE_H

#include <kernel/types.h>

#define SH_LINE_MAX 1024    /* bytes of a line, its NUL included */
#define SH_MAX_COMMANDS 16  /* simple commands per line, over all pipelines */
#define SH_MAX_ARGS 32      /* words per command */
/*
 * Without $? the words (each with its NUL) never take more bytes than the line
 * (each word is followed by a blank, an operator or the line's NUL). Each $?
 * grows by its expansion less 2: at most 1 byte for the shell's statuses
 * 0..255, 9 for any int. The extra 64 bytes hold at least 64 of those or 7 of
 * any int; past the buffer, sh_parse() fails with "line too long".
 */
#define SH_WORDS_SIZE (SH_LINE_MAX + 64)

struct sh_command {
	int argc;                     /* may be 0: redirections only */
	char *argv[SH_MAX_ARGS + 1];  /* NULL-terminated, pointing into script->words */
	char *in;                     /* "< file", or NULL */
	char *out;                    /* "> file" / ">> file", or NULL */
	char *err;                    /* "2> file" / "2>> file", or NULL */
	bool append;                  /* out is >> */
	bool err_append;              /* err is 2>> */
	bool pipe_next;               /* "|" follows: stdout goes to the next command's stdin */
};

struct sh_script {
	int ncommands;
	struct sh_command cmd[SH_MAX_COMMANDS];
	char words[SH_WORDS_SIZE];    /* the unquoted, expanded words, each NUL-terminated */
	char msg[40];                 /* room for the error messages made from a token */
};

/*
 * Parses line (NUL-terminated, no newline) into *out. Returns 0, with
 * out->ncommands = 0 for an empty, blank or comment-only line; or -EINVAL with
 * *error set to what the shell prints after "sh: ":
 *   "syntax error: unterminated quoted string"
 *   "syntax error: unexpected \";\""      (also ";;" and "|": where no command is)
 *   "syntax error: unexpected newline"    ("echo >", "a |")
 *   "syntax error: unexpected redirection" ("echo > > f")
 *   "syntax error: unsupported \"&\""     (also "&&", "||", "(", ")")
 *   "syntax error: unsupported redirection"
 *   "line too long", "too many arguments", "too many commands"
 * The message may be out->msg: it lasts as long as *out does. After an error
 * out->ncommands is 0: nothing of the line is run, as in ash.
 */
int sh_parse(const char *line, int last_status, struct sh_script *out, const char **error);

/* last_status = SH_STATUS_LATER: each $? becomes the byte SH_STATUS_MARK in
 * its word, for the shell to expand as each command runs ("false; echo $?").
 * The line editor never lets that control byte into a line. */
#define SH_STATUS_LATER (-2147483647 - 1)
#define SH_STATUS_MARK '\x01'

#endif
