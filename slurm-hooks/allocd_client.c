/*
 * allocd_client.c - config, JSON writing, one bounded framed exchange, answer fields.
 * No global mutable state: job_submit runs on several slurmctld threads at once; a kept connection
 * (struct allocd_conn) belongs to its caller, who serialises its use.
 */
#define _GNU_SOURCE
#include "allocd_client.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

/* ---- config ------------------------------------------------------------------------- */

const char *allocd_conf_path(void)
{
	const char *path = getenv("ALLOCD_CONF");
	return path && *path ? path : ALLOCD_CONF;
}

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

/* Applies one "key = value" of allocd.conf's global section. Returns 0 when set, 1 when the key
 * is not one the hooks use (allocd checks it), or -1 with the accepted values in hint. */
static int conf_set(struct allocd_conf *c, const char *key, const char *value, const char **hint)
{
	if (!strcmp(key, "hook_socket")) {
		*hint = "an absolute path, e.g. /run/allocd/hook.sock";
		return set_path(c->hook_socket, value);
	}
	if (!strcmp(key, "hook_timeout_ms")) {
		*hint = "milliseconds from 10 to 5000";
		return set_ms(&c->hook_timeout_ms, value, 10, 5000);
	}
	if (!strcmp(key, "hook_fail_policy")) {
		*hint = "open or closed";
		if (!strcmp(value, "open"))
			c->fail_policy = ALLOCD_FAIL_OPEN;
		else if (!strcmp(value, "closed"))
			c->fail_policy = ALLOCD_FAIL_CLOSED;
		else
			return -1;
		return 0;
	}
	if (!strcmp(key, "start_failure_action")) {
		*hint = "hold, requeue or cancel";
		if (!strcmp(value, "hold"))
			c->start_failure = ALLOCD_START_HOLD;
		else if (!strcmp(value, "requeue"))
			c->start_failure = ALLOCD_START_REQUEUE;
		else if (!strcmp(value, "cancel"))
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
		*hint = "milliseconds from 100 to 60000";
		return set_ms(&c->slurm_timeout_ms, value, 100, 60000);
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
	strcpy(c->hook_socket, "/run/allocd/hook.sock");
	c->hook_timeout_ms = 200;
	c->fail_policy = ALLOCD_FAIL_OPEN;
	c->start_failure = ALLOCD_START_HOLD;
	strcpy(c->spool_dir, "/var/spool/allocd");
	strcpy(c->slurm_bin_dir, "/usr/bin");
	c->slurm_timeout_ms = 5000;
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

/* ---- JSON writing --------------------------------------------------------------------- */

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

/* ---- the exchange --------------------------------------------------------------------- */

static int64_t now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Waits for events on fd until deadline; 0 when ready, -1 on timeout or error. */
static int wait_fd(int fd, short events, int64_t deadline)
{
	for (;;) {
		int64_t left = deadline - now_ms();
		if (left <= 0)
			return -1;
		struct pollfd p = { .fd = fd, .events = events };
		int n = poll(&p, 1, (int)left);
		if (n > 0)
			return 0;
		if (n < 0 && errno != EINTR)
			return -1;
	}
}

static int send_all(int fd, const unsigned char *data, size_t size, int64_t deadline)
{
	while (size > 0) {
		ssize_t n = send(fd, data, size, MSG_NOSIGNAL);
		if (n > 0) {
			data += n;
			size -= (size_t)n;
		} else if (n < 0 && (errno == EAGAIN || errno == EINTR)) {
			if (wait_fd(fd, POLLOUT, deadline) < 0)
				return -1;
		} else {
			return -1;
		}
	}
	return 0;
}

/* Reads size bytes; *got counts those read, also on failure. */
static int read_all(int fd, unsigned char *data, size_t size, int64_t deadline, size_t *got)
{
	*got = 0;
	while (size > 0) {
		ssize_t n = recv(fd, data, size, 0);
		if (n > 0) {
			data += n;
			size -= (size_t)n;
			*got += (size_t)n;
		} else if (n < 0 && (errno == EAGAIN || errno == EINTR)) {
			if (wait_fd(fd, POLLIN, deadline) < 0)
				return -1;
		} else {
			errno = n == 0 ? ECONNRESET : errno;
			return -1;
		}
	}
	return 0;
}

static int conn_open(const char *socket_path, int64_t deadline, char *err, size_t err_size)
{
	struct sockaddr_un addr = { .sun_family = AF_UNIX };
	if (strlen(socket_path) >= sizeof addr.sun_path) {
		snprintf(err, err_size, "socket path %s too long", socket_path);
		return -1;
	}
	strcpy(addr.sun_path, socket_path);
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0) {
		snprintf(err, err_size, "socket: %s", strerror(errno));
		return -1;
	}
	if (connect(fd, (struct sockaddr *)&addr, sizeof addr) < 0) {
		int connect_errno = errno;
		int so_error = 0;
		socklen_t so_len = sizeof so_error;
		/* A full backlog on a unix socket answers EAGAIN: the daemon is too busy to wait for. */
		if (connect_errno != EINPROGRESS || wait_fd(fd, POLLOUT, deadline) < 0
		    || getsockopt(fd, SOL_SOCKET, SO_ERROR, &so_error, &so_len) < 0 || so_error) {
			snprintf(err, err_size, "cannot connect to %s: %s", socket_path,
				 strerror(so_error ? so_error : connect_errno));
			close(fd);
			return -1;
		}
	}
	return fd;
}

/* Nothing is owed on an idle kept connection, so anything to read (EOF, reset) means the daemon
 * closed it: its idle timeout, or a restart. */
static bool kept_closed(int fd)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	return poll(&p, 1, 0) != 0;
}

/* The peer closed the connection before a byte of the answer came. */
#define EXCHANGE_CLOSED (-2)

/* One request and its answer on fd; 0, -1 with err set, or EXCHANGE_CLOSED (err set too). */
static int exchange_on(int fd, const char *socket_path, int timeout_ms, int64_t deadline, const char *request,
		       size_t len, char *answer, size_t answer_size, char *err, size_t err_size)
{
	unsigned char frame[8 + ALLOCD_MAX_PAYLOAD];
	frame[0] = 'A';
	frame[1] = 'L';
	frame[2] = 1;
	frame[3] = 0;
	frame[4] = (unsigned char)(len >> 24);
	frame[5] = (unsigned char)(len >> 16);
	frame[6] = (unsigned char)(len >> 8);
	frame[7] = (unsigned char)len;
	memcpy(frame + 8, request, len);
	/* A refused write may still leave the daemon's error frame to read, so read regardless. */
	(void)send_all(fd, frame, 8 + len, deadline);
	unsigned char header[8];
	size_t got = 0;
	if (read_all(fd, header, sizeof header, deadline, &got) < 0) {
		bool timed_out = now_ms() >= deadline;
		snprintf(err, err_size, "no answer from %s within %d ms (%s)", socket_path, timeout_ms,
			 timed_out ? "timed out" : strerror(errno));
		return !timed_out && got == 0 && (errno == ECONNRESET || errno == EPIPE) ? EXCHANGE_CLOSED : -1;
	}
	uint32_t n = (uint32_t)header[4] << 24 | (uint32_t)header[5] << 16 | (uint32_t)header[6] << 8 | header[7];
	if (header[0] != 'A' || header[1] != 'L' || header[2] != 1 || header[3] != 0 || n >= answer_size) {
		snprintf(err, err_size, "bad answer frame from %s", socket_path);
		return -1;
	}
	if (read_all(fd, (unsigned char *)answer, n, deadline, &got) < 0) {
		snprintf(err, err_size, "answer from %s cut short within %d ms", socket_path, timeout_ms);
		return -1;
	}
	answer[n] = '\0';
	return 0;
}

int allocd_conn_exchange(struct allocd_conn *conn, const char *socket_path, int timeout_ms, const char *request,
			 char *answer, size_t answer_size, char *err, size_t err_size)
{
	int64_t deadline = now_ms() + timeout_ms;
	size_t len = strlen(request);
	if (len > ALLOCD_MAX_PAYLOAD) {
		snprintf(err, err_size, "request of %zu bytes too long", len);
		return -1;
	}
	if (conn->fd >= 0 && kept_closed(conn->fd))
		allocd_conn_close(conn);
	for (;;) {
		bool kept = conn->fd >= 0;
		if (!kept && (conn->fd = conn_open(socket_path, deadline, err, err_size)) < 0)
			return -1;
		int rc = exchange_on(conn->fd, socket_path, timeout_ms, deadline, request, len, answer, answer_size,
				     err, err_size);
		if (rc == 0)
			return 0;
		/* Never reused after a failure: a late answer would be read as the next request's. */
		allocd_conn_close(conn);
		/* The daemon closed a kept connection as this request went out: once more, on a new one,
		 * within the same deadline. A new connection closed unanswered is a refusal: no retry. */
		if (rc != EXCHANGE_CLOSED || !kept)
			return -1;
	}
}

void allocd_conn_close(struct allocd_conn *conn)
{
	if (conn->fd >= 0)
		close(conn->fd);
	conn->fd = -1;
}

int allocd_exchange(const char *socket_path, int timeout_ms, const char *request,
		    char *answer, size_t answer_size, char *err, size_t err_size)
{
	struct allocd_conn conn = ALLOCD_CONN_CLOSED;
	int rc = allocd_conn_exchange(&conn, socket_path, timeout_ms, request, answer, answer_size, err, err_size);
	allocd_conn_close(&conn);
	return rc;
}

/* ---- reading the answer ---------------------------------------------------------------- */

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

/* ---- TRES strings ---------------------------------------------------------------------- */

int64_t allocd_gpus_in(const char *tres)
{
	int64_t total = 0;
	if (!tres)
		return 0;
	/* Entries are separated by ',' or ';'; a GPU entry is [gres:|gres/]gpu[:type]:N or gres/gpu=N. */
	for (const char *p = tres; *p;) {
		size_t n = strcspn(p, ",;");
		char entry[256];
		if (n < sizeof entry) {
			memcpy(entry, p, n);
			entry[n] = '\0';
			char *e = entry;
			if (!strncmp(e, "gres:", 5) || !strncmp(e, "gres/", 5))
				e += 5;
			if (!strncmp(e, "gpu", 3) && (e[3] == ':' || e[3] == '=')) {
				char *paren = strchr(e, '(');
				if (paren)
					*paren = '\0';
				char *last = strrchr(e, e[3] == '=' ? '=' : ':');
				char *end;
				long long count = strtoll(last + 1, &end, 10);
				if (end != last + 1 && (*end == '\0' || isalpha((unsigned char)*end)) && count > 0)
					total += count;
			}
		}
		p += n;
		if (*p)
			p++;
	}
	return total;
}

/* Slurm's memory text ("4G", "1500M", "1.50G", MiB when bare) in bytes; no floating point. */
int64_t allocd_mem_bytes(const char *text)
{
	char *end;
	int64_t whole = strtoll(text, &end, 10), hundredths = 0;
	if (*end == '.') {
		end++;
		for (int i = 0; i < 2; i++)
			hundredths = hundredths * 10 + (isdigit((unsigned char)*end) ? *end++ - '0' : 0);
		while (isdigit((unsigned char)*end))
			end++;
	}
	int64_t unit = 1024 * 1024;
	switch (*end) {
	case 'K': unit = 1024; break;
	case 'G': unit = 1024LL * 1024 * 1024; break;
	case 'T': unit = 1024LL * 1024 * 1024 * 1024; break;
	case 'P': unit = 1024LL * 1024 * 1024 * 1024 * 1024; break;
	default: break;
	}
	return whole * unit + hundredths * unit / 100;
}

/* "D-HH:MM:SS", "HH:MM:SS", "MM:SS" or "MM" in seconds; UNLIMITED and the rest = 0. */
int64_t allocd_limit_seconds(const char *text)
{
	long days = 0, parts[3] = { 0 }, n = 0;
	const char *p = text, *dash = strchr(text, '-');
	if (!isdigit((unsigned char)*text))
		return 0;
	if (dash) {
		days = strtol(text, NULL, 10);
		p = dash + 1;
	}
	while (n < 3) {
		char *end;
		parts[n++] = strtol(p, &end, 10);
		if (*end != ':')
			break;
		p = end + 1;
	}
	int64_t s = n == 3 ? parts[0] * 3600 + parts[1] * 60 + parts[2]
		  : n == 2 ? (dash ? parts[0] * 3600 + parts[1] * 60 : parts[0] * 60 + parts[1])
			   : (dash ? parts[0] * 3600 : parts[0] * 60);
	return days * 86400 + s;
}
