/*
 * Flattened device tree reader: checks a DTB once in dtb_open(), then answers
 * lookups (paths, properties, phandles, compatible, reg, RAM, console) from it.
 *
 * A DTB (devicetree specification v0.4, chapter 5) is a header, the memory
 * reservation map, the structure block and the strings block. The structure block is
 * a sequence of big-endian 32-bit tokens; node names and property values sit inline,
 * padded to 4 bytes; property names live in the strings block, referenced by offset.
 *
 * Every byte read goes through read_token() or checks against the sizes dtb_open()
 * validated, so a hostile blob cannot make us read outside it. Every walk moves
 * forward by at least one token, so no walk can loop forever.
 */
#include <kernel/errno.h>
#include <kernel/fdt.h>
#include <kernel/string.h>
#include <kernel/types.h>

/* Structure block tokens. */
#define TOKEN_BAD 0 /* not in the format: read_token() found a fault */
#define TOKEN_BEGIN_NODE 1
#define TOKEN_END_NODE 2
#define TOKEN_PROP 3
#define TOKEN_NOP 4
#define TOKEN_END 9

/* Header fields, as byte offsets into the blob. */
#define HEADER_MAGIC 0
#define HEADER_TOTALSIZE 4
#define HEADER_OFF_DT_STRUCT 8
#define HEADER_OFF_DT_STRINGS 12
#define HEADER_OFF_MEM_RSVMAP 16
#define HEADER_VERSION 20
#define HEADER_LAST_COMP_VERSION 24
#define HEADER_SIZE_DT_STRINGS 32
#define HEADER_SIZE_DT_STRUCT 36 /* version 17 and later */

#define HEADER_SIZE_V16 36
#define HEADER_SIZE_V17 40
#define FIRST_SUPPORTED_VERSION 16
#define LAST_SUPPORTED_VERSION 17

#define RESERVE_ENTRY_SIZE 16
#define PHANDLE_INVALID 0xffffffffu

/* One decoded token of the structure block. */
struct token {
	u32 tag;
	u32 next;         /* structure offset of the token after this one */
	const char *name; /* BEGIN_NODE: the node name; PROP: the property name */
	const u8 *value;  /* PROP: the value ... */
	u32 len;          /* ... and its length */
};

static u32 be32(const u8 *p)
{
	if (!((unsigned long)p & 3)) /* tokens and cells in an aligned blob: one load */
		return __builtin_bswap32(*(const u32 *)(const void *)p);
	return (u32)p[0] << 24 | (u32)p[1] << 16 | (u32)p[2] << 8 | p[3];
}

/* For read_token, which every walk goes through: inline, for an aligned p. */
static inline __attribute__((always_inline)) u32 be32_aligned(const u8 *p)
{
	return __builtin_bswap32(*(const u32 *)(const void *)p);
}

static u64 be64(const u8 *p)
{
	return (u64)be32(p) << 32 | be32(p + 4);
}

static u32 align4(u32 n)
{
	return (n + 3) & ~3u;
}

/* Does [offset, offset + len) lie inside `size` bytes? Written so nothing overflows. */
static bool fits(u32 offset, u32 len, u32 size)
{
	return offset <= size && len <= size - offset;
}

static bool is_string(const void *value, int len)
{
	return value && len > 0 && memchr(value, '\0', (size_t)len);
}

/*
 * Decode the token at structure offset `offset` into *tok and return its tag, or
 * TOKEN_BAD with *reason naming the fault if it does not fit the validated blocks.
 */
static u32 read_token(const struct dtb *dt, u32 offset, struct token *tok, const char **reason)
{
	const u8 *block, *names, *end;
	u32 tag, room, name_offset;
	bool aligned;

	tok->tag = TOKEN_BAD;
	if (!fits(offset, 4, dt->struct_size)) {
		*reason = "truncated: no FDT_END";
		return TOKEN_BAD;
	}
	block = dt->blob + dt->struct_offset;
	room = dt->struct_size - offset - 4; /* bytes after the tag */
	tok->next = offset + 4;
	aligned = !((unsigned long)block & 3); /* as every blob a boot loader passes */
	tag = aligned ? be32_aligned(block + offset) : be32(block + offset);

	switch (tag) {
	case TOKEN_BEGIN_NODE:
		tok->name = (const char *)block + offset + 4;
		/* The name starts a word: a word at a time, then its last bytes. */
		end = (const u8 *)tok->name;
		if (aligned)
			while (end + 4 <= (const u8 *)tok->name + room &&
			       !word_has_zero(*(const u32 *)(const void *)end))
				end += 4;
		while (end < (const u8 *)tok->name + room && *end)
			end++;
		if (end == (const u8 *)tok->name + room) {
			*reason = "unterminated node name";
			return TOKEN_BAD;
		}
		tok->next = offset + 4 + align4((u32)(end - (const u8 *)tok->name) + 1);
		break;
	case TOKEN_PROP:
		if (room < 8) {
			*reason = "truncated property";
			return TOKEN_BAD;
		}
		tok->len = aligned ? be32_aligned(block + offset + 4) : be32(block + offset + 4);
		name_offset = aligned ? be32_aligned(block + offset + 8) : be32(block + offset + 8);
		if (tok->len > room - 8) {
			*reason = "property value outside the structure block";
			return TOKEN_BAD;
		}
		if (name_offset >= dt->strings_size) {
			*reason = "property name offset outside the strings block";
			return TOKEN_BAD;
		}
		names = dt->blob + dt->strings_offset;
		if (!dt->strings_terminated &&
		    !memchr(names + name_offset, '\0', dt->strings_size - name_offset)) {
			*reason = "unterminated property name";
			return TOKEN_BAD;
		}
		tok->name = (const char *)names + name_offset;
		tok->value = block + offset + 12;
		tok->next = offset + 12 + align4(tok->len);
		break;
	case TOKEN_END_NODE:
	case TOKEN_NOP:
	case TOKEN_END:
		break;
	default:
		*reason = "unknown token";
		return TOKEN_BAD;
	}
	tok->tag = tag;
	return tag;
}

/* read_token() for lookups, which only need to know that a token is bad. */
static u32 token_at(const struct dtb *dt, u32 offset, struct token *tok)
{
	const char *ignored;

	return read_token(dt, offset, tok, &ignored);
}

/*
 * The lookups' token reader: read_token's checks, in place, without its
 * call and its reasons (a lookup only needs to know that a token is bad).
 * tag_at: the tag at offset, TOKEN_BAD past the block. skip_node_name: the
 * offset after the BEGIN_NODE at offset (its word-aligned name a word at a
 * time in an aligned blob), 0 when the name does not end in the block.
 * prop_at: the PROP at offset, its length and name; false when it does not
 * fit or its name is not a string.
 */
#define LOOKUP static inline __attribute__((always_inline))

/* be32, inline for the aligned blob every boot loader passes */
LOOKUP u32 cell_at(const u8 *p)
{
	return (unsigned long)p & 3 ? be32(p) : be32_aligned(p);
}

/* The blob every boot loader passes: aligned, its strings block ending in
 * NUL. Lookups given fast (a constant, so each gets its own copy) read its
 * cells with plain loads and its names without a check for their end. */
static bool fast_blob(const struct dtb *dt)
{
	return dt->strings_terminated && !((unsigned long)(dt->blob + dt->struct_offset) & 3);
}

LOOKUP u32 cell_in(const u8 *p, bool fast)
{
	return fast ? be32_aligned(p) : cell_at(p);
}

LOOKUP u32 tag_in(const struct dtb *dt, u32 offset, bool fast)
{
	return fits(offset, 4, dt->struct_size) ? cell_in(dt->blob + dt->struct_offset + offset, fast)
						: TOKEN_BAD;
}

LOOKUP u32 tag_at(const struct dtb *dt, u32 offset)
{
	return tag_in(dt, offset, false);
}

static u32 skip_node_name(const struct dtb *dt, u32 offset)
{
	const u8 *block = dt->blob + dt->struct_offset, *name = block + offset + 4, *p = name;
	const u8 *end = block + dt->struct_size;

	if (!((unsigned long)block & 3))
		while (p + 4 <= end && !word_has_zero(*(const u32 *)(const void *)p))
			p += 4;
	while (p < end && *p)
		p++;
	return p < end ? offset + 4 + align4((u32)(p - name) + 1) : 0;
}

LOOKUP bool prop_in(const struct dtb *dt, u32 offset, u32 *size, const char **name, bool fast)
{
	const u8 *p = dt->blob + dt->struct_offset + offset;
	u32 at;

	if (!fits(offset, 12, dt->struct_size))
		return false;
	*size = cell_in(p + 4, fast);
	at = cell_in(p + 8, fast);
	if (*size > dt->struct_size - offset - 12 || at >= dt->strings_size)
		return false;
	*name = (const char *)dt->blob + dt->strings_offset + at;
	return fast || dt->strings_terminated || memchr(*name, '\0', dt->strings_size - at);
}

LOOKUP bool prop_at(const struct dtb *dt, u32 offset, u32 *size, const char **name)
{
	return prop_in(dt, offset, size, name, false);
}

/* Read the node token at `node`; false if `node` is not the offset of a node. */
static bool node_token(const struct dtb *dt, int node, struct token *tok)
{
	u32 *cache = dt->last_node, last = cache ? *(volatile u32 *)cache : 0, words;

	/* 0 never matches: a name takes a word at least (its NUL) */
	if (node >= 0 && last >> 24 && (last & 0xffffff) == (u32)node) {
		tok->next = (u32)node + 4 + (last >> 24) * 4;
	} else {
		if (node < 0 || node % 4 || tag_at(dt, (u32)node) != TOKEN_BEGIN_NODE ||
		    !(tok->next = skip_node_name(dt, (u32)node)))
			return false;
		words = (tok->next - (u32)node - 4) / 4;
		if (cache && node < 1 << 24 && words < 256)
			*(volatile u32 *)cache = (u32)node | words << 24;
	}
	tok->tag = TOKEN_BEGIN_NODE;
	tok->name = (const char *)dt->blob + dt->struct_offset + node + 4;
	return true;
}

static int check_header(struct dtb *dt, u32 max_size, const char **reason)
{
	const u8 *header = dt->blob;
	u32 version, header_size, offset;

	if (!header || max_size < HEADER_SIZE_V17) {
		*reason = "blob smaller than the header";
		return -EINVAL;
	}
	if (be32(header + HEADER_MAGIC) != DTB_MAGIC) {
		*reason = "bad magic";
		return -ENOEXEC;
	}
	dt->size = be32(header + HEADER_TOTALSIZE);
	if (dt->size > max_size) {
		*reason = "totalsize larger than the memory given";
		return -EINVAL;
	}
	/* Offsets are returned as int: keep every one of them positive. */
	if (dt->size > INT32_MAX) {
		*reason = "totalsize too large";
		return -EINVAL;
	}
	version = be32(header + HEADER_VERSION);
	if (version < FIRST_SUPPORTED_VERSION) {
		*reason = "unsupported version";
		return -EOPNOTSUPP;
	}
	if (be32(header + HEADER_LAST_COMP_VERSION) > LAST_SUPPORTED_VERSION) {
		*reason = "unsupported last_comp_version";
		return -EOPNOTSUPP;
	}
	header_size = version >= 17 ? HEADER_SIZE_V17 : HEADER_SIZE_V16;
	if (dt->size < header_size) {
		*reason = "totalsize smaller than the header";
		return -EINVAL;
	}

	offset = be32(header + HEADER_OFF_MEM_RSVMAP);
	if (offset < header_size || offset > dt->size) {
		*reason = "memory reserve map outside the blob";
		return -EINVAL;
	}
	if (offset % 8) {
		*reason = "misaligned memory reserve map";
		return -EINVAL;
	}
	dt->reserve_offset = offset;

	offset = be32(header + HEADER_OFF_DT_STRUCT);
	if (offset < header_size || offset > dt->size) {
		*reason = "structure block outside the blob";
		return -EINVAL;
	}
	/* Version 16 has no size_dt_struct: the block may run to the end of the blob. */
	dt->struct_size = version >= 17 ? be32(header + HEADER_SIZE_DT_STRUCT) : dt->size - offset;
	if (!fits(offset, dt->struct_size, dt->size)) {
		*reason = "structure block outside the blob";
		return -EINVAL;
	}
	if (offset % 4) {
		*reason = "misaligned structure block";
		return -EINVAL;
	}
	dt->struct_offset = offset;

	offset = be32(header + HEADER_OFF_DT_STRINGS);
	dt->strings_size = be32(header + HEADER_SIZE_DT_STRINGS);
	if (offset < header_size || !fits(offset, dt->strings_size, dt->size)) {
		*reason = "strings block outside the blob";
		return -EINVAL;
	}
	dt->strings_offset = offset;
	/* A block ending in NUL terminates every name in it: then lookups
	 * need not look for each name's end (read_token). */
	dt->strings_terminated = dt->strings_size && !dt->blob[offset + dt->strings_size - 1];
	return 0;
}

/* The reservation map is a list of (address, size) pairs ending with a pair of zeroes. */
static int check_reserve_map(struct dtb *dt, const char **reason)
{
	u32 offset = dt->reserve_offset;

	for (;;) {
		if (!fits(offset, RESERVE_ENTRY_SIZE, dt->size)) {
			*reason = "memory reserve map not terminated";
			return -EINVAL;
		}
		if (be64(dt->blob + offset) == 0 && be64(dt->blob + offset + 8) == 0)
			return 0;
		dt->reserve_count++;
		offset += RESERVE_ENTRY_SIZE;
	}
}

/* Walk every token once: each must decode, and nodes must nest properly under one root. */
static int check_structure(struct dtb *dt, const char **reason)
{
	struct token tok;
	u32 offset = 0;
	int depth = 0;
	bool seen_root = false;

	for (;;) {
		switch (read_token(dt, offset, &tok, reason)) {
		case TOKEN_BAD:
			return -EINVAL;
		case TOKEN_BEGIN_NODE:
			if (depth == 0) {
				if (seen_root) {
					*reason = "more than one root node";
					return -EINVAL;
				}
				seen_root = true;
				dt->root = (int)offset;
			}
			if (++depth > DTB_MAX_DEPTH) {
				*reason = "nesting too deep";
				return -EINVAL;
			}
			break;
		case TOKEN_END_NODE:
			if (depth == 0) {
				*reason = "unbalanced END_NODE";
				return -EINVAL;
			}
			depth--;
			break;
		case TOKEN_PROP:
			if (depth == 0) {
				*reason = "property outside a node";
				return -EINVAL;
			}
			break;
		case TOKEN_END:
			if (depth != 0) {
				*reason = "FDT_END inside a node";
				return -EINVAL;
			}
			if (!seen_root) {
				*reason = "no root node";
				return -EINVAL;
			}
			return 0;
		case TOKEN_NOP:
			break;
		}
		offset = tok.next; /* always past this token: the walk ends */
	}
}

int dtb_open(struct dtb *dt, const void *blob, u32 max_size, const char **reason)
{
	const char *why = NULL;
	int err;

	*dt = (struct dtb){ .blob = blob };
	err = check_header(dt, max_size, &why);
	if (!err)
		err = check_reserve_map(dt, &why);
	if (!err)
		err = check_structure(dt, &why);
	if (err)
		*dt = (struct dtb){ 0 };
	if (reason)
		*reason = why;
	return err;
}

const char *dtb_node_name(const struct dtb *dt, int node)
{
	struct token tok;

	return node_token(dt, node, &tok) ? tok.name : NULL;
}

/* The property at or after `offset` (skipping NOPs) before the node's children, or -ENOENT. */
static int property_from(const struct dtb *dt, u32 offset)
{
	struct token tok;

	while (token_at(dt, offset, &tok) == TOKEN_NOP)
		offset = tok.next;
	return tok.tag == TOKEN_PROP ? (int)offset : -ENOENT;
}

int dtb_first_property(const struct dtb *dt, int node)
{
	struct token tok;

	if (!node_token(dt, node, &tok))
		return -EINVAL;
	return property_from(dt, tok.next);
}

int dtb_next_property(const struct dtb *dt, int property)
{
	struct token tok;

	if (property < 0 || property % 4 || token_at(dt, (u32)property, &tok) != TOKEN_PROP)
		return -EINVAL;
	return property_from(dt, tok.next);
}

const void *dtb_property_at(const struct dtb *dt, int property, const char **name, int *len)
{
	struct token tok;

	if (property < 0 || property % 4 || token_at(dt, (u32)property, &tok) != TOKEN_PROP) {
		if (name)
			*name = NULL;
		if (len)
			*len = -EINVAL;
		return NULL;
	}
	if (name)
		*name = tok.name;
	if (len)
		*len = (int)tok.len;
	return tok.value;
}

/* The property called name among those from offset on (NOPs skipped), its
 * offset and *size; 0 when there is none or a token is bad. */
LOOKUP u32 find_property(const struct dtb *dt, u32 offset, const char *name, u32 *size, bool fast)
{
	const char *found;
	u32 tag;

	while ((tag = tag_in(dt, offset, fast)) == TOKEN_NOP ||
	       (tag == TOKEN_PROP && prop_in(dt, offset, size, &found, fast))) {
		if (tag == TOKEN_PROP) {
			if (found[0] == name[0] && !strcmp(found, name))
				return offset;
			offset += 12 + align4(*size);
		} else {
			offset += 4;
		}
	}
	return 0;
}

const void *dtb_get_property(const struct dtb *dt, int node, const char *name, int *len)
{
	struct token tok;
	u32 offset, size;

	/* each token read once, in place: every driver match and cell lookup comes here */
	if (!node_token(dt, node, &tok)) {
		if (len)
			*len = -EINVAL;
		return NULL;
	}
	offset = fast_blob(dt) ? find_property(dt, tok.next, name, &size, true)
			       : find_property(dt, tok.next, name, &size, false);
	if (len)
		*len = offset ? (int)size : -ENOENT;
	return offset ? dt->blob + dt->struct_offset + offset + 12 : NULL;
}

const char *dtb_get_string(const struct dtb *dt, int node, const char *name)
{
	int len;
	const char *value = dtb_get_property(dt, node, name, &len);

	return is_string(value, len) ? value : NULL;
}

int dtb_get_u32(const struct dtb *dt, int node, const char *name, u32 *out)
{
	int len;
	const u8 *value = dtb_get_property(dt, node, name, &len);

	if (!value)
		return len < 0 ? len : -ENOENT; /* len is -ENOENT, or -EINVAL for a bad node */
	if (len != 4)
		return -EINVAL;
	*out = be32(value);
	return 0;
}

/* The first node token at or after `offset`, skipping properties and NOPs, or -ENOENT. */
static int node_from(const struct dtb *dt, u32 offset)
{
	struct token tok;
	u32 tag;

	for (;;) {
		tag = token_at(dt, offset, &tok);
		if (tag != TOKEN_PROP && tag != TOKEN_NOP)
			break;
		offset = tok.next;
	}
	return tag == TOKEN_BEGIN_NODE ? (int)offset : -ENOENT;
}

/* The offset just past the END_NODE that closes `node`, or -EINVAL. */
static int skip_subtree(const struct dtb *dt, int node)
{
	struct token tok;
	u32 offset = (u32)node;
	int depth = 0;

	do {
		switch (token_at(dt, offset, &tok)) {
		case TOKEN_BEGIN_NODE:
			depth++;
			break;
		case TOKEN_END_NODE:
			depth--;
			break;
		case TOKEN_PROP:
		case TOKEN_NOP:
			break;
		default: /* FDT_END or a fault before the subtree closed */
			return -EINVAL;
		}
		offset = tok.next;
	} while (depth > 0);
	return (int)offset;
}

int dtb_index(struct dtb *dt, struct dtb_node_info *nodes, u32 max)
{
	int open[DTB_MAX_DEPTH]; /* index of the open node at each depth */
	struct token tok;
	u32 n = 0;
	int depth = 0;

	dt->nodes = NULL;
	dt->nr_nodes = 0;
	if (!dt->blob)
		return -EINVAL;
	for (u32 offset = (u32)dt->root;; offset = tok.next) {
		switch (token_at(dt, offset, &tok)) {
		case TOKEN_BEGIN_NODE:
			if (n == max || depth == DTB_MAX_DEPTH)
				return -ENOSPC;
			nodes[n] = (struct dtb_node_info){ .offset = (int)offset,
							   .parent = depth ? open[depth - 1] : -1,
							   .next = -1, .depth = depth };
			open[depth++] = (int)n++;
			break;
		case TOKEN_END_NODE:
			nodes[open[--depth]].next = (int)n;
			if (!depth) { /* the root closed: dtb_open() saw nothing after it but NOPs and FDT_END */
				dt->nodes = nodes;
				dt->nr_nodes = n;
				return (int)n;
			}
			break;
		case TOKEN_PROP:
		case TOKEN_NOP:
			break;
		default:
			return -EINVAL; /* dtb_open() rules this out */
		}
	}
}

/* The index entry of `node`, or -1 if it is no node of the tree. */
static int index_of(const struct dtb *dt, int node)
{
	u32 low = 0, high = dt->nr_nodes;

	while (low < high) {
		u32 mid = low + (high - low) / 2;

		if (dt->nodes[mid].offset < node)
			low = mid + 1;
		else
			high = mid;
	}
	return low < dt->nr_nodes && dt->nodes[low].offset == node ? (int)low : -1;
}

int dtb_first_child(const struct dtb *dt, int node)
{
	struct token tok;

	if (dt->nodes) {
		int i = index_of(dt, node);

		if (i < 0)
			return -EINVAL;
		return (u32)i + 1 < dt->nr_nodes && dt->nodes[i + 1].parent == i ? dt->nodes[i + 1].offset
										 : -ENOENT;
	}
	if (!node_token(dt, node, &tok))
		return -EINVAL;
	return node_from(dt, tok.next);
}

int dtb_next_sibling(const struct dtb *dt, int node)
{
	struct token tok;
	int after;

	if (dt->nodes) {
		int i = index_of(dt, node), j;

		if (i < 0)
			return -EINVAL;
		j = dt->nodes[i].next;
		return (u32)j < dt->nr_nodes && dt->nodes[j].parent == dt->nodes[i].parent
			       ? dt->nodes[j].offset : -ENOENT;
	}

	if (!node_token(dt, node, &tok))
		return -EINVAL;
	after = skip_subtree(dt, node);
	if (after < 0)
		return -ENOENT;
	return node_from(dt, (u32)after);
}

int dtb_next_node(const struct dtb *dt, int node, int *depth)
{
	struct token tok;
	u32 offset;
	int level = 1; /* depth of the next node relative to `node` */

	if (dt->nodes) {
		int i = node == -1 ? -1 : index_of(dt, node);

		if (node == -1) {
			if (depth)
				*depth = 0;
			return dt->nodes[0].offset;
		}
		if (i < 0)
			return -EINVAL;
		if ((u32)i + 1 >= dt->nr_nodes)
			return -ENOENT;
		if (depth)
			*depth += dt->nodes[i + 1].depth - dt->nodes[i].depth;
		return dt->nodes[i + 1].offset;
	}
	if (node == -1) {
		if (depth)
			*depth = 0;
		return node_token(dt, dt->root, &tok) ? dt->root : -ENOENT;
	}
	if (!node_token(dt, node, &tok))
		return -EINVAL;

	for (offset = tok.next;; offset = tok.next) {
		switch (token_at(dt, offset, &tok)) {
		case TOKEN_BEGIN_NODE:
			if (depth)
				*depth += level;
			return (int)offset;
		case TOKEN_END_NODE:
			level--;
			break;
		case TOKEN_PROP:
		case TOKEN_NOP:
			break;
		default: /* FDT_END: no more nodes */
			return -ENOENT;
		}
	}
}

int dtb_parent(const struct dtb *dt, int node)
{
	int ancestors[DTB_MAX_DEPTH]; /* the last node seen at each depth */
	struct token tok;
	int depth = 0;
	int walk;

	if (dt->nodes) {
		int i = index_of(dt, node);

		if (i < 0)
			return -EINVAL;
		return dt->nodes[i].parent < 0 ? -ENOENT : dt->nodes[dt->nodes[i].parent].offset;
	}
	if (!node_token(dt, node, &tok))
		return -EINVAL;
	for (walk = dtb_next_node(dt, -1, &depth); walk >= 0; walk = dtb_next_node(dt, walk, &depth)) {
		if (depth < 0 || depth >= DTB_MAX_DEPTH)
			return -EINVAL; /* dtb_open() rules this out */
		ancestors[depth] = walk;
		if (walk == node)
			return depth > 0 ? ancestors[depth - 1] : -ENOENT;
	}
	return -EINVAL; /* a BEGIN_NODE token that is not part of the tree */
}

/*
 * Does `node_name` match the path component `component` (len bytes)? As in libfdt,
 * a component without a unit address also matches a name with one: "memory"
 * matches "memory@40000000".
 */
static bool name_matches(const char *node_name, const char *component, size_t len)
{
	if (strnlen(node_name, len) < len || memcmp(node_name, component, len) != 0)
		return false;
	if (node_name[len] == '\0')
		return true;
	return node_name[len] == '@' && !memchr(component, '@', len);
}

/* The first child of `parent` whose name matches `component`, or -ENOENT. */
static int find_child(const struct dtb *dt, int parent, const char *component, size_t len)
{
	int child;

	for (child = dtb_first_child(dt, parent); child >= 0; child = dtb_next_sibling(dt, child))
		if (name_matches(dtb_node_name(dt, child), component, len))
			return child;
	return -ENOENT;
}

/* The value of /aliases/<name> (len bytes), if it is a string; NULL otherwise. */
static const char *find_alias(const struct dtb *dt, const char *name, size_t len)
{
	int aliases = find_child(dt, dt->root, "aliases", 7);
	const char *property_name;
	const void *value;
	int property, value_len;

	for (property = dtb_first_property(dt, aliases); property >= 0;
	     property = dtb_next_property(dt, property)) {
		value = dtb_property_at(dt, property, &property_name, &value_len);
		if (value && strlen(property_name) == len && memcmp(property_name, name, len) == 0)
			return is_string(value, value_len) ? value : NULL;
	}
	return NULL;
}

int dtb_path_offset_len(const struct dtb *dt, const char *path, size_t len)
{
	const char *end = path + len;
	const char *component = path;
	const char *slash, *alias;
	struct token tok;
	int node = dt->root;

	if (len == 0)
		return -ENOENT;
	if (*path != '/') {
		/* The first component names an alias, whose value must be a full path
		 * (so aliases cannot chain into a loop). */
		slash = memchr(path, '/', len);
		if (!slash)
			slash = end;
		alias = find_alias(dt, path, (size_t)(slash - path));
		if (!alias || alias[0] != '/')
			return -ENOENT;
		node = dtb_path_offset(dt, alias);
		component = slash;
	}
	while (node >= 0 && component < end) {
		if (*component == '/') {
			component++;
			continue;
		}
		slash = memchr(component, '/', (size_t)(end - component));
		if (!slash)
			slash = end;
		node = find_child(dt, node, component, (size_t)(slash - component));
		component = slash;
	}
	return node_token(dt, node, &tok) ? node : -ENOENT;
}

int dtb_path_offset(const struct dtb *dt, const char *path)
{
	return dtb_path_offset_len(dt, path, strlen(path));
}

const char *dtb_string_list_next(const char *list, int *len)
{
	const char *nul;

	if (!list || *len <= 0 || !(nul = memchr(list, '\0', (size_t)*len)))
		return NULL; /* the end, or an unterminated tail: ignored */
	*len -= (int)(nul - list) + 1;
	return *len > 0 ? nul + 1 : NULL;
}

bool dtb_is_compatible(const struct dtb *dt, int node, const char *compat)
{
	int len;
	const char *list = dtb_get_property(dt, node, "compatible", &len);

	size_t n = strlen(compat);

	/* compat and its NUL inside what is left: no scan of entries that differ in length */
	for (int left = len; list && left > 0; list = dtb_string_list_next(list, &left))
		if ((size_t)left > n && !list[n] && !memcmp(list, compat, n))
			return true;
	return false;
}

int dtb_next_compatible(const struct dtb *dt, int after, const char *compat)
{
	int node;

	for (node = dtb_next_node(dt, after, NULL); node >= 0; node = dtb_next_node(dt, node, NULL))
		if (dtb_is_compatible(dt, node, compat))
			return node;
	return node; /* -ENOENT at the end, -EINVAL if `after` is not a node */
}

bool dtb_node_is_available(const struct dtb *dt, int node)
{
	struct token tok;
	const char *status;
	int len;

	if (!node_token(dt, node, &tok))
		return false;
	status = dtb_get_property(dt, node, "status", &len);
	if (!status)
		return true;
	return is_string(status, len) && (strcmp(status, "okay") == 0 || strcmp(status, "ok") == 0);
}

/* Is `node`'s phandle (or linux,phandle) this one? */
static bool has_phandle(const struct dtb *dt, int node, u32 phandle)
{
	u32 value;

	return (dtb_get_u32(dt, node, "phandle", &value) == 0 && value == phandle) ||
	       (dtb_get_u32(dt, node, "linux,phandle", &value) == 0 && value == phandle);
}

/* One pass over the tokens (not a property lookup per node), remembered in
 * the caller's cache when it gave one: drivers follow clocks, resets and
 * interrupt parents by phandle, and each was a walk of the whole tree. A
 * cache entry is checked against the node before it is believed. */
int dtb_node_by_phandle(const struct dtb *dt, u32 phandle)
{
	int *slot = dt->phandle_cache ? &dt->phandle_cache[phandle % DTB_PHANDLE_CACHE] : NULL;
	u32 offset;
	int node = -1;

	if (phandle == 0 || phandle == PHANDLE_INVALID)
		return -EINVAL;
	if (slot && *slot > 0 && has_phandle(dt, *slot, phandle))
		return *slot;
	for (offset = (u32)dt->root;;) {
		u32 tag = tag_at(dt, offset), size, next;
		const char *name;

		if (tag == TOKEN_BEGIN_NODE) {
			if (!(next = skip_node_name(dt, offset)))
				return -ENOENT;
			node = (int)offset;
			offset = next;
			continue;
		}
		if (tag == TOKEN_END_NODE || tag == TOKEN_NOP) {
			offset += 4;
			continue;
		}
		if (tag != TOKEN_PROP || !prop_at(dt, offset, &size, &name))
			return -ENOENT;
		if (size == 4 && cell_at(dt->blob + dt->struct_offset + offset + 12) == phandle &&
		    (!strcmp(name, "phandle") || !strcmp(name, "linux,phandle"))) {
			if (slot)
				*slot = node;
			return node;
		}
		offset += 12 + align4(size);
	}
}

int dtb_string_index(const struct dtb *dt, int node, const char *list, const char *name)
{
	int len, index = 0;
	const char *s = dtb_get_property(dt, node, list, &len);

	for (int left = len; s && left > 0; s = dtb_string_list_next(s, &left), index++)
		if (memchr(s, '\0', (size_t)left) && !strcmp(s, name))
			return index;
	return -ENOENT;
}

int dtb_parse_phandle_args(const struct dtb *dt, int node, const char *list, const char *cells_name,
			   int index, struct dtb_phandle_args *out)
{
	int len;
	const u8 *p = dtb_get_property(dt, node, list, &len);
	int cells = p ? len / 4 : 0;

	for (int at = 0; at < cells;) {
		u32 phandle = be32(p + 4 * at), nargs = 0;
		int provider = dtb_node_by_phandle(dt, phandle);

		if (provider < 0 || dtb_get_u32(dt, provider, cells_name, &nargs) ||
		    nargs > DTB_MAX_ARGS || at + 1 + (int)nargs > cells)
			return -EINVAL;
		if (index-- == 0) {
			out->node = provider;
			out->nargs = (int)nargs;
			for (u32 i = 0; i < nargs; i++)
				out->args[i] = be32(p + 4 * (at + 1 + (int)i));
			return 0;
		}
		at += 1 + (int)nargs;
	}
	return -ENOENT;
}

/* #address-cells or #size-cells of `node`, or `fallback` when it has none. */
static int read_cells_property(const struct dtb *dt, int node, const char *name, u32 fallback,
			       u32 *cells)
{
	int err = dtb_get_u32(dt, node, name, cells);

	if (err == -ENOENT) {
		*cells = fallback;
		return 0;
	}
	return err;
}

/* A number of `count` (0-2) big-endian cells. */
static u64 read_number(const u8 *cells, u32 count)
{
	u64 value = 0;

	while (count--) {
		value = value << 32 | be32(cells);
		cells += 4;
	}
	return value;
}

/* dtb_read_reg() once the parent is known. */
static int read_reg(const struct dtb *dt, int parent, int node, int index, u64 *addr, u64 *size)
{
	u32 address_cells, size_cells, entry_size;
	const u8 *reg;
	int len;

	/* The spec's defaults when a bus does not say: 2 address cells, 1 size cell. */
	if (read_cells_property(dt, parent, "#address-cells", 2, &address_cells) ||
	    read_cells_property(dt, parent, "#size-cells", 1, &size_cells))
		return -EINVAL;
	if (address_cells < 1 || address_cells > 2 || size_cells > 2 || index < 0)
		return -EINVAL;
	reg = dtb_get_property(dt, node, "reg", &len);
	if (!reg)
		return -ENOENT;
	entry_size = (address_cells + size_cells) * 4;
	if ((u32)len % entry_size)
		return -EINVAL;
	if ((u32)index >= (u32)len / entry_size)
		return -ENOENT;
	reg += (u32)index * entry_size;
	if (addr)
		*addr = read_number(reg, address_cells);
	if (size)
		*size = read_number(reg + address_cells * 4, size_cells);
	return 0;
}

int dtb_read_reg(const struct dtb *dt, int node, int index, u64 *addr, u64 *size)
{
	int parent = dtb_parent(dt, node);

	if (parent < 0)
		return -EINVAL; /* not a node, or the root, which has no bus to size it */
	return read_reg(dt, parent, node, index, addr, size);
}

int dtb_stdout_node(const struct dtb *dt, const char **options)
{
	int chosen = dtb_path_offset(dt, "/chosen");
	const char *path, *colon;
	int node;

	if (options)
		*options = NULL;
	path = dtb_get_string(dt, chosen, "stdout-path");
	if (!path)
		path = dtb_get_string(dt, chosen, "linux,stdout-path");
	if (!path)
		return -ENOENT;

	/* "serial0:115200n8": the node is named before the first ':'. */
	colon = strchr(path, ':');
	node = dtb_path_offset_len(dt, path, colon ? (size_t)(colon - path) : strlen(path));
	if (node >= 0 && options && colon)
		*options = colon + 1;
	return node;
}

int dtb_memory_bank(const struct dtb *dt, int index, u64 *base, u64 *size)
{
	const char *type;
	u64 bank_base, bank_size;
	int node, entry;

	if (index < 0)
		return -EINVAL;
	/* Like Linux, only the root's children describe RAM. */
	for (node = dtb_first_child(dt, dt->root); node >= 0; node = dtb_next_sibling(dt, node)) {
		type = dtb_get_string(dt, node, "device_type");
		if (!type || strcmp(type, "memory") != 0 || !dtb_node_is_available(dt, node))
			continue;
		for (entry = 0; read_reg(dt, dt->root, node, entry, &bank_base, &bank_size) == 0; entry++) {
			if (index-- > 0)
				continue;
			if (base)
				*base = bank_base;
			if (size)
				*size = bank_size;
			return 0;
		}
	}
	return -ENOENT;
}

int dtb_reserved_memory(const struct dtb *dt, int index, u64 *addr, u64 *size)
{
	const u8 *entry;

	if (index < 0 || (u32)index >= dt->reserve_count)
		return -ENOENT;
	entry = dt->blob + dt->reserve_offset + (u32)index * RESERVE_ENTRY_SIZE;
	if (addr)
		*addr = be64(entry);
	if (size)
		*size = be64(entry + 8);
	return 0;
}
