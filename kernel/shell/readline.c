/* The terminal's line editor: typed bytes are echoed and edited in place.
 *
 *   Backspace, DEL   erase the last character
 *   Ctrl-C           cancel the line ("^C", a fresh prompt)
 *   Ctrl-U           erase the whole line
 *   Up, Down         walk the history (the last HISTORY lines entered)
 *   Tab              complete a command name (first word) or a path
 *   Enter            CR, LF or CR LF: the line is done
 *
 * Other control bytes and escape sequences are dropped; bytes past the
 * line's room are dropped too, and the line is refused when Enter comes.
 * The terminal wakes us: with nothing to read the CPU waits in wfi for the
 * next interrupt (the UART's receive interrupt among them). */
#include <asm/cp15.h>
#include <asm/irqflags.h>
#include <kernel/console.h>
#include <kernel/fs.h>
#include <kernel/sched.h>
#include <kernel/shell.h>
#include <kernel/string.h>
#include <kernel/time.h>

#define HISTORY 16
#define HISTORY_LINE 256 /* longer lines are kept out of the history */

static char history[HISTORY][HISTORY_LINE];
static unsigned int history_count; /* lines ever added */

struct editor {
	const char *prompt;
	char *buf;
	size_t size, len;
	bool overflow;
	int browse;         /* how far back in the history Up went; 0: the line being typed */
	char saved[HISTORY_LINE];
	enum { NORMAL, ESCAPE, CSI } state;
};

static bool last_cr; /* the last Enter was a CR: a LF right after it is its pair */

static void echo(const char *s, size_t len)
{
	tty_write(s, len);
}

static void erase(size_t n)
{
	static const char bs3[] = "\b \b";

	while (n--)
		echo(bs3, 3);
}

/* Wait for the next byte: wfi with interrupts masked, so one arriving
 * between the check and the sleep still wakes us. */
static char next_byte(void)
{
	char c;

	for (;;) {
		unsigned long flags = arch_local_irq_save();

		u64 start;

		if (tty_read(&c, 1)) {
			arch_local_irq_restore(flags);
			return c;
		}
		start = local_clock();
		wfi();
		account_idle(local_clock() - start);
		arch_local_irq_restore(flags);
	}
}

static void replace_line(struct editor *e, const char *text)
{
	size_t len = strnlen(text, e->size - 1);

	erase(e->len);
	memcpy(e->buf, text, len);
	e->len = len;
	echo(e->buf, len);
}

static void history_move(struct editor *e, int delta)
{
	int browse = e->browse + delta;
	unsigned int available = history_count < HISTORY ? history_count : HISTORY;

	if (browse < 0 || (unsigned int)browse > available || e->overflow)
		return;
	if (e->browse == 0) {
		size_t n = e->len < HISTORY_LINE - 1 ? e->len : HISTORY_LINE - 1;

		memcpy(e->saved, e->buf, n);
		e->saved[n] = '\0';
	}
	e->browse = browse;
	replace_line(e, browse ? history[(history_count - (unsigned int)browse) % HISTORY] : e->saved);
}

static void history_add(const char *line, size_t len)
{
	if (!len || len >= HISTORY_LINE)
		return;
	if (history_count && !strcmp(history[(history_count - 1) % HISTORY], line))
		return;
	memcpy(history[history_count % HISTORY], line, len + 1);
	history_count++;
}

/* --- Tab completion --------------------------------------------------------------- */

struct completion {
	const char *stem;       /* what was typed of the name */
	size_t stem_len;
	char common[NAME_MAX + 1]; /* the longest extension all matches share */
	size_t common_len;
	unsigned int matches;
	bool dir;               /* the single match is a directory */
	bool listing;           /* second pass: print them */
};

static void consider(struct completion *c, const char *name, bool dir)
{
	size_t len = strlen(name), i;

	if (len < c->stem_len || memcmp(name, c->stem, c->stem_len))
		return;
	if (c->listing) {
		echo(name, len);
		echo(dir ? "/  " : "  ", dir ? 3 : 2);
		return;
	}
	if (!c->matches++) {
		c->common_len = len - c->stem_len < NAME_MAX ? len - c->stem_len : NAME_MAX;
		memcpy(c->common, name + c->stem_len, c->common_len);
		c->dir = dir;
		return;
	}
	for (i = 0; i < c->common_len && name[c->stem_len + i] == c->common[i]; i++)
		;
	c->common_len = i;
}

static void collect(struct completion *c, bool command, struct inode *dir)
{
	if (command) {
		ll_foreach(shell_commands, cmd)
			consider(c, cmd->name, false);
		return;
	}
	for (struct inode *i = dir ? dir->children : NULL; i; i = i->next) {		consider(c, i->name, S_ISDIR(i->mode) || i->mounted);
	}
}

static void complete(struct editor *e)
{
	struct completion c = { 0 };
	struct inode *dir = NULL;
	size_t start = e->len, slash, added = 0;
	bool command;
	static char path[PATH_MAX]; /* not on the stack: the shell's frames are deep enough */

	while (start && e->buf[start - 1] != ' ')
		start--;
	command = true;
	for (size_t i = 0; i < start; i++)
		if (e->buf[i] != ' ')
			command = false;
	slash = e->len;
	while (slash > start && e->buf[slash - 1] != '/')
		slash--;
	if (slash > start || !command) {
		size_t n = slash - start < sizeof(path) - 2 ? slash - start : sizeof(path) - 2;

		command = false;
		memcpy(path, e->buf + start, n);
		path[n] = '\0';
		if (vfs_lookup(n ? path : ".", 0, &dir) || !S_ISDIR(dir->mode))
			return;
		while (dir->mounted)
			dir = dir->mounted->root;
	}
	c.stem = e->buf + slash;
	c.stem_len = e->len - slash;
	collect(&c, command, dir);
	if (!c.matches)
		return;
	if (c.matches > 1 && !c.common_len) {
		c.listing = true;
		echo("\n", 1);
		collect(&c, command, dir);
		echo("\n", 1);
		echo(e->prompt, strlen(e->prompt));
		echo(e->buf, e->len);
		return;
	}
	for (size_t i = 0; i < c.common_len && e->len + 2 < e->size; i++, added++)
		e->buf[e->len++] = c.common[i];
	if (c.matches == 1 && e->len + 1 < e->size) {
		e->buf[e->len++] = c.dir ? '/' : ' ';
		added++;
	}
	echo(e->buf + e->len - added, added);
}

/* --- The editor ---------------------------------------------------------------------- */

/* One byte; true when the line is done. */
static bool edit(struct editor *e, unsigned char c)
{
	/* A control byte ends an escape sequence and counts as itself: a stray
	 * ESC in junk never swallows the Ctrl-C or Enter after it. */
	if (e->state != NORMAL && c < 0x20)
		e->state = NORMAL;
	if (e->state == ESCAPE) {
		e->state = c == '[' || c == 'O' ? CSI : NORMAL;
		return false;
	}
	if (e->state == CSI) {
		if (c >= 0x40 && c <= 0x7e) { /* the final byte */
			e->state = NORMAL;
			if (c == 'A')
				history_move(e, 1);
			else if (c == 'B')
				history_move(e, -1);
		}
		return false;
	}
	if (c == '\n' && last_cr) { /* CR LF: one Enter */
		last_cr = false;
		return false;
	}
	last_cr = c == '\r';
	switch (c) {
	case '\r':
	case '\n':
		echo("\n", 1);
		return true;
	case 0x1b:
		e->state = ESCAPE;
		return false;
	case 0x03: /* Ctrl-C */
		echo("^C\n", 3);
		e->len = 0;
		e->overflow = false;
		e->browse = -1;
		return true;
	case 0x15: /* Ctrl-U */
		erase(e->len);
		e->len = 0;
		e->overflow = false;
		return false;
	case 0x08:
	case 0x7f:
		if (e->len && !e->overflow) {
			e->len--;
			erase(1);
		}
		return false;
	case '\t':
		if (!e->overflow)
			complete(e);
		return false;
	}
	if (c < 0x20)
		return false;
	if (e->len + 1 >= e->size) {
		e->overflow = true; /* kept quiet: refused at Enter */
		return false;
	}
	e->buf[e->len++] = (char)c;
	if (!e->overflow)
		echo((const char *)&c, 1);
	return false;
}

int sh_readline(const char *prompt, char *buf, size_t size)
{
	struct editor e = { .prompt = prompt, .buf = buf, .size = size };

	echo(prompt, strlen(prompt));
	while (!edit(&e, (unsigned char)next_byte()))
		;
	buf[e.len] = '\0';
	if (e.browse < 0)
		return -1;
	if (e.overflow)
		return -2;
	history_add(buf, e.len);
	return (int)e.len;
}
