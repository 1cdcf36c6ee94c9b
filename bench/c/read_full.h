/* read_full: reads exactly len bytes from fd (retrying on EINTR); 0, or -1 on error or end of stream.
 * Shared by hookload and hookecho, which both read the hook socket's frames. */
#ifndef ALLOCD_BENCH_READ_FULL_H
#define ALLOCD_BENCH_READ_FULL_H
#include <errno.h>
#include <stddef.h>
#include <sys/socket.h>

static int read_full(int fd, void *buf, size_t len)
{
    size_t got = 0;
    while (got < len) {
        ssize_t n = recv(fd, (char *)buf + got, len - got, 0);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            return -1;
        }
        got += (size_t)n;
    }
    return 0;
}
#endif
