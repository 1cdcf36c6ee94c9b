/*
 * allocd_json.h - the JSON the hooks speak: a request object written into a fixed buffer, and
 * top-level fields read out of an answer.
 */
#ifndef ALLOCD_JSON_H
#define ALLOCD_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "allocd_frame.h"

/* A JSON object written into a fixed buffer; overflow sets failed instead of writing past it. */
struct allocd_json {
	char buf[ALLOCD_MAX_PAYLOAD];
	size_t len;
	bool failed;
	bool first;
};

void allocd_json_begin(struct allocd_json *j);
void allocd_json_str(struct allocd_json *j, const char *key, const char *value); /* NULL/"" skipped */
void allocd_json_num(struct allocd_json *j, const char *key, int64_t value);
void allocd_json_bool(struct allocd_json *j, const char *key, bool value);
/* Returns 0 and NUL-terminates, or -1 when the object did not fit. */
int allocd_json_end(struct allocd_json *j);

/* Top-level fields of a JSON object answer. Return 0 when found with the right type. */
int allocd_answer_str(const char *json, const char *key, char *out, size_t out_size);
int allocd_answer_bool(const char *json, const char *key, bool *out);
int allocd_answer_num(const char *json, const char *key, int64_t *out);

/* Whether an answer's error code is one of codes (ALLOCD_ERR_... of allocd_errors.h, NULL last). */
bool allocd_error_in(const char *error, const char *const codes[]);

#endif
