/* The trace ring buffer: fixed-size records per CPU, overwriting the oldest,
 * and a reader that merges the CPUs in timestamp order. Writers on one CPU
 * only take a slot with an atomic increment, so an interrupt that nests
 * inside a writer simply takes the next slot. Pure code: host-tested. */
#include <kernel/trace.h>

struct trace_record *trace_ring_reserve(struct trace_ring *ring)
{
	u32 slot = __atomic_fetch_add(&ring->head, 1, __ATOMIC_RELAXED);

	return &ring->rec[slot % ring->size];
}

u32 trace_ring_written(const struct trace_ring *ring)
{
	return ring->earlier + ring->head;
}

u32 trace_ring_entries(const struct trace_ring *ring)
{
	return ring->head < ring->size ? ring->head : ring->size;
}

void trace_iter_start(struct trace_iter *it, const struct trace_ring *rings, unsigned int nr)
{
	it->rings = rings;
	it->nr_rings = nr > TRACE_MAX_CPUS ? TRACE_MAX_CPUS : nr;
	for (unsigned int i = 0; i < it->nr_rings; i++)
		it->next[i] = rings[i].head - trace_ring_entries(&rings[i]);
}

const struct trace_record *trace_iter_next(struct trace_iter *it, unsigned int *cpu)
{
	const struct trace_record *best = NULL;

	for (unsigned int i = 0; i < it->nr_rings; i++) {
		const struct trace_ring *ring = &it->rings[i];
		const struct trace_record *rec;

		if (it->next[i] == ring->head)
			continue;
		rec = &ring->rec[it->next[i] % ring->size];
		if (!best || rec->ts < best->ts) {
			best = rec;
			*cpu = i;
		}
	}
	if (best)
		it->next[*cpu]++;
	return best;
}
