/*
 * allocd_spool.c - writes one hook event into the spool directory, atomically and durably.
 */
#define _GNU_SOURCE
#include "allocd_spool.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "allocd_clock.h"

static int write_whole(const char *tmp, const char *json)
{
	int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0640);
	if (fd < 0)
		return -1;
	size_t len = strlen(json);
	if (fchmod(fd, 0640) < 0 || write(fd, json, len) != (ssize_t)len || fsync(fd) < 0) {
		int saved = errno;
		close(fd);
		unlink(tmp);
		errno = saved;
		return -1;
	}
	close(fd);
	return 0;
}

int allocd_spool_write(const char *spool_dir, const char *json, const char *job_id, const char *restart,
		       const char *event, char *path, size_t path_size, char *err, size_t err_size)
{
	char name[256], tmp[1024];
	snprintf(name, sizeof name, "%016lld-%s-%s-%s.json", (long long)allocd_wall_ms(), job_id, restart, event);
	if ((size_t)snprintf(path, path_size, "%s/%s", spool_dir, name) >= path_size
	    || (size_t)snprintf(tmp, sizeof tmp, "%s/.tmp-%s", spool_dir, name) >= sizeof tmp) {
		snprintf(err, err_size, "spool path under %s too long", spool_dir);
		return -1;
	}
	if (mkdir(spool_dir, 0750) < 0 && errno != EEXIST) {
		snprintf(err, err_size, "cannot create spool directory %s: %s", spool_dir, strerror(errno));
		return -1;
	}
	if (write_whole(tmp, json) < 0) {
		snprintf(err, err_size, "cannot write %s: %s", tmp, strerror(errno));
		return -1;
	}
	if (rename(tmp, path) < 0) {
		snprintf(err, err_size, "cannot rename %s: %s", tmp, strerror(errno));
		unlink(tmp);
		return -1;
	}
	int dir = open(spool_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dir >= 0) {
		fsync(dir);
		close(dir);
	}
	return 0;
}
