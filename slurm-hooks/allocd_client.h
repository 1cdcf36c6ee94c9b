/*
 * allocd_client.h - what job_submit_allocd.so and allocd-hook share: their config file,
 * a JSON writer into a fixed buffer, one framed request/answer over the hook socket under a
 * hard deadline (docs/protocol.md), and reading fields of the answer.
 */
#ifndef ALLOCD_CLIENT_H
#define ALLOCD_CLIENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The hooks read their settings from allocd.conf itself, so an admin sets them once: built in by
 * the Makefile (ALLOCD_CONF=...); the environment variable ALLOCD_CONF wins. */
#ifndef ALLOCD_CONF
#define ALLOCD_CONF "/etc/allocd/allocd.conf"
#endif

/* The hook socket's maximum payload; answers never exceed it. */
#define ALLOCD_MAX_PAYLOAD 16384
#define ALLOCD_PATH_MAX 512
/* Bounds on reading allocd.conf: its global section is a few dozen lines. */
#define ALLOCD_CONF_LINE_MAX 1024
#define ALLOCD_CONF_LINES_MAX 10000

enum allocd_fail_policy { ALLOCD_FAIL_OPEN, ALLOCD_FAIL_CLOSED };
enum allocd_start_failure { ALLOCD_START_HOLD, ALLOCD_START_REQUEUE, ALLOCD_START_CANCEL };

struct allocd_conf {
	char hook_socket[ALLOCD_PATH_MAX];
	int hook_timeout_ms;
	enum allocd_fail_policy fail_policy;
	enum allocd_start_failure start_failure;
	char spool_dir[ALLOCD_PATH_MAX];
	char slurm_bin_dir[ALLOCD_PATH_MAX]; /* scontrol and scancel are here (the hooks get no PATH) */
	char slurm_conf[ALLOCD_PATH_MAX];    /* empty: Slurm's own default */
	int slurm_timeout_ms;
};

/*
 * Defaults, then the keys the hooks use from allocd.conf's global section (up to the first
 * [section]); every other key is allocd's and skipped. Never fails: a missing or unreadable file
 * keeps every default, a bad value keeps that key's default, and either returns 1 with the
 * reasons in warn (for the log). Returns 0 when the file was read cleanly.
 */
int allocd_conf_load(struct allocd_conf *conf, char *warn, size_t warn_size);
const char *allocd_conf_path(void);

/* A JSON object written into a fixed buffer; overflow sets failed instead of writing past it. */
struct allocd_json {
	char buf[ALLOCD_MAX_PAYLOAD];
	size_t len;
	bool failed;
	bool first;
};

void allocd_json_begin(struct allocd_json *j);
void allocd_json_str(struct allocd_json *j, const char *key, const char *value); /* NULL/"" skipped */
void allocd_json_num(struct allocd_json *j, const char *key, int64_t value);
void allocd_json_bool(struct allocd_json *j, const char *key, bool value);
/* Returns 0 and NUL-terminates, or -1 when the object did not fit. */
int allocd_json_end(struct allocd_json *j);

/* Sends request (one JSON object) and reads the answer into answer (NUL-terminated), all within
 * timeout_ms from the call: connect, send and receive on a non-blocking socket with poll, on a
 * connection of its own that it closes. Returns 0, or -1 with a reason in err (unreachable, timed
 * out, bad frame). */
int allocd_exchange(const char *socket_path, int timeout_ms, const char *request,
		    char *answer, size_t answer_size, char *err, size_t err_size);

/* A connection kept open across exchanges (the job_submit plugin's: a new connection per submit
 * costs allocd far more CPU than the request). Not thread-safe: the caller serialises its use. */
struct allocd_conn {
	int fd; /* -1: none open */
};
#define ALLOCD_CONN_CLOSED { .fd = -1 }

/* As allocd_exchange, on conn: opens it when closed, reuses it when open. A kept connection the
 * daemon has closed since (idle timeout, restart) is replaced, before the send or, if it closes
 * as the request goes out (EPIPE, ECONNRESET, EOF before any answer), by one retry on a new
 * connection, all within timeout_ms. After any failure conn is closed. */
int allocd_conn_exchange(struct allocd_conn *conn, const char *socket_path, int timeout_ms, const char *request,
			 char *answer, size_t answer_size, char *err, size_t err_size);
void allocd_conn_close(struct allocd_conn *conn);

/* Top-level fields of a JSON object answer. Return 0 when found with the right type. */
int allocd_answer_str(const char *json, const char *key, char *out, size_t out_size);
int allocd_answer_bool(const char *json, const char *key, bool *out);
int allocd_answer_num(const char *json, const char *key, int64_t *out);

/* The GPU count in a TRES list such as "gres:gpu:2", "gres/gpu:a100:2,cpu=1" or
 * "gpu:2(IDX:0-1)"; 0 when it names no GPU. */
int64_t allocd_gpus_in(const char *tres);

/* Slurm's memory text ("4G", "1500M", "1.50G"; bare = MiB) in bytes, without floating point. */
int64_t allocd_mem_bytes(const char *text);

/* A Slurm time limit ("D-HH:MM:SS", "HH:MM:SS", "MM:SS", "MM") in seconds; UNLIMITED and the rest 0. */
int64_t allocd_limit_seconds(const char *text);

#endif
