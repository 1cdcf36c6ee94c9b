/*
 * allocd_json.c - writes a request object into a fixed buffer and reads top-level fields of an
 * answer, never past either buffer. Enough JSON for allocd's flat messages, no more.
 */
#include "allocd_json.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- writing ---- */

static void put(struct allocd_json *j, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void put(struct allocd_json *j, const char *fmt, ...)
{
	if (j->failed)
		return;
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(j->buf + j->len, sizeof j->buf - j->len, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof j->buf - j->len)
		j->failed = true;
	else
		j->len += (size_t)n;
}

static void key(struct allocd_json *j, const char *name)
{
	put(j, "%s\"%s\":", j->first ? "" : ",", name);
	j->first = false;
}

void allocd_json_begin(struct allocd_json *j)
{
	j->len = 0;
	j->failed = false;
	j->first = true;
	put(j, "{");
}

void allocd_json_str(struct allocd_json *j, const char *name, const char *value)
{
	if (!value || !*value)
		return;
	key(j, name);
	put(j, "\"");
	for (const unsigned char *p = (const unsigned char *)value; *p; p++) {
		if (*p == '"' || *p == '\\')
			put(j, "\\%c", *p);
		else if (*p < 0x20)
			put(j, "\\u%04x", *p);
		else
			put(j, "%c", *p);
	}
	put(j, "\"");
}

void allocd_json_num(struct allocd_json *j, const char *name, int64_t value)
{
	key(j, name);
	put(j, "%" PRId64, value);
}

void allocd_json_bool(struct allocd_json *j, const char *name, bool value)
{
	key(j, name);
	put(j, "%s", value ? "true" : "false");
}

int allocd_json_end(struct allocd_json *j)
{
	put(j, "}");
	return j->failed ? -1 : 0;
}

/* ---- reading ---- */

static const char *skip_ws(const char *p)
{
	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	return p;
}

/* Reads a JSON string at p (at its quote) into out (may be NULL); returns the char after it. */
static const char *read_string(const char *p, char *out, size_t out_size)
{
	size_t n = 0;
	if (*p++ != '"')
		return NULL;
	while (*p && *p != '"') {
		char c = *p++;
		if (c == '\\') {
			c = *p++;
			switch (c) {
			case 'n': c = '\n'; break;
			case 't': c = '\t'; break;
			case 'r': c = '\r'; break;
			case 'b': c = '\b'; break;
			case 'f': c = '\f'; break;
			case 'u': {
				unsigned v = 0;
				for (int i = 0; i < 4; i++, p++) {
					if (!isxdigit((unsigned char)*p))
						return NULL;
					v = v * 16 + (unsigned)(isdigit((unsigned char)*p) ? *p - '0' : (tolower(*p) - 'a' + 10));
				}
				/* Messages are ASCII in practice; anything else is shown as '?'. */
				c = v < 0x80 ? (char)v : '?';
				break;
			}
			case '\0': return NULL;
			default: break; /* \" \\ \/ */
			}
		}
		if (out && n + 1 < out_size)
			out[n++] = c;
	}
	if (*p != '"')
		return NULL;
	if (out && out_size)
		out[n] = '\0';
	return p + 1;
}

static const char *skip_value(const char *p)
{
	p = skip_ws(p);
	if (*p == '"')
		return read_string(p, NULL, 0);
	if (*p == '{' || *p == '[') {
		int depth = 0;
		while (*p) {
			if (*p == '"') {
				p = read_string(p, NULL, 0);
				if (!p)
					return NULL;
				continue;
			}
			if (*p == '{' || *p == '[')
				depth++;
			else if (*p == '}' || *p == ']')
				depth--;
			p++;
			if (depth == 0)
				return p;
		}
		return NULL;
	}
	while (*p && *p != ',' && *p != '}')
		p++;
	return p;
}

/* Finds the value of a top-level key; returns a pointer to it or NULL. */
static const char *find(const char *json, const char *wanted)
{
	char name[64];
	const char *p = skip_ws(json);
	if (*p++ != '{')
		return NULL;
	for (;;) {
		p = skip_ws(p);
		if (*p != '"')
			return NULL;
		p = read_string(p, name, sizeof name);
		if (!p)
			return NULL;
		p = skip_ws(p);
		if (*p++ != ':')
			return NULL;
		p = skip_ws(p);
		if (!strcmp(name, wanted))
			return p;
		p = skip_value(p);
		if (!p)
			return NULL;
		p = skip_ws(p);
		if (*p++ != ',')
			return NULL;
	}
}

int allocd_answer_str(const char *json, const char *key_name, char *out, size_t out_size)
{
	const char *p = find(json, key_name);
	return p && *p == '"' && read_string(p, out, out_size) ? 0 : -1;
}

int allocd_answer_bool(const char *json, const char *key_name, bool *out)
{
	const char *p = find(json, key_name);
	if (p && !strncmp(p, "true", 4))
		*out = true;
	else if (p && !strncmp(p, "false", 5))
		*out = false;
	else
		return -1;
	return 0;
}

int allocd_answer_num(const char *json, const char *key_name, int64_t *out)
{
	const char *p = find(json, key_name);
	if (!p || !(*p == '-' || isdigit((unsigned char)*p)))
		return -1;
	*out = strtoll(p, NULL, 10);
	return 0;
}

bool allocd_error_in(const char *error, const char *const codes[])
{
	for (; *codes; codes++)
		if (!strcmp(error, *codes))
			return true;
	return false;
}
