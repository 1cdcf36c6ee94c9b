/*
 * allocd_slurm_text.h - reading what Slurm writes: TRES lists, memory sizes, time limits and
 * times, and the fields of `scontrol show job -o` output.
 */
#ifndef ALLOCD_SLURM_TEXT_H
#define ALLOCD_SLURM_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

/* The GPU count in a TRES list such as "gres:gpu:2", "gres/gpu:a100:2,cpu=1" or
 * "gpu:2(IDX:0-1)"; 0 when it names no GPU. */
int64_t allocd_gpus_in(const char *tres);

/* Slurm's memory text ("4G", "1500M", "1.50G"; bare = MiB) in bytes, without floating point. */
int64_t allocd_mem_bytes(const char *text);

/* A Slurm time limit ("D-HH:MM:SS", "HH:MM:SS", "MM:SS", "MM") in seconds; UNLIMITED and the rest 0. */
int64_t allocd_limit_seconds(const char *text);

/* The value of "Key=" in scontrol's one-line output, up to the next space; "" when absent. */
void allocd_scontrol_field(const char *line, const char *key, char *out, size_t out_size);

/* The value of name in a TRES list "cpu=2,mem=4G,node=1" ("" when absent); memory keeps its suffix. */
void allocd_tres_item(const char *tres, const char *name, char *out, size_t out_size);

/* A value Slurm shows for something set: not "", (null), N/A, None or Unknown. */
bool allocd_slurm_present(const char *value);

/* How a run ended, in Slurm's words (COMPLETED, FAILED, TIMEOUT, ...), from scontrol's JobState and
 * Reason, whether it shows a PreemptTime, and the exit code as a shell shows it. While the
 * EpilogSlurmctld runs, Slurm shows the job COMPLETING, so the state comes from the preemption, the
 * reason (TimeLimit, OutOfMemory, ...) and the exit code. */
const char *allocd_end_state(const char *job_state, const char *reason, bool preempted, int exit_code);

/* How the requeued run number run ended (PREEMPTED, NODE_FAIL, REQUEUED, ...) in `sacct -n -X -P -D
 * -o State` of its job, one line per run, oldest first; NULL when that line is missing or no end. */
const char *allocd_requeued_state(const char *states, long long run);

/* How many elements an sbatch --array spec names ("1-5", "1,3,7", "0-9:2", "1-9%2": the %N limit is how many
 * run at once, not how many there are), each index counted once; -1 when it is not a spec or names an index
 * >= max_array_size (Slurm's MaxArraySize: Slurm refuses those itself). Bounded: it marks at most
 * max_array_size indices, in a bitmap of max_array_size bits. */
int64_t allocd_array_elements(const char *spec, uint32_t max_array_size);

/* scontrol's local time "2026-11-21T23:40:03" in epoch seconds, or -1. */
time_t allocd_slurm_epoch(const char *text);

#endif
