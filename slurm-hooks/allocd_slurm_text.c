/*
 * allocd_slurm_text.c - Slurm's text formats, read without floating point and never past a
 * buffer: TRES lists, memory sizes, time limits, times and scontrol's key=value fields.
 */
#define _GNU_SOURCE
#include "allocd_slurm_text.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int64_t allocd_gpus_in(const char *tres)
{
	int64_t total = 0;
	if (!tres)
		return 0;
	/* Entries are separated by ',' or ';'; a GPU entry is [gres:|gres/]gpu[:type]:N or gres/gpu=N. */
	for (const char *p = tres; *p;) {
		size_t n = strcspn(p, ",;");
		char entry[256];
		if (n < sizeof entry) {
			memcpy(entry, p, n);
			entry[n] = '\0';
			char *e = entry;
			if (!strncmp(e, "gres:", 5) || !strncmp(e, "gres/", 5))
				e += 5;
			if (!strncmp(e, "gpu", 3) && (e[3] == ':' || e[3] == '=')) {
				char *paren = strchr(e, '(');
				if (paren)
					*paren = '\0';
				char *last = strrchr(e, e[3] == '=' ? '=' : ':');
				char *end;
				long long count = strtoll(last + 1, &end, 10);
				if (end != last + 1 && (*end == '\0' || isalpha((unsigned char)*end)) && count > 0)
					total += count;
			}
		}
		p += n;
		if (*p)
			p++;
	}
	return total;
}

int64_t allocd_mem_bytes(const char *text)
{
	char *end;
	int64_t whole = strtoll(text, &end, 10), hundredths = 0;
	if (*end == '.') {
		end++;
		for (int i = 0; i < 2; i++)
			hundredths = hundredths * 10 + (isdigit((unsigned char)*end) ? *end++ - '0' : 0);
		while (isdigit((unsigned char)*end))
			end++;
	}
	int64_t unit = 1024 * 1024;
	switch (*end) {
	case 'K': unit = 1024; break;
	case 'G': unit = 1024LL * 1024 * 1024; break;
	case 'T': unit = 1024LL * 1024 * 1024 * 1024; break;
	case 'P': unit = 1024LL * 1024 * 1024 * 1024 * 1024; break;
	default: break;
	}
	return whole * unit + hundredths * unit / 100;
}

int64_t allocd_limit_seconds(const char *text)
{
	long days = 0, parts[3] = { 0 }, n = 0;
	const char *p = text, *dash = strchr(text, '-');
	if (!isdigit((unsigned char)*text))
		return 0;
	if (dash) {
		days = strtol(text, NULL, 10);
		p = dash + 1;
	}
	while (n < 3) {
		char *end;
		parts[n++] = strtol(p, &end, 10);
		if (*end != ':')
			break;
		p = end + 1;
	}
	int64_t s = n == 3 ? parts[0] * 3600 + parts[1] * 60 + parts[2]
		  : n == 2 ? (dash ? parts[0] * 3600 + parts[1] * 60 : parts[0] * 60 + parts[1])
			   : (dash ? parts[0] * 3600 : parts[0] * 60);
	return days * 86400 + s;
}

void allocd_scontrol_field(const char *line, const char *key, char *out, size_t out_size)
{
	size_t key_len = strlen(key);
	out[0] = '\0';
	for (const char *p = line; (p = strstr(p, key)) != NULL; p++) {
		if ((p == line || p[-1] == ' ') && p[key_len] == '=') {
			const char *value = p + key_len + 1;
			size_t n = strcspn(value, " \n");
			if (n >= out_size)
				n = out_size - 1;
			memcpy(out, value, n);
			out[n] = '\0';
			return;
		}
	}
}

bool allocd_slurm_present(const char *v)
{
	return *v && strcmp(v, "(null)") && strcmp(v, "N/A") && strcmp(v, "None") && strcmp(v, "Unknown");
}

void allocd_tres_item(const char *tres, const char *name, char *out, size_t out_size)
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

time_t allocd_slurm_epoch(const char *text)
{
	struct tm tm = { 0 };
	if (!allocd_slurm_present(text) || !strptime(text, "%Y-%m-%dT%H:%M:%S", &tm))
		return -1;
	tm.tm_isdst = -1;
	return mktime(&tm);
}

static const char *const ENDED[] = { "COMPLETED", "FAILED",    "CANCELLED", "TIMEOUT",  "NODE_FAIL",
				     "PREEMPTED", "OUT_OF_MEMORY", "BOOT_FAIL", "DEADLINE", NULL };

const char *allocd_end_state(const char *job_state, const char *reason, bool preempted, int exit_code)
{
	/* Slurm's reason for a job it ended, and the end state it gives the job (slurm.h's FAIL_*). */
	static const char *const BY_REASON[][2] = { { "TimeLimit", "TIMEOUT" },       { "OutOfMemory", "OUT_OF_MEMORY" },
						     { "NodeDown", "NODE_FAIL" },       { "DeadLine", "DEADLINE" },
						     { "BootFail", "BOOT_FAIL" },       { "NonZeroExitCode", "FAILED" },
						     { "RaisedSignal", "FAILED" },      { "JobLaunchFailure", "FAILED" },
						     { "SystemFailure", "FAILED" },     { NULL, NULL } };
	for (int i = 0; ENDED[i]; i++)
		if (!strcmp(job_state, ENDED[i]))
			return ENDED[i];
	/* Preempted in cancel mode: Slurm ends the job PREEMPTED, whatever its kill made of the exit code. */
	if (preempted)
		return "PREEMPTED";
	for (int i = 0; BY_REASON[i][0]; i++)
		if (!strcmp(reason, BY_REASON[i][0]))
			return BY_REASON[i][1];
	/* 128 + 9 or 15: scancel's signals; 22.05 often shows a cancelled job as 0:0 with no reason. */
	if (exit_code == 128 + 9 || exit_code == 128 + 15)
		return "CANCELLED";
	return exit_code ? "FAILED" : "COMPLETED";
}

const char *allocd_requeued_state(const char *states, long long run)
{
	const char *line = states;
	for (long long i = 0; i < run && line; i++) {
		line = strchr(line, '\n');
		if (line)
			line++;
	}
	if (!line || run < 0)
		return NULL;
	size_t len = strcspn(line, " \n");
	if (len == strlen("REQUEUED") && !strncmp(line, "REQUEUED", len))
		return "REQUEUED";
	for (int i = 0; ENDED[i]; i++)
		if (len == strlen(ENDED[i]) && !strncmp(line, ENDED[i], len))
			return ENDED[i];
	return NULL;
}

/* One "A", "A-B" or "A-B:S" of an array spec, marked in seen; the count of indices new to it, or -1. */
static int64_t mark_range(const char *item, size_t len, unsigned char *seen, uint32_t max)
{
	char text[64], *end;
	if (len == 0 || len >= sizeof text || !isdigit((unsigned char)item[0]))
		return -1;
	memcpy(text, item, len);
	text[len] = '\0';
	unsigned long long first = strtoull(text, &end, 10), last = first, step = 1;
	if (*end == '-') {
		if (!isdigit((unsigned char)end[1]))
			return -1;
		last = strtoull(end + 1, &end, 10);
		if (*end == ':') {
			if (!isdigit((unsigned char)end[1]))
				return -1;
			step = strtoull(end + 1, &end, 10);
		}
	}
	if (*end || step == 0 || first > last || last >= max)
		return -1;
	int64_t added = 0;
	for (unsigned long long i = first; i <= last; i += step) {
		if (!(seen[i / 8] & (1u << (i % 8)))) {
			seen[i / 8] |= (unsigned char)(1u << (i % 8));
			added++;
		}
	}
	return added;
}

int64_t allocd_array_elements(const char *spec, uint32_t max_array_size)
{
	if (!spec || !*spec || max_array_size == 0)
		return -1;
	/* The "%N" limit at the end says how many run at once. */
	size_t len = strcspn(spec, "%");
	if (spec[len] && (!spec[len + 1] || strspn(spec + len + 1, "0123456789") != strlen(spec + len + 1)))
		return -1;
	unsigned char *seen = calloc(max_array_size / 8 + 1, 1);
	if (!seen)
		return -1;
	int64_t total = 0;
	for (size_t at = 0; at < len;) {
		size_t n = strcspn(spec + at, ",%");
		int64_t added = mark_range(spec + at, n, seen, max_array_size);
		if (added < 0) {
			total = -1;
			break;
		}
		total += added;
		at += n;
		if (spec[at] == ',' && ++at == len) {
			total = -1; /* a trailing comma */
			break;
		}
	}
	free(seen);
	return total;
}
