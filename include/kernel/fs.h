/* The virtual file system: one tree of inodes with filesystems mounted on
 * directories, a path walk that crosses mounts and follows symlinks, and
 * files that are either bytes in memory (ramfs), pseudo files whose text a
 * show() function writes at open and whose writes go to a write() function
 * (proc, tracefs, debugfs), or files of a disk filesystem (vfat), whose
 * tree is read into inodes at mount and whose data and changes go through
 * the filesystem's super_operations.
 *
 * Registries (linker lists): filesystems (DEFINE_FILESYSTEM) and the pseudo
 * files of each pseudo filesystem (PSEUDO_FILE). There is one process, the
 * shell: the working directory is the VFS's own. */
#ifndef KERNEL_FS_H
#define KERNEL_FS_H

#include <kernel/compiler.h>
#include <kernel/linker_lists.h>
#include <kernel/types.h>

#define S_IFMT 0170000
#define S_IFDIR 0040000
#define S_IFREG 0100000
#define S_IFLNK 0120000
#define S_IFCHR 0020000
#define S_IFBLK 0060000
#define S_ISDIR(m) (((m) & S_IFMT) == S_IFDIR)
#define S_ISREG(m) (((m) & S_IFMT) == S_IFREG)
#define S_ISLNK(m) (((m) & S_IFMT) == S_IFLNK)
#define S_ISCHR(m) (((m) & S_IFMT) == S_IFCHR)
#define S_ISBLK(m) (((m) & S_IFMT) == S_IFBLK)

/* A device node's number (inode->rdev), split as Linux's kdev_t.h: 12 bits
 * of major, 20 of minor. */
#define MINORBITS 20
#define MKDEV(major, minor) (((major) << MINORBITS) | (minor))
#define MAJOR(dev) ((unsigned int)(dev) >> MINORBITS)
#define MINOR(dev) ((unsigned int)(dev) & ((1u << MINORBITS) - 1))

#define O_RDONLY 00
#define O_WRONLY 01
#define O_RDWR 02
#define O_ACCMODE 03
#define O_CREAT 0100
#define O_EXCL 0200
#define O_TRUNC 01000
#define O_APPEND 02000

#define MS_RDONLY 1 /* vfs_mount() flags: Linux's values */

#define NAME_MAX 255
#define PATH_MAX 4096
#define FILE_MAX_SIZE (16u << 20) /* a ramfs file or a pseudo file's text */

/* --- Pseudo files --------------------------------------------------------------- */

/* The text a pseudo file shows, grown as it is written (seq_file's role). */
struct seq_buf {
	char *buf;
	size_t len, size;
	bool overflow; /* out of memory or FILE_MAX_SIZE: the text is cut */
};
void seq_printf(struct seq_buf *m, const char *fmt, ...) __printf(2, 3);
void seq_puts(struct seq_buf *m, const char *s);
void seq_write(struct seq_buf *m, const void *data, size_t len);

struct file_operations {
	/* Reading: the whole text, at open. */
	void (*show)(struct seq_buf *m, void *data);
	/* Opened for writing, with O_TRUNC or O_APPEND as given ("> f" / ">> f"). */
	int (*open_write)(void *data, int flags);
	/* One write(): the bytes as written. 0 or a negative errno. */
	int (*write)(void *data, const char *buf, size_t len);
};

struct pseudo_file {
	const char *fs;   /* "proc", "tracefs", "debugfs" */
	const char *path; /* inside that filesystem: "cmdline", "events/enable" */
	unsigned int mode;
	const struct file_operations *fops;
	void *data;
};
LL_LIST(pseudo_files, rodata, const struct pseudo_file);

#define PSEUDO_FILE(fsname, name, filepath, filemode, ops, arg)                                 \
	static LL_ENTRY(pseudo_files, rodata, name) = {                                        \
		.fs = fsname, .path = filepath, .mode = filemode, .fops = ops, .data = arg }

/* --- Inodes, filesystems, mounts ----------------------------------------------- */

struct super_block;
struct inode;

/* A filesystem on a device. fill_super reads its tree into inodes under
 * sb->root at mount (or fails, having said why); afterwards every inode of
 * it is in memory, and what reaches the disk goes through the other hooks.
 * Each returns 0 (read/write: the bytes done) or a negative errno. The VFS
 * has checked what it can first: names, existence, emptiness, read-only. */
struct super_operations {
	int (*fill_super)(struct super_block *sb, const char *source);
	/* len bytes at pos inside the file (the VFS keeps pos + len <= size). */
	long (*read)(struct inode *inode, size_t pos, void *buf, size_t len);
	/* Writing past inode->size grows the file (and the size). */
	long (*write)(struct inode *inode, size_t pos, const void *buf, size_t len);
	int (*setsize)(struct inode *inode, size_t size); /* O_TRUNC: 0 */
	/* inode (name and mode set, a file or a directory) is new in dir: put it on the disk. */
	int (*create)(struct inode *dir, struct inode *inode);
	/* A file or an empty directory leaves dir. */
	int (*unlink)(struct inode *dir, struct inode *inode);
	void (*put_super)(struct super_block *sb); /* umount: write back, free */
};

struct inode {
	unsigned int mode;
	unsigned int ino;
	char *name;
	struct inode *parent;
	struct inode *children, *next; /* a directory's entries, in creation order */
	struct super_block *sb;
	struct mount *mounted;         /* the newest mount on this directory */
	char *data;                    /* ramfs file bytes, a symlink's target, or what a
	                                * pseudo or disk filesystem allocated for it: freed
	                                * with it */
	size_t size, capacity;
	const struct file_operations *fops; /* pseudo files */
	void *private;
	unsigned int opened;           /* open files on it: it is not removed meanwhile */
	unsigned int rdev;             /* a device node's MKDEV(major, minor) */
};

struct file_system_type {
	const char *name;
	bool nodev;    /* needs no device ("nodev" in /proc/filesystems) */
	bool writable; /* files and directories can be made in it */
	/* Extra entries after the PSEUDO_FILE ones (tracefs: one directory per event). */
	void (*fill)(struct inode *root);
	/* Mounted on a directory of this filesystem: mount it too (debugfs's tracing/). */
	void (*mounted)(const char *path, struct inode *root);
	const struct super_operations *ops; /* a disk filesystem's */
};
LL_LIST(filesystems, rodata, const struct file_system_type);

#define DEFINE_FILESYSTEM(id) static LL_ENTRY(filesystems, rodata, id)

struct super_block {
	const struct file_system_type *type;
	struct inode *root;
	unsigned int next_ino;
	unsigned int opened;           /* open files in it: not unmounted meanwhile */
	unsigned int flags;            /* MS_RDONLY */
	void *fs_info;                 /* the filesystem's own (put_super frees it) */
};

struct mount {
	struct inode *mountpoint; /* NULL for / */
	struct inode *root;
	struct mount *covered;    /* what was mounted on the same directory before */
	char *source, *path;
	bool automount;           /* made by its parent's mount (debugfs's tracing/): goes with it */
	struct mount *next;       /* the mount table, in mount order */
};

/* The mount table, oldest first (the root filesystem). */
struct mount *mount_table(void);

/* Boot step: the root filesystem (ramfs) with Linux's directories. */
void vfs_init(void);

/* flags: MS_RDONLY. */
int vfs_mount(const char *source, const char *path, const char *type, unsigned int flags);
int vfs_umount(const char *path);
/* The options column of the mount table: "rw", "rw,relatime", "ro,relatime". */
const char *mount_options(const struct mount *m);

/* --- Paths -------------------------------------------------------------------- */

#define LOOKUP_NOFOLLOW 0x1 /* the last component may be a symlink itself */

int vfs_lookup(const char *path, unsigned int flags, struct inode **out);
/* The entry name of directory dir (no mounts, no symlinks): 0 or -ENOENT. */
int vfs_lookup_in(struct inode *dir, const char *name, struct inode **out);
/* The working directory, for relative paths; and its path. */
int vfs_chdir(const char *path);
int vfs_getcwd(char *buf, size_t size);
/* The absolute path of inode (crossing mounts upwards). */
int vfs_path_of(struct inode *inode, char *buf, size_t size);

int vfs_mkdir(const char *path, unsigned int mode);
int vfs_unlink(const char *path); /* files, symlinks and empty directories */
int vfs_symlink(const char *target, const char *path);
/* A device node (S_IFBLK or S_IFCHR in mode) for device number rdev. Opening
 * one is -ENXIO: no I/O goes through device nodes yet. */
int vfs_mknod(const char *path, unsigned int mode, unsigned int rdev);
/* Create or replace a regular file with size bytes of data. */
int vfs_write_file(const char *path, unsigned int mode, const void *data, size_t size);

/* Make a directory or pseudo file in a filesystem being filled (no checks). */
struct inode *pseudo_mkdir(struct inode *dir, const char *name);
struct inode *pseudo_create(struct inode *dir, const char *name, unsigned int mode,
			    const struct file_operations *fops, void *data);

/* --- Open files ---------------------------------------------------------------- */

struct file {
	struct inode *inode;
	int flags;
	size_t pos;
	struct seq_buf text; /* a pseudo file's text, shown at open */
};

int vfs_open(const char *path, int flags, unsigned int mode, struct file **out);
/* Bytes read (0 at the end) or a negative errno. */
long vfs_read(struct file *f, void *buf, size_t len);
long vfs_write(struct file *f, const void *buf, size_t len);
void vfs_close(struct file *f);
/* A file's whole contents in a new buffer (kfree it); at most max bytes. */
int vfs_read_all(const char *path, char **data, size_t *len, size_t max);

#endif
