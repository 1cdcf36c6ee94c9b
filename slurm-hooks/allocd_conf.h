/*
 * allocd_conf.h - the hooks' settings, read from allocd.conf itself so an admin sets them once.
 */
#ifndef ALLOCD_CONF_H
#define ALLOCD_CONF_H

#include <stddef.h>

/* Built in by the Makefile (ALLOCD_CONF=...); the environment variable ALLOCD_CONF wins. */
#ifndef ALLOCD_CONF
#define ALLOCD_CONF "/etc/allocd/allocd.conf"
#endif

/* The daemon's defaults and ranges for the same keys (config/ConfigLoader.java); a daemon test
 * checks that these agree with it. */
#define ALLOCD_HOOK_SOCKET_DEFAULT "/run/allocd/hook.sock"
#define ALLOCD_HOOK_TIMEOUT_MS_DEFAULT 200
#define ALLOCD_HOOK_TIMEOUT_MS_MIN 10
#define ALLOCD_HOOK_TIMEOUT_MS_MAX 5000
#define ALLOCD_SPOOL_DIR_DEFAULT "/var/spool/allocd"
#define ALLOCD_SLURM_BIN_DIR_DEFAULT "/usr/bin"
#define ALLOCD_SLURM_TIMEOUT_MS_DEFAULT 5000
#define ALLOCD_SLURM_TIMEOUT_MS_MIN 100
#define ALLOCD_SLURM_TIMEOUT_MS_MAX 60000

/* Path buffers; the daemon refuses longer paths for the keys the hooks read. */
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

#endif
