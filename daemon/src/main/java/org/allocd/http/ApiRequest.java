package org.allocd.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.allocd.errors.ErrorCode;

/**
 * A signed request that passed authentication.
 *
 * @param principal  the user name the API key belongs to; the caller acts as this user
 * @param keyId      the key that signed the request (for logs and audit)
 * @param method     upper-case HTTP method
 * @param path       the path as sent, without the query
 * @param pathParams values of the {name} segments of the route template, percent-decoded
 * @param query      query parameters, percent-decoded, in the order sent (without the reserved nonce)
 * @param body       the request body (at most 64 KiB)
 */
public record ApiRequest(String principal, String keyId, String method, String path,
                         Map<String, String> pathParams, Map<String, List<String>> query, byte[] body) {
    public ApiRequest {
        pathParams = Map.copyOf(pathParams);
        Map<String, List<String>> ordered = new LinkedHashMap<>();
        query.forEach((name, values) -> ordered.put(name, List.copyOf(values)));
        query = Collections.unmodifiableMap(ordered);
        body = body.clone();
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    /** The first value of a query parameter, if it was given. */
    public Optional<String> queryParam(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** A {name} segment of the route template; asking for one the template lacks is a bug. */
    public String pathParam(String name) {
        String value = pathParams.get(name);
        if (value == null) {
            throw new IllegalArgumentException("route for " + path + " has no path parameter {" + name + "}");
        }
        return value;
    }

    /** The body as a JSON object, or a 400 error telling the client what to send. */
    public ObjectNode bodyJson() {
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(body);
        } catch (IOException e) {
            String why = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            throw new ApiException(ErrorCode.BAD_JSON, "the request body is not valid JSON (" + why + "); send a JSON object with Content-Type: application/json");
        }
        if (node == null || !node.isObject()) {
            throw new ApiException(ErrorCode.BAD_JSON, "the request body must be a JSON object like {\"name\": \"value\"}");
        }
        return (ObjectNode) node;
    }
}
