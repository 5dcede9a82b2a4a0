/* Trace events: cheap records of what happened, kept in a per-CPU ring
 * buffer and shown later in the text of Linux's tracing/trace file.
 *
 * An event is one declaration where it fires:
 *
 *   static void print_initcall_start(char *buf, size_t size, const unsigned long *arg)
 *   {
 *           scnprintf(buf, size, "func=%pS", (void *)arg[0]);
 *   }
 *   DEFINE_TRACE_EVENT(initcall, initcall_start, print_initcall_start);
 *   ...
 *   trace_event(initcall_start, (unsigned long)fn, 0);
 *
 * A disabled event costs one load and one predictable branch. Events are
 * enabled at boot with trace_event=system:event,... (Linux's syntax). */
#ifndef KERNEL_TRACE_H
#define KERNEL_TRACE_H

#include <asm/cpu.h>
#include <kernel/compiler.h>
#include <kernel/linker_lists.h>
#include <kernel/types.h>

#define TRACE_ARGS 2

/* Record flags, shown in the trace's flags column. */
#define TRACE_FLAG_IRQS_OFF 0x01 /* 'd' */
#define TRACE_FLAG_HARDIRQ 0x02  /* 'h' */
#define TRACE_FLAG_INIT_EXECED 0x80 /* PID 1 runs its program: its name is view->init_comm */

struct trace_record {
	u64 ts;       /* counter ticks (kernel) or nanoseconds, see struct trace_view */
	u32 pid;
	u16 event;    /* index into the event table */
	u8 flags;
	u8 reserved;
	unsigned long arg[TRACE_ARGS];
};

struct trace_event {
	const char *system;
	const char *name;
	void (*print)(char *buf, size_t size, const unsigned long *arg);
	/* For tracing/events/<system>/<event>/format: the event's own field
	 * lines and its print fmt line, in Linux's text (NULL: none). */
	const char *fields;
	const char *print_fmt;
	bool enabled;
};

/* Every event, in link order (written to: the enabled flag). */
LL_LIST(trace_events, data, struct trace_event);

#define DEFINE_TRACE_EVENT(sys, ev, printer)                                                   \
	LL_ENTRY(trace_events, data, ev) = { .system = #sys, .name = #ev, .print = printer }
/* The same, with the text of its format file's fields and print fmt. */
#define DEFINE_TRACE_EVENT_FORMAT(sys, ev, printer, field_lines, fmt)                         \
	LL_ENTRY(trace_events, data, ev) = { .system = #sys, .name = #ev, .print = printer,    \
					     .fields = field_lines, .print_fmt = fmt }

/* The event's own struct trace_event. */
#define trace_event_of(ev) ll_entry(trace_events, ev)

#define trace_event(ev, a0, a1)                                                                \
	do {                                                                                   \
		if (unlikely(trace_event_of(ev).enabled))                                      \
			trace_record(&trace_event_of(ev), (a0), (a1));                         \
	} while (0)

/* Store one record on this CPU (an interrupt may nest, nothing locks). */
void trace_record(struct trace_event *ev, unsigned long a0, unsigned long a1);

/* --- The per-CPU ring buffer (kernel/trace/ring.c, pure code) ---------------- */

struct trace_ring {
	struct trace_record *rec;
	u32 size;          /* records it holds */
	volatile u32 head; /* records ever written; the newest is at (head - 1) % size */
	volatile u32 committed; /* records complete: a reader copies only those */
	u32 earlier;       /* records written before these (a reader's copy) */
};

/* Take the next slot; the oldest record is overwritten when full. */
struct trace_record *trace_ring_reserve(struct trace_ring *ring);
u32 trace_ring_entries(const struct trace_ring *ring);  /* records held now */
u32 trace_ring_written(const struct trace_ring *ring);  /* records ever written */

/* Walk several rings merged in timestamp order (ties: lower CPU first). */
#define TRACE_MAX_CPUS NR_CPUS
struct trace_iter {
	const struct trace_ring *rings;
	unsigned int nr_rings;
	u32 next[TRACE_MAX_CPUS]; /* per ring: index of its next record */
};
void trace_iter_start(struct trace_iter *it, const struct trace_ring *rings, unsigned int nr);
/* The next record and its CPU, or NULL at the end. */
const struct trace_record *trace_iter_next(struct trace_iter *it, unsigned int *cpu);

/* --- Rendering (kernel/trace/output.c, pure code) ----------------------------- */

struct trace_view {
	const struct trace_ring *rings;
	unsigned int nr_cpus;          /* #P */
	const struct trace_event *events;
	unsigned int nr_events;
	u64 (*ts_to_ns)(u64 ts);       /* record timestamp -> ns since boot */
	const char *init_comm;         /* PID 1's name once it runs its program ("sh") */
};

/* Called once per output line (no newline). */
typedef void (*trace_emit_t)(const char *line, void *ctx);

/* The text of tracing/trace (Linux 6.1's format, tracer nop): header, then the records. */
void trace_render(const struct trace_view *view, trace_emit_t emit, void *ctx);
/* ftrace_dump()'s lines (latency format), between its separator lines. */
void trace_render_dump(const struct trace_view *view, trace_emit_t emit, void *ctx);
/* One record as "event: text" (what tp_printk prints). */
int trace_format_event(char *buf, size_t size, const struct trace_event *ev,
		       const struct trace_record *rec);
/* tracing/available_events and tracing/set_event. */
void trace_render_available_events(const struct trace_view *view, trace_emit_t emit, void *ctx);
void trace_render_set_event(const struct trace_view *view, trace_emit_t emit, void *ctx);

/* Boot steps (kernel/trace/trace.c). */
void trace_init(void);           /* size the buffers, enable trace_event= events */
void trace_show_at_end(void);    /* trace_show=...: print the chosen files (trace_files.c) */
extern char trace_show_list[64]; /* trace_show='s list */
void trace_dump_on_oops(void);   /* ftrace_dump_on_oops: the buffer on a panic */

/* --- The tracing files' view of the buffers (kernel/trace/trace.c) ------------ */

void trace_view_of(struct trace_view *view);
/* Empty every CPU's buffer ("echo > trace"). */
void trace_clear(void);
/* Records per CPU now; resize (clears the buffers, clamps to what there is). */
u32 trace_buffer_records(void);
/* A consistent copy of every CPU's records for reading (cat trace while other
 * CPUs record): view's rings point at the copies. 0 or -ENOMEM. */
int trace_snapshot(struct trace_view *view);
void trace_snapshot_free(struct trace_view *view);
u32 trace_resize(u32 records);
/* tracing_on: records are kept only while true. */
extern volatile bool tracing_on;
/* Enable or disable the events a set_event word names; how many matched. */
int trace_set_matching(const char *spec, bool enable);
/* The event ID tracing/events/.../id and format show (Linux numbers them from 20, last first). */
unsigned int trace_event_id(const struct trace_event *ev);
/* tracefs's events/ directories (kernel/trace/trace_files.c). */
struct inode;
void tracefs_fill_events(struct inode *root);

#endif
