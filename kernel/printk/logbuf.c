/* The log ring buffer (see include/kernel/logbuf.h). Records are laid out
 * back to back from tail to head; a record never straddles the end of the
 * buffer: when one does not fit, a wrap marker (or too little room for a
 * header) sends readers and writers back to offset 0. */
#include <kernel/logbuf.h>
#include <kernel/string.h>

#define HDR_SIZE ((u32)sizeof(struct log_record))
#define WRAP_MARK 0xffff

static u32 record_size(u32 text_len)
{
	return (HDR_SIZE + text_len + 7) & ~7u;
}

static bool is_empty(const struct logbuf *lb)
{
	return lb->first_seq == lb->next_seq;
}

/* Records start 8-byte aligned (record_size): a plain structure copy. */
static void read_header(const struct logbuf *lb, u32 pos, struct log_record *rec)
{
	*rec = *(const struct log_record *)(const void *)(lb->data + pos);
}

/* Offset of the record at pos, following a wrap marker or a too-short tail end. */
static u32 resolve(const struct logbuf *lb, u32 pos)
{
	struct log_record rec;

	if (pos + HDR_SIZE > lb->size)
		return 0;
	read_header(lb, pos, &rec);
	return rec.text_len == WRAP_MARK ? 0 : pos;
}

static void drop_oldest(struct logbuf *lb)
{
	struct log_record rec;

	lb->tail = resolve(lb, lb->tail);
	read_header(lb, lb->tail, &rec);
	lb->tail += record_size(rec.text_len);
	lb->first_seq++;
	if (!is_empty(lb))
		lb->tail = resolve(lb, lb->tail);
}

void logbuf_init(struct logbuf *lb, void *mem, u32 size)
{
	lb->data = mem;
	lb->size = size & ~7u;
	lb->head = lb->tail = 0;
	lb->first_seq = lb->next_seq = 0;
}

/* Make [head, head + need) free, wrapping head to 0 when the end is too short. */
static void make_room(struct logbuf *lb, u32 need)
{
	if (lb->head + need > lb->size) {
		/* Records between head and the end are older than everything before head. */
		while (!is_empty(lb) && lb->tail >= lb->head)
			drop_oldest(lb);
		if (lb->head + HDR_SIZE <= lb->size) {
			struct log_record mark = { .text_len = WRAP_MARK };

			memcpy(lb->data + lb->head, &mark, HDR_SIZE);
		}
		lb->head = 0;
	}
	while (!is_empty(lb) && lb->tail >= lb->head && lb->tail - lb->head < need)
		drop_oldest(lb);
	/* Emptied (possibly after a wrap): the record about to go at head is the oldest. */
	if (is_empty(lb))
		lb->tail = lb->head;
}

char *logbuf_reserve(struct logbuf *lb, u64 ts_nsec, int level, u32 *len, u32 prefix_len)
{
	struct log_record rec;
	u32 max_text = lb->size - HDR_SIZE;
	char *text;

	if (*len > max_text)
		*len = max_text;
	if (*len >= WRAP_MARK)
		*len = WRAP_MARK - 1;
	make_room(lb, record_size(*len));
	rec.ts_nsec = ts_nsec;
	rec.seq = lb->next_seq++;
	rec.text_len = (u16)*len;
	rec.level = (u8)level;
	rec.prefix_len = (u8)(prefix_len < *len ? prefix_len : *len);
	*(struct log_record *)(void *)(lb->data + lb->head) = rec;
	text = (char *)lb->data + lb->head + HDR_SIZE;
	lb->head += record_size(*len);
	return text;
}

u32 logbuf_store(struct logbuf *lb, u64 ts_nsec, int level, const char *text, u32 len)
{
	char *dest = logbuf_reserve(lb, ts_nsec, level, &len, 0); /* len: what fits */

	memcpy(dest, text, len);
	return lb->next_seq - 1;
}

void logbuf_cursor_oldest(const struct logbuf *lb, struct logbuf_cursor *c)
{
	c->seq = lb->first_seq;
	c->pos = lb->tail;
}

void logbuf_cursor_newest(const struct logbuf *lb, struct logbuf_cursor *c)
{
	c->seq = lb->next_seq;
	c->pos = lb->head;
}

/*
 * Where the record at the cursor is. A cursor left where the writer wrapped
 * points at a wrap marker, which records written since may have overwritten;
 * its record is then the one at offset 0, which says so by its sequence number.
 */
static u32 cursor_position(const struct logbuf *lb, const struct logbuf_cursor *c)
{
	struct log_record first;

	read_header(lb, 0, &first);
	if (first.seq == c->seq)
		return 0;
	return resolve(lb, c->pos);
}

bool logbuf_read(const struct logbuf *lb, struct logbuf_cursor *c, struct log_record *rec,
		 const char **text, u32 *dropped)
{
	*dropped = 0;
	if ((s32)(c->seq - lb->first_seq) < 0) {
		*dropped = lb->first_seq - c->seq;
		logbuf_cursor_oldest(lb, c);
	}
	if (c->seq == lb->next_seq)
		return false;

	/* the record is where the cursor says (its sequence number tells), or
	 * past a wrap */
	if (c->pos + HDR_SIZE > lb->size || (read_header(lb, c->pos, rec), rec->seq != c->seq) ||
	    rec->text_len == WRAP_MARK) {
		c->pos = cursor_position(lb, c);
		read_header(lb, c->pos, rec);
	}
	*text = (const char *)lb->data + c->pos + HDR_SIZE;
	c->pos += record_size(rec->text_len);
	c->seq++;
	return true;
}
