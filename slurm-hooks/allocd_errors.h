/*
 * allocd_errors.h - every value of the "error" field allocd answers with, one per line, so the
 * hooks compare codes by name. The daemon's list of codes is the source; a daemon test checks this
 * file lists exactly those codes.
 */
#ifndef ALLOCD_ERRORS_H
#define ALLOCD_ERRORS_H

/* The sockets' transport and every handler. */
#define ALLOCD_ERR_BAD_FRAME "bad_frame"
#define ALLOCD_ERR_BAD_REQUEST "bad_request"
#define ALLOCD_ERR_BUSY "busy"
#define ALLOCD_ERR_FORBIDDEN "forbidden"
#define ALLOCD_ERR_INTERNAL "internal"
#define ALLOCD_ERR_SHUTTING_DOWN "shutting_down"
#define ALLOCD_ERR_STORE_UNAVAILABLE "store_unavailable"

/* The ledger's refusals: nothing was changed. */
#define ALLOCD_ERR_INVALID_ARGUMENT "invalid_argument"
#define ALLOCD_ERR_UNKNOWN_ACCOUNT "unknown_account"
#define ALLOCD_ERR_UNKNOWN_USER "unknown_user"
#define ALLOCD_ERR_UNKNOWN_JOB "unknown_job"
#define ALLOCD_ERR_ALREADY_EXISTS "already_exists"
#define ALLOCD_ERR_NOT_MEMBER "not_member"
#define ALLOCD_ERR_ACCOUNT_FROZEN "account_frozen"
#define ALLOCD_ERR_ACCOUNT_CLOSED "account_closed"
#define ALLOCD_ERR_INSUFFICIENT_FUNDS "insufficient_funds"
#define ALLOCD_ERR_USER_LIMIT_EXCEEDED "user_limit_exceeded"
#define ALLOCD_ERR_CONFLICT "conflict"
#define ALLOCD_ERR_KEY_REUSED "key_reused"

/* The TCP door's own: the MUNGE credential. */
#define ALLOCD_ERR_UNAUTHENTICATED "unauthenticated"
#define ALLOCD_ERR_UNAVAILABLE "unavailable"
#define ALLOCD_ERR_RATE_LIMITED "rate_limited"

/* The HTTP API's own (docs/http-api.md). */
#define ALLOCD_ERR_BAD_HTTP "bad_http"
#define ALLOCD_ERR_BAD_JSON "bad_json"
#define ALLOCD_ERR_BAD_REQUEST_TARGET "bad_request_target"
#define ALLOCD_ERR_BAD_SIGNATURE "bad_signature"
#define ALLOCD_ERR_BAD_TIMESTAMP "bad_timestamp"
#define ALLOCD_ERR_BODY_TOO_LARGE "body_too_large"
#define ALLOCD_ERR_METHOD_NOT_ALLOWED "method_not_allowed"
#define ALLOCD_ERR_MISSING_AUTH_HEADERS "missing_auth_headers"
#define ALLOCD_ERR_NOT_FOUND "not_found"
#define ALLOCD_ERR_REPLAY_CACHE_FULL "replay_cache_full"
#define ALLOCD_ERR_REPLAYED_REQUEST "replayed_request"
#define ALLOCD_ERR_ROUTE_TIMEOUT "route_timeout"
#define ALLOCD_ERR_STALE_TIMESTAMP "stale_timestamp"
#define ALLOCD_ERR_UNKNOWN_KEY "unknown_key"

#endif
