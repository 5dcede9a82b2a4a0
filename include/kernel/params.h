/* Boot parameters. A subsystem declares the parameters it understands next to
 * the code that uses them; the linker gathers them into one table.
 *
 *   early_param("loglevel", loglevel_setup)  -- parsed before the console
 *                                               initcalls (parse_early_params)
 *   __setup("initcall_debug", flag_setup)    -- parsed once the command line
 *                                               is final (parse_boot_params)
 *
 * The name matches the parameter exactly ("name" or "name=value"). The handler
 * gets the value, or NULL when there was no '='. It returns 0, or a negative
 * errno when the value is malformed (reported, boot continues). */
#ifndef KERNEL_PARAMS_H
#define KERNEL_PARAMS_H

#include <kernel/compiler.h>
#include <kernel/linker_lists.h>
#include <kernel/types.h>

#define COMMAND_LINE_SIZE 1024

struct boot_param {
	const char *name;
	int (*setup)(char *value); /* or NULL: flag is the parameter */
	bool *flag;
	bool early;
};

LL_LIST(boot_params, init, const struct boot_param);

#define __boot_param(str, fn, is_early)                                                        \
	static LL_ENTRY(boot_params, init, fn) = { .name = str, .setup = fn, .early = is_early }

#define early_param(str, fn) __boot_param(str, fn, true)
#define __setup(str, fn) __boot_param(str, fn, false)

/* A switch: "name", "name=1|y|Y|on" set the bool, "name=0|n|N|off" clear it. */
#define __flag_param(str, var, is_early)                                                       \
	static LL_ENTRY(boot_params, init, __concat(flag_, var)) = { .name = str, .flag = &var, .early = is_early }
#define early_param_flag(str, var) __flag_param(str, var, true)
#define setup_flag(str, var) __flag_param(str, var, false)

/* Split the next "name[=value]" off args (quotes allowed: name="a b").
 * Returns the rest of args; *name and *value point into args, which is modified.
 * *value is NULL when there is no '='. */
char *next_arg(char *args, char **name, char **value);

/* Call the handler of every known parameter in cmdline (a private copy is
 * parsed). Early pass: only early parameters. Normal pass: the others; names
 * nobody knows are collected into unknown (space separated, Linux's order:
 * bare words first, then name=value) unless they contain a '.'. */
struct param_table {
	const struct boot_param *start, *end;
};
void parse_params(const char *cmdline, const struct param_table *table, bool early,
		  char *unknown, size_t unknown_size);

/* The N of the first console=<name>N[,options] in cmdline (console=ttyS1 -> 1
 * for "ttyS"), or -1 when there is none. */
int cmdline_console_index(const char *cmdline, const char *name);

/* A bool value the way Linux reads one: NULL, "", 1/y/Y/on -> true; 0/n/N/off -> false. */
int param_parse_bool(const char *value, bool *out);
/* A decimal or 0x-prefixed integer, optionally negative, with nothing after it. */
int param_parse_int(const char *value, long *out);
/* An unsigned decimal or 0x number (an address), with nothing after it. */
int param_parse_ulong(const char *value, unsigned long *out);
/* A size as Linux's memparse() reads one: a decimal or 0x number, then
 * optionally K, M or G (either case). -ERANGE if it does not fit. */
int param_parse_size(const char *value, unsigned long *bytes);

/* The kernel command line after setup_command_line(). */
extern char boot_command_line[COMMAND_LINE_SIZE];

/* Boot-time steps (kernel/cmdline.c). */
void setup_command_line(void);
void parse_early_params(void);
void parse_boot_params(void);
/* No console from the tree or the command line: the built-in command line's
 * earlycon= (a fixed UART address) is started so the boot still speaks. */
void console_fallback_builtin(void);

#endif
