/*
 * allocd_exchange.h - one framed request and its answer over the hook socket, under a hard
 * deadline (docs/protocol.md), on a connection of its own or on one kept open across calls.
 */
#ifndef ALLOCD_EXCHANGE_H
#define ALLOCD_EXCHANGE_H

#include <stddef.h>

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

#endif
