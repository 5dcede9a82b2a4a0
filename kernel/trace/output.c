/* The text Linux's tracing files show, for this kernel's records: the trace
 * file of Linux 6.1 (tracer nop, five flag columns), ftrace_dump()'s latency
 * lines, available_events and set_event. Pure code: host-tested against
 * hand-checked text. */
#include <kernel/sprintf.h>
#include <kernel/string.h>
#include <kernel/math64.h>
#include <kernel/trace.h>

#define LINE_MAX 512

static const char *const header[] = {
	"#                                _-----=> irqs-off/BH-disabled",
	"#                               / _----=> need-resched",
	"#                              | / _---=> hardirq/softirq",
	"#                              || / _--=> preempt-depth",
	"#                              ||| / _-=> migrate-disable",
	"#                              |||| /     delay",
	"#           TASK-PID     CPU#  |||||  TIMESTAMP  FUNCTION",
	"#              | |         |   |||||     |         |",
};

/* ftrace names PID 0 "<idle>"; PID 1 is "swapper/0" until it runs its program. */
static const char *comm_of(const struct trace_view *view, const struct trace_record *rec)
{
	if (!rec->pid)
		return "<idle>";
	if ((rec->flags & TRACE_FLAG_INIT_EXECED) && view->init_comm)
		return view->init_comm;
	return "swapper/0";
}

/* irqs-off, need-resched, hardirq/softirq, preempt-depth, migrate-disable */
static void flags_of(const struct trace_record *rec, char out[6])
{
	out[0] = rec->flags & TRACE_FLAG_IRQS_OFF ? 'd' : '.';
	out[1] = '.';
	out[2] = rec->flags & TRACE_FLAG_HARDIRQ ? 'h' : '.';
	out[3] = '.';
	out[4] = '.';
	out[5] = '\0';
}

int trace_format_event(char *buf, size_t size, const struct trace_event *ev,
		       const struct trace_record *rec)
{
	size_t n = 0;

	if (!size)
		return 0;
	/* "name: " then the event's text, cut as scnprintf would cut it */
	for (const char *s = ev->name; *s && n + 1 < size; s++)
		buf[n++] = *s;
	for (const char *s = ": "; *s && n + 1 < size; s++)
		buf[n++] = *s;
	buf[n] = '\0';
	ev->print(buf + n, size - n, rec->arg);
	return (int)(n + strlen(buf + n));
}

/* The record line's fixed fields, formatted by hand: cat trace formats
 * thousands of these, and vsnprintf would cost as much again. */
static char *put_number(char *p, unsigned long v, int width, char pad)
{
	char digits[12];
	int n = 0;

	do {
		digits[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	for (; width > n; width--)
		*p++ = pad;
	while (n)
		*p++ = digits[--n];
	return p;
}

static char *put_text(char *p, const char *s, int width, bool left)
{
	int len = (int)strnlen(s, 64);

	for (int i = len; !left && i < width; i++)
		*p++ = ' ';
	memcpy(p, s, (size_t)len);
	p += len;
	for (int i = len; left && i < width; i++)
		*p++ = ' ';
	return p;
}

/* Linux's ns2usecs(): rounded to the nearest microsecond. */
static u64 ns2usecs(u64 ns)
{
	return div_u64(ns + 500, 1000);
}

static const struct trace_event *event_of(const struct trace_view *view,
					  const struct trace_record *rec)
{
	return rec->event < view->nr_events ? &view->events[rec->event] : NULL;
}

static void format_text(char *buf, size_t size, const struct trace_view *view,
			const struct trace_record *rec)
{
	const struct trace_event *ev = event_of(view, rec);

	if (ev)
		trace_format_event(buf, size, ev, rec);
	else
		scnprintf(buf, size, "Unknown type %u", rec->event);
}

void trace_render(const struct trace_view *view, trace_emit_t emit, void *ctx)
{
	char line[LINE_MAX], flags[6];
	u32 entries = 0, written = 0;
	const struct trace_record *rec;
	struct trace_iter it;
	unsigned int cpu;

	for (unsigned int i = 0; i < view->nr_cpus; i++) {
		entries += trace_ring_entries(&view->rings[i]);
		written += trace_ring_written(&view->rings[i]);
	}
	emit("# tracer: nop", ctx);
	emit("#", ctx);
	scnprintf(line, sizeof(line), "# entries-in-buffer/entries-written: %u/%u   #P:%u", entries,
		  written, view->nr_cpus);
	emit(line, ctx);
	emit("#", ctx);
	for (unsigned int i = 0; i < ARRAY_SIZE(header); i++)
		emit(header[i], ctx);

	trace_iter_start(&it, view->rings, view->nr_cpus);
	while ((rec = trace_iter_next(&it, &cpu))) {
		unsigned long usecs = (unsigned long)ns2usecs(view->ts_to_ns(rec->ts));

		char pid[12], *p = line;

		/* "%16s-%-7u [%03u] %s %5lu.%06lu: %s" */
		flags_of(rec, flags);
		p = put_text(p, comm_of(view, rec), 16, false);
		*p++ = '-';
		*put_number(pid, rec->pid, 0, ' ') = '\0';
		p = put_text(p, pid, 7, true);
		*p++ = ' ';
		*p++ = '[';
		p = put_number(p, cpu % 1000, 3, '0');
		*p++ = ']';
		*p++ = ' ';
		p = put_text(p, flags, 0, false);
		*p++ = ' ';
		p = put_number(p, usecs / 1000000, 5, ' ');
		*p++ = '.';
		p = put_number(p, usecs % 1000000, 6, '0');
		*p++ = ':';
		*p++ = ' ';
		format_text(p, sizeof(line) - (size_t)(p - line), view, rec);
		emit(line, ctx);
	}
}

void trace_render_dump(const struct trace_view *view, trace_emit_t emit, void *ctx)
{
	char line[LINE_MAX], text[LINE_MAX - 64], flags[6];
	const struct trace_record *rec;
	struct trace_iter it;
	unsigned int cpu;

	trace_iter_start(&it, view->rings, view->nr_cpus);
	while ((rec = trace_iter_next(&it, &cpu))) {
		flags_of(rec, flags);
		format_text(text, sizeof(text), view, rec);
		scnprintf(line, sizeof(line), "%8.8s-%-7u %3u%s %4lluus : %s", comm_of(view, rec),
			  rec->pid, cpu, flags, ns2usecs(view->ts_to_ns(rec->ts)), text);
		emit(line, ctx);
	}
}

/* Linux lists the most recently registered event first. */
void trace_render_available_events(const struct trace_view *view, trace_emit_t emit, void *ctx)
{
	char line[128];

	for (unsigned int i = view->nr_events; i-- > 0;) {
		scnprintf(line, sizeof(line), "%s:%s", view->events[i].system, view->events[i].name);
		emit(line, ctx);
	}
}

void trace_render_set_event(const struct trace_view *view, trace_emit_t emit, void *ctx)
{
	char line[128];

	for (unsigned int i = view->nr_events; i-- > 0;) {
		if (!view->events[i].enabled)
			continue;
		scnprintf(line, sizeof(line), "%s:%s", view->events[i].system, view->events[i].name);
		emit(line, ctx);
	}
}
