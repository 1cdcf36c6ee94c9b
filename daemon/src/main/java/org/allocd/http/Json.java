package org.allocd.http;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The one Jackson mapper of the HTTP API (thread-safe once configured). */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {}
}
