/* The host tests' stand-in for the Makefile's generated header: the kernel
 * as built for boards (no test-kernel hooks). */
#define CONFIG_INITK_TEST 0
