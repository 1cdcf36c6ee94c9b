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
import java.util.regex.Pattern;
import org.allocd.errors.ErrorCode;

/**
 * A signed request that passed authentication.
 *
 * @param principal  the user the request is made as: the API key's user, or the user it acts for
 * @param actedBy    the API key's user when it acts for another (the act-as header), else null
 * @param keyId      the key that signed the request (for logs and audit)
 * @param method     upper-case HTTP method
 * @param path       the path as sent, without the query
 * @param pathParams values of the {name} segments of the route template, percent-decoded
 * @param query      query parameters, percent-decoded, in the order sent (without the reserved nonce)
 * @param body       the request body (at most 64 KiB)
 * @param idempotencyKey the Idempotency-Key header, or null
 */
public record ApiRequest(String principal, String actedBy, String keyId, String method, String path,
                         Map<String, String> pathParams, Map<String, List<String>> query, byte[] body,
                         String idempotencyKey) {
    /** What an Idempotency-Key may be: short, and safe to put in a ledger op key and a log line. */
    static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[A-Za-z0-9._:-]{1,100}");

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

    /** The Idempotency-Key every write needs, or a 400 saying what to send. */
    public String requireIdempotencyKey() {
        if (idempotencyKey == null || !IDEMPOTENCY_KEY.matcher(idempotencyKey).matches()) {
            throw new ApiException(ErrorCode.BAD_REQUEST, "a write needs the header " + Incoming.IDEMPOTENCY_KEY_HEADER
                    + ": 1-100 letters, digits, '.', '_', ':' or '-', one new value per operation (for example a UUID);"
                    + " a retry sends the same value and gets the same answer");
        }
        return idempotencyKey;
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
