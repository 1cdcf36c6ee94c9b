/*
 * allocd_clock.h - milliseconds: monotonic for deadlines, wall-clock for names that sort by time;
 * monotonic microseconds for timing calls.
 */
#ifndef ALLOCD_CLOCK_H
#define ALLOCD_CLOCK_H

#include <stdint.h>
#include <time.h>

static inline int64_t allocd_clock_ms(clockid_t clock)
{
	struct timespec ts;
	clock_gettime(clock, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static inline int64_t allocd_monotonic_ms(void)
{
	return allocd_clock_ms(CLOCK_MONOTONIC);
}

static inline int64_t allocd_monotonic_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static inline int64_t allocd_wall_ms(void)
{
	return allocd_clock_ms(CLOCK_REALTIME);
}

#endif
