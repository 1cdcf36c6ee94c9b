/*
 * allocd_command.h - running a Slurm command (scontrol, scancel) under a deadline.
 */
#ifndef ALLOCD_COMMAND_H
#define ALLOCD_COMMAND_H

#include <stddef.h>

/* allocd_command_run's answer when the command ran past its deadline and was killed. */
#define ALLOCD_COMMAND_TIMED_OUT (-2)

/* Runs argv[0] (an absolute path: the hooks get no PATH) with stdin and stderr on /dev/null and
 * SLURM_CONF set to slurm_conf unless it is empty; keeps the first out_size - 1 bytes of its
 * output in out (NUL-terminated) and kills it when it runs past timeout_ms. Returns its exit
 * status, -1 when it could not be run or died of a signal, or ALLOCD_COMMAND_TIMED_OUT. */
int allocd_command_run(char *const argv[], const char *slurm_conf, int timeout_ms, char *out, size_t out_size);

#endif
