/* The log ring buffer behind printk: variable-length records, each with a
 * sequence number, timestamp and level; the oldest are overwritten when full.
 * Readers keep a cursor and learn how many records they missed. Pure code. */
#ifndef KERNEL_LOGBUF_H
#define KERNEL_LOGBUF_H

#include <kernel/types.h>

struct log_record {
	u64 ts_nsec;
	u32 seq;
	u16 text_len;
	u8 level;
	u8 prefix_len; /* of the text, bytes its writer marked as a prefix (printk: the time) */
	/* text_len bytes of text follow, not NUL-terminated */
};

struct logbuf {
	u8 *data;
	u32 size;      /* bytes, a multiple of 8 */
	u32 head;      /* where the next record goes */
	u32 tail;      /* the oldest record */
	u32 first_seq; /* sequence number of the record at tail */
	u32 next_seq;  /* sequence number the next record gets */
};

struct logbuf_cursor {
	u32 seq;
	u32 pos;
};

/* mem must be 8-byte aligned; size is rounded down to a multiple of 8. */
void logbuf_init(struct logbuf *lb, void *mem, u32 size);
/* Store a record; text longer than the buffer can hold is cut. Returns its seq. */
u32 logbuf_store(struct logbuf *lb, u64 ts_nsec, int level, const char *text, u32 len);
/* Make the next record, *len bytes of text (cut to what the buffer holds),
 * and return where its text goes: the caller writes it before anything else
 * touches the buffer. prefix_len is kept in the record. */
char *logbuf_reserve(struct logbuf *lb, u64 ts_nsec, int level, u32 *len, u32 prefix_len);
/* A cursor at the oldest record still held. */
void logbuf_cursor_oldest(const struct logbuf *lb, struct logbuf_cursor *c);
/* A cursor after the newest record. */
void logbuf_cursor_newest(const struct logbuf *lb, struct logbuf_cursor *c);
/* Read the record at *c and advance. Returns false when there is none yet.
 * *dropped is set to how many records were overwritten before this reader saw them. */
bool logbuf_read(const struct logbuf *lb, struct logbuf_cursor *c, struct log_record *rec,
		 const char **text, u32 *dropped);

#endif
