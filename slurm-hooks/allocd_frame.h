/*
 * allocd_frame.h - the hook socket's frame (docs/protocol.md): 'A', 'L', version 1, 0, then the
 * payload's length as 4 bytes big-endian, then the payload.
 */
#ifndef ALLOCD_FRAME_H
#define ALLOCD_FRAME_H

#include <stdint.h>

#define ALLOCD_FRAME_HEADER_BYTES 8
/* The hook socket's maximum payload; answers never exceed it. */
#define ALLOCD_MAX_PAYLOAD 16384

static inline void allocd_frame_header(unsigned char *header, uint32_t payload_bytes)
{
	header[0] = 'A';
	header[1] = 'L';
	header[2] = 1;
	header[3] = 0;
	header[4] = (unsigned char)(payload_bytes >> 24);
	header[5] = (unsigned char)(payload_bytes >> 16);
	header[6] = (unsigned char)(payload_bytes >> 8);
	header[7] = (unsigned char)payload_bytes;
}

/* The payload length a header announces, or -1 when it is not allocd's frame. */
static inline int64_t allocd_frame_payload_bytes(const unsigned char *header)
{
	if (header[0] != 'A' || header[1] != 'L' || header[2] != 1 || header[3] != 0)
		return -1;
	return (int64_t)((uint32_t)header[4] << 24 | (uint32_t)header[5] << 16 | (uint32_t)header[6] << 8 | header[7]);
}

#endif
