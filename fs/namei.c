/* Inodes, the path walk and the mount table.
 *
 * Every filesystem here keeps its whole tree in memory as struct inodes, so
 * the walk is a search of a directory's children; a disk filesystem reads
 * its tree at mount and is told of each entry made or removed (its
 * super_operations), after the checks here and before the inode changes. A mount hides the
 * directory it sits on: walking into it continues at the mounted root, and
 * ".." from a mounted root goes to the mountpoint's parent. Symlinks are
 * followed up to 8 deep (-ELOOP), relative to the directory that holds them. */
#include <kernel/errno.h>
#include <kernel/fs.h>
#include <kernel/slab.h>
#include <kernel/string.h>

#include "internal.h"

#define MAX_SYMLINKS 8

static struct mount *mounts;
static struct inode *root_inode, *cwd;

struct mount *mount_table(void)
{
	return mounts;
}

struct inode *inode_new(struct super_block *sb, struct inode *dir, const char *name, unsigned int mode)
{
	struct inode *inode = kzalloc(sizeof(*inode));
	struct inode **link;

	if (!inode)
		return NULL;
	inode->name = kstrdup(name);
	if (!inode->name) {
		kfree(inode);
		return NULL;
	}
	inode->mode = mode;
	inode->sb = sb;
	inode->ino = ++sb->next_ino;
	inode->parent = dir ? dir : inode;
	if (dir) {
		for (link = &dir->children; *link; link = &(*link)->next)
			;
		*link = inode;
	}
	return inode;
}

void inode_free(struct inode *inode)
{
	struct inode **link;

	if (inode->parent != inode)
		for (link = &inode->parent->children; *link; link = &(*link)->next)
			if (*link == inode) {
				*link = inode->next;
				break;
			}
	kfree(inode->data);
	kfree(inode->name);
	kfree(inode);
}

/* What a walk sees at inode: the root of whatever is mounted on it. */
static struct inode *covering(struct inode *inode)
{
	while (inode->mounted)
		inode = inode->mounted->root;
	return inode;
}

static struct mount *mount_of_root(struct inode *root)
{
	for (struct mount *m = mounts; m; m = m->next)
		if (m->root == root)
			return m;
	return NULL;
}

/* ".." of inode, crossing a mount upwards. */
static struct inode *parent_of(struct inode *inode)
{
	struct mount *m;

	while (inode->parent == inode && (m = mount_of_root(inode)) && m->mountpoint)
		inode = m->mountpoint;
	return covering(inode->parent);
}

static struct inode *child(struct inode *dir, const char *name, size_t len)
{
	for (struct inode *c = dir->children; c; c = c->next)
		if (strlen(c->name) == len && !memcmp(c->name, name, len))
			return c;
	return NULL;
}

int vfs_lookup_in(struct inode *dir, const char *name, struct inode **out)
{
	*out = child(dir, name, strlen(name));
	return *out ? 0 : -ENOENT;
}

struct walk {
	struct inode *dir;   /* the directory the last component is in */
	const char *last;    /* the last component (not looked up: LOOKUP_PARENT) */
	size_t last_len;
	int links;           /* symlinks followed so far */
};

static int walk(struct walk *w, const char *path, bool parent_only, bool follow_last);

/* Follow symlink link found in dir. */
static int follow(struct walk *w, struct inode *dir, struct inode *link, struct inode **out)
{
	struct walk inner = { .links = w->links + 1 };
	int err;

	if (inner.links > MAX_SYMLINKS)
		return -ELOOP;
	if (!link->data || !*link->data)
		return -ENOENT; /* an empty target names nothing, as in Linux */
	inner.dir = dir;
	err = walk(&inner, link->data ? link->data : "", false, true);
	w->links = inner.links;
	if (!err)
		*out = inner.dir;
	return err;
}

/* Walk path from the root or w->dir (set by the caller: the working
 * directory). Ends with w->dir the final inode, or, with parent_only, the
 * directory holding the last component (w->last, not looked up). */
static int walk(struct walk *w, const char *path, bool parent_only, bool follow_last)
{
	struct inode *dir = *path == '/' ? covering(root_inode) : w->dir;
	bool trailing_slash;

	if (!dir)
		return -ENOENT;
	for (;;) {
		const char *name;
		size_t len;
		struct inode *next;
		int err;

		while (*path == '/')
			path++;
		name = path;
		while (*path && *path != '/')
			path++;
		len = (size_t)(path - name);
		if (len > NAME_MAX)
			return -ENAMETOOLONG;
		trailing_slash = *path == '/';
		while (*path == '/')
			path++;
		if (!S_ISDIR(dir->mode))
			return -ENOTDIR;
		if (!len) { /* "" or "/": the directory itself */
			w->dir = dir;
			w->last = NULL;
			w->last_len = 0;
			return 0;
		}
		if (parent_only && !*path) {
			w->dir = dir;
			w->last = name;
			w->last_len = len;
			return 0;
		}
		if (len == 1 && name[0] == '.')
			next = dir;
		else if (len == 2 && name[0] == '.' && name[1] == '.')
			next = parent_of(dir);
		else if (!(next = child(dir, name, len)))
			return -ENOENT;
		else
			next = covering(next);
		if (S_ISLNK(next->mode) && (*path || follow_last)) {
			err = follow(w, dir, next, &next);
			if (err)
				return err;
		}
		if (!*path) {
			/* "file/" names a directory: Linux says ENOTDIR */
			if (trailing_slash && !S_ISDIR(next->mode))
				return -ENOTDIR;
			w->dir = next;
			w->last = NULL;
			return 0;
		}
		dir = next;
	}
}

static int walk_from_cwd(struct walk *w, const char *path, bool parent_only, bool follow_last)
{
	if (!path || !*path)
		return -ENOENT;
	w->dir = cwd ? cwd : covering(root_inode);
	w->links = 0;
	return walk(w, path, parent_only, follow_last);
}

int vfs_lookup(const char *path, unsigned int flags, struct inode **out)
{
	struct walk w;
	int err = walk_from_cwd(&w, path, false, !(flags & LOOKUP_NOFOLLOW));

	if (!err)
		*out = w.dir;
	return err;
}

/* The directory and the name for making or removing path's last component. */
static int lookup_parent(const char *path, struct inode **dir, char *name)
{
	struct walk w;
	int err = walk_from_cwd(&w, path, true, true);

	if (err)
		return err;
	if (!w.last)
		return -EEXIST; /* "/", "." or "dir/": names an existing directory */
	if ((w.last_len == 1 && w.last[0] == '.') || (w.last_len == 2 && !memcmp(w.last, "..", 2)))
		return -EEXIST;
	memcpy(name, w.last, w.last_len);
	name[w.last_len] = '\0';
	*dir = w.dir;
	if (w.last[w.last_len] == '/') { /* "rm file/": only a directory may be named so */
		struct inode *inode = child(w.dir, w.last, w.last_len);

		if (inode && !S_ISDIR(covering(inode)->mode) && !S_ISLNK(inode->mode))
			return -ENOTDIR;
	}
	return 0;
}

int vfs_chdir(const char *path)
{
	struct inode *dir;
	int err = vfs_lookup(path, 0, &dir);

	if (err)
		return err;
	if (!S_ISDIR(dir->mode))
		return -ENOTDIR;
	cwd = dir;
	return 0;
}

int vfs_path_of(struct inode *inode, char *buf, size_t size)
{
	size_t pos = size;

	if (size < 2)
		return -ERANGE;
	buf[--pos] = '\0';
	for (;;) {
		struct mount *m;
		size_t len;

		while (inode->parent == inode && (m = mount_of_root(inode)) && m->mountpoint)
			inode = m->mountpoint;
		if (inode->parent == inode)
			break;
		len = strlen(inode->name);
		if (pos < len + 1)
			return -ENAMETOOLONG;
		pos -= len;
		memcpy(buf + pos, inode->name, len);
		buf[--pos] = '/';
		inode = inode->parent;
	}
	if (pos == size - 1)
		buf[--pos] = '/';
	memmove(buf, buf + pos, size - pos);
	return 0;
}

int vfs_getcwd(char *buf, size_t size)
{
	return vfs_path_of(cwd ? cwd : covering(root_inode), buf, size);
}

static int make(const char *path, unsigned int mode, struct inode **out)
{
	char name[NAME_MAX + 1];
	const struct super_operations *ops;
	struct inode *dir, *inode;
	int err = lookup_parent(path, &dir, name);

	if (err)
		return err;
	if (child(dir, name, strlen(name)))
		return -EEXIST;
	ops = dir->sb->type->ops;
	if (!dir->sb->type->writable || (ops && (S_ISLNK(mode) || !ops->create)))
		return -EPERM;
	if (dir->sb->flags & MS_RDONLY)
		return -EROFS;
	inode = inode_new(dir->sb, dir, name, mode);
	if (!inode)
		return -ENOMEM;
	if (ops && (err = ops->create(dir, inode))) {
		inode_free(inode);
		return err;
	}
	*out = inode;
	return 0;
}

int vfs_mkdir(const char *path, unsigned int mode)
{
	struct inode *inode;

	return make(path, S_IFDIR | (mode & 07777), &inode);
}

int vfs_mknod(const char *path, unsigned int mode, unsigned int rdev)
{
	struct inode *inode;
	int err = make(path, mode, &inode);

	if (!err)
		inode->rdev = rdev;
	return err;
}

int vfs_symlink(const char *target, const char *path)
{
	struct inode *inode;
	int err = make(path, S_IFLNK | 0777, &inode);

	if (err)
		return err;
	inode->data = kstrdup(target);
	if (!inode->data) {
		inode_free(inode);
		return -ENOMEM;
	}
	inode->size = strlen(target);
	return 0;
}

int vfs_create(const char *path, unsigned int mode, struct inode **out)
{
	return make(path, S_IFREG | (mode & 07777), out);
}

int vfs_unlink(const char *path)
{
	char name[NAME_MAX + 1];
	struct inode *dir, *inode;
	int err = lookup_parent(path, &dir, name);

	if (err)
		return err == -EEXIST ? -EBUSY : err;
	inode = child(dir, name, strlen(name));
	if (!inode)
		return -ENOENT;
	if (inode->mounted || mount_of_root(inode) || inode->opened)
		return -EBUSY; /* a mountpoint, or open (a "2> f" of the running command) */
	if (S_ISDIR(inode->mode) && inode->children)
		return -ENOTEMPTY;
	if (!dir->sb->type->writable)
		return -EPERM;
	if (dir->sb->flags & MS_RDONLY)
		return -EROFS;
	if (dir->sb->type->ops && (err = dir->sb->type->ops->unlink(dir, inode)))
		return err;
	if (cwd == inode)
		cwd = dir;
	inode_free(inode);
	return 0;
}

/* --- Mounts ----------------------------------------------------------------------- */

static const struct file_system_type *find_fs(const char *type)
{
	ll_foreach(filesystems, fs)
		if (!strcmp(fs->name, type))
			return fs;
	return NULL;
}

/* Directories and pseudo files named by path inside root, made as needed. */
static struct inode *make_path(struct inode *root, const char *path, bool last_is_dir)
{
	struct inode *dir = root;

	while (*path) {
		const char *end = strchr(path, '/');
		size_t len = end ? (size_t)(end - path) : strlen(path);
		char name[NAME_MAX + 1];
		struct inode *next;

		if (!end && !last_is_dir)
			break;
		len = len > NAME_MAX ? NAME_MAX : len;
		memcpy(name, path, len);
		name[len] = '\0';
		next = child(dir, name, len);
		if (!next && !(next = pseudo_mkdir(dir, name)))
			return NULL;
		dir = next;
		path += len + (end ? 1 : 0);
	}
	return dir;
}

struct inode *pseudo_mkdir(struct inode *dir, const char *name)
{
	return inode_new(dir->sb, dir, name, S_IFDIR | 0755);
}

struct inode *pseudo_create(struct inode *dir, const char *name, unsigned int mode,
			    const struct file_operations *fops, void *data)
{
	struct inode *inode = inode_new(dir->sb, dir, name, S_IFREG | (mode & 07777));

	if (inode) {
		inode->fops = fops;
		inode->private = data;
	}
	return inode;
}

static void free_instance(struct inode *root);

static int new_instance(const struct file_system_type *type, const char *source, unsigned int flags,
			struct inode **out)
{
	struct super_block *sb = kzalloc(sizeof(*sb));
	int err;

	if (!sb)
		return -ENOMEM;
	sb->type = type;
	sb->flags = flags;
	sb->root = inode_new(sb, NULL, "", S_IFDIR | 0755);
	if (!sb->root) {
		kfree(sb);
		return -ENOMEM;
	}
	if (type->ops && (err = type->ops->fill_super(sb, source))) {
		free_instance(sb->root);
		return err;
	}
	ll_foreach(pseudo_files, pf) {
		const char *slash;
		struct inode *dir;

		if (strcmp(pf->fs, type->name))
			continue;
		dir = make_path(sb->root, pf->path, false);
		slash = strchr(pf->path, '/');
		while (slash && strchr(slash + 1, '/'))
			slash = strchr(slash + 1, '/');
		if (dir)
			pseudo_create(dir, slash ? slash + 1 : pf->path, pf->mode, pf->fops, pf->data);
	}
	if (type->fill)
		type->fill(sb->root);
	*out = sb->root;
	return 0;
}

static void put_instance(struct inode *root)
{
	if (root->sb->type->ops && root->sb->type->ops->put_super)
		root->sb->type->ops->put_super(root->sb);
	free_instance(root);
}

const char *mount_options(const struct mount *m)
{
	if (!m->mountpoint)
		return "rw";
	return m->root->sb->flags & MS_RDONLY ? "ro,relatime" : "rw,relatime";
}

static int add_mount(const char *source, struct inode *mountpoint, struct inode *root)
{
	struct mount *m = kzalloc(sizeof(*m)), **link;
	char *path = kmalloc(PATH_MAX);
	int err = 0;

	if (!m || !path) {
		err = -ENOMEM;
		goto out_free;
	}
	if (mountpoint)
		err = vfs_path_of(mountpoint, path, PATH_MAX);
	else
		strlcpy(path, "/", PATH_MAX);
	if (err)
		goto out_free;
	m->source = kstrdup(source);
	m->path = kstrdup(path);
	if (!m->source || !m->path) {
		err = -ENOMEM;
		goto out_free;
	}
	kfree(path);
	m->root = root;
	m->mountpoint = mountpoint;
	if (mountpoint) {
		m->covered = mountpoint->mounted;
		mountpoint->mounted = m;
	}
	for (link = &mounts; *link; link = &(*link)->next)
		;
	*link = m;
	return 0;

out_free:
	if (m) {
		kfree(m->source);
		kfree(m->path);
	}
	kfree(m);
	kfree(path);
	return err;
}

int vfs_mount(const char *source, const char *path, const char *type, unsigned int flags)
{
	const struct file_system_type *fs = find_fs(type);
	struct inode *dir, *root;
	int err;

	if (!fs)
		return -ENODEV;
	err = vfs_lookup(path, 0, &dir);
	if (err)
		return err;
	if (!S_ISDIR(dir->mode))
		return -ENOTDIR;
	/* dir is what the walk sees: on a mountpoint, the newest mount's root,
	 * which the new mount then covers */
	err = new_instance(fs, source, flags & MS_RDONLY, &root);
	if (err)
		return err;
	err = add_mount(source, dir, root);
	if (err) {
		put_instance(root);
		return err;
	}
	if (fs->mounted) {
		char *where = kmalloc(PATH_MAX);

		if (where && !vfs_path_of(root, where, PATH_MAX))
			fs->mounted(where, root);
		kfree(where);
		/* what the hook mounted inside the new instance goes with it */
		for (struct mount *other = mounts; other; other = other->next)
			if (other->mountpoint && other->mountpoint->sb == root->sb)
				other->automount = true;
	}
	return 0;
}

/* A filesystem instance no longer mounted: every inode, leaves first (no
 * recursion: ramfs trees can be deep), then its super block. */
static void free_instance(struct inode *root)
{
	struct super_block *sb = root->sb;
	struct inode *inode = root;

	while (inode) {
		struct inode *parent;

		if (inode->children) {
			inode = inode->children;
			continue;
		}
		parent = inode->parent == inode ? NULL : inode->parent;
		inode_free(inode);
		inode = parent;
	}
	kfree(sb);
}

static bool inside(struct inode *inode, struct inode *root)
{
	for (; inode; inode = inode->parent == inode ? NULL : inode->parent)
		if (inode == root)
			return true;
	return false;
}

/* Whether m can go: nothing open in it, not the working directory's, and
 * nothing mounted inside but the automounts that go with it (Linux's
 * shrinkable mounts: debugfs's tracing/). */
static int umount_check(struct mount *m)
{
	if (m->root->sb->opened || inside(cwd, m->root))
		return -EBUSY;
	for (struct mount *other = mounts; other; other = other->next) {
		int err;

		if (other == m || !other->mountpoint || !inside(other->mountpoint, m->root))
			continue;
		if (!other->automount)
			return -EBUSY;
		err = umount_check(other);
		if (err)
			return err;
	}
	return 0;
}

static void umount_one(struct mount *m)
{
	struct mount **link;

	for (struct mount *other = mounts; other;) {
		if (other != m && other->mountpoint && inside(other->mountpoint, m->root)) {
			umount_one(other);
			other = mounts; /* the table changed: look again */
			continue;
		}
		other = other->next;
	}
	m->mountpoint->mounted = m->covered;
	for (link = &mounts; *link; link = &(*link)->next)
		if (*link == m) {
			*link = m->next;
			break;
		}
	put_instance(m->root);
	kfree(m->source);
	kfree(m->path);
	kfree(m);
}

int vfs_umount(const char *path)
{
	struct inode *root;
	struct mount *m;
	int err = vfs_lookup(path, 0, &root);

	if (err)
		return err;
	m = mount_of_root(root);
	if (!m || !m->mountpoint || root->parent != root)
		return -EINVAL;
	err = umount_check(m);
	if (!err)
		umount_one(m);
	return err;
}

void vfs_set_root(struct inode *root)
{
	root_inode = root;
	add_mount("rootfs", NULL, root);
}
