/* printk: format a message once, with its time prefix, into the log ring
 * buffer; consoles copy the stored bytes (a polled console at once, an
 * interrupt-driven one from its TX interrupt). */
#define pr_fmt(fmt) "printk: " fmt

#include <asm/cp15.h>
#include <asm/irqflags.h>
#include <asm/smp.h>
#include <asm/spinlock.h>
#include <kernel/console.h>
#include <kernel/errno.h>
#include <kernel/init.h>
#include <kernel/logbuf.h>
#include <kernel/math64.h>
#include <kernel/module.h>
#include <kernel/params.h>
#include <kernel/printk.h>
#include <kernel/slab.h>
#include <kernel/sprintf.h>
#include <kernel/string.h>
#include <kernel/time.h>

#define LOG_BUF_SIZE (64 * 1024)
/* The longest message: room for the whole command line and its prefix
 * ("Kernel command line: ", "Unknown kernel command line parameters"). */
#define LOG_LINE_MAX PRINTK_LINE_MAX

/* Records are read only once written: head.S need not clear 64 KiB. */
static u64 log_buf_storage[LOG_BUF_SIZE / 8] __noinit;
static struct logbuf log_buf = {
	.data = (u8 *)log_buf_storage,
	.size = sizeof(log_buf_storage),
};

static struct console *console_list;
static struct console *tty_console; /* where tty_write() output goes */
/* The terminal's output ring (an interrupt-driven console's): see tty_write(). */
#define TTY_OUT_SIZE 4096
static char tty_out[TTY_OUT_SIZE] __noinit;
static volatile u32 tty_head, tty_tail;

/* One lock for the log buffer and the consoles: a line is stored and written
 * out by one CPU at a time, so lines from several CPUs never mix. The owner
 * is remembered so that a printk from inside a console driver (a fault
 * there) stores its line instead of deadlocking. */
static arch_spinlock_t logbuf_lock = ARCH_SPIN_LOCK_UNLOCKED;
static volatile int lock_owner = -1;

static int console_loglevel = CONSOLE_LOGLEVEL_DEFAULT;
static bool ignore_loglevel;
static bool printk_time = true;

/* Which console each console= option asked for ("ttyS0,115200n8"). */
#define MAX_PREFERRED 8
static struct {
	char name[16];
	int index;
	char options[32];
} preferred[MAX_PREFERRED];
static int nr_preferred;

/* Take the log lock with interrupts off; false if this CPU already holds it. */
static bool log_lock(unsigned long *flags)
{
	int cpu = (int)smp_processor_id();

	*flags = arch_local_irq_save();
	if (lock_owner == cpu)
		return false;
	arch_spin_lock(&logbuf_lock);
	lock_owner = cpu;
	return true;
}

static void log_unlock(bool locked, unsigned long flags)
{
	if (locked) {
		lock_owner = -1;
		arch_spin_unlock(&logbuf_lock);
	}
	arch_local_irq_restore(flags);
}

static bool shows_level(int level)
{
	return ignore_loglevel || level < console_loglevel;
}

/* "[%5lu.%06lu] " for a time in ns, without vsnprintf or libgcc's 64-bit
 * division: formatted once per message, stored with it in the log buffer. */
static unsigned int format_time(char *buf, u64 ns)
{
	u32 usec, sec = (u32)div_u64_rem(div_u64(ns, 1000), 1000000, &usec);
	unsigned int width = 5; /* seconds, right-aligned; more digits after 99999 s */
	char *p;

	for (u32 t = sec / 100000; t; t /= 10)
		width++;
	buf[0] = '[';
	buf[1] = buf[2] = buf[3] = buf[4] = buf[5] = ' ';
	for (unsigned int i = 6; i <= width; i++)
		buf[i] = ' ';
	p = buf + 1 + width;
	do {
		*--p = (char)('0' + sec % 10);
		sec /= 10;
	} while (sec);
	p = buf + 1 + width;
	*p++ = '.';
	for (int i = 5; i >= 0; i--, usec /= 10)
		p[i] = (char)('0' + usec % 10);
	p[6] = ']';
	p[7] = ' ';
	return (unsigned int)(p + 8 - buf);
}

/* Where a record's line starts as a console shows it ("[time] text\n", the
 * time left out with printk.time=0), and its length. */
static const char *record_line(const struct log_record *rec, const char *text, unsigned int *len)
{
	unsigned int skip = printk_time ? 0 : rec->prefix_len;

	*len = rec->text_len - skip;
	return text + skip;
}

/*
 * The next record this console should show: its line, and its length (0:
 * none). A synchronous console (in_place) writes it from the log buffer
 * itself, under the log lock; an interrupt-driven one sends it later, out of
 * the lock, so it is copied into con->line. After records were lost, the
 * line that says so comes first, alone in con->line: the record it was read
 * with is the next one (con->line always holds one line).
 */
static unsigned int console_fill_line(struct console *con, bool in_place, const char **line)
{
	struct logbuf_cursor cursor = { .seq = con->seq, .pos = con->pos };
	struct log_record rec;
	const char *text, *shown = NULL;
	unsigned int n = 0;
	u32 dropped;

	con->line_len = con->line_pos = 0;
	while (logbuf_read(&log_buf, &cursor, &rec, &text, &dropped)) {
		if (dropped) {
			con->line_len = scnprintf(con->line, CONSOLE_LINE_MAX,
						  "** %u printk messages dropped **\n", dropped);
			logbuf_cursor_oldest(&log_buf, &cursor); /* the record: next time */
			break;
		}
		if (shows_level(rec.level)) {
			shown = record_line(&rec, text, &n);
			break;
		}
	}
	con->seq = cursor.seq;
	con->pos = cursor.pos;
	if (in_place && !con->line_len) {
		*line = shown;
		return n;
	}
	if (n > CONSOLE_LINE_MAX - con->line_len)
		n = CONSOLE_LINE_MAX - con->line_len;
	memcpy(con->line + con->line_len, shown, n);
	con->line_len += n;
	*line = con->line;
	return con->line_len;
}

static void console_unlink(struct console *con);

/* A console whose device stopped working leaves, with one line on the
 * others (called with the log lock held: the line is printed by them). */
static void console_drop_broken(struct console *con)
{
	console_unlink(con);
	pr_err("%sconsole [%s%d] disabled: %s\n", (con->flags & CON_BOOT) ? "boot" : "", con->name,
	       con->index, con->broken);
}

/* Where a console's write() stops: after the first "\n" (a line at a time). */
static unsigned int line_run(const char *text, unsigned int len)
{
	const char *nl = memchr(text, '\n', len);

	return nl ? (unsigned int)(nl - text) + 1 : len;
}

/* Terminal text on a synchronous console, cut into lines for its write(). */
static void console_write_lines(struct console *con, const char *text, unsigned int len)
{
	con->writing_cpu = (int)smp_processor_id() + 1;
	while (len && !con->broken) {
		unsigned int n = line_run(text, len);

		con->write(con, text, n);
		text += n;
		len -= n;
	}
	con->writing_cpu = 0;
}

/* Synchronous output: finish the current line, then everything pending
 * (con->line and a record are one line each: write() takes either whole). */
static void console_emit_pending(struct console *con)
{
	const char *line;
	unsigned int n;

	while (!con->broken) {
		if (con->line_pos < con->line_len) {
			line = con->line + con->line_pos;
			n = con->line_len - con->line_pos;
		} else if (con->seq == log_buf.next_seq || /* all sent: no read to find that out */
			   !(n = console_fill_line(con, true, &line))) {
			break;
		}
		con->writing_cpu = (int)smp_processor_id() + 1;
		con->write(con, line, n);
		con->writing_cpu = 0;
		con->line_pos = con->line_len;
	}
	if (con->broken && (con->flags & CON_ENABLED))
		console_drop_broken(con);
}

/* The log lock is taken once per line (or run of terminal text), not per
 * FIFO's worth; the bytes are sent from where they are, not copied out. */
unsigned int console_next(struct console *con, const char **text)
{
	unsigned long flags;
	bool locked = log_lock(&flags);
	unsigned int n = 0;

	con->sending_tty = false;
	if (con->line_pos < con->line_len || console_fill_line(con, false, text)) {
		*text = con->line + con->line_pos; /* one line */
		n = con->line_len - con->line_pos;
	} else if (con == tty_console && tty_tail != tty_head) {
		u32 tail = tty_tail % TTY_OUT_SIZE, used = tty_head - tty_tail;

		*text = tty_out + tail;
		n = line_run(*text, used < TTY_OUT_SIZE - tail ? used : TTY_OUT_SIZE - tail);
		con->sending_tty = true;
	}
	log_unlock(locked, flags);
	return n;
}

/* Only the transmit interrupt moves these forward; the ring's writers look
 * at tty_tail alone, and the line is refilled only by console_next(). */
void console_sent(struct console *con, unsigned int n)
{
	if (con->sending_tty)
		tty_tail += n;
	else
		con->line_pos += n;
}

/* --- The console as a terminal: what the shell reads and writes ------------------
 * Input: the console driver's receive buffer (read()). Output, on an
 * interrupt-driven console: a ring the TX interrupt drains after the log's
 * pending lines (console_next), so typing never waits for the wire; on a
 * polled one, written at once after the pending log lines. */

/* The console with input that is not a boot console: the last one registered. */
static struct console *input_console(void)
{
	struct console *found = NULL;

	for (struct console *con = console_list; con; con = con->next)
		if (con->read && (con->flags & CON_ENABLED) && !(con->flags & CON_BOOT) && !con->broken)
			found = con;
	return found;
}

unsigned int tty_read(char *buf, unsigned int size)
{
	struct console *con = input_console();

	return con ? con->read(con, buf, size) : 0;
}

void tty_write(const char *text, size_t len)
{
	struct console *con;
	unsigned long flags;
	bool locked;

	while (len) {
		locked = log_lock(&flags);
		con = tty_console = input_console();
		if (!con) {
			log_unlock(locked, flags);
			return;
		}
		if (!con->async || !con->start_tx) {
			console_emit_pending(con);
			console_write_lines(con, text, (unsigned int)len);
			log_unlock(locked, flags);
			return;
		}
		while (len && tty_head - tty_tail < TTY_OUT_SIZE) {
			tty_out[tty_head++ % TTY_OUT_SIZE] = *text++;
			len--;
		}
		con->start_tx(con);
		log_unlock(locked, flags);
		/* The ring is full: the TX interrupt makes room. Tested with
		 * interrupts masked, so one that drains it before the wfi still
		 * ends the wfi (it stays pending until they are on again). */
		if (len) {
			flags = arch_local_irq_save();
			if (tty_head - tty_tail >= TTY_OUT_SIZE)
				wfi();
			arch_local_irq_restore(flags);
		}
	}
}

void dmesg_foreach(void (*emit)(const char *line, unsigned int len, void *ctx), void *ctx)
{
	struct logbuf_cursor cursor;
	struct log_record rec;
	const char *text;
	u32 dropped;
	unsigned long flags;
	bool locked;
	char *line = kmalloc(CONSOLE_LINE_MAX);

	if (!line)
		return;
	locked = log_lock(&flags);
	logbuf_cursor_oldest(&log_buf, &cursor);
	log_unlock(locked, flags);
	for (;;) {
		unsigned int len;

		locked = log_lock(&flags);
		if (!logbuf_read(&log_buf, &cursor, &rec, &text, &dropped)) {
			log_unlock(locked, flags);
			break;
		}
		text = record_line(&rec, text, &len);
		memcpy(line, text, len < CONSOLE_LINE_MAX ? len : CONSOLE_LINE_MAX);
		log_unlock(locked, flags);
		emit(line, len, ctx);
	}
	kfree(line);
}

bool console_tx_pending(struct console *con)
{
	return con->line_pos < con->line_len || con->seq != log_buf.next_seq ||
	       (con == tty_console && tty_tail != tty_head);
}

bool console_async(const char *name, int index)
{
	for (struct console *con = console_list; con; con = con->next)
		if (!strcmp(con->name, name) && con->index == index)
			return con->async;
	return false;
}

bool console_registered(void)
{
	return console_list != NULL;
}

int console_pending(const char *name, int index)
{
	for (struct console *con = console_list; con; con = con->next)
		if (!strcmp(con->name, name) && con->index == index)
			return (int)(log_buf.next_seq - con->seq) + (con->line_pos < con->line_len);
	return -1;
}

/* Write out what every console has pending. Called with the log lock held. */
static void console_flush(void)
{
	for (struct console *con = console_list; con; con = con->next) {
		if (!(con->flags & CON_ENABLED))
			continue;
		if (con->async && con->start_tx)
			con->start_tx(con);
		else
			console_emit_pending(con);
	}
}

/* Panic: no more interrupts, the other CPUs are stopped or stuck; break the
 * lock and write synchronously on every console from here. */
void console_flush_on_panic(void)
{
	bool mine = lock_owner == (int)smp_processor_id(), locked;
	unsigned long flags;

	lock_owner = -1;
	arch_spin_unlock(&logbuf_lock); /* whoever held it is stopped now */
	if (!mine)
		cpu_locks_held[smp_processor_id()]++; /* that unlock was not this CPU's to count */
	locked = log_lock(&flags);
	for (struct console *con = console_list; con; con = con->next) {
		con->async = false;
		/* This CPU was inside its write when it faulted: never again. */
		if (con->writing_cpu == (int)smp_processor_id() + 1) {
			con->writing_cpu = 0;
			con->broken = "it faulted while printing";
			console_drop_broken(con);
		}
	}
	console_flush();
	log_unlock(locked, flags);
}

/* Split off a leading KERN_<LEVEL> marker. */
static const char *parse_level(const char *text, int *level)
{
	*level = MESSAGE_LOGLEVEL_DEFAULT;
	while (text[0] == KERN_SOH[0] && text[1]) {
		if (text[1] >= '0' && text[1] <= '7')
			*level = text[1] - '0';
		text += 2;
	}
	return text;
}

/* One record: the time prefix, the line, "\n". A record cut to what the
 * buffer holds (never with lines this short) keeps its start and its "\n". */
static void store_line(u64 ts, int level, const char *prefix, u32 prefix_len, const char *line,
		       u32 n)
{
	u32 len = prefix_len + n + 1;
	char *text = logbuf_reserve(&log_buf, ts, level, &len, prefix_len);
	u32 p = prefix_len < len ? prefix_len : len;

	/* the usual "[    0.000577] ": 15 bytes, four aligned words (the 16th is
	 * the line's or its "\n", written after) */
	if (p <= 16 && len >= 16 && !((unsigned long)text & 3)) {
		const u32 *from = (const u32 *)(const void *)prefix;
		u32 *to = (u32 *)(void *)text;

		to[0] = from[0];
		to[1] = from[1];
		to[2] = from[2];
		to[3] = from[3];
	} else {
		memcpy(text, prefix, p);
	}
	if (len > p) {
		memcpy(text + p, line, len - p - 1 < n ? len - p - 1 : n);
		text[len - 1] = '\n';
	}
}

/* Store text as records, one per line (split: look for "\n" inside, else
 * only at the end), with one timestamp, and write them out. */
static void log_lines(int level, const char *line, const char *end, bool split)
{
	unsigned long flags;
	char prefix[24] __attribute__((aligned(4)));
	u32 prefix_len;
	bool locked;
	u64 ts;

	locked = log_lock(&flags);
	ts = local_clock(); /* under the lock: timestamps in the buffer never go back */
	prefix_len = format_time(prefix, ts);
	/* One record per line; a trailing newline ends the last one. */
	while (line < end) {
		const char *nl = split ? memchr(line, '\n', (size_t)(end - line))
				       : end[-1] == '\n' ? end - 1 : NULL;
		u32 n = nl ? (u32)(nl - line) : (u32)(end - line);

		store_line(ts, level, prefix, prefix_len, line, n);
		line += n + (nl ? 1 : 0);
	}
	if (locked)
		console_flush(); /* else: inside a console driver; the outer printk writes it */
	log_unlock(locked, flags);
}

int vprintk(const char *fmt, va_list args)
{
	char text[LOG_LINE_MAX];
	int level, len = vscnprintf(text, sizeof(text), fmt, args);
	const char *line = parse_level(text, &level);

	log_lines(level, line, text + len, true);
	return len;
}

void printk_line(int level, const char *text, unsigned int len)
{
	log_lines(level, text, text + len, false);
}

int printk(const char *fmt, ...)
{
	va_list args;
	int n;

	va_start(args, fmt);
	n = vprintk(fmt, args);
	va_end(args);
	return n;
}
EXPORT_SYMBOL(printk);

static struct console *first_boot_console(void)
{
	for (struct console *con = console_list; con; con = con->next)
		if (con->flags & CON_BOOT)
			return con;
	return NULL;
}

static void console_unlink(struct console *con)
{
	for (struct console **p = &console_list; *p; p = &(*p)->next) {
		if (*p == con) {
			*p = con->next;
			con->flags &= ~CON_ENABLED;
			return;
		}
	}
}

/* Line buffers for consoles, in .bss rather than in every console's .data. */
#define MAX_CONSOLES 4
static char console_lines[MAX_CONSOLES][CONSOLE_LINE_MAX] __attribute__((aligned(8)));
static unsigned int console_lines_used;

static void console_link(struct console *con, const struct logbuf_cursor *cursor)
{
	if (!con->line)
		con->line = console_lines[console_lines_used++ % MAX_CONSOLES];
	con->seq = cursor->seq;
	con->pos = cursor->pos;
	con->line_len = con->line_pos = 0;
	con->flags |= CON_ENABLED;
	con->next = console_list;
	console_list = con;
}

static void announce(const char *what, const struct console *con)
{
	pr_info("%sconsole [%s%d] %s\n", (con->flags & CON_BOOT) ? "boot" : "", con->name,
		con->index, what);
}

/*
 * A real console arriving while boot consoles print takes over from them:
 * it starts exactly where they stopped and they go before the announcement,
 * so every line reaches the wire once (Linux prints the hand-over lines on
 * both, which doubles them when both are the same UART). Otherwise a console
 * with CON_PRINTBUFFER replays the whole log buffer.
 */
void register_console(struct console *con)
{
	struct console *retired[4];
	unsigned int nr_retired = 0;
	struct logbuf_cursor cursor;
	unsigned long flags;
	bool locked = log_lock(&flags);
	struct console *boot = (con->flags & CON_BOOT) ? NULL : first_boot_console();

	console_flush();
	if (boot) {
		/* the boot console is synchronous and flushed: nothing half-sent */
		cursor.seq = boot->seq;
		cursor.pos = boot->pos;
		while ((boot = first_boot_console()) && nr_retired < ARRAY_SIZE(retired)) {
			console_unlink(boot);
			retired[nr_retired++] = boot;
		}
	} else if (con->flags & CON_PRINTBUFFER) {
		logbuf_cursor_oldest(&log_buf, &cursor);
	} else {
		logbuf_cursor_newest(&log_buf, &cursor);
	}
	console_link(con, &cursor);
	log_unlock(locked, flags);

	announce("enabled", con);
	for (unsigned int i = 0; i < nr_retired; i++)
		announce("disabled", retired[i]);
}

const char *console_preferred_options(const char *name, int index)
{
	for (int i = 0; i < nr_preferred; i++)
		if (!strcmp(preferred[i].name, name) && preferred[i].index == index)
			return preferred[i].options;
	return NULL;
}

/* console=ttyS0,115200n8: remember which console the user wants. */
static int __init console_setup(char *value)
{
	char *comma, *digits;

	if (!value || !*value)
		return -EINVAL;
	if (nr_preferred == MAX_PREFERRED) {
		pr_warn("console=%s: only %d console= options are kept; this one is ignored\n", value,
			MAX_PREFERRED);
		return 0;
	}
	comma = strchr(value, ',');
	if (comma)
		*comma = '\0';
	for (digits = value; *digits && (*digits < '0' || *digits > '9'); digits++)
		;
	strlcpy(preferred[nr_preferred].options, comma ? comma + 1 : "",
		sizeof(preferred[0].options));
	preferred[nr_preferred].index = 0;
	for (char *d = digits; *d >= '0' && *d <= '9'; d++)
		preferred[nr_preferred].index = preferred[nr_preferred].index * 10 + (*d - '0');
	*digits = '\0';
	strlcpy(preferred[nr_preferred].name, value, sizeof(preferred[0].name));
	nr_preferred++;
	return 0;
}
__setup("console", console_setup);

static int __init loglevel_setup(char *value)
{
	long level;

	if (param_parse_int(value, &level) || level < 0)
		return -EINVAL;
	console_loglevel = (int)level;
	return 0;
}
early_param("loglevel", loglevel_setup);

static int __init quiet_setup(char *value)
{
	(void)value;
	console_loglevel = CONSOLE_LOGLEVEL_QUIET;
	return 0;
}
early_param("quiet", quiet_setup);

static int __init debug_setup(char *value)
{
	(void)value;
	console_loglevel = CONSOLE_LOGLEVEL_DEBUG;
	return 0;
}
early_param("debug", debug_setup);

static int __init ignore_loglevel_setup(char *value)
{
	(void)value;
	ignore_loglevel = true;
	pr_info("debug: ignoring loglevel setting.\n");
	return 0;
}
early_param("ignore_loglevel", ignore_loglevel_setup);

early_param_flag("printk.time", printk_time);
