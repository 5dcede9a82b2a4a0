/* Boot command line parsing with Linux's rules (see include/kernel/params.h).
 * Pure code: also built for the host and unit-tested there. */
#include <kernel/errno.h>
#include <kernel/params.h>
#include <kernel/printk.h>
#include <kernel/string.h>

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static char *skip_spaces(char *s)
{
	while (is_space(*s))
		s++;
	return s;
}

char *next_arg(char *args, char **name, char **value)
{
	bool in_quote = false, quoted_whole = false;
	char *equals = NULL, *end;

	args = skip_spaces(args);
	if (*args == '"') {
		args++;
		in_quote = quoted_whole = true;
	}
	for (end = args; *end; end++) {
		if (is_space(*end) && !in_quote)
			break;
		if (*end == '=' && !equals)
			equals = end;
		if (*end == '"')
			in_quote = !in_quote;
	}

	*name = args;
	*value = NULL;
	if (equals) {
		*equals = '\0';
		*value = equals + 1;
		if (**value == '"') {
			(*value)++;
			if (end > *value && end[-1] == '"')
				end[-1] = '\0';
		}
	}
	if (quoted_whole && end > args && end[-1] == '"')
		end[-1] = '\0';

	if (*end)
		*end++ = '\0';
	return skip_spaces(end);
}

static int call_param(const struct boot_param *p, char *value)
{
	return p->setup ? p->setup(value) : param_parse_bool(value, p->flag);
}

static const struct boot_param *find_param(const struct param_table *table, const char *name)
{
	for (const struct boot_param *p = table->start; p < table->end; p++)
		if (!strcmp(p->name, name))
			return p;
	return NULL;
}

/* Append " word" (or "word" first) to list, never overflowing it. */
static void append_word(char *list, size_t size, const char *name, const char *value)
{
	size_t len;

	if (!size)
		return;
	len = strlen(list);
	if (len && len + 1 < size)
		list[len++] = ' ';
	len += strlcpy(list + len, name, len < size ? size - len : 0);
	if (value && len + 1 < size) {
		list[len++] = '=';
		strlcpy(list + len, value, size - len);
	}
	if (size)
		list[size - 1] = '\0';
}

/*
 * Linux gives unknown name=value options to init as its environment, which
 * starts as HOME=/ TERM=linux: a name seen again replaces the earlier value in
 * place, and HOME and TERM themselves are not reported as unknown.
 */
struct env_option {
	const char *name, *value;
};

static size_t add_env_option(struct env_option *env, size_t count, const char *name,
			     const char *value)
{
	for (size_t i = 0; i < count; i++) {
		if (!strcmp(env[i].name, name)) {
			env[i].value = value;
			return count;
		}
	}
	env[count].name = name;
	env[count].value = value;
	return count + 1;
}

void parse_params(const char *cmdline, const struct param_table *table, bool early,
		  char *unknown, size_t unknown_size)
{
	static char copy[COMMAND_LINE_SIZE];
	/* Each name=value takes at least two characters and a separator. */
	static struct env_option unknown_env[COMMAND_LINE_SIZE / 2];
	size_t env_count = 0;
	char *args, *name, *value;

	strlcpy(copy, cmdline, sizeof(copy));
	if (unknown && unknown_size)
		unknown[0] = '\0';

	for (args = skip_spaces(copy); *args;) {
		const struct boot_param *p;

		args = next_arg(args, &name, &value);
		if (!strcmp(name, "--") && !value)
			break; /* the rest belongs to init */
		if (!*name)
			continue;
		p = find_param(table, name);
		if (early) {
			if (p && p->early && call_param(p, value))
				pr_warn("Malformed early option '%s'\n", name);
			continue;
		}
		if (p && p->early)
			continue;
		if (p && !call_param(p, value))
			continue;
		if (strchr(name, '.') && !p)
			continue; /* a parameter of a module we do not have */
		if (!unknown)
			continue;
		/* Unknown bare words are listed before unknown name=value pairs, as Linux does. */
		if (value)
			env_count = add_env_option(unknown_env, env_count, name, value);
		else
			append_word(unknown, unknown_size, name, NULL);
	}
	for (size_t i = 0; i < env_count; i++)
		if (strcmp(unknown_env[i].name, "HOME") && strcmp(unknown_env[i].name, "TERM"))
			append_word(unknown, unknown_size, unknown_env[i].name, unknown_env[i].value);
}

int cmdline_console_index(const char *cmdline, const char *name)
{
	static char copy[COMMAND_LINE_SIZE];
	size_t name_len = strlen(name);
	char *args, *param, *value;

	strlcpy(copy, cmdline, sizeof(copy));
	for (args = skip_spaces(copy); *args;) {
		int index = 0;
		char *s;

		args = next_arg(args, &param, &value);
		if (!strcmp(param, "--") && !value)
			break;
		if (strcmp(param, "console") || !value || strncmp(value, name, name_len))
			continue;
		s = value + name_len;
		if (*s < '0' || *s > '9')
			continue;
		for (; *s >= '0' && *s <= '9' && index < 1000; s++)
			index = index * 10 + (*s - '0');
		if (!*s || *s == ',')
			return index;
	}
	return -1;
}

int param_parse_bool(const char *value, bool *out)
{
	if (!value || !*value) {
		*out = true;
		return 0;
	}
	if (!strcmp(value, "1") || !strcmp(value, "y") || !strcmp(value, "Y") ||
	    !strcmp(value, "on")) {
		*out = true;
		return 0;
	}
	if (!strcmp(value, "0") || !strcmp(value, "n") || !strcmp(value, "N") ||
	    !strcmp(value, "off")) {
		*out = false;
		return 0;
	}
	return -EINVAL;
}

/* Digits of an unsigned decimal or 0x number at s, up to limit; *end: after them. */
static int parse_unsigned(const char *s, const char **end, unsigned long limit,
			  unsigned long *out)
{
	unsigned long result = 0, base = 10;

	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
	}
	if (!((*s >= '0' && *s <= '9') || (base == 16 && ((*s | 0x20) >= 'a' && (*s | 0x20) <= 'f'))))
		return -EINVAL;
	for (;; s++) {
		unsigned long digit;

		if (*s >= '0' && *s <= '9')
			digit = *s - '0';
		else if (base == 16 && (*s | 0x20) >= 'a' && (*s | 0x20) <= 'f')
			digit = (*s | 0x20) - 'a' + 10;
		else
			break;
		if (result > (limit - digit) / base)
			return -ERANGE;
		result = result * base + digit;
	}
	*end = s;
	*out = result;
	return 0;
}

int param_parse_int(const char *value, long *out)
{
	bool negative = false;
	unsigned long result;
	const char *s = value, *end;
	int err;

	if (!s || !*s)
		return -EINVAL;
	if (*s == '-' || *s == '+')
		negative = *s++ == '-';
	err = parse_unsigned(s, &end, negative ? (unsigned long)__LONG_MAX__ + 1 : (unsigned long)__LONG_MAX__,
			     &result);
	if (err)
		return err;
	if (*end)
		return -EINVAL;
	*out = negative ? (long)(0UL - result) : (long)result;
	return 0;
}

int param_parse_ulong(const char *value, unsigned long *out)
{
	const char *end;
	unsigned long result;
	int err = value && *value ? parse_unsigned(value, &end, ~0UL, &result) : -EINVAL;

	if (!err && *end)
		err = -EINVAL;
	if (!err)
		*out = result;
	return err;
}

int param_parse_size(const char *value, unsigned long *bytes)
{
	static const char suffixes[] = "kKmMgG"; /* pairs: 10, 20, 30 bits */
	unsigned int shift = 0;
	unsigned long result;
	const char *end, *suffix;
	int err = value && *value ? parse_unsigned(value, &end, ~0UL, &result) : -EINVAL;

	if (err)
		return err;
	if (*end && (suffix = strchr(suffixes, *end))) {
		shift = 10 * (unsigned int)((suffix - suffixes) / 2 + 1);
		end++;
	}
	if (*end)
		return -EINVAL;
	if (shift && result > ~0UL >> shift)
		return -ERANGE;
	*bytes = result << shift;
	return 0;
}
