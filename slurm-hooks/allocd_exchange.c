/*
 * allocd_exchange.c - one bounded framed exchange with allocd. No global mutable state:
 * job_submit runs on several slurmctld threads at once; a kept connection (struct allocd_conn)
 * belongs to its caller, who serialises its use.
 */
#define _GNU_SOURCE
#include "allocd_exchange.h"

#include <errno.h>
#include <poll.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "allocd_frame.h"
#include "allocd_clock.h"

/* Waits for events on fd until deadline; 0 when ready, -1 on timeout or error. */
static int wait_fd(int fd, short events, int64_t deadline)
{
	for (;;) {
		int64_t left = deadline - allocd_monotonic_ms();
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

/* Reads one answer frame: its header into header, its payload into answer (NUL-terminated). Waits before each
 * read (an answer is never there the moment its request went out, so reading first would only find EAGAIN),
 * and takes header and payload with one readv when they came together: the fewest system calls per answer.
 * *got counts the bytes read, also on failure. 0, or -1 with errno (EBADMSG: not allocd's frame, or too long). */
static int read_frame(int fd, unsigned char *header, char *answer, size_t answer_size, int64_t deadline, size_t *got)
{
	size_t want = ALLOCD_FRAME_HEADER_BYTES;
	*got = 0;
	while (*got < want) {
		if (wait_fd(fd, POLLIN, deadline) < 0)
			return -1;
		struct iovec iov[2];
		int parts = 0;
		if (*got < ALLOCD_FRAME_HEADER_BYTES) {
			iov[parts++] = (struct iovec){ header + *got, ALLOCD_FRAME_HEADER_BYTES - *got };
			iov[parts++] = (struct iovec){ answer, answer_size - 1 };
		} else {
			iov[parts++] = (struct iovec){ answer + (*got - ALLOCD_FRAME_HEADER_BYTES), want - *got };
		}
		ssize_t n = readv(fd, iov, parts);
		if (n == 0) {
			errno = ECONNRESET;
			return -1;
		}
		if (n < 0) {
			if (errno == EAGAIN || errno == EINTR)
				continue;
			return -1;
		}
		*got += (size_t)n;
		if (want == ALLOCD_FRAME_HEADER_BYTES && *got >= ALLOCD_FRAME_HEADER_BYTES) {
			int64_t payload = allocd_frame_payload_bytes(header);
			if (payload < 0 || (size_t)payload >= answer_size) {
				errno = EBADMSG;
				return -1;
			}
			want += (size_t)payload;
		}
	}
	/* One request, one answer: bytes past the answer's frame are not allocd's protocol. */
	if (*got > want) {
		errno = EBADMSG;
		return -1;
	}
	answer[want - ALLOCD_FRAME_HEADER_BYTES] = '\0';
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
	unsigned char frame[ALLOCD_FRAME_HEADER_BYTES + ALLOCD_MAX_PAYLOAD];
	allocd_frame_header(frame, (uint32_t)len);
	memcpy(frame + ALLOCD_FRAME_HEADER_BYTES, request, len);
	/* A refused write may still leave the daemon's error frame to read, so read regardless. */
	(void)send_all(fd, frame, ALLOCD_FRAME_HEADER_BYTES + len, deadline);
	size_t got = 0;
	if (read_frame(fd, frame, answer, answer_size, deadline, &got) == 0)
		return 0;
	if (errno == EBADMSG) {
		snprintf(err, err_size, "bad answer frame from %s", socket_path);
		return -1;
	}
	if (got >= ALLOCD_FRAME_HEADER_BYTES) {
		snprintf(err, err_size, "answer from %s cut short within %d ms", socket_path, timeout_ms);
		return -1;
	}
	bool timed_out = allocd_monotonic_ms() >= deadline;
	snprintf(err, err_size, "no answer from %s within %d ms (%s)", socket_path, timeout_ms,
		 timed_out ? "timed out" : strerror(errno));
	return !timed_out && got == 0 && (errno == ECONNRESET || errno == EPIPE) ? EXCHANGE_CLOSED : -1;
}

int allocd_conn_exchange(struct allocd_conn *conn, const char *socket_path, int timeout_ms, const char *request,
			 char *answer, size_t answer_size, char *err, size_t err_size)
{
	int64_t deadline = allocd_monotonic_ms() + timeout_ms;
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
