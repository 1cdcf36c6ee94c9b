/*
 * libslurmshim: a flat, stable C ABI over libslurm for allocd's daemon, which runs it in the
 * allocd-slurm helper process (allocd_slurm.c).
 * No Slurm struct crosses this boundary: only ints, C strings and text the caller frees
 * with allocd_shim_free(). Every function returns 0 or a Slurm error code; the text of
 * a code is allocd_shim_strerror(code). Not thread-safe: call from one thread.
 */
#ifndef ALLOCD_SLURMSHIM_H
#define ALLOCD_SLURMSHIM_H

#include <stdint.h>

/* Bumped when a signature or a text format below changes. */
#define ALLOCD_SHIM_ABI_VERSION 3

int allocd_shim_abi_version(void);

/* Reads slurm.conf: conf_path, or when NULL SLURM_CONF or the default path. Call once first. */
int allocd_shim_init(const char *conf_path);
void allocd_shim_fini(void);

/* Holds a pending job (priority 0, shown as JobHeldAdmin) and sets its AdminComment. */
int allocd_shim_hold(uint32_t job_id, const char *admin_comment);

/* Releases a held job (priority back to automatic) and sets its AdminComment ("" clears it). */
int allocd_shim_release(uint32_t job_id, const char *admin_comment);

/*
 * The pending jobs of one account (NULL or "" = every account; Slurm lower-cases account
 * names), oldest submit first, one line each, fields separated by a tab, AdminComment last
 * (tabs and newlines in it become spaces):
 *   job_id  submit_epoch  user  account  priority  state_reason  array_job_id  array_tasks  admin_comment
 * array_job_id is 0 outside an array; array_tasks is the element's task id, or for the record of the elements
 * Slurm has not split off yet, their set as Slurm writes it ("1-5", "2-5%2").
 * *out is set to a NUL-terminated text (possibly empty) on success; free it with allocd_shim_free.
 */
int allocd_shim_pending_jobs(const char *account, char **out);

/*
 * The same jobs with what each asks for, priced by allocd as the job_submit plugin's QUOTE would be:
 *   job_id  submit_epoch  user  account  priority  state_reason  array_job_id  array_tasks  partition  qos  time_limit_seconds
 *   cpus  mem_bytes  gpus  nodes  exclusive(0/1)  admin_comment
 * time_limit_seconds is 0 when the job gave none (the partition's limit applies).
 */
int allocd_shim_pending_requests(const char *account, char **out);

/*
 * One job as a single tab-separated line:
 *   job_id  state  user  account  time_limit_minutes  submit_epoch  start_epoch  end_epoch
 *   priority  state_reason  admin_comment
 * time_limit_minutes is -1 when unlimited; epochs are 0 when unknown.
 */
int allocd_shim_job_info(uint32_t job_id, char **out);

void allocd_shim_free(char *text);

/* Slurm's text for an error code; a static string, do not free. */
const char *allocd_shim_strerror(int code);

#endif
