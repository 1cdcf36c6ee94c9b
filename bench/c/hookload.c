/*
 * hookload: load generator for allocd's hook socket (BENCHMARKS.md, hook protocol).
 *
 * Each client is a thread with its own connection that sends one request and
 * waits for its answer, as the Slurm hooks do. Modes:
 *   quote  QUOTE requests
 *   ping   PING requests: the same round trip with no work behind it (the socket path's floor)
 *   cycle  LIEN then CHARGE of a fresh job id (a "cycle")
 *   send   sends each remaining argument as one JSON request and prints the answer (setup)
 * With -r RATE the clients together send RATE requests/s on a fixed schedule and
 * latency is measured from each request's scheduled time (so a stall counts for
 * every request it delays); without it they send as fast as answers come back.
 * With -1 (QUOTE and PING) every request goes on a new connection, closed after its answer, as the
 * job_submit plugin did before it kept its connection: the per-connection cost of the daemon.
 * With -U UID a QUOTE names its user by uid, as the job_submit plugin does (allocd looks the name up).
 * Every loop is bounded by -n (requests per client) and -t (seconds), and every send and
 * receive by a 5 s timeout.
 *
 * Output, one line: mode clients rate seconds requests errors req/s cycles/s p50 p99 max (microseconds).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "read_full.h"

#define MAX_PAYLOAD 16384
#define MAX_CLIENTS 256
/* A daemon that stops answering fails the request instead of hanging the benchmark. */
#define IO_TIMEOUT_SECONDS 5

enum mode { MODE_QUOTE, MODE_CYCLE, MODE_PING };

struct options {
    const char *socket_path;
    enum mode mode;
    int clients;
    double rate;          /* requests/s over all clients; 0 = saturation */
    double seconds;
    long max_requests;    /* per client */
    long job_base;
    const char *cluster;
    const char *account;
    const char *user;
    long uid;             /* >= 0: send the uid instead of the user name, as the job_submit plugin does */
    const char *partition;
    int one_shot;         /* a new connection per request */
};

/* The next LIEN+CHARGE job id, shared by all clients (starts at -j). */
static long next_job_id;

struct client {
    const struct options *opt;
    int index;
    uint64_t *latency_ns;
    long samples;
    long requests;
    long errors;
    long cycles;
    char first_error[256];
};

static uint64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static void sleep_until(uint64_t t_ns)
{
    struct timespec ts = { (time_t)(t_ns / 1000000000u), (long)(t_ns % 1000000000u) };
    while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL) == EINTR) {
    }
}

static int connect_socket(const char *path)
{
    struct sockaddr_un addr = { .sun_family = AF_UNIX };
    if (strlen(path) >= sizeof addr.sun_path) {
        fprintf(stderr, "hookload: socket path too long: %s\n", path);
        return -1;
    }
    strcpy(addr.sun_path, path);
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    struct timeval timeout = { .tv_sec = IO_TIMEOUT_SECONDS };
    if (fd >= 0) {
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
    }
    if (fd < 0 || connect(fd, (struct sockaddr *)&addr, sizeof addr) != 0) {
        fprintf(stderr, "hookload: cannot connect to %s: %s\n", path, strerror(errno));
        if (fd >= 0) {
            close(fd);
        }
        return -1;
    }
    return fd;
}

/* Sends one frame and reads the answer's payload into answer (NUL-terminated). Returns its length or -1. */
static int round_trip(int fd, const char *payload, size_t len, char *answer)
{
    char frame[8 + MAX_PAYLOAD];
    if (len > MAX_PAYLOAD) {
        return -1;
    }
    frame[0] = 'A';
    frame[1] = 'L';
    frame[2] = 1;
    frame[3] = 0;
    frame[4] = (char)(len >> 24);
    frame[5] = (char)(len >> 16);
    frame[6] = (char)(len >> 8);
    frame[7] = (char)len;
    memcpy(frame + 8, payload, len);
    size_t sent = 0;
    while (sent < 8 + len) {
        ssize_t n = send(fd, frame + sent, 8 + len - sent, MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            return -1;
        }
        sent += (size_t)n;
    }
    unsigned char header[8];
    if (read_full(fd, (char *)header, 8) != 0 || header[0] != 'A' || header[1] != 'L') {
        return -1;
    }
    uint32_t answer_len = ((uint32_t)header[4] << 24) | ((uint32_t)header[5] << 16) | ((uint32_t)header[6] << 8)
                          | header[7];
    if (answer_len > MAX_PAYLOAD || read_full(fd, answer, answer_len) != 0) {
        return -1;
    }
    answer[answer_len] = '\0';
    return (int)answer_len;
}

static int build_request(const struct options *o, const char *op, long job_id, char *out, size_t cap)
{
    const char *tail = strcmp(op, "CHARGE") == 0 ? ",\"elapsed_s\":60,\"exit_code\":0" : "";
    char who[300];
    if (o->uid >= 0 && strcmp(op, "QUOTE") == 0)
        snprintf(who, sizeof who, "\"uid\":%ld", o->uid);
    else
        snprintf(who, sizeof who, "\"user\":\"%s\"", o->user);
    return snprintf(out, cap,
                    "{\"op\":\"%s\",\"cluster\":\"%s\",\"job_id\":%ld,\"restart\":0,%s,\"account\":\"%s\","
                    "\"partition\":\"%s\",\"cpus\":4,\"mem_bytes\":8000000000,\"gpus\":0,\"time_limit_s\":3600%s}",
                    op, o->cluster, job_id, who, o->account, o->partition, tail);
}

/* One request, timed from `scheduled` (0 = from now). Returns 0 on an ok answer. */
static int timed_request(struct client *c, int fd, const char *op, long job_id, uint64_t scheduled)
{
    char request[1024];
    char answer[MAX_PAYLOAD + 1];
    int len = build_request(c->opt, op, job_id, request, sizeof request);
    uint64_t start = scheduled ? scheduled : now_ns();
    int got = round_trip(fd, request, (size_t)len, answer);
    uint64_t end = now_ns();
    c->requests++;
    if (c->samples < c->opt->max_requests) {
        c->latency_ns[c->samples++] = end - start;
    }
    if (got < 0) {
        c->errors++;
        snprintf(c->first_error, sizeof c->first_error, "connection failed");
        return -2;
    }
    if (strstr(answer, "\"ok\":true") == NULL) {
        c->errors++;
        if (c->first_error[0] == '\0') {
            snprintf(c->first_error, sizeof c->first_error, "%s: %.200s", op, answer);
        }
        return -1;
    }
    return 0;
}

static void *client_main(void *arg)
{
    struct client *c = arg;
    const struct options *o = c->opt;
    int fd = connect_socket(o->socket_path);
    if (fd < 0) {
        c->errors++;
        snprintf(c->first_error, sizeof c->first_error, "cannot connect");
        return NULL;
    }
    /* Each client's requests are spaced clients/rate apart, offset so the clients interleave. */
    uint64_t interval = o->rate > 0 ? (uint64_t)(1e9 * o->clients / o->rate) : 0;
    uint64_t start = now_ns() + (interval ? interval * (uint64_t)c->index / (uint64_t)o->clients : 0);
    uint64_t deadline = now_ns() + (uint64_t)(o->seconds * 1e9);
    long job = o->job_base + (long)c->index * 100000000L;
    for (long i = 0; i < o->max_requests && now_ns() < deadline;) {
        uint64_t scheduled = 0;
        if (interval) {
            scheduled = start + (uint64_t)i * interval;
            sleep_until(scheduled);
        }
        if (o->mode != MODE_CYCLE) {
            if (o->one_shot && i > 0) {
                close(fd);
                if ((fd = connect_socket(o->socket_path)) < 0) {
                    c->errors++;
                    snprintf(c->first_error, sizeof c->first_error, "cannot connect");
                    return NULL;
                }
            }
            if (timed_request(c, fd, o->mode == MODE_PING ? "PING" : "QUOTE", job + i, scheduled) == -2) {
                break;
            }
            i++;
        } else {
            /* One counter for all clients, as slurmctld numbers jobs: jobs running at once have neighbouring
               ids, so their rows share index pages (per-client id ranges made 64 separate insert points). */
            long id = __atomic_fetch_add(&next_job_id, 1, __ATOMIC_RELAXED);
            if (timed_request(c, fd, "LIEN", id, scheduled) == -2) {
                break;
            }
            scheduled = interval ? start + (uint64_t)(i + 1) * interval : 0;
            if (interval) {
                sleep_until(scheduled);
            }
            int r = timed_request(c, fd, "CHARGE", id, scheduled);
            if (r == -2) {
                break;
            }
            if (r == 0) {
                c->cycles++;
            }
            i += 2;
        }
    }
    close(fd);
    return NULL;
}

static int compare_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

static double quantile_us(const uint64_t *sorted, long n, double q)
{
    if (n == 0) {
        return 0;
    }
    long i = (long)(q * (double)n + 0.999999) - 1;
    if (i < 0) {
        i = 0;
    }
    if (i >= n) {
        i = n - 1;
    }
    return (double)sorted[i] / 1000.0;
}

static int send_each(const char *path, int count, char **requests)
{
    int fd = connect_socket(path);
    if (fd < 0) {
        return 1;
    }
    int failed = 0;
    for (int i = 0; i < count; i++) {
        char answer[MAX_PAYLOAD + 1];
        if (round_trip(fd, requests[i], strlen(requests[i]), answer) < 0) {
            fprintf(stderr, "hookload: no answer to %s\n", requests[i]);
            close(fd);
            return 1;
        }
        printf("%s\n", answer);
        failed |= strstr(answer, "\"ok\":true") == NULL;
    }
    close(fd);
    return failed;
}

static void usage(void)
{
    fprintf(stderr,
            "usage: hookload -s SOCKET -m quote|ping|cycle [-1] [-c CLIENTS] [-r REQ_PER_S] [-t SECONDS] [-n MAX_PER_CLIENT]\n"
            "                [-j JOB_BASE] [-C CLUSTER] [-a ACCOUNT] [-u USER | -U UID] [-p PARTITION]\n"
            "       hookload -s SOCKET -m send JSON...\n");
    exit(2);
}

int main(int argc, char **argv)
{
    struct options o = { .mode = MODE_QUOTE, .clients = 1, .rate = 0, .seconds = 5, .max_requests = 1000000,
                         .job_base = 1, .cluster = "bench", .account = "bench", .user = "benchuser", .uid = -1,
                         .partition = "gh200" };
    int send_mode = 0;
    int opt;
    while ((opt = getopt(argc, argv, "1s:m:c:r:t:n:j:C:a:u:U:p:")) != -1) {
        switch (opt) {
        case '1': o.one_shot = 1; break;
        case 's': o.socket_path = optarg; break;
        case 'm':
            if (strcmp(optarg, "quote") == 0) o.mode = MODE_QUOTE;
            else if (strcmp(optarg, "ping") == 0) o.mode = MODE_PING;
            else if (strcmp(optarg, "cycle") == 0) o.mode = MODE_CYCLE;
            else if (strcmp(optarg, "send") == 0) send_mode = 1;
            else usage();
            break;
        case 'c': o.clients = atoi(optarg); break;
        case 'r': o.rate = atof(optarg); break;
        case 't': o.seconds = atof(optarg); break;
        case 'n': o.max_requests = atol(optarg); break;
        case 'j': o.job_base = atol(optarg); break;
        case 'C': o.cluster = optarg; break;
        case 'a': o.account = optarg; break;
        case 'u': o.user = optarg; break;
        case 'U': o.uid = atol(optarg); break;
        case 'p': o.partition = optarg; break;
        default: usage();
        }
    }
    if (o.socket_path == NULL) {
        usage();
    }
    if (send_mode) {
        return send_each(o.socket_path, argc - optind, argv + optind);
    }
    if (o.clients < 1 || o.clients > MAX_CLIENTS || o.seconds <= 0 || o.seconds > 600 || o.max_requests < 1
        || o.max_requests > 10000000 || o.rate < 0) {
        fprintf(stderr, "hookload: clients 1..%d, seconds 0..600, max per client 1..10000000, rate >= 0\n",
                MAX_CLIENTS);
        return 2;
    }
    struct client clients[MAX_CLIENTS];
    pthread_t threads[MAX_CLIENTS];
    memset(clients, 0, sizeof clients);
    uint64_t t0 = now_ns();
    next_job_id = o.job_base;
    for (int i = 0; i < o.clients; i++) {
        clients[i].opt = &o;
        clients[i].index = i;
        clients[i].latency_ns = malloc(sizeof(uint64_t) * (size_t)o.max_requests);
        if (clients[i].latency_ns == NULL || pthread_create(&threads[i], NULL, client_main, &clients[i]) != 0) {
            fprintf(stderr, "hookload: cannot start client %d\n", i);
            return 1;
        }
    }
    long requests = 0, errors = 0, cycles = 0, samples = 0;
    for (int i = 0; i < o.clients; i++) {
        pthread_join(threads[i], NULL);
        requests += clients[i].requests;
        errors += clients[i].errors;
        cycles += clients[i].cycles;
        samples += clients[i].samples;
    }
    double elapsed = (double)(now_ns() - t0) / 1e9;
    uint64_t *all = malloc(sizeof(uint64_t) * (size_t)(samples ? samples : 1));
    long k = 0;
    for (int i = 0; i < o.clients; i++) {
        memcpy(all + k, clients[i].latency_ns, sizeof(uint64_t) * (size_t)clients[i].samples);
        k += clients[i].samples;
        if (clients[i].first_error[0] != '\0') {
            fprintf(stderr, "hookload: client %d first error: %s\n", i, clients[i].first_error);
        }
        free(clients[i].latency_ns);
    }
    qsort(all, (size_t)samples, sizeof(uint64_t), compare_u64);
    printf("mode=%s clients=%d rate=%s seconds=%.1f requests=%ld errors=%ld req_per_s=%.0f cycles_per_s=%.0f"
           " p50_us=%.0f p99_us=%.0f max_us=%.0f\n",
           o.mode == MODE_QUOTE ? "quote" : o.mode == MODE_PING ? "ping" : "cycle", o.clients, o.rate > 0 ? "fixed" : "saturation", elapsed,
           requests, errors, (double)requests / elapsed, (double)cycles / elapsed, quantile_us(all, samples, 0.50),
           quantile_us(all, samples, 0.99), samples ? (double)all[samples - 1] / 1000.0 : 0.0);
    if (o.rate > 0) {
        printf("target_rate=%.0f\n", o.rate);
    }
    free(all);
    return errors > 0 ? 1 : 0;
}
