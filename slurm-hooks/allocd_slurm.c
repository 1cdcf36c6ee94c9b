/*
 * allocd-slurm: libslurm (through libslurmshim) in a process of its own, so that nothing libslurm
 * does can stop allocd: its fatal() exits this process (no slurm.conf, configless DNS SRV failure),
 * a libslurm of another version crashes or fails to load this process, a call to a slurmctld that
 * does not answer blocks this process. allocd starts it, sends one request at a time on stdin, reads
 * one answer on stdout, and kills it and starts another when it dies or does not answer in time.
 *
 *   allocd-slurm [SLURM_CONF]       (no argument: SLURM_CONF or Slurm's default, as slurm_init does)
 *
 * Frames, integers big-endian:
 *   ready, once, after libslurm read its configuration: int32 0, uint32 length, "allocd-slurm VERSION"
 *   request: uint8 op, uint32 job id, uint32 length (0xFFFFFFFF: none), bytes (AdminComment or account)
 *            op: 'h' hold, 'r' release, 'p' pending jobs, 'q' pending requests, 'i' job info
 *   answer:  int32 rc (0 or a Slurm error code), uint32 length, bytes (the shim's text or the error's text)
 * libslurm's own messages (and anything it prints to stdout) go to stderr, which allocd reads for the cause
 * of a death. It exits when stdin closes.
 */
#include "libslurmshim.h"

#include <arpa/inet.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Bumped when a frame above changes; allocd checks the ready frame. */
#define HELPER_PROTOCOL_VERSION 1
#define NO_TEXT 0xFFFFFFFFu
/* An AdminComment or account name is far smaller; a longer request is not from allocd. */
#define MAX_REQUEST_TEXT_BYTES (1u << 20)

static FILE *answers;

static int read_exact(void *buf, size_t n)
{
	return fread(buf, 1, n, stdin) == n;
}

static int read_u32(uint32_t *v)
{
	uint32_t be;

	if (!read_exact(&be, sizeof(be)))
		return 0;
	*v = ntohl(be);
	return 1;
}

static void answer(int rc, const char *text)
{
	uint32_t head[2] = { htonl((uint32_t) rc), htonl((uint32_t) strlen(text)) };

	/* A failed write means allocd is gone: nothing left to answer. */
	if (fwrite(head, sizeof(head[0]), 2, answers) != 2 || fputs(text, answers) == EOF || fflush(answers) != 0)
		exit(3);
}

static void answer_rc(int rc)
{
	answer(rc, rc == 0 ? "" : allocd_shim_strerror(rc));
}

static void answer_text(int rc, char *text)
{
	if (rc != 0) {
		answer_rc(rc);
		return;
	}
	answer(0, text);
	allocd_shim_free(text);
}

static int protocol_error(const char *what)
{
	fprintf(stderr, "allocd-slurm: %s; exiting\n", what);
	return 2;
}

int main(int argc, char **argv)
{
	char ready[32];
	int fd;

	if (argc > 2) {
		fprintf(stderr, "usage: allocd-slurm [SLURM_CONF]\n");
		return 2;
	}
	/* The answers keep the real stdout; fd 1 becomes stderr, so a stray print cannot break a frame. */
	fd = dup(STDOUT_FILENO);
	if (fd < 0 || !(answers = fdopen(fd, "w")) || dup2(STDERR_FILENO, STDOUT_FILENO) < 0) {
		perror("allocd-slurm: stdout");
		return 2;
	}
	if (allocd_shim_abi_version() != ALLOCD_SHIM_ABI_VERSION) {
		fprintf(stderr, "allocd-slurm: the libslurmshim.so beside it speaks ABI %d, not %d; install both from one build\n",
			allocd_shim_abi_version(), ALLOCD_SHIM_ABI_VERSION);
		return 2;
	}
	allocd_shim_init(argc == 2 ? argv[1] : NULL);
	snprintf(ready, sizeof(ready), "allocd-slurm %d", HELPER_PROTOCOL_VERSION);
	answer(0, ready);
	for (;;) {
		uint8_t op;
		uint32_t job_id, len;
		char *arg = NULL, *text = NULL;
		int rc;

		if (!read_exact(&op, 1))
			return 0;
		if (!read_u32(&job_id) || !read_u32(&len))
			return protocol_error("request cut short");
		if (len != NO_TEXT) {
			if (len > MAX_REQUEST_TEXT_BYTES)
				return protocol_error("request text too long");
			if (!(arg = malloc(len + 1)))
				return protocol_error("no memory for a request");
			if (!read_exact(arg, len))
				return protocol_error("request cut short");
			arg[len] = '\0';
		}
		switch (op) {
		case 'h':
			answer_rc(allocd_shim_hold(job_id, arg));
			break;
		case 'r':
			answer_rc(allocd_shim_release(job_id, arg));
			break;
		case 'p':
			rc = allocd_shim_pending_jobs(arg, &text);
			answer_text(rc, text);
			break;
		case 'q':
			rc = allocd_shim_pending_requests(arg, &text);
			answer_text(rc, text);
			break;
		case 'i':
			rc = allocd_shim_job_info(job_id, &text);
			answer_text(rc, text);
			break;
		default:
			return protocol_error("unknown request");
		}
		free(arg);
	}
}
