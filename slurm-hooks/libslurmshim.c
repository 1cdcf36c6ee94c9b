/*
 * libslurmshim: allocd's flat ABI over libslurm (see libslurmshim.h).
 * Struct layouts change between Slurm releases; keeping them on this side of the
 * boundary means only this file is rebuilt for a new Slurm, never the daemon.
 */
#include "libslurmshim.h"
#include "allocd_slurm_text.h"

#include <errno.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <slurm/slurm.h>
#include <slurm/slurm_errno.h>

/* Exported by libslurm but not declared in its public headers. The reason's name differs: 22.05 has
 * slurm_job_reason_string, 24.11 slurm_job_state_reason_string (the switch is set at 23.11, where
 * Slurm moved job reasons into a table of their own; 23.x itself is not tested here). */
extern char *slurm_job_state_string(uint32_t inx);
#if SLURM_VERSION_NUMBER >= SLURM_VERSION_NUM(23, 11, 0)
extern const char *slurm_job_state_reason_string(enum job_state_reason inx);
#define slurm_job_reason_string slurm_job_state_reason_string
#else
extern char *slurm_job_reason_string(enum job_state_reason inx);
#endif

/* Our own code for "the shim itself failed" (no memory, bad argument). */
#define SHIM_ENOMEM 12
#define SHIM_EINVAL 22

int allocd_shim_abi_version(void) { return ALLOCD_SHIM_ABI_VERSION; }

int allocd_shim_init(const char *conf_path)
{
	slurm_init(conf_path && *conf_path ? conf_path : NULL);
	return 0;
}

void allocd_shim_fini(void) { slurm_fini(); }

const char *allocd_shim_strerror(int code) { return slurm_strerror(code); }

void allocd_shim_free(char *text) { free(text); }

/* libslurm leaves its error code in errno (22.05's slurm_get_errno() returned just that; 24.11 has no
 * such function), so one source serves both. */
static int last_error(void)
{
	int code = errno;
	return code == 0 ? SLURM_ERROR : code;
}

static int update_priority(uint32_t job_id, uint32_t priority, const char *admin_comment)
{
	job_desc_msg_t msg;

	if (job_id == 0)
		return SHIM_EINVAL;
	slurm_init_job_desc_msg(&msg);
	msg.job_id = job_id;
	msg.priority = priority;
	/* libslurm only reads the string; the cast drops const for its char * field. */
	msg.admin_comment = admin_comment ? (char *) admin_comment : NULL;
	return slurm_update_job(&msg) == SLURM_SUCCESS ? 0 : last_error();
}

int allocd_shim_hold(uint32_t job_id, const char *admin_comment)
{
	return update_priority(job_id, 0, admin_comment);
}

int allocd_shim_release(uint32_t job_id, const char *admin_comment)
{
	return update_priority(job_id, INFINITE, admin_comment);
}

/* A growing NUL-terminated text buffer. */
struct text {
	char *buf;
	size_t len, cap;
	int failed;
};

static void put(struct text *t, const char *s)
{
	size_t n = strlen(s);

	if (t->failed)
		return;
	if (t->len + n + 1 > t->cap) {
		size_t cap = t->cap ? t->cap : 256;
		char *grown;

		while (t->len + n + 1 > cap)
			cap *= 2;
		grown = realloc(t->buf, cap);
		if (!grown) {
			t->failed = 1;
			return;
		}
		t->buf = grown;
		t->cap = cap;
	}
	memcpy(t->buf + t->len, s, n + 1);
	t->len += n;
}

/* Free text in one field: tabs and newlines would break the line format. */
static void put_field(struct text *t, const char *s)
{
	size_t start = t->len;

	put(t, s ? s : "");
	if (t->failed)
		return;
	for (size_t i = start; i < t->len; i++)
		if (t->buf[i] == '\t' || t->buf[i] == '\n' || t->buf[i] == '\r')
			t->buf[i] = ' ';
}

static void put_num(struct text *t, long long v)
{
	char num[32];

	snprintf(num, sizeof(num), "%lld", v);
	put(t, num);
}

static void put_user(struct text *t, uint32_t uid)
{
	struct passwd pw, *found = NULL;
	char scratch[1024];

	if (getpwuid_r(uid, &pw, scratch, sizeof(scratch), &found) == 0 && found)
		put_field(t, found->pw_name);
	else
		put_num(t, uid);
}

static const char *reason(const slurm_job_info_t *job)
{
	return slurm_job_reason_string((enum job_state_reason) job->state_reason);
}

static int finish(struct text *t, char **out)
{
	if (!t->failed && !t->buf)
		put(t, "");
	if (t->failed) {
		free(t->buf);
		return SHIM_ENOMEM;
	}
	*out = t->buf;
	return 0;
}

static int by_submit_time(const void *a, const void *b)
{
	const slurm_job_info_t *x = *(slurm_job_info_t *const *) a;
	const slurm_job_info_t *y = *(slurm_job_info_t *const *) b;

	if (x->submit_time != y->submit_time)
		return x->submit_time < y->submit_time ? -1 : 1;
	return x->job_id < y->job_id ? -1 : (x->job_id > y->job_id);
}

/* The pending jobs of an account (NULL/"" = all) in submit order; *pending is freed by the caller,
 * *msg with slurm_free_job_info_msg. */
static int load_pending(const char *account, job_info_msg_t **msg, slurm_job_info_t ***pending, uint32_t *n)
{
	*msg = NULL;
	*n = 0;
	if (slurm_load_jobs((time_t) 0, msg, SHOW_ALL) != SLURM_SUCCESS)
		return last_error();
	*pending = calloc((*msg)->record_count + 1, sizeof(**pending));
	if (!*pending) {
		slurm_free_job_info_msg(*msg);
		return SHIM_ENOMEM;
	}
	for (uint32_t i = 0; i < (*msg)->record_count; i++) {
		slurm_job_info_t *job = &(*msg)->job_array[i];

		if ((job->job_state & JOB_STATE_BASE) == JOB_PENDING
		    && (!account || !*account || (job->account && strcasecmp(job->account, account) == 0)))
			(*pending)[(*n)++] = job;
	}
	qsort(*pending, *n, sizeof(**pending), by_submit_time);
	return 0;
}

/* The array a pending record is part of, as two fields: array_job_id (0: none) and the element's task id, or,
 * for the record that still holds elements not split off yet, Slurm's set of them ("1-5", "2-5%2"; squeue shows
 * 31_[1-5]). */
static void put_array(struct text *t, const slurm_job_info_t *job)
{
	put_num(t, job->array_job_id);
	put(t, "\t");
	if (job->array_job_id && job->array_task_str && *job->array_task_str)
		put_field(t, job->array_task_str);
	else if (job->array_job_id && job->array_task_id != NO_VAL)
		put_num(t, job->array_task_id);
	put(t, "\t");
}

/* job_id submit user account priority reason array_job_id array_tasks: the first fields of both pending-job
 * listings. */
static void put_pending_head(struct text *t, const slurm_job_info_t *job)
{
	put_num(t, job->job_id);
	put(t, "\t");
	put_num(t, (long long) job->submit_time);
	put(t, "\t");
	put_user(t, job->user_id);
	put(t, "\t");
	put_field(t, job->account);
	put(t, "\t");
	put_num(t, job->priority);
	put(t, "\t");
	put_field(t, reason(job));
	put(t, "\t");
	put_array(t, job);
}

static int unset32(uint32_t v)
{
	return v == NO_VAL || v == INFINITE || v == 0;
}

/* What the job asks for, as the job_submit plugin sends it in QUOTE (job_submit_allocd.c). */
static void put_request(struct text *t, const slurm_job_info_t *job)
{
	long long nodes = unset32(job->num_nodes) ? 1 : job->num_nodes;
	long long cpus = unset32(job->num_cpus) ? 1 : job->num_cpus;
	long long tasks = unset32(job->num_tasks) ? cpus : job->num_tasks;
	long long sockets = job->sockets_per_node == NO_VAL16 || job->sockets_per_node == 0 ? 1 : job->sockets_per_node;
	long long mem = 0;

	if (job->pn_min_memory != NO_VAL64 && job->pn_min_memory != 0) {
		uint64_t mib = job->pn_min_memory & ~MEM_PER_CPU;

		mem = (long long) mib * (job->pn_min_memory & MEM_PER_CPU ? cpus : nodes) * 1024 * 1024;
	}
	put_field(t, job->partition);
	put(t, "\t");
	put_field(t, job->qos);
	put(t, "\t");
	put_num(t, job->time_limit == INFINITE || job->time_limit == NO_VAL ? 0 : (long long) job->time_limit * 60);
	put(t, "\t");
	put_num(t, cpus);
	put(t, "\t");
	put_num(t, mem);
	put(t, "\t");
	put_num(t, allocd_gpus_in(job->tres_per_job) + allocd_gpus_in(job->tres_per_node) * nodes
		   + allocd_gpus_in(job->tres_per_task) * tasks + allocd_gpus_in(job->tres_per_socket) * sockets * nodes);
	put(t, "\t");
	put_num(t, nodes);
	put(t, "\t");
	put_num(t, job->shared == JOB_SHARED_NONE);
	put(t, "\t");
}

/* One line per pending job of the account; with_request adds what the job asked for before its comment. */
static int put_pending(const char *account, int with_request, char **out)
{
	job_info_msg_t *msg;
	slurm_job_info_t **pending;
	struct text t = { 0 };
	uint32_t n;
	int rc;

	if (!out)
		return SHIM_EINVAL;
	if ((rc = load_pending(account, &msg, &pending, &n)) != 0)
		return rc;
	for (uint32_t i = 0; i < n; i++) {
		put_pending_head(&t, pending[i]);
		if (with_request)
			put_request(&t, pending[i]);
		put_field(&t, pending[i]->admin_comment);
		put(&t, "\n");
	}
	free(pending);
	slurm_free_job_info_msg(msg);
	return finish(&t, out);
}

int allocd_shim_pending_jobs(const char *account, char **out)
{
	return put_pending(account, 0, out);
}

int allocd_shim_pending_requests(const char *account, char **out)
{
	return put_pending(account, 1, out);
}

int allocd_shim_job_info(uint32_t job_id, char **out)
{
	job_info_msg_t *msg = NULL;
	slurm_job_info_t *job;
	struct text t = { 0 };

	if (job_id == 0 || !out)
		return SHIM_EINVAL;
	if (slurm_load_job(&msg, job_id, SHOW_ALL) != SLURM_SUCCESS)
		return last_error();
	if (msg->record_count == 0) {
		slurm_free_job_info_msg(msg);
		return ESLURM_INVALID_JOB_ID;
	}
	job = &msg->job_array[0];
	put_num(&t, job->job_id);
	put(&t, "\t");
	put_field(&t, slurm_job_state_string(job->job_state));
	put(&t, "\t");
	put_user(&t, job->user_id);
	put(&t, "\t");
	put_field(&t, job->account);
	put(&t, "\t");
	put_num(&t, job->time_limit == INFINITE || job->time_limit == NO_VAL ? -1 : (long long) job->time_limit);
	put(&t, "\t");
	put_num(&t, (long long) job->submit_time);
	put(&t, "\t");
	put_num(&t, (long long) job->start_time);
	put(&t, "\t");
	put_num(&t, (long long) job->end_time);
	put(&t, "\t");
	put_num(&t, job->priority);
	put(&t, "\t");
	put_field(&t, reason(job));
	put(&t, "\t");
	put_field(&t, job->admin_comment);
	put(&t, "\n");
	slurm_free_job_info_msg(msg);
	return finish(&t, out);
}
