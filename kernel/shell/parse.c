/*
 * The built-in shell's command-line parser: a line becomes simple commands,
 * their arguments (unquoted, $? expanded) and their redirections and pipes, in
 * a struct sh_script. The syntax and the messages are BusyBox ash's, for the
 * subset described in <kernel/shell_parse.h>.
 *
 * One pass, left to right, so the first error is the one reported, as in ash.
 * The lexer copies each word's text into script->words as it reads it.
 */
#include <kernel/errno.h>
#include <kernel/shell_parse.h>
#include <kernel/string.h>

enum token { T_END, T_WORD, T_SEMI, T_DSEMI, T_PIPE, T_REDIR };

struct parser {
	struct sh_script *out;
	const char **error;
	const char *p;        /* next character of the line */
	char *w;              /* next free byte of out->words */
	const char *tok;      /* where the last token starts in the line */
	char *word;           /* T_WORD: its text */
	int fd;               /* T_REDIR: 0, 1 or 2 */
	bool append;          /* T_REDIR: >> */
	int status;
};

static int fail(struct parser *ps, const char *msg)
{
	*ps->error = msg;
	ps->out->ncommands = 0;
	return -EINVAL;
}

/* Copies s up to its NUL or to end; returns where m got to. */
static char *append(char *m, const char *s, const char *end)
{
	while (s != end && *s)
		*m++ = *s++;
	return m;
}

/*
 * "syntax error: unexpected <name>" or "... unsupported <name>", built in
 * out->msg. The name is the token's own text in quotes ("\";;\""), or ash's
 * name for it when it has none (newline, redirection).
 */
static int fail_token(struct parser *ps, bool unsupported, enum token t)
{
	char *m = append(ps->out->msg,
			 unsupported ? "syntax error: unsupported " : "syntax error: unexpected ", NULL);

	if (t == T_END || t == T_REDIR) {
		m = append(m, t == T_END ? "newline" : "redirection", NULL);
	} else {
		*m++ = '"';
		m = append(m, ps->tok, ps->p); /* 1 or 2 characters */
		*m++ = '"';
	}
	*m = '\0';
	return fail(ps, ps->out->msg);
}

static bool put(struct parser *ps, char c)
{
	if (ps->w == ps->out->words + SH_WORDS_SIZE)
		return false;
	*ps->w++ = c;
	return true;
}

/* $?: the decimal status into the word; SH_STATUS_LATER leaves SH_STATUS_MARK
 * for the shell to replace when the command runs (after the ones before it). */
static bool put_status(struct parser *ps)
{
	char digits[12], *d = digits + sizeof(digits);

	if (ps->status == SH_STATUS_LATER)
		return put(ps, SH_STATUS_MARK);
	unsigned int v = ps->status < 0 ? -(unsigned int)ps->status : (unsigned int)ps->status;

	do
		*--d = (char)('0' + v % 10);
	while (v /= 10);
	if (ps->status < 0)
		*--d = '-';
	while (d < digits + sizeof(digits))
		if (!put(ps, *d++))
			return false;
	return true;
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* Characters that end an unquoted word (and start an operator). */
static bool is_operator(char c)
{
	return c && strchr(";|&()<>", c);
}

/*
 * A redirection operator at ps->p (its '<' or '>'), for fd (-1: the default).
 * Only what the shell can do is accepted: 0<, 1> 1>| 1>>, 2> 2>| 2>>.
 */
static int read_redirection(struct parser *ps, int fd)
{
	char c = *ps->p++;

	ps->append = false;
	if (c == '<') {
		if (fd < 0)
			fd = 0;
		if (fd != 0 || *ps->p == '<' || *ps->p == '>' || *ps->p == '&')
			goto unsupported;
	} else {
		if (fd < 0)
			fd = 1;
		if (fd == 0 || fd > 2 || *ps->p == '&')
			goto unsupported;
		if (*ps->p == '>' || *ps->p == '|') /* >> appends; >| is > (no noclobber) */
			ps->append = *ps->p++ == '>';
	}
	ps->fd = fd;
	return T_REDIR;
unsupported:
	return fail_token(ps, true, T_REDIR);
}

/* The word at ps->p into out->words; or, for "2>" and the like, the redirection. */
static int read_word(struct parser *ps)
{
	char quote = 0;    /* ' or " while inside quotes */
	bool number = true; /* digits only, unquoted: may be an fd ("2>") */
	int fd = 0;         /* its value, or something over 9 */
	char c;

	ps->word = ps->w;
	for (;; ps->p++) {
		c = *ps->p;
		if (!c) {
			if (quote)
				return fail(ps, "syntax error: unterminated quoted string");
			break;
		}
		if (quote == '\'') {
			if (c == '\'')
				quote = 0;
			else if (!put(ps, c))
				goto too_long;
			continue;
		}
		if (c == '$' && ps->p[1] == '?') {
			ps->p++;
			number = false;
			if (!put_status(ps))
				goto too_long;
			continue;
		}
		if (c == '"' || (!quote && c == '\'')) {
			quote = quote ? 0 : c;
			number = false;
			continue;
		}
		if (c == '\\') {
			c = ps->p[1];
			/* In "...", only \ " $ ` are escaped; elsewhere anything but the end. */
			if (c && (!quote || strchr("\\\"$`", c))) {
				ps->p++;
				number = false;
			} else {
				c = '\\';
			}
		} else if (!quote && (is_blank(c) || is_operator(c))) {
			break;
		}
		if (c < '0' || c > '9')
			number = false;
		else if (fd < 10)
			fd = fd * 10 + c - '0';
		if (!put(ps, c))
			goto too_long;
	}
	if (!put(ps, '\0'))
		goto too_long;
	if ((c == '<' || c == '>') && number) {
		/* A number then < or >: ash's fd prefix; the digits are no word. */
		ps->w = ps->word;
		return read_redirection(ps, fd);
	}
	return T_WORD;
too_long:
	return fail(ps, "line too long");
}

static int next_token(struct parser *ps)
{
	char c;

	while (is_blank(*ps->p))
		ps->p++;
	if (*ps->p == '#')
		ps->p += strlen(ps->p);
	ps->tok = ps->p;
	c = *ps->p;
	if (!c)
		return T_END;
	if (!is_operator(c))
		return read_word(ps);
	if (c == '<' || c == '>')
		return read_redirection(ps, -1);
	ps->p++;
	if ((c == '&' || c == '|' || c == ';') && *ps->p == c) {
		ps->p++;
		if (c == ';')
			return T_DSEMI;
	} else if (c == ';') {
		return T_SEMI;
	} else if (c == '|') {
		return T_PIPE;
	}
	return fail_token(ps, true, T_WORD); /* & && || ( ) */
}

/* The word after a redirection operator: the command's in, out or err. */
static int read_target(struct parser *ps, struct sh_command *cmd)
{
	int fd = ps->fd;
	bool append = ps->append;
	int t = next_token(ps);

	if (t < 0)
		return t;
	if (t != T_WORD)
		return fail_token(ps, false, t);
	if (fd == 0) {
		cmd->in = ps->word;
	} else if (fd == 1) {
		cmd->out = ps->word;
		cmd->append = append;
	} else {
		cmd->err = ps->word;
		cmd->err_append = append;
	}
	return 0;
}

int sh_parse(const char *line, int last_status, struct sh_script *out, const char **error)
{
	struct parser ps = { .out = out, .error = error, .p = line, .w = out->words,
			     .status = last_status };
	struct sh_command *cmd = NULL; /* the command being read; NULL between commands */
	int t;

	memset(out, 0, sizeof(*out));
	if (strnlen(line, SH_LINE_MAX) == SH_LINE_MAX)
		return fail(&ps, "line too long");
	for (;;) {
		t = next_token(&ps);
		if (t < 0)
			return t;
		switch (t) {
		case T_WORD:
		case T_REDIR:
			if (!cmd) {
				if (out->ncommands == SH_MAX_COMMANDS)
					return fail(&ps, "too many commands");
				cmd = &out->cmd[out->ncommands++];
			}
			if (t == T_WORD) {
				if (cmd->argc == SH_MAX_ARGS)
					return fail(&ps, "too many arguments");
				cmd->argv[cmd->argc++] = ps.word;
				break;
			}
			t = read_target(&ps, cmd);
			if (t < 0)
				return t;
			break;
		case T_PIPE:
		case T_SEMI:
			/* Both need a command before them ("; a", "a | | b", "a ; ;"). */
			if (!cmd)
				return fail_token(&ps, false, t);
			cmd->pipe_next = t == T_PIPE;
			cmd = NULL;
			break;
		case T_DSEMI:
			return fail_token(&ps, false, t);
		default: /* T_END; after a '|' a command must follow */
			if (!cmd && out->ncommands && out->cmd[out->ncommands - 1].pipe_next)
				return fail_token(&ps, false, t);
			return 0;
		}
	}
}
