/* Host tests: read a whole file into a buffer of exactly its size (so that
 * ASan catches any read past its end). Returns 0, or -1 after saying why. */
#ifndef TESTS_READ_FILE_H
#define TESTS_READ_FILE_H

#include <stdio.h>
#include <stdlib.h>

static inline int read_file(const char *path, unsigned char **data, unsigned int *size)
{
	FILE *file = fopen(path, "rb");
	long length;

	*data = NULL;
	if (!file)
		goto out_fail;
	if (fseek(file, 0, SEEK_END) || (length = ftell(file)) <= 0 || fseek(file, 0, SEEK_SET))
		goto out_close;
	*size = (unsigned int)length;
	*data = malloc(*size);
	if (!*data || fread(*data, 1, *size, file) != *size)
		goto out_free;
	fclose(file);
	return 0;

out_free:
	free(*data);
	*data = NULL;
out_close:
	fclose(file);
out_fail:
	fprintf(stderr, "cannot read %s\n", path);
	return -1;
}

#endif
