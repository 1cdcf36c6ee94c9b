/*
 * allocd_hook.c - allocd-hook, the PrologSlurmctld (LIEN) and EpilogSlurmctld (CHARGE) program.
 * Which one it is comes from SLURM_SCRIPT_CONTEXT, else from its name (allocd-prolog /
 * allocd-epilog). The job's identity comes from the environment, its time limit, resources and
 * start/end times from `scontrol show job -o -d` (the environment lacks them). When allocd does
 * not answer in time, the event is written to the spool directory for allocd to replay.
 * Exit 0 lets Slurm go on; a prolog exit != 0 requeues a batch job and kills an srun job.
 */
#define _GNU_SOURCE
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>

#include "allocd_command.h"
#include "allocd_conf.h"
#include "allocd_errors.h"
#include "allocd_exchange.h"
#include "allocd_json.h"
#include "allocd_slurm_text.h"
#include "allocd_spool.h"

#define SHOW_OUTPUT_MAX 65536

/* The job as slurmctld names it in the environment. */
struct job {
	const char *id;
	const char *cluster;
	const char *restart;
};

static struct allocd_conf conf;
static char scontrol[ALLOCD_PATH_MAX + 16];
static const char *prog = "allocd-hook";

/* The account or user cannot pay for this job; anything else (a bad request, a busy store) is
 * no reason to keep a job from running. */
static const char *const CANNOT_PAY[] = { ALLOCD_ERR_INSUFFICIENT_FUNDS, ALLOCD_ERR_USER_LIMIT_EXCEEDED,
					  ALLOCD_ERR_ACCOUNT_FROZEN,     ALLOCD_ERR_ACCOUNT_CLOSED,
					  ALLOCD_ERR_NOT_MEMBER,         ALLOCD_ERR_UNKNOWN_ACCOUNT,
					  ALLOCD_ERR_UNKNOWN_USER,       NULL };
/* Already liened or charged (key_reused: this event of this run was recorded with other details,
 * e.g. the job's state then): a replayed event, nothing left to do. */
static const char *const ALREADY_RECORDED[] = { ALLOCD_ERR_CONFLICT, ALLOCD_ERR_KEY_REUSED, NULL };
/* allocd could not take it now; the spool retries (the daemon's replayer retries the same codes). */
static const char *const TRY_LATER[] = { ALLOCD_ERR_BUSY, ALLOCD_ERR_STORE_UNAVAILABLE, ALLOCD_ERR_SHUTTING_DOWN,
					 ALLOCD_ERR_INTERNAL, NULL };

static void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void say(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fprintf(stderr, "%s: ", prog);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
}

/* A Slurm command under slurm_timeout_ms; its exit status, or -1 (logged when it hung). */
static int run(char *const argv[], char *out, size_t out_size)
{
	int rc = allocd_command_run(argv, conf.slurm_conf, conf.slurm_timeout_ms, out, out_size);
	if (rc == ALLOCD_COMMAND_TIMED_OUT) {
		say("%s did not finish within %d ms; killed", argv[0], conf.slurm_timeout_ms);
		return -1;
	}
	return rc;
}

static const char *env(const char *name)
{
	const char *v = getenv(name);
	return v && allocd_slurm_present(v) ? v : NULL;
}

static void scontrol_do(const char *verb, const char *job_id, const char *extra)
{
	char out[1024], arg[64];
	snprintf(arg, sizeof arg, "JobId=%s", job_id);
	char *update[] = { scontrol, (char *)verb, arg, (char *)extra, NULL };
	char *requeue[] = { scontrol, (char *)verb, (char *)job_id, NULL };
	int rc = run(strcmp(verb, "update") ? requeue : update, out, sizeof out);
	if (rc != 0)
		say("scontrol %s %s failed (%d)", verb, job_id, rc);
}

/* The account cannot pay for the job now that it starts: start_failure_action. */
static int refuse_start(const char *job_id, const char *message, bool batch)
{
	char comment[1200];
	snprintf(comment, sizeof comment, "AdminComment=QOSGrpBillingMinutes: %s", message);
	scontrol_do("update", job_id, comment);
	say("job %s cannot start: %s", job_id, message);
	switch (conf.start_failure) {
	case ALLOCD_START_HOLD:
		/* Back to pending and held; allocd releases it when money arrives. Only batch jobs can be
		 * requeued: an srun/salloc job fails its prolog and Slurm ends it. */
		if (!batch)
			return 1;
		scontrol_do("requeuehold", job_id, NULL);
		return 0;
	case ALLOCD_START_REQUEUE:
		return 1;
	case ALLOCD_START_CANCEL: {
		char scancel[ALLOCD_PATH_MAX + 16], out[256];
		snprintf(scancel, sizeof scancel, "%s/scancel", conf.slurm_bin_dir);
		char *argv[] = { scancel, (char *)job_id, NULL };
		return run(argv, out, sizeof out) != 0;
	}
	}
	return 1;
}

/* Prolog or epilog: SLURM_SCRIPT_CONTEXT, else the program's name. Returns -1 when neither says. */
static int which_hook(const char *argv0, bool *prolog)
{
	const char *context = getenv("SLURM_SCRIPT_CONTEXT");
	const char *name = strrchr(argv0, '/') ? strrchr(argv0, '/') + 1 : argv0;
	if (context && !strcmp(context, "prolog_slurmctld"))
		*prolog = true;
	else if (context && !strcmp(context, "epilog_slurmctld"))
		*prolog = false;
	else if (strstr(name, "prolog") || strstr(name, "epilog"))
		*prolog = strstr(name, "prolog") != NULL;
	else
		return -1;
	return 0;
}

/* A field of scontrol's line, NULL when Slurm shows it unset. */
static const char *shown(const char *show, const char *key, char *v, size_t v_size)
{
	allocd_scontrol_field(show, key, v, v_size);
	return allocd_slurm_present(v) ? v : NULL;
}

/* The job's resources from its TRES; GPUs from JOB_GRES when there (without slurmdbd they are not
 * in TRES). */
static void resource_fields(struct allocd_json *j, const char *show)
{
	char tres[512], item[64], gres[512];
	/* 22.05 prints the allocated TRES as TRES=, 24.11 as AllocTRES= (beside ReqTRES=). */
	allocd_scontrol_field(show, "AllocTRES", tres, sizeof tres);
	if (!*tres)
		allocd_scontrol_field(show, "TRES", tres, sizeof tres);
	allocd_tres_item(tres, "cpu", item, sizeof item);
	if (*item)
		allocd_json_num(j, "cpus", strtoll(item, NULL, 10));
	allocd_tres_item(tres, "mem", item, sizeof item);
	if (*item)
		allocd_json_num(j, "mem_bytes", allocd_mem_bytes(item));
	allocd_tres_item(tres, "node", item, sizeof item);
	if (*item)
		allocd_json_num(j, "nodes", strtoll(item, NULL, 10));
	allocd_scontrol_field(show, "JOB_GRES", gres, sizeof gres);
	int64_t gpus = allocd_gpus_in(gres);
	allocd_json_num(j, "gpus", gpus ? gpus : allocd_gpus_in(tres));
}

/* Slurm's time field as epoch milliseconds, when set. */
static void time_field(struct allocd_json *j, const char *name, const char *show, const char *key)
{
	char v[64];
	allocd_scontrol_field(show, key, v, sizeof v);
	time_t at = allocd_slurm_epoch(v);
	if (at >= 0)
		allocd_json_num(j, name, (int64_t)at * 1000);
}

/* An element of a job array: Slurm names it ArrayJobId_ArrayTaskId ("31_1") whatever its own job id. From the
 * environment, else from scontrol's fields; sent only when both are whole numbers. */
static void array_fields(struct allocd_json *j, const char *show)
{
	char job_v[32], task_v[32];
	const char *array_job = env("SLURM_ARRAY_JOB_ID"), *task = env("SLURM_ARRAY_TASK_ID");
	if (!array_job || !task) {
		array_job = shown(show, "ArrayJobId", job_v, sizeof job_v);
		task = shown(show, "ArrayTaskId", task_v, sizeof task_v);
	}
	if (!array_job || !task || strspn(array_job, "0123456789") != strlen(array_job)
	    || strspn(task, "0123456789") != strlen(task) || strlen(array_job) > 10 || strlen(task) > 10)
		return;
	allocd_json_num(j, "array_job_id", strtoll(array_job, NULL, 10));
	allocd_json_num(j, "array_task_id", strtoll(task, NULL, 10));
}

/* What LIEN and CHARGE both carry. */
static void job_fields(struct allocd_json *j, const struct job *job, const char *show, bool prolog)
{
	char v[512];
	allocd_json_str(j, "op", prolog ? "LIEN" : "CHARGE");
	allocd_json_str(j, "cluster", job->cluster);
	allocd_json_num(j, "job_id", strtoll(job->id, NULL, 10));
	allocd_json_num(j, "restart", strtoll(job->restart, NULL, 10));
	array_fields(j, show);
	allocd_json_str(j, "user", env("SLURM_JOB_USER"));
	const char *account = env("SLURM_JOB_ACCOUNT");
	allocd_json_str(j, "account", account ? account : shown(show, "Account", v, sizeof v));
	const char *partition = env("SLURM_JOB_PARTITION");
	allocd_scontrol_field(show, "Partition", v, sizeof v);
	allocd_json_str(j, "partition", partition ? partition : v);
	allocd_json_str(j, "qos", shown(show, "QOS", v, sizeof v));
	/* The reservation the job runs in: allocd charges a reservation's idle time less its jobs. */
	allocd_json_str(j, "reservation", shown(show, "Reservation", v, sizeof v));
	resource_fields(j, show);
	/* The nodes the job got (Slurm's hostlist): allocd maps them to node classes. */
	const char *nodes = env("SLURM_JOB_NODELIST");
	allocd_json_str(j, "node_list", nodes ? nodes : shown(show, "NodeList", v, sizeof v));
	allocd_scontrol_field(show, "OverSubscribe", v, sizeof v);
	allocd_json_bool(j, "exclusive", !strcmp(v, "NO"));
	allocd_scontrol_field(show, "TimeLimit", v, sizeof v);
	allocd_json_num(j, "time_limit_s", allocd_limit_seconds(v));
	/* Slurm's times, for allocd's reports (queued and run seconds); optional fields. */
	time_field(j, "submit_ms", show, "SubmitTime");
	time_field(j, "start_ms", show, "StartTime");
}

/* "code:signal" as a shell shows it: 128 + signal when a signal ended it. */
static int shell_code(const char *code_signal)
{
	int code = 0, sig = 0;
	sscanf(code_signal, "%d:%d", &code, &sig);
	return sig ? 128 + sig : code;
}

/* The job's exit code as a shell shows it. The environment's, else scontrol's: 24.11 gives a
 * cancelled job 0:0 in the environment and 143:0 (128 + SIGTERM) in scontrol's ExitCode. */
static int exit_code(const char *show)
{
	const char *ec2 = env("SLURM_JOB_EXIT_CODE2"), *raw = env("SLURM_JOB_EXIT_CODE");
	int code = 0;
	if (ec2) {
		code = shell_code(ec2);
	} else if (raw) {
		int status = atoi(raw);
		code = WIFSIGNALED(status) ? 128 + WTERMSIG(status) : WEXITSTATUS(status);
	}
	char shown_code[32];
	allocd_scontrol_field(show, "ExitCode", shown_code, sizeof shown_code);
	return code ? code : shell_code(shown_code);
}

/* Slurm shows the job pending again: the run ended by requeue (scontrol requeue or requeuehold,
 * preemption, a node failure, our own refused start). Its EndTime is then the next run's projected
 * end, and for most requeues the restart count is already the next run's. */
static bool requeued(const char *show)
{
	char state[64], reason[128], end[64];
	allocd_scontrol_field(show, "JobState", state, sizeof state);
	allocd_scontrol_field(show, "Reason", reason, sizeof reason);
	allocd_scontrol_field(show, "EndTime", end, sizeof end);
	return allocd_slurm_epoch(end) > time(NULL) + 1 || !strcmp(reason, "job_requeued_in_held_state")
	       || !strcmp(state, "PENDING") || !strncmp(state, "REQUEUE", 7);
}

/* The restart count of the run a requeue ended. Slurm counts the next run before the epilog of a
 * requeue (the environment's count is one ahead of the run) and after the epilog of a node failure
 * (only scontrol's Restarts, read later, is ahead). */
static long long requeued_run(const char *show, const char *counted_text)
{
	char restarts[32];
	allocd_scontrol_field(show, "Restarts", restarts, sizeof restarts);
	long long counted = strtoll(counted_text, NULL, 10);
	long long run = counted < strtoll(restarts, NULL, 10) ? counted : counted - 1;
	return run > 0 ? run : 0;
}

/* Whether a node of the run is down or not responding (sinfo lists those of SLURM_JOB_NODELIST): then a
 * node failure requeued it. The epilog of such a run sees the job as after any requeue (COMPLETING, no
 * reason, the same on 22.05 and 24.11); only the dead node tells. */
static bool node_failed(void)
{
	const char *nodes = env("SLURM_JOB_NODELIST");
	char sinfo[ALLOCD_PATH_MAX + 16], out[4096];
	if (!nodes)
		return false;
	snprintf(sinfo, sizeof sinfo, "%s/sinfo", conf.slurm_bin_dir);
	char *argv[] = { sinfo, "-h", "-n", (char *)nodes, "-t", "down,no_respond", "-o", "%N", NULL };
	return run(argv, out, sizeof out) == 0 && out[strspn(out, " \n")] != '\0';
}

/* How a requeued run ended: scontrol shows only the job pending again (or COMPLETING, with no trace
 * of a preemption), Slurm's accounting has the run's own state (PREEMPTED, NODE_FAIL, REQUEUED).
 * NULL without slurmdbd, or when its record of the run is not there yet. */
static const char *requeued_state(const struct job *job)
{
	static char states[4096];
	char sacct[ALLOCD_PATH_MAX + 16];
	snprintf(sacct, sizeof sacct, "%s/sacct", conf.slurm_bin_dir);
	char *argv[] = { sacct, "-n", "-X", "-P", "-D", "-o", "State", "-j", (char *)job->id, NULL };
	if (run(argv, states, sizeof states) != 0)
		return NULL;
	return allocd_requeued_state(states, strtoll(job->restart, NULL, 10));
}

/* What only CHARGE carries: the run's elapsed time, exit code and end state. A requeued run is sent
 * with its end instead (24.11 puts it in SLURM_JOB_END_TIME; else now, as Slurm starts the epilog at
 * the requeue): allocd charges the job's open run from the start its lien recorded. */
static void end_fields(struct allocd_json *j, const struct job *job, const char *show)
{
	char start[64], end[64], state[64], reason[128], preempted[64];
	allocd_scontrol_field(show, "StartTime", start, sizeof start);
	allocd_scontrol_field(show, "EndTime", end, sizeof end);
	allocd_scontrol_field(show, "JobState", state, sizeof state);
	allocd_scontrol_field(show, "Reason", reason, sizeof reason);
	/* Slurm shows PreemptTime on a run it preempted and ends (PreemptMode=CANCEL). */
	allocd_scontrol_field(show, "PreemptTime", preempted, sizeof preempted);
	time_t started = allocd_slurm_epoch(start), ended = allocd_slurm_epoch(end);
	int code = exit_code(show);
	allocd_json_num(j, "exit_code", code);
	const char *env_start = env("SLURM_JOB_START_TIME"), *env_end = env("SLURM_JOB_END_TIME");
	if (requeued(show)) {
		allocd_json_bool(j, "requeued", true);
		allocd_json_num(j, "end_ms", (int64_t)(env_end ? strtoll(env_end, NULL, 10) : time(NULL)) * 1000);
		const char *recorded = requeued_state(job);
		allocd_json_str(j, "state", recorded ? recorded
				: !strcmp(reason, "NodeDown") || node_failed() ? "NODE_FAIL" : "REQUEUED");
		return;
	}
	/* 24.11 gives the run's own times in the environment, as they were when it ended. */
	if (env_start && env_end) {
		started = strtoll(env_start, NULL, 10);
		ended = strtoll(env_end, NULL, 10);
	}
	allocd_json_num(j, "elapsed_s", started >= 0 && ended >= started ? ended - started : 0);
	if (ended >= 0)
		allocd_json_num(j, "end_ms", (int64_t)ended * 1000);
	allocd_json_str(j, "state", allocd_end_state(state, reason, allocd_slurm_present(preempted), code));
}

static void spool(const struct allocd_json *event, const struct job *job, const char *what)
{
	char path[ALLOCD_PATH_MAX + 300], err[ALLOCD_PATH_MAX + 400];
	if (allocd_spool_write(conf.spool_dir, event->buf, job->id, job->restart, what, path, sizeof path, err,
			       sizeof err) < 0)
		say("%s", err);
	else
		say("%s of job %s spooled as %s", what, job->id, path);
}

/* Sends the event and acts on allocd's answer; spools the event when allocd is away or busy.
 * Returns the hook's exit status. */
static int deliver(const struct allocd_json *event, const struct job *job, const char *show, bool prolog)
{
	const char *what = prolog ? "lien" : "charge";
	char answer[ALLOCD_MAX_PAYLOAD], err[1024], error[64] = "", message[1024] = "", batch[16];
	bool ok = false, refused = false;
	if (allocd_exchange(conf.hook_socket, conf.hook_timeout_ms, event->buf, answer, sizeof answer, err,
			    sizeof err) < 0) {
		say("%s", err);
	} else if (allocd_answer_bool(answer, "ok", &ok) == 0 && ok) {
		return 0;
	} else {
		allocd_answer_str(answer, "error", error, sizeof error);
		allocd_answer_str(answer, "message", message, sizeof message);
		if (allocd_error_in(error, ALREADY_RECORDED))
			return 0;
		if (prolog && allocd_error_in(error, CANNOT_PAY)) {
			allocd_scontrol_field(show, "BatchFlag", batch, sizeof batch);
			return refuse_start(job->id, *message ? message : error, strcmp(batch, "0") != 0);
		}
		/* Refused for good: allocd quarantines it from the spool with a log line, so no event
		 * disappears silently. */
		say("allocd refused %s of job %s: %s %s", what, job->id, error, message);
		refused = !allocd_error_in(error, TRY_LATER);
	}
	/* allocd away and failing closed: the job does not start (Slurm requeues it), so no lien to keep. */
	if (prolog && !refused && conf.fail_policy == ALLOCD_FAIL_CLOSED)
		return 1;
	spool(event, job, what);
	return 0;
}

int main(int argc, char **argv)
{
	(void)argc;
	bool prolog;
	if (which_hook(argv[0], &prolog) < 0) {
		const char *context = getenv("SLURM_SCRIPT_CONTEXT");
		say("run me as PrologSlurmctld or EpilogSlurmctld (SLURM_SCRIPT_CONTEXT is '%s')", context ? context : "");
		return 2;
	}
	prog = prolog ? "allocd-hook prolog" : "allocd-hook epilog";
	char err[1024];
	/* Never fatal: a config problem must not lose the event (defaults, and the reason logged). */
	if (allocd_conf_load(&conf, err, sizeof err) != 0)
		say("%s", err);
	snprintf(scontrol, sizeof scontrol, "%s/scontrol", conf.slurm_bin_dir);
	const char *restart = env("SLURM_JOB_RESTART_COUNT");
	struct job job = { env("SLURM_JOB_ID"), env("SLURM_CLUSTER_NAME"), restart ? restart : "0" };
	if (!job.id || !job.cluster || strspn(job.id, "0123456789") != strlen(job.id)) {
		say("SLURM_JOB_ID or SLURM_CLUSTER_NAME missing; not started by slurmctld?");
		return 2;
	}
	static char show[SHOW_OUTPUT_MAX];
	char *show_argv[] = { scontrol, "show", "job", "-o", "-d", (char *)job.id, NULL };
	if (run(show_argv, show, sizeof show) != 0)
		say("scontrol show job %s failed; sending what the environment has", job.id);
	/* A requeue's epilog is for the run that ended: charge that run's lien. */
	char run[24];
	if (!prolog && requeued(show)) {
		snprintf(run, sizeof run, "%lld", requeued_run(show, job.restart));
		job.restart = run;
	}
	struct allocd_json event;
	allocd_json_begin(&event);
	job_fields(&event, &job, show, prolog);
	if (!prolog)
		end_fields(&event, &job, show);
	if (allocd_json_end(&event) < 0) {
		say("event of job %s too large to send", job.id);
		return 0;
	}
	return deliver(&event, &job, show, prolog);
}
