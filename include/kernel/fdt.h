/*
 * Read-only access to a flattened device tree (DTB) handed over by the boot loader.
 *
 * dtb_open() checks the whole blob once; every other call then reads only inside the
 * sizes it validated, so a corrupt or hostile blob can give wrong answers but never
 * makes a read outside it or a loop that does not end.
 *
 * Node and property offsets are byte offsets into the structure block, the same
 * numbers libfdt uses. Errors are negative errno values.
 */
#ifndef KERNEL_FDT_H
#define KERNEL_FDT_H

#include <kernel/types.h>

#define DTB_MAGIC 0xd00dfeed
/* Deepest nesting dtb_open() accepts, the root node counting as one level. */
#define DTB_MAX_DEPTH 64

#define DTB_PHANDLE_CACHE 64

/* One node of a tree's index (dtb_index()): nodes in tree order. */
struct dtb_node_info {
	int offset; /* the node's structure offset */
	int parent; /* index of its parent, -1 for the root */
	int next;   /* index of the first node after its subtree (nr_nodes: none) */
	int depth;  /* 0 for the root */
};

struct dtb {
	const u8 *blob;      /* the blob as given to dtb_open() */
	u32 size;            /* header totalsize, validated against the memory given */
	u32 struct_offset;   /* structure block: where it starts in the blob, its size */
	u32 struct_size;
	u32 strings_offset;  /* strings block (property names) */
	u32 strings_size;
	u32 reserve_offset;  /* memory reservation map */
	u32 reserve_count;   /* its entries, not counting the terminating zero entry */
	int root;            /* structure offset of the root node */
	bool strings_terminated; /* the strings block ends in NUL */
	/* Optional, set by the owner after dtb_open(): DTB_PHANDLE_CACHE
	 * zeroed slots where dtb_node_by_phandle() remembers what it found. */
	int *phandle_cache;
	/* Optional, the same way: one word where lookups keep the last node
	 * they read, with its name's length in words (node | words << 24),
	 * so a driver's run of lookups on one node reads its name once. One
	 * word: a CPU reading it as another writes it sees either value. */
	u32 *last_node;
	/* Optional, from dtb_index(): every node in tree order, so walks from
	 * node to node, to a parent or past a subtree read no tokens. */
	const struct dtb_node_info *nodes;
	u32 nr_nodes;
};

/* Index an opened tree's nodes into `nodes` (room for max): then the node
 * walks (dtb_next_node, dtb_parent, dtb_first_child, dtb_next_sibling) use
 * it. Returns the number of nodes, or -ENOSPC (no index: walks read the
 * tokens, as without one). */
int dtb_index(struct dtb *dt, struct dtb_node_info *nodes, u32 max);

/*
 * Validate the blob at `blob` (at most max_size bytes readable) and fill *dt.
 * Returns 0, or a negative errno with *reason (if reason is not NULL) pointing at a
 * short static description of the first fault found. On failure *dt is zeroed,
 * which every other call treats as an empty tree.
 */
int dtb_open(struct dtb *dt, const void *blob, u32 max_size, const char **reason);

/* Nodes: offsets >= 0, or -ENOENT when there is no such node (-EINVAL: `node` is not a node). */
int dtb_path_offset(const struct dtb *dt, const char *path);
int dtb_path_offset_len(const struct dtb *dt, const char *path, size_t len);
int dtb_first_child(const struct dtb *dt, int node);
int dtb_next_sibling(const struct dtb *dt, int node);
int dtb_parent(const struct dtb *dt, int node);
/* Every node in document order: node = -1 gives the root. *depth (may be NULL) is kept up to date. */
int dtb_next_node(const struct dtb *dt, int node, int *depth);
int dtb_node_by_phandle(const struct dtb *dt, u32 phandle);
int dtb_next_compatible(const struct dtb *dt, int after, const char *compat);
const char *dtb_node_name(const struct dtb *dt, int node);

/* Properties. *len (may be NULL) gets the value length, or a negative errno. */
const void *dtb_get_property(const struct dtb *dt, int node, const char *name, int *len);
const char *dtb_get_string(const struct dtb *dt, int node, const char *name);
int dtb_get_u32(const struct dtb *dt, int node, const char *name, u32 *out);
bool dtb_is_compatible(const struct dtb *dt, int node, const char *compat);
/* Walking a string-list value (compatible): list is the current string, *len
 * the bytes left from it; returns the next string, NULL at the end (an
 * unterminated tail counts as the end). */
const char *dtb_string_list_next(const char *list, int *len);
bool dtb_node_is_available(const struct dtb *dt, int node);

/* The index of name in a string-list property (clock-names), or -ENOENT. */
int dtb_string_index(const struct dtb *dt, int node, const char *list, const char *name);

/* Entry index of a phandle list with arguments ("clocks" sized by each
 * provider's "#clock-cells"): the provider's node and its argument cells.
 * -ENOENT past the end or without the property; -EINVAL when the list is
 * malformed (a phandle naming no node, a cell count over DTB_MAX_ARGS or
 * running past the property). */
#define DTB_MAX_ARGS 4
struct dtb_phandle_args {
	int node;
	int nargs;
	u32 args[DTB_MAX_ARGS];
};
int dtb_parse_phandle_args(const struct dtb *dt, int node, const char *list, const char *cells_name,
			   int index, struct dtb_phandle_args *out);

/* Property iteration: offsets of a node's properties in order, or -ENOENT at the end. */
int dtb_first_property(const struct dtb *dt, int node);
int dtb_next_property(const struct dtb *dt, int property);
const void *dtb_property_at(const struct dtb *dt, int property, const char **name, int *len);

/*
 * Entry `index` of a node's reg, sized by the parent's #address-cells and #size-cells
 * (2 and 1 when absent; 1-2 address cells and 0-2 size cells, anything else is -EINVAL).
 * Addresses are not translated through `ranges`. -ENOENT: no reg or no such entry.
 */
int dtb_read_reg(const struct dtb *dt, int node, int index, u64 *addr, u64 *size);

/*
 * The console node named by /chosen stdout-path (or linux,stdout-path), given as an
 * alias or a full path, optionally followed by ":options". *options (may be NULL)
 * gets the text after ':' or NULL.
 */
int dtb_stdout_node(const struct dtb *dt, const char **options);

/*
 * Bank `index` (0 = first) of RAM: the reg entries of the root's children with
 * device_type = "memory" that are available, in document order. -ENOENT past the end.
 */
int dtb_memory_bank(const struct dtb *dt, int index, u64 *base, u64 *size);

/* Entry `index` of the memory reservation map (/memreserve/), or -ENOENT. */
int dtb_reserved_memory(const struct dtb *dt, int index, u64 *addr, u64 *size);

#endif
