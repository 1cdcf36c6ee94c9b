/*
 * allocd_hook.c - allocd-hook, the PrologSlurmctld (LIEN) and EpilogSlurmctld (CHARGE) program.
 * Which one it is comes from SLURM_SCRIPT_CONTEXT, else from its name (allocd-prolog /
 * allocd-epilog). The job's identity comes from the environment, its time limit, resources and
 * start/end times from `scontrol show job -o -d` (the environment lacks them). When allocd does
 * not answer in time, the event is written to the spool directory for allocd to replay.
 * Exit 0 lets Slurm go on; a prolog exit != 0 requeues a batch job and kills an srun job.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "allocd_client.h"

#define OUTPUT_MAX 65536

static struct allocd_conf conf;
static char scontrol[ALLOCD_PATH_MAX + 16];
static const char *prog = "allocd-hook";

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

static int64_t wall_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Runs argv (an absolute path) with SLURM_CONF from the config, collects stdout, and kills it
 * when it runs past slurm_timeout_ms. Returns its exit status, or -1. */
static int run(char *const argv[], char *out, size_t out_size)
{
	int pipefd[2];
	if (pipe2(pipefd, O_CLOEXEC) < 0)
		return -1;
	pid_t pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		int devnull = open("/dev/null", O_RDWR);
		dup2(devnull, STDIN_FILENO);
		dup2(pipefd[1], STDOUT_FILENO);
		dup2(devnull, STDERR_FILENO);
		if (conf.slurm_conf[0])
			setenv("SLURM_CONF", conf.slurm_conf, 1);
		execv(argv[0], argv);
		_exit(127);
	}
	close(pipefd[1]);
	size_t len = 0;
	struct timespec start;
	clock_gettime(CLOCK_MONOTONIC, &start);
	int timed_out = 0;
	for (;;) {
		struct timespec now;
		clock_gettime(CLOCK_MONOTONIC, &now);
		long left = conf.slurm_timeout_ms - ((now.tv_sec - start.tv_sec) * 1000
							+ (now.tv_nsec - start.tv_nsec) / 1000000);
		struct pollfd p = { .fd = pipefd[0], .events = POLLIN };
		if (left <= 0 || poll(&p, 1, (int)left) == 0) {
			timed_out = 1;
			break;
		}
		char chunk[4096];
		ssize_t n = read(pipefd[0], chunk, sizeof chunk);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		size_t take = (size_t)n < out_size - 1 - len ? (size_t)n : out_size - 1 - len;
		memcpy(out + len, chunk, take);
		len += take;
	}
	out[len] = '\0';
	close(pipefd[0]);
	if (timed_out) {
		kill(pid, SIGKILL);
		say("%s did not finish within %d ms; killed", argv[0], conf.slurm_timeout_ms);
	}
	int status;
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	return timed_out ? -1 : WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* The value of " Key=" in scontrol's one-line output, up to the next space; "" when absent. */
static void field(const char *line, const char *key, char *out, size_t out_size)
{
	char pattern[64];
	snprintf(pattern, sizeof pattern, " %s=", key);
	const char *p = strstr(line, pattern);
	if (!p && !strncmp(line, pattern + 1, strlen(pattern + 1)))
		p = line - 1;
	out[0] = '\0';
	if (!p)
		return;
	p += strlen(pattern);
	size_t n = strcspn(p, " \n");
	if (n >= out_size)
		n = out_size - 1;
	memcpy(out, p, n);
	out[n] = '\0';
}

static bool present(const char *v)
{
	return *v && strcmp(v, "(null)") && strcmp(v, "N/A") && strcmp(v, "None") && strcmp(v, "Unknown");
}

/* "cpu=2,mem=4G,node=1" -> the value of name ("" when absent); memory keeps its suffix. */
static void tres_item(const char *tres, const char *name, char *out, size_t out_size)
{
	size_t len = strlen(name);
	out[0] = '\0';
	for (const char *p = tres; p && *p; p = strchr(p, ',') ? strchr(p, ',') + 1 : NULL) {
		if (!strncmp(p, name, len) && p[len] == '=') {
			size_t n = strcspn(p + len + 1, ",");
			if (n >= out_size)
				n = out_size - 1;
			memcpy(out, p + len + 1, n);
			out[n] = '\0';
			return;
		}
	}
}

/* scontrol's local time "2026-11-21T23:40:03" in epoch seconds, or -1. */
static time_t epoch(const char *text)
{
	struct tm tm = { 0 };
	if (!present(text) || !strptime(text, "%Y-%m-%dT%H:%M:%S", &tm))
		return -1;
	tm.tm_isdst = -1;
	return mktime(&tm);
}

static const char *env(const char *name)
{
	const char *v = getenv(name);
	return v && present(v) ? v : NULL;
}

/* Writes the event as one JSON file: temp file, fsync, rename, fsync of the directory, so the
 * replayer sees it whole or not at all. Names sort by time. */
static int spool(const char *json, const char *job_id, const char *restart, const char *event)
{
	char name[256], path[ALLOCD_PATH_MAX + 300], tmp[ALLOCD_PATH_MAX + 300];
	snprintf(name, sizeof name, "%016lld-%s-%s-%s.json", (long long)wall_ms(), job_id, restart, event);
	snprintf(path, sizeof path, "%s/%s", conf.spool_dir, name);
	snprintf(tmp, sizeof tmp, "%s/.tmp-%s", conf.spool_dir, name);
	if (mkdir(conf.spool_dir, 0750) < 0 && errno != EEXIST) {
		say("cannot create spool directory %s: %s", conf.spool_dir, strerror(errno));
		return -1;
	}
	int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0640);
	size_t len = strlen(json);
	if (fd < 0 || fchmod(fd, 0640) < 0 || write(fd, json, len) != (ssize_t)len || fsync(fd) < 0) {
		say("cannot write %s: %s", tmp, strerror(errno));
		if (fd >= 0) {
			close(fd);
			unlink(tmp);
		}
		return -1;
	}
	close(fd);
	if (rename(tmp, path) < 0) {
		say("cannot rename %s: %s", tmp, strerror(errno));
		unlink(tmp);
		return -1;
	}
	int dir = open(conf.spool_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dir >= 0) {
		fsync(dir);
		close(dir);
	}
	say("%s of job %s spooled as %s", event, job_id, path);
	return 0;
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
		if (run(argv, out, sizeof out) != 0)
			return 1;
		return 0;
	}
	}
	return 1;
}

/* The account or user cannot pay for this job; anything else (a bad request, a busy store) is
 * no reason to keep a job from running. */
static bool cannot_pay(const char *error)
{
	static const char *const codes[] = { "insufficient_funds", "user_limit_exceeded", "account_frozen",
					     "account_closed", "not_member", "unknown_account", "unknown_user" };
	for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++)
		if (!strcmp(error, codes[i]))
			return true;
	return false;
}

int main(int argc, char **argv)
{
	(void)argc;
	char err[1024];
	const char *context = getenv("SLURM_SCRIPT_CONTEXT");
	const char *name = strrchr(argv[0], '/') ? strrchr(argv[0], '/') + 1 : argv[0];
	bool prolog;
	if (context && !strcmp(context, "prolog_slurmctld"))
		prolog = true;
	else if (context && !strcmp(context, "epilog_slurmctld"))
		prolog = false;
	else if (strstr(name, "prolog") || strstr(name, "epilog"))
		prolog = strstr(name, "prolog") != NULL;
	else {
		say("run me as PrologSlurmctld or EpilogSlurmctld (SLURM_SCRIPT_CONTEXT is '%s')",
		    context ? context : "");
		return 2;
	}
	prog = prolog ? "allocd-hook prolog" : "allocd-hook epilog";
	/* Never fatal: a config problem must not lose the event (defaults, and the reason logged). */
	if (allocd_conf_load(&conf, err, sizeof err) != 0)
		say("%s", err);
	snprintf(scontrol, sizeof scontrol, "%s/scontrol", conf.slurm_bin_dir);
	const char *job_id = env("SLURM_JOB_ID"), *cluster = env("SLURM_CLUSTER_NAME");
	const char *restart = env("SLURM_JOB_RESTART_COUNT") ? env("SLURM_JOB_RESTART_COUNT") : "0";
	if (!job_id || !cluster || strspn(job_id, "0123456789") != strlen(job_id)) {
		say("SLURM_JOB_ID or SLURM_CLUSTER_NAME missing; not started by slurmctld?");
		return 2;
	}

	static char show[OUTPUT_MAX];
	char *argv_show[] = { scontrol, "show", "job", "-o", "-d", (char *)job_id, NULL };
	if (run(argv_show, show, sizeof show) != 0)
		say("scontrol show job %s failed; sending what the environment has", job_id);
	char v[512], tres[512], item[64];
	/* 22.05 prints the allocated TRES as TRES=, 24.11 as AllocTRES= (beside ReqTRES=). */
	field(show, "AllocTRES", tres, sizeof tres);
	if (!*tres)
		field(show, "TRES", tres, sizeof tres);

	struct allocd_json j;
	allocd_json_begin(&j);
	allocd_json_str(&j, "op", prolog ? "LIEN" : "CHARGE");
	allocd_json_str(&j, "cluster", cluster);
	allocd_json_num(&j, "job_id", strtoll(job_id, NULL, 10));
	allocd_json_num(&j, "restart", strtoll(restart, NULL, 10));
	allocd_json_str(&j, "user", env("SLURM_JOB_USER"));
	field(show, "Account", v, sizeof v);
	allocd_json_str(&j, "account", env("SLURM_JOB_ACCOUNT") ? env("SLURM_JOB_ACCOUNT") : present(v) ? v : NULL);
	field(show, "Partition", v, sizeof v);
	allocd_json_str(&j, "partition", env("SLURM_JOB_PARTITION") ? env("SLURM_JOB_PARTITION") : v);
	field(show, "QOS", v, sizeof v);
	allocd_json_str(&j, "qos", present(v) ? v : NULL);
	/* The reservation the job runs in: allocd charges a reservation's idle time less its jobs. */
	field(show, "Reservation", v, sizeof v);
	allocd_json_str(&j, "reservation", present(v) ? v : NULL);
	tres_item(tres, "cpu", item, sizeof item);
	if (*item)
		allocd_json_num(&j, "cpus", strtoll(item, NULL, 10));
	tres_item(tres, "mem", item, sizeof item);
	if (*item)
		allocd_json_num(&j, "mem_bytes", allocd_mem_bytes(item));
	tres_item(tres, "node", item, sizeof item);
	if (*item)
		allocd_json_num(&j, "nodes", strtoll(item, NULL, 10));
	/* Without slurmdbd GPUs are not in TRES; JOB_GRES (from -d) has what was allocated. */
	field(show, "JOB_GRES", v, sizeof v);
	int64_t gpus = allocd_gpus_in(v);
	allocd_json_num(&j, "gpus", gpus ? gpus : allocd_gpus_in(tres));
	field(show, "OverSubscribe", v, sizeof v);
	allocd_json_bool(&j, "exclusive", !strcmp(v, "NO"));
	field(show, "TimeLimit", v, sizeof v);
	allocd_json_num(&j, "time_limit_s", allocd_limit_seconds(v));
	/* Slurm's times, for allocd's reports (queued and run seconds); optional fields. */
	field(show, "SubmitTime", v, sizeof v);
	time_t submitted = epoch(v);
	if (submitted >= 0)
		allocd_json_num(&j, "submit_ms", (int64_t)submitted * 1000);
	field(show, "StartTime", v, sizeof v);
	time_t began = epoch(v);
	if (began >= 0)
		allocd_json_num(&j, "start_ms", (int64_t)began * 1000);
	if (!prolog) {
		char start[64], end[64];
		field(show, "StartTime", start, sizeof start);
		field(show, "EndTime", end, sizeof end);
		time_t started = epoch(start), ended = epoch(end);
		/* Requeued, not ended (e.g. requeuehold by our prolog): Slurm shows the projected end and
		 * has already counted the next run. Nothing ran to charge; a lien of the run, if any,
		 * expires on its own. */
		if (ended > time(NULL) + 1) {
			say("job %s was requeued (EndTime %s is ahead); nothing to charge", job_id, end);
			return 0;
		}
		allocd_json_num(&j, "elapsed_s", started >= 0 && ended >= started ? ended - started : 0);
		if (ended >= 0)
			allocd_json_num(&j, "end_ms", (int64_t)ended * 1000);
		int exit_code = 0;
		const char *ec2 = env("SLURM_JOB_EXIT_CODE2"), *raw = env("SLURM_JOB_EXIT_CODE");
		if (ec2) {
			int code = 0, sig = 0;
			sscanf(ec2, "%d:%d", &code, &sig);
			exit_code = sig ? 128 + sig : code;
		} else if (raw) {
			int status = atoi(raw);
			exit_code = WIFSIGNALED(status) ? 128 + WTERMSIG(status) : WEXITSTATUS(status);
		}
		allocd_json_num(&j, "exit_code", exit_code);
		field(show, "JobState", v, sizeof v);
		allocd_json_str(&j, "state", present(v) ? v : NULL);
	}
	if (allocd_json_end(&j) < 0) {
		say("event of job %s too large to send", job_id);
		return 0;
	}

	const char *event = prolog ? "lien" : "charge";
	char answer[ALLOCD_MAX_PAYLOAD], error[64] = "", message[1024] = "";
	bool ok = false, refused = false;
	if (allocd_exchange(conf.hook_socket, conf.hook_timeout_ms, j.buf, answer, sizeof answer, err,
			    sizeof err) < 0) {
		say("%s", err);
	} else if (allocd_answer_bool(answer, "ok", &ok) == 0 && ok) {
		return 0;
	} else {
		allocd_answer_str(answer, "error", error, sizeof error);
		allocd_answer_str(answer, "message", message, sizeof message);
		/* Already liened or charged (key_reused: this event of this run was recorded with other
		 * details, e.g. the job's state then): a replayed event, nothing left to do. */
		if (!strcmp(error, "conflict") || !strcmp(error, "key_reused"))
			return 0;
		if (prolog && cannot_pay(error)) {
			field(show, "BatchFlag", v, sizeof v);
			return refuse_start(job_id, *message ? message : error, strcmp(v, "0") != 0);
		}
		/* Busy: the spool retries. Refused for good: allocd quarantines it from the spool with a
		 * log line, so no event disappears silently. */
		say("allocd refused %s of job %s: %s %s", event, job_id, error, message);
		refused = strcmp(error, "busy") && strcmp(error, "store_unavailable") && strcmp(error, "shutting_down")
			  && strcmp(error, "internal");
	}
	/* allocd away and failing closed: the job does not start (Slurm requeues it), so no lien to keep. */
	if (prolog && !refused && conf.fail_policy == ALLOCD_FAIL_CLOSED)
		return 1;
	spool(j.buf, job_id, restart, event);
	return 0;
}
