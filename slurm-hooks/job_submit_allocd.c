/*
 * job_submit_allocd.c - Slurm job_submit plugin (JobSubmitPlugins=allocd): every new job is
 * quoted by allocd (QUOTE) and accepted with a cost note, refused (ESLURM_ACCOUNTING_POLICY),
 * moved to a fallback account (account and QOS replaced) or accepted held (priority 0,
 * AdminComment "QOSGrpBillingMinutes: ..."). A time-limit change re-liens a running job (MODIFY); a pending
 * job's new account, partition or QOS is checked as at submit (REQUOTE). An array's message states its total.
 * Bounded by hook_timeout_ms; when allocd does not answer in time, hook_fail_policy decides.
 * One connection to allocd is kept open across calls (reconnected when allocd closed it).
 * Config: allocd.conf's hook keys (allocd_conf.h, ALLOCD_CONF).
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <slurm/slurm.h>
#include <slurm/slurm_errno.h>

#include "allocd_clock.h"
#include "allocd_conf.h"
#include "allocd_errors.h"
#include "allocd_exchange.h"
#include "allocd_json.h"
#include "allocd_slurm_text.h"

#define EXPORT __attribute__((visibility("default")))

/* Slurm's allocator and logging, resolved from slurmctld at load: anything Slurm frees must come
 * from slurm_xstrdup, never strdup (facts/slurm-testbed.md). */
extern char *slurm_xstrdup(const char *str);
extern void slurm_xfree(void **ptr);
extern void slurm_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
extern void slurm_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* slurmctld's own globals: the cluster name and the default partition (for jobs naming none). */
extern slurm_conf_t slurm_conf;
extern char *default_part_name __attribute__((weak));

EXPORT const char plugin_name[] = "allocd job submit plugin";
EXPORT const char plugin_type[] = "job_submit/allocd";
EXPORT const uint32_t plugin_version = SLURM_VERSION_NUMBER;

/* Written once by init() before any job_submit call, then only read: safe across threads. */
static struct allocd_conf conf;

/* The kept connection: a new one per submit costs a connect here and about 0.2 ms more of allocd's
 * CPU than the request on an open one (BENCHMARKS.md, submit path). */
static pthread_mutex_t kept_lock = PTHREAD_MUTEX_INITIALIZER;
static struct allocd_conn kept = ALLOCD_CONN_CLOSED;

/* What the plugin adds to a submit, logged once per SUBMITS_PER_LOG submits: the whole job_submit call and its
 * exchange with allocd, so an admin sees both without a line per job, and scripts/bench-slurm reads them. */
#define SUBMITS_PER_LOG 1000
static pthread_mutex_t submits_lock = PTHREAD_MUTEX_INITIALIZER;
static struct {
	int calls;
	int64_t total_us, max_us, exchange_us;
} submits;

/* The account cannot pay for a longer run: the time limit change is refused, the job keeps its limit. */
static const char *const CANNOT_PAY_LONGER[] = { ALLOCD_ERR_INSUFFICIENT_FUNDS, ALLOCD_ERR_USER_LIMIT_EXCEEDED,
						 ALLOCD_ERR_ACCOUNT_FROZEN, NULL };
/* The user who asked cannot charge the job's new account: the change is refused, the job keeps its account. */
static const char *const CANNOT_MOVE[] = { ALLOCD_ERR_NOT_MEMBER, ALLOCD_ERR_UNKNOWN_ACCOUNT, ALLOCD_ERR_UNKNOWN_USER,
					   ALLOCD_ERR_ACCOUNT_FROZEN, ALLOCD_ERR_ACCOUNT_CLOSED, NULL };

EXPORT int init(void)
{
	char err[1024];
	/* Never fatal: slurmctld must start whatever the bank's config says; the reason is logged. */
	if (allocd_conf_load(&conf, err, sizeof err) != 0)
		slurm_error("job_submit/allocd: %s", err);
	slurm_info("job_submit/allocd: socket %s, timeout %d ms, fail %s (config %s)", conf.hook_socket,
		   conf.hook_timeout_ms, conf.fail_policy == ALLOCD_FAIL_OPEN ? "open" : "closed",
		   allocd_conf_path());
	return SLURM_SUCCESS;
}

EXPORT int fini(void)
{
	pthread_mutex_lock(&kept_lock);
	allocd_conn_close(&kept);
	pthread_mutex_unlock(&kept_lock);
	return SLURM_SUCCESS;
}

static bool unset32(uint32_t v)
{
	return v == NO_VAL || v == INFINITE;
}

static void replace(char **field, const char *value)
{
	if (*field)
		slurm_xfree((void **)field);
	*field = slurm_xstrdup(value);
}

/* The job's resources as QUOTE/MODIFY fields; what the request leaves out is left out. */
static void job_fields(struct allocd_json *j, const job_desc_msg_t *d)
{
	int64_t nodes = unset32(d->min_nodes) || d->min_nodes == 0 ? 1 : d->min_nodes;
	int64_t cpus = unset32(d->min_cpus) || d->min_cpus == 0 ? 1 : d->min_cpus;
	const char *partition = d->partition;
	if (!partition && &default_part_name && default_part_name)
		partition = default_part_name;
	allocd_json_str(j, "partition", partition ? partition : "default");
	allocd_json_str(j, "qos", d->qos);
	allocd_json_num(j, "cpus", cpus);
	allocd_json_num(j, "nodes", nodes);
	if (d->pn_min_memory != NO_VAL64 && d->pn_min_memory != 0) {
		uint64_t mib = d->pn_min_memory & ~MEM_PER_CPU;
		uint64_t per = d->pn_min_memory & MEM_PER_CPU ? (uint64_t)cpus : (uint64_t)nodes;
		allocd_json_num(j, "mem_bytes", (int64_t)(mib * per * 1024 * 1024));
	}
	int64_t tasks = unset32(d->num_tasks) ? cpus : d->num_tasks;
	int64_t sockets = d->sockets_per_node == NO_VAL16 ? 1 : d->sockets_per_node;
	int64_t gpus = allocd_gpus_in(d->tres_per_job) + allocd_gpus_in(d->tres_per_node) * nodes
		+ allocd_gpus_in(d->tres_per_task) * tasks + allocd_gpus_in(d->tres_per_socket) * sockets * nodes;
	allocd_json_num(j, "gpus", gpus);
	allocd_json_bool(j, "exclusive", d->shared == JOB_SHARED_NONE);
	if (!unset32(d->time_limit))
		allocd_json_num(j, "time_limit_s", (int64_t)d->time_limit * 60);
}

static void count_submit(int64_t us, int64_t exchange_us)
{
	pthread_mutex_lock(&submits_lock);
	submits.calls++;
	submits.total_us += us;
	submits.exchange_us += exchange_us;
	if (us > submits.max_us)
		submits.max_us = us;
	if (submits.calls == SUBMITS_PER_LOG) {
		slurm_info("job_submit/allocd: the last %d submits took %" PRId64 " us on average in the plugin, at most %"
			   PRId64 " us; the exchange with allocd %" PRId64 " us on average", submits.calls,
			   submits.total_us / submits.calls, submits.max_us, submits.exchange_us / submits.calls);
		submits.calls = 0;
		submits.total_us = 0;
		submits.max_us = 0;
		submits.exchange_us = 0;
	}
	pthread_mutex_unlock(&submits_lock);
}

/* Asks allocd; returns 0 with the answer, or -1 (logged) when it did not answer in time. */
static int ask(const struct allocd_json *request, char *answer, size_t answer_size, const char *what)
{
	char err[256];
	int rc;
	/* slurmctld's locks make overlapping calls rare; one that finds the kept connection in use takes
	 * a connection of its own instead of waiting, so hook_timeout_ms bounds every call. */
	if (pthread_mutex_trylock(&kept_lock) == 0) {
		rc = allocd_conn_exchange(&kept, conf.hook_socket, conf.hook_timeout_ms, request->buf, answer,
					  answer_size, err, sizeof err);
		pthread_mutex_unlock(&kept_lock);
	} else {
		rc = allocd_exchange(conf.hook_socket, conf.hook_timeout_ms, request->buf, answer, answer_size,
				     err, sizeof err);
	}
	if (rc < 0) {
		slurm_error("job_submit/allocd: %s: %s; failing %s", what, err,
			    conf.fail_policy == ALLOCD_FAIL_OPEN ? "open" : "closed");
		return -1;
	}
	return 0;
}

static int unanswered(char **err_msg)
{
	if (conf.fail_policy == ALLOCD_FAIL_OPEN)
		return SLURM_SUCCESS;
	if (err_msg && !*err_msg)
		*err_msg = slurm_xstrdup("the allocation manager (allocd) is not answering and this cluster refuses"
					 " jobs until it does; try again in a minute or tell the admins");
	return SLURM_ERROR;
}

/* Applies an accepted QUOTE to the job: the account allocd chose when none was given, a fallback account
 * (fallback_from: its own account cannot cover the job) with the QOS the fallback forces, if any, and a hold
 * (priority 0, AdminComment) when the verdict is hold. */
static void apply_quote(job_desc_msg_t *job_desc, const char *answer, bool hold, const char *message)
{
	char account[256], qos[256];
	bool fallback = allocd_answer_str(answer, "fallback_from", qos, sizeof qos) == 0;
	if ((fallback || !job_desc->account || !*job_desc->account)
	    && allocd_answer_str(answer, "account", account, sizeof account) == 0)
		replace(&job_desc->account, account);
	if (fallback && allocd_answer_str(answer, "qos", qos, sizeof qos) == 0)
		replace(&job_desc->qos, qos);
	if (hold) {
		job_desc->priority = 0;
		replace(&job_desc->admin_comment, message);
	}
}

/* The QUOTE of a new job and what its answer does to it; *exchange_us gets the time spent asking allocd. */
static int quote_job(job_desc_msg_t *job_desc, uint32_t submit_uid, char **err_msg, int64_t *exchange_us)
{
	uid_t uid = job_desc->user_id != NO_VAL ? job_desc->user_id : submit_uid;
	char answer[ALLOCD_MAX_PAYLOAD], verdict[16], message[1024] = "";
	/* The uid, not its name: allocd names it, so no passwd lookup (LDAP, SSSD) runs under slurmctld's locks
	 * or outside hook_timeout_ms. */
	struct allocd_json request;
	allocd_json_begin(&request);
	allocd_json_str(&request, "op", "QUOTE");
	allocd_json_num(&request, "uid", (int64_t)uid);
	allocd_json_str(&request, "account", job_desc->account);
	job_fields(&request, job_desc);
	/* An array's elements are each quoted as this job; allocd's message states the total. */
	int64_t elements = allocd_array_elements(job_desc->array_inx, slurm_conf.max_array_sz);
	if (elements > 1)
		allocd_json_num(&request, "array_elements", elements);
	if (allocd_json_end(&request) < 0) {
		slurm_error("job_submit/allocd: QUOTE for uid %u too large", (unsigned)uid);
		return unanswered(err_msg);
	}
	int64_t asked_us = allocd_monotonic_us();
	int asked = ask(&request, answer, sizeof answer, "QUOTE");
	*exchange_us = allocd_monotonic_us() - asked_us;
	if (asked < 0)
		return unanswered(err_msg);
	bool ok = false;
	if (allocd_answer_bool(answer, "ok", &ok) < 0 || !ok
	    || allocd_answer_str(answer, "verdict", verdict, sizeof verdict) < 0) {
		slurm_error("job_submit/allocd: QUOTE for uid %u refused by allocd: %s", (unsigned)uid, answer);
		return unanswered(err_msg);
	}
	if (allocd_answer_str(answer, "message", message, sizeof message) < 0)
		message[0] = '\0';
	bool reject = !strcmp(verdict, "reject");
	if (!reject)
		apply_quote(job_desc, answer, !strcmp(verdict, "hold"), message);
	if (!*err_msg && (*message || reject))
		*err_msg = slurm_xstrdup(message);
	return reject ? ESLURM_ACCOUNTING_POLICY : SLURM_SUCCESS;
}

EXPORT int job_submit(job_desc_msg_t *job_desc, uint32_t submit_uid, char **err_msg)
{
	int64_t started_us = allocd_monotonic_us(), exchange_us = 0;
	int rc = quote_job(job_desc, submit_uid, err_msg, &exchange_us);
	count_submit(allocd_monotonic_us() - started_us, exchange_us);
	return rc;
}

/* allocd's answer to a MODIFY or REQUOTE: SLURM_SUCCESS, or refusal (when allocd's error is one of refusals,
 * with allocd's message in message); anything else is logged and lets the change through. */
static int modify_answer(const char *answer, const char *const *refusals, int refusal, uint32_t job_id,
			 const char *what, char *message, size_t message_size)
{
	char error[64] = "";
	bool ok = false;
	if (allocd_answer_bool(answer, "ok", &ok) == 0 && ok)
		return SLURM_SUCCESS;
	allocd_answer_str(answer, "error", error, sizeof error);
	if (!allocd_error_in(error, refusals)) {
		slurm_info("job_submit/allocd: %s of job %u: %s", what, job_id, answer);
		return SLURM_SUCCESS;
	}
	if (allocd_answer_str(answer, "message", message, message_size) < 0)
		snprintf(message, message_size, "%s", error);
	slurm_info("job_submit/allocd: %s of job %u refused: %s", what, job_id, message);
	return refusal;
}

/* The start of a MODIFY or REQUOTE: the op and the job it is about. */
static void begin_change(struct allocd_json *request, const char *op, uint32_t job_id)
{
	allocd_json_begin(request);
	allocd_json_str(request, "op", op);
	allocd_json_str(request, "cluster", slurm_conf.cluster_name);
	allocd_json_num(request, "job_id", job_id);
}

/* A pending job's new account, partition or QOS: allocd checks that whoever asked may charge the account, as
 * at submit (REQUOTE); its price is checked by allocd before the job starts. uid is left out for Slurm's admins
 * (root, SlurmUser). job_id: the job, or an array's job id (scontrol update JobId=31_1). */
static int requote(const job_desc_msg_t *d, uint32_t job_id, uint32_t submit_uid, char *message, size_t message_size)
{
	if (!d->account && !d->partition && !d->qos)
		return SLURM_SUCCESS;
	char answer[ALLOCD_MAX_PAYLOAD];
	struct allocd_json request;
	begin_change(&request, "REQUOTE", job_id);
	if (submit_uid != 0 && submit_uid != slurm_conf.slurm_user_id)
		allocd_json_num(&request, "uid", submit_uid);
	allocd_json_str(&request, "account", d->account);
	allocd_json_str(&request, "partition", d->partition);
	allocd_json_str(&request, "qos", d->qos);
	if (allocd_json_end(&request) < 0 || ask(&request, answer, sizeof answer, "REQUOTE") < 0)
		return conf.fail_policy == ALLOCD_FAIL_OPEN ? SLURM_SUCCESS : SLURM_ERROR;
	return modify_answer(answer, CANNOT_MOVE, ESLURM_INVALID_ACCOUNT, job_id, "move", message, message_size);
}

/* A new time limit: allocd re-liens a running job and answers conflict/unknown_job for one that has no lien
 * yet (pending: quoted again at start). Array and het job ids are not re-liened. */
static int new_time_limit(job_desc_msg_t *d, uint32_t job_id, char *message, size_t message_size)
{
	char answer[ALLOCD_MAX_PAYLOAD];
	struct allocd_json request;
	begin_change(&request, "MODIFY", job_id);
	job_fields(&request, d);
	if (allocd_json_end(&request) < 0 || ask(&request, answer, sizeof answer, "MODIFY") < 0)
		return conf.fail_policy == ALLOCD_FAIL_OPEN ? SLURM_SUCCESS : SLURM_ERROR;
	return modify_answer(answer, CANNOT_PAY_LONGER, ESLURM_ACCOUNTING_POLICY, job_id, "time limit change", message,
			     message_size);
}

/* scontrol update: a new account, partition or QOS (REQUOTE) and a new time limit (MODIFY). Slurm 23.02 added
 * err_msg, which scontrol shows; 22.05 has none, so its refusal reaches the user as Slurm's own text for the
 * error code only (and allocd's reason is in slurmctld's log). */
#if SLURM_VERSION_NUMBER >= SLURM_VERSION_NUM(23, 2, 0)
EXPORT int job_modify(job_desc_msg_t *job_desc, void *job_ptr, uint32_t submit_uid, char **err_msg)
#else
EXPORT int job_modify(job_desc_msg_t *job_desc, void *job_ptr, uint32_t submit_uid)
#endif
{
	(void)job_ptr;
	/* Slurm reads errno after this call (a change of account without an association takes it as the error),
	 * so the socket's EAGAIN must not leak into it. */
	int saved_errno = errno;
	/* scontrol update names the job in job_id_str: "1234", or "31_1" for an element of array 31. */
	uint32_t job_id = job_desc->job_id;
	const char *id_text = job_desc->job_id_str;
	bool plain_id = id_text && strspn(id_text, "0123456789") == strlen(id_text);
	if ((job_id == NO_VAL || job_id == 0) && id_text && isdigit((unsigned char)*id_text))
		job_id = (uint32_t)strtoul(id_text, NULL, 10);
	if (job_id == NO_VAL || job_id == 0)
		return SLURM_SUCCESS;
	char message[1024] = "";
	int rc = requote(job_desc, job_id, submit_uid, message, sizeof message);
	if (rc == SLURM_SUCCESS && !unset32(job_desc->time_limit) && (job_desc->job_id == job_id || plain_id))
		rc = new_time_limit(job_desc, job_id, message, sizeof message);
#if SLURM_VERSION_NUMBER >= SLURM_VERSION_NUM(23, 2, 0)
	if (rc != SLURM_SUCCESS && *message && err_msg && !*err_msg)
		*err_msg = slurm_xstrdup(message);
#endif
	errno = saved_errno;
	return rc;
}
