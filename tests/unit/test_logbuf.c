/*
 * Host unit tests for the printk log ring buffer (kernel/printk/logbuf.c).
 *
 * Buffers are small (256 bytes) and allocated to exactly their size, so
 * AddressSanitizer catches any access past the end. Records take
 * 16 bytes of header plus their text, rounded up to 8; a record never
 * straddles the end of the buffer (it goes to offset 0 instead), and the
 * oldest records make room for new ones. The random test checks every read
 * against a reference model that places records by those rules alone.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <kernel/compiler.h>
#include <kernel/logbuf.h>

#define BUF_SIZE 256
#define HEADER 16
#define MAX_TEXT (BUF_SIZE - HEADER)

static u32 record_bytes(u32 text_len)
{
	return (HEADER + text_len + 7) & ~7u;
}

struct test_buffer {
	struct logbuf lb;
	u8 *mem;
};

static void buffer_init(struct test_buffer *t, u32 size)
{
	t->mem = malloc(size);
	assert_non_null(t->mem);
	memset(t->mem, 0xa5, size);
	logbuf_init(&t->lb, t->mem, size);
}

static int setup_buffer(void **state)
{
	struct test_buffer *t = malloc(sizeof(*t));

	assert_non_null(t);
	buffer_init(t, BUF_SIZE);
	*state = t;
	return 0;
}

static int teardown_buffer(void **state)
{
	struct test_buffer *t = *state;

	free(t->mem);
	free(t);
	return 0;
}

static u32 store_text(struct logbuf *lb, const char *text)
{
	return logbuf_store(lb, 1000, 6, text, strlen(text));
}

/* Read one record and check its sequence number, text and drop count. */
static void expect_read(const struct logbuf *lb, struct logbuf_cursor *c, u32 seq,
			const char *text, u32 dropped)
{
	struct log_record rec;
	const char *got;
	u32 got_dropped = 0xbad;

	assert_true(logbuf_read(lb, c, &rec, &got, &got_dropped));
	assert_int_equal(got_dropped, dropped);
	assert_int_equal(rec.seq, seq);
	assert_int_equal(rec.text_len, strlen(text));
	assert_memory_equal(got, text, rec.text_len);
	assert_int_equal(c->seq, seq + 1);
}

static void expect_nothing(const struct logbuf *lb, struct logbuf_cursor *c)
{
	struct log_record rec;
	const char *text;
	u32 dropped = 0xbad;

	assert_false(logbuf_read(lb, c, &rec, &text, &dropped));
	assert_int_equal(dropped, 0);
}

static void test_store_and_read_in_order(void **state)
{
	struct test_buffer *t = *state;
	struct logbuf_cursor c;
	struct log_record rec;
	const char *text;
	u32 dropped;

	logbuf_cursor_oldest(&t->lb, &c);
	expect_nothing(&t->lb, &c);

	assert_int_equal(logbuf_store(&t->lb, 123456789ULL, 3, "first", 5), 0);
	assert_int_equal(logbuf_store(&t->lb, 0xffffffffffULL, 7, "second line", 11), 1);
	assert_int_equal(logbuf_store(&t->lb, 42, 0, "3", 1), 2);

	logbuf_cursor_oldest(&t->lb, &c);
	assert_true(logbuf_read(&t->lb, &c, &rec, &text, &dropped));
	assert_int_equal(dropped, 0);
	assert_int_equal(rec.seq, 0);
	assert_int_equal(rec.ts_nsec, 123456789ULL);
	assert_int_equal(rec.level, 3);
	assert_int_equal(rec.text_len, 5);
	assert_memory_equal(text, "first", 5);

	assert_true(logbuf_read(&t->lb, &c, &rec, &text, &dropped));
	assert_int_equal(rec.seq, 1);
	assert_int_equal(rec.ts_nsec, 0xffffffffffULL);
	assert_int_equal(rec.level, 7);
	assert_int_equal(rec.text_len, 11);
	assert_memory_equal(text, "second line", 11);

	expect_read(&t->lb, &c, 2, "3", 0);
	expect_nothing(&t->lb, &c);
	expect_nothing(&t->lb, &c); /* reading at the end changes nothing */
	assert_int_equal(c.seq, 3);

	/* A second reader has its own cursor. */
	struct logbuf_cursor other;

	logbuf_cursor_oldest(&t->lb, &other);
	expect_read(&t->lb, &other, 0, "first", 0);
}

static void test_size_is_rounded_down_to_8(void **state)
{
	struct test_buffer t;

	(void)state;
	buffer_init(&t, 260);
	assert_int_equal(t.lb.size, 256);
	free(t.mem);
}

static void test_cursor_at_newest_sees_only_later_records(void **state)
{
	struct test_buffer *t = *state;
	struct logbuf_cursor c;

	logbuf_cursor_newest(&t->lb, &c);
	expect_nothing(&t->lb, &c);
	for (int i = 0; i < 5; i++)
		store_text(&t->lb, "old");
	logbuf_cursor_newest(&t->lb, &c);
	expect_nothing(&t->lb, &c);
	assert_int_equal(store_text(&t->lb, "new 1"), 5);
	assert_int_equal(store_text(&t->lb, "new 2"), 6);
	expect_read(&t->lb, &c, 5, "new 1", 0);
	expect_read(&t->lb, &c, 6, "new 2", 0);
	expect_nothing(&t->lb, &c);
}

static void test_zero_length_records(void **state)
{
	struct test_buffer *t = *state;
	struct logbuf_cursor c;

	logbuf_cursor_oldest(&t->lb, &c);
	assert_int_equal(logbuf_store(&t->lb, 1, 4, "", 0), 0);
	store_text(&t->lb, "between");
	assert_int_equal(logbuf_store(&t->lb, 3, 4, "ignored", 0), 2);
	expect_read(&t->lb, &c, 0, "", 0);
	expect_read(&t->lb, &c, 1, "between", 0);
	expect_read(&t->lb, &c, 2, "", 0);
	expect_nothing(&t->lb, &c);
	/* 16 bytes each: exactly 16 of them fill the buffer. */
	for (int i = 0; i < 100; i++)
		logbuf_store(&t->lb, 0, 0, "", 0);
	logbuf_cursor_oldest(&t->lb, &c);
	assert_int_equal(c.seq, 103 - BUF_SIZE / HEADER);
}

/* Many records of varied lengths, read as they come: all there, never a drop. */
static void test_wrap_around_with_a_reader_that_keeps_up(void **state)
{
	struct test_buffer *t = *state;
	struct logbuf_cursor c;
	char text[128];

	logbuf_cursor_oldest(&t->lb, &c);
	for (u32 i = 0; i < 2000; i++) {
		u32 len = (i * 7) % 101;

		for (u32 j = 0; j < len; j++)
			text[j] = (char)('a' + (i + j) % 26);
		text[len] = '\0';
		assert_int_equal(store_text(&t->lb, text), i);
		expect_read(&t->lb, &c, i, text, 0);
		expect_nothing(&t->lb, &c);
	}
}

/* Fixed-size records: 256 / 24 = 10 of them fit, the rest is dropped oldest first. */
static void test_overwrite_oldest_and_dropped_count(void **state)
{
	struct test_buffer *t = *state;
	struct logbuf_cursor lagging, oldest;
	char text[16];

	logbuf_cursor_oldest(&t->lb, &lagging);
	for (int i = 0; i < 25; i++) {
		snprintf(text, sizeof(text), "rec%05d", i); /* 8 characters: 24 bytes a record */
		store_text(&t->lb, text);
	}
	logbuf_cursor_oldest(&t->lb, &oldest);
	assert_int_equal(oldest.seq, 15);

	/* The lagging reader learns it missed 0..14, then reads 15..24 in order. */
	expect_read(&t->lb, &lagging, 15, "rec00015", 15);
	for (int i = 16; i < 25; i++) {
		snprintf(text, sizeof(text), "rec%05d", i);
		expect_read(&t->lb, &lagging, i, text, 0);
	}
	expect_nothing(&t->lb, &lagging);

	/* A reader that has read up to 19, while 25..32 come in: it misses 20..22 exactly. */
	struct logbuf_cursor behind;

	logbuf_cursor_oldest(&t->lb, &behind);
	for (int i = 15; i < 20; i++) {
		snprintf(text, sizeof(text), "rec%05d", i);
		expect_read(&t->lb, &behind, i, text, 0);
	}
	for (int i = 25; i < 33; i++) {
		snprintf(text, sizeof(text), "rec%05d", i);
		store_text(&t->lb, text);
	}
	expect_read(&t->lb, &behind, 23, "rec00023", 3);
	/* The reader that had read everything misses nothing. */
	for (int i = 25; i < 33; i++) {
		snprintf(text, sizeof(text), "rec%05d", i);
		expect_read(&t->lb, &lagging, i, text, 0);
	}
	expect_nothing(&t->lb, &lagging);
}

static void test_record_longer_than_the_buffer_is_cut(void **state)
{
	struct test_buffer *t = *state;
	struct logbuf_cursor before, c;
	char big[1000];

	for (size_t i = 0; i < sizeof(big); i++)
		big[i] = (char)('A' + i % 26);
	logbuf_cursor_oldest(&t->lb, &before);
	store_text(&t->lb, "a");
	store_text(&t->lb, "b");
	assert_int_equal(logbuf_store(&t->lb, 5, 2, big, sizeof(big)), 2);

	/* It fills the buffer alone, cut to the buffer less its header. */
	logbuf_cursor_oldest(&t->lb, &c);
	assert_int_equal(c.seq, 2);
	big[MAX_TEXT] = '\0';
	expect_read(&t->lb, &c, 2, big, 0);
	expect_nothing(&t->lb, &c);
	expect_read(&t->lb, &before, 2, big, 2);

	/* And the buffer goes on normally after it. */
	store_text(&t->lb, "after");
	expect_read(&t->lb, &c, 3, "after", 0);
	logbuf_cursor_oldest(&t->lb, &c);
	expect_read(&t->lb, &c, 3, "after", 0);
}

/*
 * A record that wraps to offset 0 and needs more room there than the records
 * before the wrap point leave: all of them go, and the buffer must still
 * know where its only record starts.
 */
static void test_wrap_that_empties_the_buffer(void **state)
{
	struct test_buffer *t = *state;
	struct logbuf_cursor before, c;
	char text[201];

	logbuf_cursor_oldest(&t->lb, &before);
	memset(text, 'x', 100);
	text[100] = '\0';
	store_text(&t->lb, text); /* 120 bytes at 0 */
	memset(text, 'y', 200);
	text[200] = '\0';
	store_text(&t->lb, text); /* 216 bytes: does not fit after 120, goes to 0 */
	logbuf_cursor_oldest(&t->lb, &c);
	expect_read(&t->lb, &c, 1, text, 0);
	expect_nothing(&t->lb, &c);
	expect_read(&t->lb, &before, 1, text, 1);

	store_text(&t->lb, "z"); /* 24 bytes: after it, no room to drop anything */
	logbuf_cursor_oldest(&t->lb, &c);
	expect_read(&t->lb, &c, 1, text, 0);
	expect_read(&t->lb, &c, 2, "z", 0);
	store_text(&t->lb, "w"); /* wraps again: the 216-byte record goes */
	expect_read(&t->lb, &c, 3, "w", 0);
	logbuf_cursor_oldest(&t->lb, &c);
	expect_read(&t->lb, &c, 2, "z", 0);
}

/*
 * A reader waiting at the end (its cursor where the writer was) while the
 * writer wraps: the record it waits for is at offset 0, and the place its
 * cursor points at gets overwritten by later records before it reads.
 */
static void test_reader_waiting_across_a_wrap(void **state)
{
	struct test_buffer *t = *state;
	struct logbuf_cursor waiting;
	char text[32];

	for (int i = 0; i < 10; i++)
		store_text(&t->lb, "rec-0000"); /* 24 bytes each: the writer is at 240 */
	logbuf_cursor_newest(&t->lb, &waiting);
	for (int i = 10; i < 18; i++) {
		/* 16 characters, 32 bytes: 10 goes to 0, 17 ends up over offset 240 */
		snprintf(text, sizeof(text), "AAAAAAAAAAAA%04d", i);
		store_text(&t->lb, text);
	}
	for (int i = 10; i < 18; i++) {
		snprintf(text, sizeof(text), "AAAAAAAAAAAA%04d", i);
		expect_read(&t->lb, &waiting, i, text, 0);
	}
	expect_nothing(&t->lb, &waiting);
}

/* ---- random records against a reference model -------------------------- */

/* Where the model puts each record, by the rules alone. */
struct model {
	u32 size, head;
	u32 first, next; /* held: [first, next) */
	u32 *offset;     /* by sequence number */
	u32 *bytes;
};

static void model_store(struct model *m, u32 bytes)
{
	if (m->head + bytes > m->size) {
		/* Wrap: the records from the old head to the end are the oldest; they go first. */
		while (m->first < m->next && m->offset[m->first] >= m->head)
			m->first++;
		m->head = 0;
	}
	/* Drop the oldest while it starts inside the space the new record needs. */
	while (m->first < m->next && m->offset[m->first] >= m->head &&
	       m->offset[m->first] < m->head + bytes)
		m->first++;
	m->offset[m->next] = m->head;
	m->bytes[m->next] = bytes;
	m->next++;
	m->head += bytes;
}

struct stored {
	u64 ts;
	u8 level;
	u16 len;
	char text[MAX_TEXT];
};

static u64 rng_state = 0x9e3779b97f4a7c15ULL;

static u32 rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return (u32)(rng_state >> 16);
}

/* Read one record at c and check it against what was stored and what the model holds. */
static bool read_and_check(const struct logbuf *lb, struct logbuf_cursor *c, const struct model *m,
			   const struct stored *records, u32 *expected_seq, bool may_drop)
{
	struct log_record rec;
	const char *text;
	u32 dropped = 0xbad;
	bool got = logbuf_read(lb, c, &rec, &text, &dropped);
	u32 want_dropped = *expected_seq < m->first ? m->first - *expected_seq : 0;

	assert_int_equal(dropped, want_dropped);
	if (!may_drop)
		assert_int_equal(dropped, 0);
	*expected_seq += dropped;
	if (!got) {
		assert_int_equal(*expected_seq, m->next);
		return false;
	}
	const struct stored *want = &records[*expected_seq];

	assert_int_equal(rec.seq, *expected_seq);
	assert_int_equal(rec.ts_nsec, want->ts);
	assert_int_equal(rec.level, want->level);
	assert_int_equal(rec.text_len, want->len);
	assert_memory_equal(text, want->text, want->len);
	assert_int_equal(c->seq, *expected_seq + 1);
	(*expected_seq)++;
	return true;
}

static void test_random_records_against_model(void **state)
{
	enum { COUNT = 10000 };
	static struct stored records[COUNT];
	static u32 offsets[COUNT], bytes[COUNT];
	struct test_buffer *t = *state;
	struct model m = { .size = BUF_SIZE, .offset = offsets, .bytes = bytes };
	struct logbuf_cursor keeper, lagger, whole;
	u32 keeper_seq = 0, lagger_seq = 0;

	logbuf_cursor_oldest(&t->lb, &keeper);
	logbuf_cursor_oldest(&t->lb, &lagger);

	for (u32 i = 0; i < COUNT; i++) {
		struct stored *r = &records[i];
		u32 r1 = rng(), len;
		char source[300];

		/* Mostly short lines, some empty, a few longer than the buffer. */
		if (r1 % 100 == 0)
			len = 241 + rng() % 59;
		else if (r1 % 10 == 1)
			len = 0;
		else
			len = rng() % 90;
		for (u32 j = 0; j < len; j++)
			source[j] = (char)rng();
		r->ts = ((u64)rng() << 32) | rng();
		r->level = (u8)(rng() % 8);
		r->len = (u16)(len < MAX_TEXT ? len : MAX_TEXT);
		memcpy(r->text, source, r->len);

		assert_int_equal(logbuf_store(&t->lb, r->ts, r->level, source, len), i);
		model_store(&m, record_bytes(r->len));

		/* What is held: exactly the model's records, in order. */
		logbuf_cursor_oldest(&t->lb, &whole);
		assert_int_equal(whole.seq, m.first);
		for (u32 seq = m.first; seq < m.next;)
			assert_true(read_and_check(&t->lb, &whole, &m, records, &seq, false));

		/* The keeper reads everything each time and never misses a record. */
		while (read_and_check(&t->lb, &keeper, &m, records, &keeper_seq, false))
			;
		/* The lagger reads a few now and then, sometimes jumps to the newest. */
		if (rng() % 8 == 0) {
			u32 n = rng() % 6;

			while (n-- && read_and_check(&t->lb, &lagger, &m, records, &lagger_seq, true))
				;
		}
		if (rng() % 500 == 0) {
			logbuf_cursor_newest(&t->lb, &lagger);
			lagger_seq = m.next;
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_store_and_read_in_order, setup_buffer,
						teardown_buffer),
		cmocka_unit_test(test_size_is_rounded_down_to_8),
		cmocka_unit_test_setup_teardown(test_cursor_at_newest_sees_only_later_records,
						setup_buffer, teardown_buffer),
		cmocka_unit_test_setup_teardown(test_zero_length_records, setup_buffer,
						teardown_buffer),
		cmocka_unit_test_setup_teardown(test_wrap_around_with_a_reader_that_keeps_up,
						setup_buffer, teardown_buffer),
		cmocka_unit_test_setup_teardown(test_overwrite_oldest_and_dropped_count,
						setup_buffer, teardown_buffer),
		cmocka_unit_test_setup_teardown(test_record_longer_than_the_buffer_is_cut,
						setup_buffer, teardown_buffer),
		cmocka_unit_test_setup_teardown(test_wrap_that_empties_the_buffer, setup_buffer,
						teardown_buffer),
		cmocka_unit_test_setup_teardown(test_reader_waiting_across_a_wrap, setup_buffer,
						teardown_buffer),
		cmocka_unit_test_setup_teardown(test_random_records_against_model, setup_buffer,
						teardown_buffer),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
