/* The tracing files (tracefs, also under debugfs as tracing/), in Linux 6.1's
 * text: trace, available_events, set_event, tracing_on, buffer_size_kb,
 * buffer_total_size_kb, and events/ with one directory per system and event
 * (enable, format, id). Writes take effect on every CPU: flags are read by
 * each recording CPU, and buffer changes run on every CPU (trace.c). */
#include <kernel/errno.h>
#include <kernel/fs.h>
#include <kernel/params.h>
#include <kernel/printk.h>
#include <kernel/slab.h>
#include <kernel/smp.h>
#include <kernel/string.h>
#include <kernel/trace.h>

static void emit_seq(const char *line, void *ctx)
{
	seq_puts(ctx, line);
	seq_puts(ctx, "\n");
}

/* A written value as one word: "1\n" -> "1"; words longer than size-1 are refused. */
static int first_word(const char *buf, size_t len, char *word, size_t size)
{
	size_t start = 0, end;

	while (start < len && (buf[start] == ' ' || buf[start] == '\t' || buf[start] == '\n'))
		start++;
	end = start;
	while (end < len && buf[end] != ' ' && buf[end] != '\t' && buf[end] != '\n')
		end++;
	if (end - start >= size)
		return -EINVAL;
	memcpy(word, buf + start, end - start);
	word[end - start] = '\0';
	return 0;
}

static int write_bool(const char *buf, size_t len, bool *out)
{
	char word[8];
	long v;

	if (first_word(buf, len, word, sizeof(word)) || param_parse_int(word, &v) || (v != 0 && v != 1))
		return -EINVAL;
	*out = v;
	return 0;
}

/* --- trace -------------------------------------------------------------------- */

static void show_trace(struct seq_buf *m, void *data)
{
	struct trace_view view;

	(void)data;
	if (trace_snapshot(&view))
		return;
	trace_render(&view, emit_seq, m);
	trace_snapshot_free(&view);
}

static int open_trace(void *data, int flags)
{
	(void)data;
	if (flags & O_TRUNC)
		trace_clear();
	return 0;
}

static int write_ignored(void *data, const char *buf, size_t len)
{
	(void)data;
	(void)buf;
	(void)len;
	return 0;
}

static const struct file_operations trace_fops = {
	.show = show_trace, .open_write = open_trace, .write = write_ignored,
};
PSEUDO_FILE("tracefs", tracing_trace, "trace", 0644, &trace_fops, NULL);

/* --- available_events, set_event ------------------------------------------------ */

static void show_available_events(struct seq_buf *m, void *data)
{
	struct trace_view view;

	(void)data;
	trace_view_of(&view);
	trace_render_available_events(&view, emit_seq, m);
}
static const struct file_operations available_events_fops = { .show = show_available_events };
PSEUDO_FILE("tracefs", tracing_available_events, "available_events", 0444, &available_events_fops,
	    NULL);

static void show_set_event(struct seq_buf *m, void *data)
{
	struct trace_view view;

	(void)data;
	trace_view_of(&view);
	trace_render_set_event(&view, emit_seq, m);
}

/* "> set_event" starts from nothing enabled; ">>" adds to what is. */
static int open_set_event(void *data, int flags)
{
	(void)data;
	if (flags & O_TRUNC)
		trace_set_matching("*:*", false);
	return 0;
}

/* Each word enables what it names, "!word" disables it (Linux's syntax). */
static int write_set_event(void *data, const char *buf, size_t len)
{
	size_t pos = 0;

	(void)data;
	while (pos < len) {
		char word[128];
		size_t start;

		while (pos < len && (buf[pos] == ' ' || buf[pos] == '\t' || buf[pos] == '\n'))
			pos++;
		start = pos;
		while (pos < len && buf[pos] != ' ' && buf[pos] != '\t' && buf[pos] != '\n')
			pos++;
		if (pos == start)
			break;
		if (pos - start >= sizeof(word))
			return -EINVAL;
		memcpy(word, buf + start, pos - start);
		word[pos - start] = '\0';
		if (word[0] == '!' ? !trace_set_matching(word + 1, false) : !trace_set_matching(word, true))
			return -EINVAL;
	}
	return 0;
}

static const struct file_operations set_event_fops = {
	.show = show_set_event, .open_write = open_set_event, .write = write_set_event,
};
PSEUDO_FILE("tracefs", tracing_set_event, "set_event", 0644, &set_event_fops, NULL);

/* --- tracing_on, buffer sizes ----------------------------------------------------- */

static void show_tracing_on(struct seq_buf *m, void *data)
{
	(void)data;
	seq_printf(m, "%d\n", tracing_on ? 1 : 0);
}

static int write_tracing_on(void *data, const char *buf, size_t len)
{
	bool on;

	(void)data;
	if (write_bool(buf, len, &on))
		return -EINVAL;
	tracing_on = on;
	return 0;
}

static const struct file_operations tracing_on_fops = {
	.show = show_tracing_on, .write = write_tracing_on,
};
PSEUDO_FILE("tracefs", tracing_tracing_on, "tracing_on", 0644, &tracing_on_fops, NULL);

static u32 buffer_kb(void)
{
	return (trace_buffer_records() * (u32)sizeof(struct trace_record) + 1023) / 1024;
}

static void show_buffer_size(struct seq_buf *m, void *data)
{
	(void)data;
	seq_printf(m, "%u\n", buffer_kb());
}

/* Per-CPU kilobytes; rounded to whole records, clamped to what the pool holds. */
static int write_buffer_size(void *data, const char *buf, size_t len)
{
	char word[16];
	unsigned long kb;

	(void)data;
	if (first_word(buf, len, word, sizeof(word)) || param_parse_ulong(word, &kb) || kb > (1u << 20))
		return -EINVAL;
	trace_resize((u32)(kb * 1024 / sizeof(struct trace_record)));
	return 0;
}

static const struct file_operations buffer_size_fops = {
	.show = show_buffer_size, .write = write_buffer_size,
};
PSEUDO_FILE("tracefs", tracing_buffer_size_kb, "buffer_size_kb", 0644, &buffer_size_fops, NULL);

static void show_buffer_total(struct seq_buf *m, void *data)
{
	(void)data;
	seq_printf(m, "%u\n", buffer_kb() * num_online_cpus());
}
static const struct file_operations buffer_total_fops = { .show = show_buffer_total };
PSEUDO_FILE("tracefs", tracing_buffer_total_size_kb, "buffer_total_size_kb", 0444,
	    &buffer_total_fops, NULL);

/* --- events/ ------------------------------------------------------------------------ */

/* data: an event, a system name (events/<system>/enable) or NULL (events/enable). */
struct enable_target {
	const struct trace_event *event;
	const char *system;
};

static bool targets(const struct enable_target *t, const struct trace_event *ev)
{
	return t->event ? t->event == ev : !t->system || !strcmp(t->system, ev->system);
}

/* "0", "1", or "X" when the events it covers differ. */
static void show_enable(struct seq_buf *m, void *data)
{
	bool any_on = false, any_off = false;

	ll_foreach(trace_events, ev)
		if (targets(data, ev)) {
			any_on |= ev->enabled;
			any_off |= !ev->enabled;
		}
	seq_puts(m, any_on && any_off ? "X\n" : any_on ? "1\n" : "0\n");
}

static int write_enable(void *data, const char *buf, size_t len)
{
	bool on;

	if (write_bool(buf, len, &on))
		return -EINVAL;
	ll_foreach(trace_events, ev)
		if (targets(data, ev))
			ev->enabled = on;
	return 0;
}

static const struct file_operations enable_fops = { .show = show_enable, .write = write_enable };
static const struct enable_target all_events;
PSEUDO_FILE("tracefs", tracing_events_enable, "events/enable", 0644, &enable_fops,
	    (void *)&all_events);

static void show_format(struct seq_buf *m, void *data)
{
	const struct enable_target *t = data;
	const struct trace_event *ev = t->event;

	seq_printf(m, "name: %s\nID: %u\nformat:\n", ev->name, trace_event_id(ev));
	seq_puts(m, "\tfield:unsigned short common_type;\toffset:0;\tsize:2;\tsigned:0;\n"
		    "\tfield:unsigned char common_flags;\toffset:2;\tsize:1;\tsigned:0;\n"
		    "\tfield:unsigned char common_preempt_count;\toffset:3;\tsize:1;\tsigned:0;\n"
		    "\tfield:int common_pid;\toffset:4;\tsize:4;\tsigned:1;\n\n");
	if (ev->fields)
		seq_printf(m, "%s\n", ev->fields);
	seq_printf(m, "print fmt: %s\n", ev->print_fmt ? ev->print_fmt : "\"\"");
}
static const struct file_operations format_fops = { .show = show_format };

static void show_id(struct seq_buf *m, void *data)
{
	const struct enable_target *t = data;

	seq_printf(m, "%u\n", trace_event_id(t->event));
}
static const struct file_operations id_fops = { .show = show_id };

/* Event filters are not implemented: the file is there and says so, as Linux's does with none set. */
static void show_filter(struct seq_buf *m, void *data)
{
	(void)data;
	seq_puts(m, "none\n");
}

static int write_filter(void *data, const char *buf, size_t len)
{
	(void)data;
	(void)buf;
	return len && buf[0] != '0' && buf[0] != '\n' ? -EINVAL : 0;
}
static const struct file_operations filter_fops = { .show = show_filter, .write = write_filter };

/* One directory per system and per event, in Linux's (reverse) order. */
void tracefs_fill_events(struct inode *root)
{
	struct inode *events;
	unsigned int n = ll_count(trace_events);
	struct trace_event *first = ll_start(trace_events);

	if (vfs_lookup_in(root, "events", &events))
		return;
	for (unsigned int i = n; i-- > 0;) {
		struct trace_event *ev = &first[i];
		struct enable_target *t = kzalloc(sizeof(*t) * 2);
		struct inode *sys, *dir;

		if (!t)
			return;
		t[0].event = ev;
		t[1].system = ev->system;
		if (vfs_lookup_in(events, ev->system, &sys)) {
			sys = pseudo_mkdir(events, ev->system);
			if (!sys)
				return;
			pseudo_create(sys, "enable", 0644, &enable_fops, &t[1]);
			pseudo_create(sys, "filter", 0644, &filter_fops, NULL);
		}
		dir = pseudo_mkdir(sys, ev->name);
		if (!dir) {
			kfree(t);
			return;
		}
		dir->data = (char *)t; /* freed with the directory (umount) */
		pseudo_create(dir, "enable", 0644, &enable_fops, &t[0]);
		pseudo_create(dir, "filter", 0644, &filter_fops, NULL);
		pseudo_create(dir, "format", 0444, &format_fops, &t[0]);
		pseudo_create(dir, "id", 0444, &id_fops, &t[0]);
	}
}

/* --- trace_show=: the same files, printed at the end of the boot ------------------- */

static const struct pseudo_file *tracing_file(const char *name)
{
	ll_foreach(pseudo_files, pf)
		if (!strcmp(pf->fs, "tracefs") && !strcmp(pf->path, name))
			return pf;
	return NULL;
}

void trace_show_at_end(void)
{
	char list[sizeof(trace_show_list)], *name, *next;

	strlcpy(list, trace_show_list, sizeof(list));
	for (name = list; name && *name; name = next) {
		const struct pseudo_file *pf;
		struct seq_buf m = { 0 };

		next = strchr(name, ',');
		if (next)
			*next++ = '\0';
		printk("==> /sys/kernel/debug/tracing/%s <==\n", name);
		pf = tracing_file(name);
		if (!pf || !pf->fops->show) {
			printk("trace_show: no tracing file named %s\n", name);
			continue;
		}
		pf->fops->show(&m, pf->data);
		for (size_t pos = 0; pos < m.len;) {
			const char *nl = memchr(m.buf + pos, '\n', m.len - pos);
			size_t len = nl ? (size_t)(nl - (m.buf + pos)) : m.len - pos;

			printk("%.*s\n", (int)len, m.buf + pos);
			pos += len + 1;
		}
		kfree(m.buf);
	}
}
