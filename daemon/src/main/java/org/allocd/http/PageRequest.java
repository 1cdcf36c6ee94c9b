package org.allocd.http;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A request for a page (any path outside the API's): what a {@link PageHandler} needs, with no Netty type in it.
 *
 * @param headers header values by lower-case name; a header sent twice has its values joined with ", "
 * @param query   the decoded query parameters
 * @param body    the request body (a form post's fields), at most the server's body limit
 * @param peer    the address the connection came from (a trusted proxy is recognised by it)
 */
public record PageRequest(String method, String path, Map<String, List<String>> query, Map<String, String> headers,
        byte[] body, InetAddress peer) {

    public Optional<String> header(String lowerCaseName) {
        return Optional.ofNullable(headers.get(lowerCaseName));
    }

    public Optional<String> queryParam(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }
}
