/*
 * hookecho: the baseline for hookload's latency figures (BENCHMARKS.md, hook protocol).
 *
 * Listens on a unix socket, speaks the hook socket's framing, and answers
 * every frame with {"ok":true} at once, one blocking thread per connection.
 * A run of hookload against it measures what this machine and kernel give a
 * round trip with no daemon behind it, in the same run as the daemon's figures.
 *
 * usage: hookecho SOCKET SECONDS   (stops by itself after SECONDS, at most 3600)
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "read_full.h"

#define MAX_PAYLOAD 16384

static void *serve(void *arg)
{
    int fd = (int)(intptr_t)arg;
    static const char answer[] = "AL\1\0\0\0\0\13{\"ok\":true}";
    unsigned char header[8];
    unsigned char payload[MAX_PAYLOAD];
    while (read_full(fd, header, sizeof header) == 0 && header[0] == 'A' && header[1] == 'L') {
        uint32_t len = ((uint32_t)header[4] << 24) | ((uint32_t)header[5] << 16) | ((uint32_t)header[6] << 8)
                       | header[7];
        if (len > MAX_PAYLOAD || read_full(fd, payload, len) != 0
            || send(fd, answer, sizeof answer - 1, MSG_NOSIGNAL) != (ssize_t)(sizeof answer - 1)) {
            break;
        }
    }
    close(fd);
    return NULL;
}

int main(int argc, char **argv)
{
    if (argc != 3 || atoi(argv[2]) < 1 || atoi(argv[2]) > 3600) {
        fprintf(stderr, "usage: hookecho SOCKET SECONDS (1-3600)\n");
        return 2;
    }
    struct sockaddr_un addr = { .sun_family = AF_UNIX };
    if (strlen(argv[1]) >= sizeof addr.sun_path) {
        fprintf(stderr, "hookecho: socket path too long: %s\n", argv[1]);
        return 2;
    }
    strcpy(addr.sun_path, argv[1]);
    unlink(argv[1]);
    int listener = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (listener < 0 || bind(listener, (struct sockaddr *)&addr, sizeof addr) != 0 || listen(listener, 64) != 0) {
        fprintf(stderr, "hookecho: cannot listen on %s: %s\n", argv[1], strerror(errno));
        return 1;
    }
    alarm((unsigned)atoi(argv[2])); /* bounded: the default SIGALRM action ends the process */
    for (;;) {
        int fd = accept4(listener, NULL, NULL, SOCK_CLOEXEC);
        if (fd < 0) {
            if (errno == EINTR) {
                continue;
            }
            fprintf(stderr, "hookecho: accept failed: %s\n", strerror(errno));
            return 1;
        }
        pthread_t thread;
        if (pthread_create(&thread, NULL, serve, (void *)(intptr_t)fd) != 0) {
            close(fd);
            continue;
        }
        pthread_detach(thread);
    }
}
