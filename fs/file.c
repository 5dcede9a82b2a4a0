/* Open files: ramfs files are read and written in place; a pseudo file's
 * text is made by its show() when opened for reading, and each write() goes
 * to its write(), as Linux's seq_file and simple attribute files do; a disk
 * filesystem's files are read and written through its super_operations. */
#include <kernel/errno.h>
#include <kernel/fs.h>
#include <kernel/slab.h>
#include <kernel/sprintf.h>
#include <kernel/string.h>

#include "internal.h"

static bool seq_reserve(struct seq_buf *m, size_t more)
{
	size_t want;
	char *p;

	if (m->overflow)
		return false;
	if (m->len + more <= m->size)
		return true;
	want = m->size ? m->size : 256;
	while (want < m->len + more)
		want *= 2;
	if (want > FILE_MAX_SIZE || !(p = krealloc(m->buf, want))) {
		m->overflow = true;
		return false;
	}
	m->buf = p;
	m->size = want;
	return true;
}

void seq_write(struct seq_buf *m, const void *data, size_t len)
{
	if (seq_reserve(m, len)) {
		memcpy(m->buf + m->len, data, len);
		m->len += len;
	}
}

void seq_puts(struct seq_buf *m, const char *s)
{
	seq_write(m, s, strlen(s));
}

void seq_printf(struct seq_buf *m, const char *fmt, ...)
{
	va_list args;
	int n;

	/* Most lines fit 128 bytes: format once in place, again only if longer. */
	if (!seq_reserve(m, 128))
		return;
	va_start(args, fmt);
	n = vsnprintf(m->buf + m->len, m->size - m->len, fmt, args);
	va_end(args);
	if ((size_t)n >= m->size - m->len) {
		if (!seq_reserve(m, (size_t)n + 1))
			return;
		va_start(args, fmt);
		vsnprintf(m->buf + m->len, m->size - m->len, fmt, args);
		va_end(args);
	}
	m->len += (size_t)n;
}

int vfs_open(const char *path, int flags, unsigned int mode, struct file **out)
{
	const struct super_operations *ops;
	struct inode *inode;
	struct file *f;
	int err = vfs_lookup(path, 0, &inode);

	if (err == -ENOENT && (flags & O_CREAT))
		err = vfs_create(path, mode, &inode);
	else if (!err && (flags & O_CREAT) && (flags & O_EXCL))
		err = -EEXIST;
	if (err)
		return err;
	ops = inode->sb->type->ops;
	if (S_ISDIR(inode->mode))
		return -EISDIR;
	if (S_ISBLK(inode->mode) || S_ISCHR(inode->mode))
		return -ENXIO;
	if ((flags & O_ACCMODE) != O_RDONLY && (inode->sb->flags & MS_RDONLY))
		return -EROFS;
	if (inode->fops) {
		bool writing = (flags & O_ACCMODE) != O_RDONLY;

		if ((writing && (!inode->fops->write || !(inode->mode & 0222))) ||
		    (!writing && !inode->fops->show))
			return -EACCES;
		if (writing && inode->fops->open_write && (err = inode->fops->open_write(inode->private, flags)))
			return err;
	} else if ((flags & O_TRUNC) && (flags & O_ACCMODE) != O_RDONLY) {
		if (ops && (err = ops->setsize(inode, 0)))
			return err;
		inode->size = 0;
	}
	f = kzalloc(sizeof(*f));
	if (!f)
		return -ENOMEM;
	f->inode = inode;
	f->flags = flags;
	inode->opened++;
	inode->sb->opened++;
	if (inode->fops && (flags & O_ACCMODE) == O_RDONLY) {
		inode->fops->show(&f->text, inode->private);
		if (f->text.overflow && !f->text.len) {
			vfs_close(f);
			return -ENOMEM;
		}
	}
	*out = f;
	return 0;
}

long vfs_read(struct file *f, void *buf, size_t len)
{
	const char *data = f->inode->fops ? f->text.buf : f->inode->data;
	size_t size = f->inode->fops ? f->text.len : f->inode->size;

	const struct super_operations *ops = f->inode->sb->type->ops;

	if ((f->flags & O_ACCMODE) == O_WRONLY)
		return -EBADF;
	if (f->pos >= size)
		return 0;
	if (len > size - f->pos)
		len = size - f->pos;
	if (ops && !f->inode->fops) {
		long n = ops->read(f->inode, f->pos, buf, len);

		if (n > 0)
			f->pos += (size_t)n;
		return n;
	}
	memcpy(buf, data + f->pos, len);
	f->pos += len;
	return (long)len;
}

long vfs_write(struct file *f, const void *buf, size_t len)
{
	struct inode *inode = f->inode;
	size_t end;

	if ((f->flags & O_ACCMODE) == O_RDONLY)
		return -EBADF;
	if (inode->fops) {
		int err = inode->fops->write(inode->private, buf, len);

		return err ? err : (long)len;
	}
	if (f->flags & O_APPEND)
		f->pos = inode->size;
	if (inode->sb->type->ops) {
		long n = inode->sb->type->ops->write(inode, f->pos, buf, len);

		if (n > 0)
			f->pos += (size_t)n;
		return n;
	}
	end = f->pos + len;
	if (end < f->pos || end > FILE_MAX_SIZE)
		return -EFBIG;
	if (end > inode->capacity) {
		size_t cap = inode->capacity ? inode->capacity : 64;
		char *p;

		while (cap < end)
			cap *= 2;
		p = krealloc(inode->data, cap);
		if (!p)
			return -ENOSPC;
		inode->data = p;
		inode->capacity = cap;
	}
	if (f->pos > inode->size)
		memset(inode->data + inode->size, 0, f->pos - inode->size);
	memcpy(inode->data + f->pos, buf, len);
	f->pos = end;
	if (end > inode->size)
		inode->size = end;
	return (long)len;
}

void vfs_close(struct file *f)
{
	f->inode->opened--;
	f->inode->sb->opened--;
	kfree(f->text.buf);
	kfree(f);
}

int vfs_write_file(const char *path, unsigned int mode, const void *data, size_t size)
{
	struct file *f;
	long n;
	int err = vfs_open(path, O_WRONLY | O_CREAT | O_TRUNC, mode, &f);

	if (err)
		return err;
	if (!S_ISREG(f->inode->mode) || f->inode->fops) {
		vfs_close(f);
		return -EINVAL;
	}
	f->inode->mode = S_IFREG | (mode & 07777);
	n = size ? vfs_write(f, data, size) : 0;
	vfs_close(f);
	return n < 0 ? (int)n : 0;
}

int vfs_read_all(const char *path, char **data, size_t *len, size_t max)
{
	struct file *f;
	char *buf = NULL;
	size_t size = 0, used = 0;
	int err = vfs_open(path, O_RDONLY, 0, &f);

	if (err)
		return err;
	for (;;) {
		long n;

		if (used == size) {
			char *p;

			if (size >= max) {
				char probe;

				/* full at max: an error only if there is more */
				n = vfs_read(f, &probe, 1);
				err = n > 0 ? -EFBIG : (int)n;
				break;
			}
			size = size ? size * 2 : 1024;
			if (size > max)
				size = max;
			if (!(p = krealloc(buf, size + 1))) {
				err = -ENOMEM;
				break;
			}
			buf = p;
		}
		n = vfs_read(f, buf + used, size - used);
		if (n <= 0) {
			err = (int)n;
			break;
		}
		used += (size_t)n;
	}
	vfs_close(f);
	if (err) {
		kfree(buf);
		return err;
	}
	if (!buf && !(buf = kmalloc(1)))
		return -ENOMEM;
	buf[used] = '\0';
	*data = buf;
	*len = used;
	return 0;
}
