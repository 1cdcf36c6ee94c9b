package org.allocd.daemon;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.allocd.access.Access;
import org.allocd.config.HttpListen;
import org.allocd.errors.ErrorCode;
import org.allocd.http.ApiException;
import org.allocd.http.ApiKeys;
import org.allocd.http.ApiRequest;
import org.allocd.http.ApiResponse;
import org.allocd.http.ApiRouter;
import org.allocd.http.HttpApiConfig;
import org.allocd.http.HttpApiServer;
import org.allocd.http.OpenApi;
import org.allocd.protocol.AdminRequests;
import org.allocd.protocol.Op;
import org.allocd.protocol.Registry;
import org.allocd.protocol.Shape;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The signed HTTP API: each endpoint is an admin request made by the API key's user (or the user it acts
 * for), with the same role rules as the admin socket. Reads are GETs with the fields in the query; writes
 * POSTs with the fields in a JSON body, each keyed by its Idempotency-Key header.
 */
final class HttpApi {
    private static final Logger log = LoggerFactory.getLogger(HttpApi.class);

    private HttpApi() {}

    static HttpApiServer start(HttpListen listen, ApiKeys keys, AdminRequests admin, Access access,
            DaemonMetrics metrics, Executor work, Clock clock) throws IOException {
        return HttpApiServer.start(HttpApiConfig.of(listen.host(), listen.port()), router(admin, access), keys,
                java.util.List::of, metrics.registry, work, clock);
    }

    /** Every op of the registry with an HTTP path, and the OpenAPI document made from the same list. */
    static ApiRouter router(AdminRequests admin, Access access) {
        ApiRouter router = new ApiRouter();
        for (Op op : Registry.all()) {
            if (op.httpPath() == null) {
                continue;
            }
            if (op.effect() == Op.Effect.READ) {
                router.get(op.httpPath(), request -> ask(admin, access, request, fromQuery(op.name(), request)));
            } else {
                router.post(op.httpPath(), request -> ask(admin, access, request, fromBody(op, request)));
            }
        }
        return router.publish(OpenApi.PATH, OpenApi.document());
    }

    /** The admin request: the op and the query's fields; *_ms fields are numbers. */
    private static ObjectNode fromQuery(String op, ApiRequest request) {
        ObjectNode adminRequest = JsonNodeFactory.instance.objectNode().put("op", op);
        request.query().keySet().forEach(name -> {
            String value = request.queryParam(name).orElse("");
            if (name.equals("op") || name.equals("key")) {
                return;
            }
            if (name.endsWith("_ms")) {
                // ASCII digits only, as amounts (docs/numbers.md): parseLong alone takes "+5" and full-width digits.
                if (!value.matches("[0-9]{1,15}")) {
                    throw new ApiException(ErrorCode.BAD_REQUEST, name + " must be epoch milliseconds (ASCII digits, no"
                            + " sign), got '" + value + "'");
                }
                adminRequest.put(name, Long.parseLong(value));
            } else {
                adminRequest.put(name, value);
            }
        });
        return adminRequest;
    }

    /**
     * The admin request: the body's fields, the op, and the ledger's op key made from the Idempotency-Key
     * under the API key's id, so two services' keys never meet and a retry of the same key is the same
     * operation (same request: its first answer, replayed; another request: key_reused, 409). A field the op
     * does not take is refused, so a misspelt optional field is not silently left out.
     */
    private static ObjectNode fromBody(Op op, ApiRequest request) {
        String idempotencyKey = request.requireIdempotencyKey();
        ObjectNode adminRequest = request.bodyJson();
        List<String> takes = op.shape().request().stream().map(Shape.Field::name).toList();
        adminRequest.fieldNames().forEachRemaining(name -> {
            if (!takes.contains(name)) {
                throw new ApiException(ErrorCode.BAD_REQUEST, "field '" + name + "' is not one " + op.name()
                        + " takes; it takes " + String.join(", ", takes) + " (the path names the operation and the"
                        + " Idempotency-Key header keys it)");
            }
        });
        return adminRequest.put("op", op.name()).put("key", "http:" + request.keyId() + ":" + idempotencyKey);
    }

    private static CompletableFuture<ApiResponse> ask(AdminRequests admin, Access access, ApiRequest request,
            ObjectNode adminRequest) {
        if (request.actedBy() != null) {
            log.info("API key {} of {} acts as {}: {} {}", request.keyId(), request.actedBy(), request.principal(),
                    request.method(), request.path());
        }
        return admin.handle(() -> access.byName(request.principal()), request.actedBy(), adminRequest)
                .thenApply(answer -> {
                    if (answer.path("ok").asBoolean(false)) {
                        answer.remove("ok");
                        return ApiResponse.ok(answer);
                    }
                    return ApiResponse.error(ErrorCode.of(answer.path("error").asText()),
                            answer.path("message").asText());
                });
    }
}
