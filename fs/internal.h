/* What the files of fs/ share and nothing else needs. */
#ifndef FS_INTERNAL_H
#define FS_INTERNAL_H

#include <kernel/fs.h>

struct inode *inode_new(struct super_block *sb, struct inode *dir, const char *name, unsigned int mode);
void inode_free(struct inode *inode);
int vfs_create(const char *path, unsigned int mode, struct inode **out);
void vfs_set_root(struct inode *root);

#endif
