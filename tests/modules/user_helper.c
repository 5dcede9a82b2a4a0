/* The second file of user.ko: the calls into exporter.ko. */
int exporter_add(int a, int b);
extern int exporter_gpl_value;

int user_sum(void);
int user_sum(void)
{
	return exporter_add(2, 3) + exporter_gpl_value - 42;
}
