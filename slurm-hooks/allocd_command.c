/*
 * allocd_command.c - a child process with its output collected and its run time bounded, so a
 * hung Slurm command cannot hold slurmctld's prolog or epilog.
 */
#define _GNU_SOURCE
#include "allocd_command.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "allocd_clock.h"

static void exec_child(char *const argv[], const char *slurm_conf, int out_fd)
{
	int devnull = open("/dev/null", O_RDWR);
	dup2(devnull, STDIN_FILENO);
	dup2(out_fd, STDOUT_FILENO);
	dup2(devnull, STDERR_FILENO);
	if (*slurm_conf)
		setenv("SLURM_CONF", slurm_conf, 1);
	execv(argv[0], argv);
	_exit(127);
}

/* Reads fd into out until EOF or the deadline; false when the deadline came first. */
static bool collect(int fd, int64_t deadline, char *out, size_t out_size)
{
	size_t len = 0;
	bool finished = true;
	for (;;) {
		int64_t left = deadline - allocd_monotonic_ms();
		struct pollfd p = { .fd = fd, .events = POLLIN };
		if (left <= 0 || poll(&p, 1, (int)left) == 0) {
			finished = false;
			break;
		}
		char chunk[4096];
		ssize_t n = read(fd, chunk, sizeof chunk);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		size_t take = (size_t)n < out_size - 1 - len ? (size_t)n : out_size - 1 - len;
		memcpy(out + len, chunk, take);
		len += take;
	}
	out[len] = '\0';
	return finished;
}

int allocd_command_run(char *const argv[], const char *slurm_conf, int timeout_ms, char *out, size_t out_size)
{
	int64_t deadline = allocd_monotonic_ms() + timeout_ms;
	int pipefd[2];
	out[0] = '\0';
	if (pipe2(pipefd, O_CLOEXEC) < 0)
		return -1;
	pid_t pid = fork();
	if (pid < 0) {
		close(pipefd[0]);
		close(pipefd[1]);
		return -1;
	}
	if (pid == 0)
		exec_child(argv, slurm_conf, pipefd[1]);
	close(pipefd[1]);
	bool finished = collect(pipefd[0], deadline, out, out_size);
	close(pipefd[0]);
	if (!finished)
		kill(pid, SIGKILL);
	int status;
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (!finished)
		return ALLOCD_COMMAND_TIMED_OUT;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}
