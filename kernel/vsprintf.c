/* vsnprintf: the kernel's printf engine, used by printk and everything that
 * formats text. Pure code: also built for the host and unit-tested there. */
#include <kernel/kallsyms.h>
#include <kernel/module.h>
#include <kernel/sprintf.h>
#include <kernel/string.h>

#define FLAG_LEFT 0x01  /* '-' */
#define FLAG_ZERO 0x02  /* '0' */
#define FLAG_PLUS 0x04  /* '+' */
#define FLAG_SPACE 0x08 /* ' ' */
#define FLAG_ALT 0x10   /* '#' */

struct spec {
	unsigned int flags;
	int width;     /* -1: none */
	int precision; /* -1: none */
};

/* Output cursor: counts every character, stores those that fit. */
struct out {
	char *buf;
	size_t size;
	size_t len;
};

static void put(struct out *o, char c)
{
	if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

/* n bytes at once: what fits is copied, all are counted. */
static void put_str(struct out *o, const char *s, size_t n)
{
	size_t room = o->len + 1 < o->size ? o->size - 1 - o->len : 0, k = n < room ? n : room;
	char *d;

	if (!k) {
		o->len += n;
		return;
	}
	d = o->buf + o->len;
	o->len += n;
	if (k > 8) {
		memcpy(d, s, k);
		return;
	}
	while (k--) /* most pieces are a few bytes: no call */
		*d++ = *s++;
}

static void pad(struct out *o, char c, int n)
{
	size_t room;

	if (n <= 0)
		return;
	room = o->len + 1 < o->size ? o->size - 1 - o->len : 0;
	if (room)
		memset(o->buf + o->len, c, (size_t)n < room ? (size_t)n : room);
	o->len += (size_t)n;
}

/* A string with width, precision and left alignment. */
static void emit_string(struct out *o, const char *s, const struct spec *sp)
{
	int len;

	if (!s)
		s = "(null)";
	len = (int)strnlen(s, sp->precision < 0 ? (size_t)-1 : (size_t)sp->precision);
	if (!(sp->flags & FLAG_LEFT))
		pad(o, ' ', sp->width - len);
	put_str(o, s, (size_t)len);
	if (sp->flags & FLAG_LEFT)
		pad(o, ' ', sp->width - len);
}

static void emit_number(struct out *o, u64 value, bool negative, unsigned int base,
			bool upper, const struct spec *sp)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[24], *end = tmp + sizeof(tmp), *p = end;
	int n, prefix_len = 0, zeros, total;
	char prefix[3];

	/* C: with a precision of 0, the value 0 prints no digits at all. Values
	 * that fit 32 bits (nearly all) divide in hardware, not through libgcc.
	 * Digits are made from the end, then copied at once. */
	if (value >> 32) {
		while (value) {
			*--p = digits[value % base];
			value /= base;
		}
	} else {
		for (u32 v = (u32)value; v || (p == end && sp->precision != 0); v /= base)
			*--p = digits[v % base];
	}
	n = (int)(end - p);

	if (negative)
		prefix[prefix_len++] = '-';
	else if (sp->flags & FLAG_PLUS)
		prefix[prefix_len++] = '+';
	else if (sp->flags & FLAG_SPACE)
		prefix[prefix_len++] = ' ';
	if ((sp->flags & FLAG_ALT) && base == 16) {
		prefix[prefix_len++] = '0';
		prefix[prefix_len++] = upper ? 'X' : 'x';
	} else if ((sp->flags & FLAG_ALT) && base == 8 && !(n == 1 && *p == '0') &&
		   sp->precision <= n) {
		/* C: '#' forces a leading 0 only when the precision does not already give one. */
		prefix[prefix_len++] = '0';
	}

	zeros = sp->precision > n ? sp->precision - n : 0;
	total = prefix_len + zeros + n;
	if ((sp->flags & FLAG_ZERO) && !(sp->flags & FLAG_LEFT) && sp->precision < 0 &&
	    sp->width > total) {
		zeros += sp->width - total;
		total = sp->width;
	}
	if (!(sp->flags & FLAG_LEFT))
		pad(o, ' ', sp->width - total);
	put_str(o, prefix, (size_t)prefix_len);
	pad(o, '0', zeros);
	put_str(o, p, (size_t)n);
	if (sp->flags & FLAG_LEFT)
		pad(o, ' ', sp->width - total);
}

/* %p and its extensions: %pS/%ps symbolize, plain %p prints the address in hex. */
static const char *emit_pointer(struct out *o, const char *fmt, const void *ptr,
				const struct spec *sp)
{
	char sym[KSYM_SYMBOL_LEN];
	struct spec hex = { .flags = FLAG_ZERO, .width = 2 * sizeof(void *), .precision = -1 };

	if (*fmt == 'S' || *fmt == 's') {
		if (*fmt == 'S')
			sprint_symbol(sym, sizeof(sym), (unsigned long)ptr);
		else
			sprint_symbol_no_offset(sym, sizeof(sym), (unsigned long)ptr);
		emit_string(o, sym, sp);
		return fmt + 1;
	}
	if (sp->width >= 0)
		hex.width = sp->width;
	emit_number(o, (unsigned long)ptr, false, 16, false, &hex);
	return fmt;
}

enum length { LEN_INT, LEN_CHAR, LEN_SHORT, LEN_LONG, LEN_LLONG, LEN_SIZE };

static const char *parse_length(const char *fmt, enum length *len)
{
	*len = LEN_INT;
	if (*fmt == 'h') {
		*len = LEN_SHORT;
		if (*++fmt == 'h') {
			*len = LEN_CHAR;
			fmt++;
		}
	} else if (*fmt == 'l') {
		*len = LEN_LONG;
		if (*++fmt == 'l') {
			*len = LEN_LLONG;
			fmt++;
		}
	} else if (*fmt == 'z' || *fmt == 't') {
		*len = LEN_SIZE;
		fmt++;
	}
	return fmt;
}

static s64 signed_arg(va_list *args, enum length len)
{
	switch (len) {
	case LEN_CHAR: return (signed char)va_arg(*args, int);
	case LEN_SHORT: return (short)va_arg(*args, int);
	case LEN_LONG: return va_arg(*args, long);
	case LEN_LLONG: return va_arg(*args, long long);
	case LEN_SIZE: return va_arg(*args, ptrdiff_t);
	default: return va_arg(*args, int);
	}
}

static u64 unsigned_arg(va_list *args, enum length len)
{
	switch (len) {
	case LEN_CHAR: return (unsigned char)va_arg(*args, unsigned int);
	case LEN_SHORT: return (unsigned short)va_arg(*args, unsigned int);
	case LEN_LONG: return va_arg(*args, unsigned long);
	case LEN_LLONG: return va_arg(*args, unsigned long long);
	case LEN_SIZE: return va_arg(*args, size_t);
	default: return va_arg(*args, unsigned int);
	}
}

static const char *parse_spec(const char *fmt, struct spec *sp, va_list *args)
{
	sp->flags = 0;
	sp->width = -1;
	sp->precision = -1;

	for (;; fmt++) {
		if (*fmt == '-')
			sp->flags |= FLAG_LEFT;
		else if (*fmt == '0')
			sp->flags |= FLAG_ZERO;
		else if (*fmt == '+')
			sp->flags |= FLAG_PLUS;
		else if (*fmt == ' ')
			sp->flags |= FLAG_SPACE;
		else if (*fmt == '#')
			sp->flags |= FLAG_ALT;
		else
			break;
	}
	if (*fmt == '*') {
		sp->width = va_arg(*args, int);
		if (sp->width < 0) {
			sp->flags |= FLAG_LEFT;
			sp->width = -sp->width;
		}
		fmt++;
	} else {
		for (; *fmt >= '0' && *fmt <= '9'; fmt++)
			sp->width = (sp->width < 0 ? 0 : sp->width * 10) + (*fmt - '0');
	}
	if (*fmt == '.') {
		fmt++;
		sp->precision = 0;
		if (*fmt == '*') {
			sp->precision = va_arg(*args, int);
			if (sp->precision < 0)
				sp->precision = -1;
			fmt++;
		} else {
			for (; *fmt >= '0' && *fmt <= '9'; fmt++)
				sp->precision = sp->precision * 10 + (*fmt - '0');
		}
	}
	return fmt;
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct out o = { .buf = buf, .size = size, .len = 0 };
	struct spec sp;
	enum length len;
	va_list args;

	va_copy(args, ap);
	while (*fmt) {
		if (*fmt != '%') {
			const char *run = fmt;

			while (*++fmt && *fmt != '%')
				;
			put_str(&o, run, (size_t)(fmt - run));
			continue;
		}
		fmt = parse_spec(fmt + 1, &sp, &args);
		fmt = parse_length(fmt, &len);
		if (*fmt != 'd' && *fmt != 'i')
			sp.flags &= ~(FLAG_PLUS | FLAG_SPACE); /* signs are for signed conversions */
		switch (*fmt) {
		case 'd':
		case 'i': {
			s64 v = signed_arg(&args, len);

			emit_number(&o, v < 0 ? -(u64)v : (u64)v, v < 0, 10, false, &sp);
			break;
		}
		case 'u':
			emit_number(&o, unsigned_arg(&args, len), false, 10, false, &sp);
			break;
		case 'x':
		case 'X':
			emit_number(&o, unsigned_arg(&args, len), false, 16, *fmt == 'X', &sp);
			break;
		case 'o':
			emit_number(&o, unsigned_arg(&args, len), false, 8, false, &sp);
			break;
		case 'c': {
			char c = (char)va_arg(args, int);

			if (!(sp.flags & FLAG_LEFT))
				pad(&o, ' ', sp.width - 1);
			put(&o, c);
			if (sp.flags & FLAG_LEFT)
				pad(&o, ' ', sp.width - 1);
			break;
		}
		case 's':
			emit_string(&o, va_arg(args, const char *), &sp);
			break;
		case 'p':
			fmt = emit_pointer(&o, fmt + 1, va_arg(args, const void *), &sp);
			continue;
		case '%':
			put(&o, '%');
			break;
		case '\0':
			/* A lone '%' at the end: print it rather than read past the string. */
			put(&o, '%');
			continue;
		default:
			/* Unknown conversion: show it literally so the mistake is visible. */
			put(&o, '%');
			put(&o, *fmt);
			break;
		}
		fmt++;
	}
	va_end(args);
	if (size)
		buf[o.len < size ? o.len : size - 1] = '\0';
	return (int)o.len;
}
EXPORT_SYMBOL(vsnprintf);

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list args;
	int n;

	va_start(args, fmt);
	n = vsnprintf(buf, size, fmt, args);
	va_end(args);
	return n;
}
EXPORT_SYMBOL(snprintf);

int vscnprintf(char *buf, size_t size, const char *fmt, va_list args)
{
	int n = vsnprintf(buf, size, fmt, args);

	if (!size)
		return 0;
	return (size_t)n < size ? n : (int)size - 1;
}

int scnprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list args;
	int n;

	va_start(args, fmt);
	n = vscnprintf(buf, size, fmt, args);
	va_end(args);
	return n;
}
EXPORT_SYMBOL(scnprintf);
