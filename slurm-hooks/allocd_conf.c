/*
 * allocd_conf.c - the hook keys of allocd.conf's global section, with the daemon's defaults.
 * Bounded (line length, line count) and never fatal: a problem keeps a default and is reported.
 */
#define _GNU_SOURCE
#include "allocd_conf.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

const char *allocd_conf_path(void)
{
	const char *path = getenv("ALLOCD_CONF");
	return path && *path ? path : ALLOCD_CONF;
}

#define STR_(x) #x
#define STR(x) STR_(x)

static char *trim(char *s)
{
	while (isspace((unsigned char)*s))
		s++;
	char *end = s + strlen(s);
	while (end > s && isspace((unsigned char)end[-1]))
		*--end = '\0';
	return s;
}

static int set_path(char *dst, const char *value)
{
	if (value[0] != '/' || strlen(value) >= ALLOCD_PATH_MAX)
		return -1;
	strcpy(dst, value);
	return 0;
}

static int set_ms(int *dst, const char *value, long min, long max)
{
	char *end;
	errno = 0;
	long n = strtol(value, &end, 10);
	if (errno || end == value || *end || n < min || n > max)
		return -1;
	*dst = (int)n;
	return 0;
}

/* Applies one "key = value" of allocd.conf's global section; a word value (open, hold...)
 * in any case, as the daemon reads it. Returns 0 when set, 1 when the key
 * is not one the hooks use (allocd checks it), or -1 with the accepted values in hint. */
static int conf_set(struct allocd_conf *c, const char *key, const char *value, const char **hint)
{
	if (!strcmp(key, "hook_socket")) {
		*hint = "an absolute path, e.g. /run/allocd/hook.sock";
		return set_path(c->hook_socket, value);
	}
	if (!strcmp(key, "hook_timeout_ms")) {
		*hint = "milliseconds from " STR(ALLOCD_HOOK_TIMEOUT_MS_MIN) " to " STR(ALLOCD_HOOK_TIMEOUT_MS_MAX);
		return set_ms(&c->hook_timeout_ms, value, ALLOCD_HOOK_TIMEOUT_MS_MIN, ALLOCD_HOOK_TIMEOUT_MS_MAX);
	}
	if (!strcmp(key, "hook_fail_policy")) {
		*hint = "open or closed";
		if (!strcasecmp(value, "open"))
			c->fail_policy = ALLOCD_FAIL_OPEN;
		else if (!strcasecmp(value, "closed"))
			c->fail_policy = ALLOCD_FAIL_CLOSED;
		else
			return -1;
		return 0;
	}
	if (!strcmp(key, "start_failure_action")) {
		*hint = "hold, requeue or cancel";
		if (!strcasecmp(value, "hold"))
			c->start_failure = ALLOCD_START_HOLD;
		else if (!strcasecmp(value, "requeue"))
			c->start_failure = ALLOCD_START_REQUEUE;
		else if (!strcasecmp(value, "cancel"))
			c->start_failure = ALLOCD_START_CANCEL;
		else
			return -1;
		return 0;
	}
	if (!strcmp(key, "spool_dir")) {
		*hint = "an absolute path, e.g. /var/spool/allocd";
		return set_path(c->spool_dir, value);
	}
	if (!strcmp(key, "slurm_bin_dir")) {
		*hint = "the absolute path of the directory of scontrol, e.g. /usr/bin";
		/* Room for "/scontrol" and "/scancel" after it. */
		if (strlen(value) + sizeof "/scontrol" > ALLOCD_PATH_MAX)
			return -1;
		return set_path(c->slurm_bin_dir, value);
	}
	if (!strcmp(key, "slurm_conf")) {
		*hint = "the absolute path of slurm.conf, or nothing for Slurm's default";
		if (!*value) {
			c->slurm_conf[0] = '\0';
			return 0;
		}
		return set_path(c->slurm_conf, value);
	}
	if (!strcmp(key, "slurm_timeout_ms")) {
		*hint = "milliseconds from " STR(ALLOCD_SLURM_TIMEOUT_MS_MIN) " to " STR(ALLOCD_SLURM_TIMEOUT_MS_MAX);
		return set_ms(&c->slurm_timeout_ms, value, ALLOCD_SLURM_TIMEOUT_MS_MIN, ALLOCD_SLURM_TIMEOUT_MS_MAX);
	}
	return 1;
}

/* Adds one warning to warn (the first ones, while they fit). */
static void warn_add(char *warn, size_t warn_size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void warn_add(char *warn, size_t warn_size, const char *fmt, ...)
{
	size_t used = strnlen(warn, warn_size);
	if (used + 3 >= warn_size)
		return;
	if (used) {
		strcpy(warn + used, "; ");
		used += 2;
	}
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(warn + used, warn_size - used, fmt, ap);
	va_end(ap);
}

static void conf_defaults(struct allocd_conf *c)
{
	memset(c, 0, sizeof *c);
	strcpy(c->hook_socket, ALLOCD_HOOK_SOCKET_DEFAULT);
	c->hook_timeout_ms = ALLOCD_HOOK_TIMEOUT_MS_DEFAULT;
	c->fail_policy = ALLOCD_FAIL_OPEN;
	c->start_failure = ALLOCD_START_HOLD;
	strcpy(c->spool_dir, ALLOCD_SPOOL_DIR_DEFAULT);
	strcpy(c->slurm_bin_dir, ALLOCD_SLURM_BIN_DIR_DEFAULT);
	c->slurm_timeout_ms = ALLOCD_SLURM_TIMEOUT_MS_DEFAULT;
}

int allocd_conf_load(struct allocd_conf *c, char *warn, size_t warn_size)
{
	conf_defaults(c);
	if (warn_size)
		warn[0] = '\0';
	const char *path = allocd_conf_path();
	FILE *f = fopen(path, "re");
	if (!f) {
		warn_add(warn, warn_size, "cannot read %s (%s); using the built-in defaults", path, strerror(errno));
		return 1;
	}
	char line[ALLOCD_CONF_LINE_MAX];
	int number = 0;
	while (number < ALLOCD_CONF_LINES_MAX && fgets(line, sizeof line, f)) {
		number++;
		size_t len = strlen(line);
		bool whole = len > 0 && line[len - 1] == '\n';
		if (!whole && !feof(f)) {
			/* Longer than any key the hooks use can be: skip the rest of it. */
			int ch;
			while ((ch = getc(f)) != EOF && ch != '\n')
				;
			warn_add(warn, warn_size, "%s:%d: line longer than %d bytes skipped", path, number,
				 ALLOCD_CONF_LINE_MAX - 2);
			continue;
		}
		char *hash = strchr(line, '#');
		if (hash)
			*hash = '\0';
		char *text = trim(line);
		if (!*text)
			continue;
		/* Global keys come first; the [partition]/[qos] sections are allocd's alone. */
		if (*text == '[')
			break;
		char *eq = strchr(text, '=');
		if (!eq)
			continue; /* allocd refuses the file with the line named; the hooks keep going */
		*eq = '\0';
		const char *key = trim(text), *value = trim(eq + 1), *hint = "";
		if (conf_set(c, key, value, &hint) < 0)
			warn_add(warn, warn_size, "%s:%d: %s = '%s' is not valid (use %s); using the default", path,
				 number, key, value, hint);
	}
	if (number >= ALLOCD_CONF_LINES_MAX)
		warn_add(warn, warn_size, "%s: read only its first %d lines", path, ALLOCD_CONF_LINES_MAX);
	fclose(f);
	return warn_size && warn[0] ? 1 : 0;
}
