/*
 * check_client.c - `make check`: the hooks' shared parts built with ASan and UBSan: parsing and
 * writing, one exchange with a socket that never answers (the deadline must hold), a kept
 * connection against a scripted server that closes it (reused, reconnected, retried once), an
 * answer in pieces and bad answer frames, a
 * command that hangs (killed at its deadline) and a spooled event.
 */
#define _GNU_SOURCE
#include "allocd_clock.h"
#include "allocd_command.h"
#include "allocd_conf.h"
#include "allocd_errors.h"
#include "allocd_exchange.h"
#include "allocd_json.h"
#include "allocd_slurm_text.h"
#include "allocd_spool.h"

#include <dirent.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int failures;

#define CHECK(cond)                                                                   \
	do {                                                                          \
		if (!(cond)) {                                                        \
			fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
			failures++;                                                   \
		}                                                                     \
	} while (0)

static void gpus(void)
{
	CHECK(allocd_gpus_in("gres:gpu:2") == 2);
	CHECK(allocd_gpus_in("gres/gpu:a100:3,cpu=1") == 3);
	CHECK(allocd_gpus_in("gpu:2(IDX:0-1)") == 2);
	CHECK(allocd_gpus_in("cpu=2,mem=4G,node=1,billing=2,gres/gpu=4") == 4);
	CHECK(allocd_gpus_in("gres:gpu:1;gres:gpu:2") == 3);
	CHECK(allocd_gpus_in("gres:gpuish:2,license:gpu=3") == 0);
	CHECK(allocd_gpus_in(NULL) == 0);
	CHECK(allocd_gpus_in("") == 0);
}

static void array_elements(void)
{
	CHECK(allocd_array_elements("1-5", 1001) == 5);
	CHECK(allocd_array_elements("1,3,7", 1001) == 3);
	CHECK(allocd_array_elements("0-9:2", 1001) == 5);
	CHECK(allocd_array_elements("1-9%2", 1001) == 9);
	CHECK(allocd_array_elements("0-15:4,1,2%3", 1001) == 6);
	CHECK(allocd_array_elements("1-5,3-7", 1001) == 7); /* each index once */
	CHECK(allocd_array_elements("7", 1001) == 1);
	CHECK(allocd_array_elements("0-1000", 1001) == 1001);
	CHECK(allocd_array_elements("0-4000000", 4000001) == 4000001);
	CHECK(allocd_array_elements("1001", 1001) == -1); /* past MaxArraySize: Slurm refuses it */
	CHECK(allocd_array_elements("99999999999999999999", 1001) == -1);
	CHECK(allocd_array_elements("5-1", 1001) == -1);
	CHECK(allocd_array_elements("1-5:0", 1001) == -1);
	CHECK(allocd_array_elements("1-", 1001) == -1);
	CHECK(allocd_array_elements("1,", 1001) == -1);
	CHECK(allocd_array_elements(",1", 1001) == -1);
	CHECK(allocd_array_elements("1-5%", 1001) == -1);
	CHECK(allocd_array_elements("1-5%x", 1001) == -1);
	CHECK(allocd_array_elements("a", 1001) == -1);
	CHECK(allocd_array_elements("", 1001) == -1);
	CHECK(allocd_array_elements(NULL, 1001) == -1);
}

static void slurm_text(void)
{
	CHECK(allocd_mem_bytes("4G") == 4LL << 30);
	CHECK(allocd_mem_bytes("1500M") == 1500LL << 20);
	CHECK(allocd_mem_bytes("1024") == 1LL << 30);
	CHECK(allocd_mem_bytes("1.50G") == 3LL << 29);
	CHECK(allocd_mem_bytes("2T") == 2LL << 40);
	CHECK(allocd_limit_seconds("00:05:00") == 300);
	CHECK(allocd_limit_seconds("1-00:00:00") == 86400);
	CHECK(allocd_limit_seconds("2-03") == 2 * 86400 + 3 * 3600);
	CHECK(allocd_limit_seconds("1-02:30") == 86400 + 2 * 3600 + 30 * 60);
	CHECK(allocd_limit_seconds("05:30") == 330);
	CHECK(allocd_limit_seconds("30") == 1800);
	CHECK(allocd_limit_seconds("UNLIMITED") == 0);
	CHECK(allocd_limit_seconds("Partition_Limit") == 0);

	/* As the epilog sees them (probed on the bed): COMPLETING with the reason Slurm ended the job for. */
	CHECK(!strcmp(allocd_end_state("COMPLETING", "TimeLimit", false, 0), "TIMEOUT"));
	CHECK(!strcmp(allocd_end_state("COMPLETING", "NonZeroExitCode", false, 1), "FAILED"));
	CHECK(!strcmp(allocd_end_state("COMPLETING", "OutOfMemory", false, 0), "OUT_OF_MEMORY"));
	CHECK(!strcmp(allocd_end_state("COMPLETING", "None", false, 0), "COMPLETED"));
	CHECK(!strcmp(allocd_end_state("COMPLETING", "None", false, 128 + 15), "CANCELLED"));
	CHECK(!strcmp(allocd_end_state("COMPLETING", "None", false, 2), "FAILED"));
	CHECK(!strcmp(allocd_end_state("PREEMPTED", "None", false, 0), "PREEMPTED"));
	/* Preempted in cancel mode, as the epilog sees it: COMPLETING, PreemptTime set, killed by SIGTERM. */
	CHECK(!strcmp(allocd_end_state("COMPLETING", "None", true, 128 + 15), "PREEMPTED"));
	CHECK(!strcmp(allocd_end_state("COMPLETING", "None", true, 0), "PREEMPTED"));
	CHECK(!strcmp(allocd_end_state("TIMEOUT", "TimeLimit", true, 0), "TIMEOUT"));
	/* sacct's runs of a requeued job: the requeued run's own line names how it ended. */
	CHECK(!strcmp(allocd_requeued_state("PREEMPTED\nPENDING\n", 0), "PREEMPTED"));
	CHECK(!strcmp(allocd_requeued_state("PREEMPTED\nREQUEUED\nPENDING\n", 1), "REQUEUED"));
	CHECK(!strcmp(allocd_requeued_state("REQUEUED\nNODE_FAIL\n", 1), "NODE_FAIL"));
	CHECK(!strcmp(allocd_requeued_state("CANCELLED by 0\n", 0), "CANCELLED"));
	CHECK(allocd_requeued_state("PREEMPTED\nRUNNING\n", 1) == NULL); /* its end not recorded yet */
	CHECK(allocd_requeued_state("PREEMPTED\n", 1) == NULL);          /* its record not there yet */
	CHECK(allocd_requeued_state("", 0) == NULL);
	CHECK(allocd_requeued_state("PREEMPTEDX\n", 0) == NULL);

	const char *show = "JobId=7 JobName=x UserId=a(1) Account=proj QOS=normal TimeLimit=00:05:00 "
			   "SubmitTime=2026-11-21T23:40:03 EndTime=Unknown TRES=cpu=2,mem=4G,node=1 MyAccount=no\n";
	char v[16];
	allocd_scontrol_field(show, "JobId", v, sizeof v);
	CHECK(!strcmp(v, "7"));
	allocd_scontrol_field(show, "Account", v, sizeof v);
	CHECK(!strcmp(v, "proj"));
	allocd_scontrol_field(show, "TRES", v, sizeof v);
	CHECK(!strcmp(v, "cpu=2,mem=4G,no")); /* cut to the buffer */
	allocd_scontrol_field(show, "Reservation", v, sizeof v);
	CHECK(v[0] == '\0');
	allocd_scontrol_field(show, "EndTime", v, sizeof v);
	CHECK(!allocd_slurm_present(v) && allocd_slurm_epoch(v) == -1);
	allocd_tres_item("cpu=2,mem=4G,node=1", "mem", v, sizeof v);
	CHECK(!strcmp(v, "4G"));
	allocd_tres_item("cpu=2,mem=4G,node=1", "gpu", v, sizeof v);
	CHECK(v[0] == '\0');
	setenv("TZ", "UTC", 1);
	tzset();
	CHECK(allocd_slurm_epoch("2026-11-21T23:40:03") == 1795304403);
	CHECK(allocd_slurm_epoch("(null)") == -1);
}

static void json(void)
{
	struct allocd_json j;
	allocd_json_begin(&j);
	allocd_json_str(&j, "op", "QUOTE");
	allocd_json_str(&j, "user", "a\"b\\c\n\x01");
	allocd_json_str(&j, "account", NULL);
	allocd_json_str(&j, "qos", "");
	allocd_json_num(&j, "cpus", -3);
	allocd_json_bool(&j, "exclusive", true);
	CHECK(allocd_json_end(&j) == 0);
	CHECK(!strcmp(j.buf, "{\"op\":\"QUOTE\",\"user\":\"a\\\"b\\\\c\\u000a\\u0001\",\"cpus\":-3,\"exclusive\":true}"));

	static char big[ALLOCD_MAX_PAYLOAD + 10];
	memset(big, 'x', sizeof big - 1);
	allocd_json_begin(&j);
	allocd_json_str(&j, "user", big);
	CHECK(allocd_json_end(&j) == -1);

	const char *answer = "{\"id\":{\"x\":[1,\"}\"]},\"ok\":true,\"verdict\":\"hold\",\"n\":-42,"
			     "\"message\":\"QOSGrpBillingMinutes: needs \\\"7\\\" SU\\u0021\",\"account\":\"proj\"}";
	char text[64];
	bool ok = false;
	int64_t n = 0;
	CHECK(allocd_answer_bool(answer, "ok", &ok) == 0 && ok);
	CHECK(allocd_answer_str(answer, "verdict", text, sizeof text) == 0 && !strcmp(text, "hold"));
	CHECK(allocd_answer_str(answer, "message", text, sizeof text) == 0
	      && !strcmp(text, "QOSGrpBillingMinutes: needs \"7\" SU!"));
	CHECK(allocd_answer_num(answer, "n", &n) == 0 && n == -42);
	CHECK(allocd_answer_str(answer, "missing", text, sizeof text) == -1);
	CHECK(allocd_answer_str(answer, "ok", text, sizeof text) == -1);
	char small[5];
	CHECK(allocd_answer_str(answer, "account", small, sizeof small) == 0 && !strcmp(small, "proj"));
	CHECK(allocd_answer_bool("{\"ok\":tru", "ok", &ok) == -1);
	CHECK(allocd_answer_str("{\"message\":\"unterminated", "message", text, sizeof text) == -1);
	CHECK(allocd_answer_str("not json", "ok", text, sizeof text) == -1);

	static const char *const later[] = { ALLOCD_ERR_BUSY, ALLOCD_ERR_INTERNAL, NULL };
	CHECK(allocd_error_in("busy", later) && allocd_error_in("internal", later));
	CHECK(!allocd_error_in("bus", later) && !allocd_error_in("", later));
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	fputs(text, f);
	fclose(f);
}

/* The hooks read allocd.conf itself: their keys from the global section, everything else skipped. */
static void config(void)
{
	char path[] = "/tmp/allocd-check-XXXXXX", err[1024];
	close(mkstemp(path));
	setenv("ALLOCD_CONF", path, 1);
	struct allocd_conf c;
	write_file(path, "# allocd.conf\ncluster_name = alpha   # allocd's, not the hooks'\n"
			 "hook_timeout_ms = 50  # inline\nhook_fail_policy = Closed\nadmins = alice, bob\n\n"
			 "start_failure_action = REQUEUE\nspool_dir = /var/spool/x\nslurm_bin_dir = /opt/slurm/bin\n"
			 "slurm_conf = /etc/slurm/test.conf\nslurm_timeout_ms = 700\n"
			 "[partition debug]\nhook_timeout_ms = 999\nrate = 0.5\n[qos]\nnormal = 1.0\n");
	CHECK(allocd_conf_load(&c, err, sizeof err) == 0 && err[0] == '\0');
	CHECK(c.hook_timeout_ms == 50 && c.fail_policy == ALLOCD_FAIL_CLOSED && c.start_failure == ALLOCD_START_REQUEUE);
	CHECK(!strcmp(c.spool_dir, "/var/spool/x") && !strcmp(c.hook_socket, "/run/allocd/hook.sock"));
	CHECK(!strcmp(c.slurm_bin_dir, "/opt/slurm/bin") && !strcmp(c.slurm_conf, "/etc/slurm/test.conf")
	      && c.slurm_timeout_ms == 700);

	/* A bad value keeps that key's default, the rest still applies, and the reason names the line. */
	const char *bad[] = { "hook_timeout_ms = 5\n", "hook_fail_policy = maybe\n", "spool_dir = relative\n",
			      "slurm_timeout_ms = lots\n" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char text[256];
		snprintf(text, sizeof text, "%shook_socket = /run/x.sock\n", bad[i]);
		write_file(path, text);
		CHECK(allocd_conf_load(&c, err, sizeof err) == 1 && strstr(err, ":1: ") && strstr(err, "default"));
		CHECK(c.hook_timeout_ms == 200 && c.fail_policy == ALLOCD_FAIL_OPEN && c.slurm_timeout_ms == 5000);
		CHECK(!strcmp(c.spool_dir, "/var/spool/allocd") && !strcmp(c.hook_socket, "/run/x.sock"));
	}
	/* Lines the hooks do not understand are allocd's to refuse; a long line is skipped, bounded. */
	char longer[3000];
	memset(longer, 'x', sizeof longer);
	memcpy(longer, "spool_dir = /", 13);
	memcpy(longer + sizeof longer - 40, "\nhook_timeout_ms = 80\nno equals here\n", 38);
	longer[sizeof longer - 2] = '\0';
	write_file(path, longer);
	CHECK(allocd_conf_load(&c, err, sizeof err) == 1 && strstr(err, ":1: line longer"));
	CHECK(c.hook_timeout_ms == 80 && !strcmp(c.spool_dir, "/var/spool/allocd"));
	unlink(path);

	/* Missing (or unreadable): every default, and the reason for the log. */
	CHECK(allocd_conf_load(&c, err, sizeof err) == 1 && strstr(err, "cannot read") && strstr(err, path));
	CHECK(c.hook_timeout_ms == 200 && c.fail_policy == ALLOCD_FAIL_OPEN && !strcmp(c.slurm_bin_dir, "/usr/bin")
	      && c.slurm_conf[0] == '\0');
}

/* A listening unix socket named s in a new directory made from the mkdtemp template dir; sock gets its path. */
static int listen_in(char *dir, char *sock, size_t sock_size)
{
	CHECK(mkdtemp(dir) != NULL);
	snprintf(sock, sock_size, "%s/s", dir);
	int server = socket(AF_UNIX, SOCK_STREAM, 0);
	struct sockaddr_un addr = { .sun_family = AF_UNIX };
	strcpy(addr.sun_path, sock);
	CHECK(bind(server, (struct sockaddr *)&addr, sizeof addr) == 0 && listen(server, 4) == 0);
	return server;
}

static void deadline(void)
{
	char path[] = "/tmp/allocd-check-sock-XXXXXX", answer[64], err[256];
	char sock[sizeof path + 16];
	int server = listen_in(path, sock, sizeof sock);
	/* Accepted by the kernel's backlog and never answered: the worst case for slurmctld. */
	int64_t started = allocd_monotonic_ms();
	CHECK(allocd_exchange(sock, 100, "{\"op\":\"PING\"}", answer, sizeof answer, err, sizeof err) == -1);
	int64_t took = allocd_monotonic_ms() - started;
	CHECK(took >= 100 && took < 1000);
	CHECK(strstr(err, "timed out") != NULL);
	close(server);
	unlink(sock);
	rmdir(path);
	CHECK(allocd_exchange(sock, 100, "{}", answer, sizeof answer, err, sizeof err) == -1);
	CHECK(strstr(err, "cannot connect") != NULL);
}

/* What the scripted server does on its Nth connection: answer `answered` requests, then close
 * at once, or read one more request and close without answering it (`drop`). */
struct script_step {
	int answered;
	bool drop;
};

static bool read_frame(int fd, char *payload, size_t size)
{
	unsigned char header[ALLOCD_FRAME_HEADER_BYTES];
	if (recv(fd, header, sizeof header, MSG_WAITALL) != (ssize_t)sizeof header)
		return false;
	int64_t n = allocd_frame_payload_bytes(header);
	return n >= 0 && (size_t)n < size && recv(fd, payload, (size_t)n, MSG_WAITALL) == (ssize_t)n;
}

/* Serves the steps one connection after another, then exits; answers {"ok":true,"conn":C,"req":R}. */
static void scripted_server(int server, const struct script_step *steps, int count)
{
	alarm(10); /* never outlives a broken check */
	char payload[ALLOCD_MAX_PAYLOAD];
	for (int conn = 1; conn <= count; conn++) {
		int fd = accept(server, NULL, NULL);
		if (fd < 0)
			_exit(1);
		for (int req = 1; req <= steps[conn - 1].answered && read_frame(fd, payload, sizeof payload); req++) {
			unsigned char frame[64];
			int n = snprintf((char *)frame + ALLOCD_FRAME_HEADER_BYTES, sizeof frame - ALLOCD_FRAME_HEADER_BYTES,
					 "{\"ok\":true,\"conn\":%d,\"req\":%d}", conn, req);
			allocd_frame_header(frame, (uint32_t)n);
			if (send(fd, frame, ALLOCD_FRAME_HEADER_BYTES + (size_t)n, MSG_NOSIGNAL) != ALLOCD_FRAME_HEADER_BYTES + n)
				_exit(1);
		}
		if (steps[conn - 1].drop)
			(void)read_frame(fd, payload, sizeof payload);
		close(fd);
	}
	_exit(0);
}

static bool answered_by(const char *answer, int conn, int req)
{
	int64_t c = 0, r = 0;
	return allocd_answer_num(answer, "conn", &c) == 0 && allocd_answer_num(answer, "req", &r) == 0 && c == conn
	       && r == req;
}

static void kept_connection(void)
{
	char path[] = "/tmp/allocd-check-kept-XXXXXX", answer[256], err[256];
	char sock[sizeof path + 16];
	int server = listen_in(path, sock, sizeof sock);
	static const struct script_step steps[] = {
		{ 2, false }, /* two answers on one connection, then closed as by allocd's idle timeout */
		{ 1, true },  /* closed as the next request goes out: retried on a new connection */
		{ 1, true },  /* closed as the next request goes out, */
		{ 0, true },  /* and the retry's connection too: one retry only, the exchange fails */
		{ 1, false }, /* the next exchange starts afresh */
	};
	pid_t child = fork();
	if (child == 0)
		scripted_server(server, steps, sizeof steps / sizeof steps[0]);
	close(server);
	struct allocd_conn conn = ALLOCD_CONN_CLOSED;
	const char *q = "{\"op\":\"QUOTE\"}";
	CHECK(allocd_conn_exchange(&conn, sock, 1000, q, answer, sizeof answer, err, sizeof err) == 0
	      && answered_by(answer, 1, 1));
	int first_fd = conn.fd;
	CHECK(allocd_conn_exchange(&conn, sock, 1000, q, answer, sizeof answer, err, sizeof err) == 0
	      && answered_by(answer, 1, 2) && conn.fd == first_fd);
	CHECK(allocd_conn_exchange(&conn, sock, 1000, q, answer, sizeof answer, err, sizeof err) == 0
	      && answered_by(answer, 2, 1));
	CHECK(allocd_conn_exchange(&conn, sock, 1000, q, answer, sizeof answer, err, sizeof err) == 0
	      && answered_by(answer, 3, 1));
	CHECK(allocd_conn_exchange(&conn, sock, 1000, q, answer, sizeof answer, err, sizeof err) == -1
	      && conn.fd == -1 && strstr(err, "no answer") != NULL);
	CHECK(allocd_conn_exchange(&conn, sock, 1000, q, answer, sizeof answer, err, sizeof err) == 0
	      && answered_by(answer, 5, 1));
	int status = -1;
	CHECK(waitpid(child, &status, 0) == child && WIFEXITED(status) && WEXITSTATUS(status) == 0);
	/* allocd gone: the kept connection is replaced by a connect that fails. */
	CHECK(allocd_conn_exchange(&conn, sock, 100, q, answer, sizeof answer, err, sizeof err) == -1
	      && strstr(err, "cannot connect") != NULL && conn.fd == -1);
	allocd_conn_close(&conn);
	unlink(sock);
	rmdir(path);
}

/* Sends bytes [from, to) of frame after a pause, so the client meets the answer in pieces. */
static void send_piece(int fd, const unsigned char *frame, size_t from, size_t to)
{
	struct timespec pause = { .tv_nsec = 20 * 1000 * 1000 };
	nanosleep(&pause, NULL);
	if (send(fd, frame + from, to - from, MSG_NOSIGNAL) != (ssize_t)(to - from))
		_exit(1);
}

/* An answer that comes in pieces (the header split, the payload split) is read whole; a frame that is not
 * allocd's, or that runs past its announced length, is refused. */
static void answer_in_pieces(void)
{
	char path[] = "/tmp/allocd-check-pieces-XXXXXX", answer[256], err[256];
	char sock[sizeof path + 16];
	int server = listen_in(path, sock, sizeof sock);
	static const char payload[] = "{\"ok\":true,\"verdict\":\"accept\"}";
	pid_t child = fork();
	if (child == 0) {
		alarm(10);
		char request[ALLOCD_MAX_PAYLOAD];
		unsigned char frame[64];
		size_t n = sizeof payload - 1;
		allocd_frame_header(frame, (uint32_t)n);
		memcpy(frame + ALLOCD_FRAME_HEADER_BYTES, payload, n);
		int fd = accept(server, NULL, NULL);
		if (fd < 0 || !read_frame(fd, request, sizeof request))
			_exit(1);
		send_piece(fd, frame, 0, 3);
		send_piece(fd, frame, 3, ALLOCD_FRAME_HEADER_BYTES + 5);
		send_piece(fd, frame, ALLOCD_FRAME_HEADER_BYTES + 5, ALLOCD_FRAME_HEADER_BYTES + n);
		close(fd);
		/* Then the same answer with one byte too many, then a header that is not allocd's. */
		frame[ALLOCD_FRAME_HEADER_BYTES + n] = ' ';
		if ((fd = accept(server, NULL, NULL)) < 0 || !read_frame(fd, request, sizeof request))
			_exit(1);
		send_piece(fd, frame, 0, ALLOCD_FRAME_HEADER_BYTES + n + 1);
		close(fd);
		frame[0] = 'X';
		if ((fd = accept(server, NULL, NULL)) < 0 || !read_frame(fd, request, sizeof request))
			_exit(1);
		send_piece(fd, frame, 0, ALLOCD_FRAME_HEADER_BYTES + n);
		close(fd);
		_exit(0);
	}
	close(server);
	const char *q = "{\"op\":\"QUOTE\"}";
	CHECK(allocd_exchange(sock, 1000, q, answer, sizeof answer, err, sizeof err) == 0 && !strcmp(answer, payload));
	CHECK(allocd_exchange(sock, 1000, q, answer, sizeof answer, err, sizeof err) == -1
	      && strstr(err, "bad answer frame") != NULL);
	CHECK(allocd_exchange(sock, 1000, q, answer, sizeof answer, err, sizeof err) == -1
	      && strstr(err, "bad answer frame") != NULL);
	int status = -1;
	CHECK(waitpid(child, &status, 0) == child && WIFEXITED(status) && WEXITSTATUS(status) == 0);
	unlink(sock);
	rmdir(path);
}

/* A command that prints, then hangs: its output is kept and it is killed at the deadline. */
static void command(void)
{
	char out[64];
	char *hang[] = { "/bin/sh", "-c", "echo started; exec sleep 10", NULL };
	int64_t started = allocd_monotonic_ms();
	CHECK(allocd_command_run(hang, "", 200, out, sizeof out) == ALLOCD_COMMAND_TIMED_OUT);
	int64_t took = allocd_monotonic_ms() - started;
	CHECK(took >= 200 && took < 2000);
	CHECK(!strcmp(out, "started\n"));
	char *conf_of[] = { "/bin/sh", "-c", "printf %s \"$SLURM_CONF\"; exit 3", NULL };
	CHECK(allocd_command_run(conf_of, "/etc/slurm/x.conf", 1000, out, sizeof out) == 3);
	CHECK(!strcmp(out, "/etc/slurm/x.conf"));
	char *missing[] = { "/nonexistent/scontrol", NULL };
	CHECK(allocd_command_run(missing, "", 1000, out, sizeof out) == 127);
}

/* A spooled event is one whole file, named by time, job, run and event; no temp file stays. */
static void spool(void)
{
	char dir[] = "/tmp/allocd-check-spool-XXXXXX", path[1024], err[1024], text[64] = "";
	CHECK(mkdtemp(dir) != NULL);
	char spool_dir[sizeof dir + 16];
	snprintf(spool_dir, sizeof spool_dir, "%s/spool", dir); /* created on first use */
	CHECK(allocd_spool_write(spool_dir, "{\"op\":\"LIEN\"}", "42", "1", "lien", path, sizeof path, err,
				 sizeof err) == 0);
	const char *name = strrchr(path, '/') + 1;
	CHECK(strlen(name) == 16 + strlen("-42-1-lien.json") && !strcmp(name + 16, "-42-1-lien.json"));
	FILE *f = fopen(path, "r");
	CHECK(f && fgets(text, sizeof text, f) && !strcmp(text, "{\"op\":\"LIEN\"}"));
	if (f)
		fclose(f);
	DIR *d = opendir(spool_dir);
	int entries = 0;
	for (struct dirent *e; d && (e = readdir(d));)
		entries += e->d_name[0] != '.' || strncmp(e->d_name, ".tmp-", 5) == 0;
	if (d)
		closedir(d);
	CHECK(entries == 1);
	unlink(path);
	rmdir(spool_dir);
	CHECK(allocd_spool_write("/proc/no-such-dir/x", "{}", "42", "0", "charge", path, sizeof path, err,
				 sizeof err) == -1 && strstr(err, "cannot create spool directory"));
	rmdir(dir);
}

int main(void)
{
	gpus();
	array_elements();
	slurm_text();
	json();
	config();
	deadline();
	kept_connection();
	answer_in_pieces();
	command();
	spool();
	if (failures)
		fprintf(stderr, "check_client: %d checks failed\n", failures);
	else
		printf("check_client: all checks passed\n");
	return failures ? 1 : 0;
}
