/*
 * allocd_spool.h - a hook event allocd did not take, kept on disk for allocd to replay.
 */
#ifndef ALLOCD_SPOOL_H
#define ALLOCD_SPOOL_H

#include <stddef.h>

/* Writes json as one file in spool_dir (created 0750 when missing), named so that names sort by
 * time: "<epoch ms>-<job_id>-<restart>-<event>.json". Temp file, fsync, rename, fsync of the
 * directory, so the replayer sees it whole or not at all. Returns 0 with the file's path in
 * path, or -1 with the reason in err. */
int allocd_spool_write(const char *spool_dir, const char *json, const char *job_id, const char *restart,
		       const char *event, char *path, size_t path_size, char *err, size_t err_size);

#endif
