package org.allocd.daemon;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Clock;
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
import org.allocd.http.PageHandler;
import org.allocd.protocol.AdminRequests;
import org.allocd.protocol.Op;
import org.allocd.protocol.Registry;

/**
 * The signed HTTP API: each endpoint is an admin request made by the API
 * key's user, with the same role rules as the admin socket.
 */
final class HttpApi {
    private HttpApi() {}

    static HttpApiServer start(HttpListen listen, ApiKeys keys, AdminRequests admin, Access access,
            DaemonMetrics metrics, Executor work, Clock clock, PageHandler portal) throws IOException {
        ApiRouter router = new ApiRouter();
        for (Op op : Registry.all()) {
            if (op.httpPath() != null) {
                router.get(op.httpPath(), request -> ask(admin, access, request, fromQuery(op.name(), request)));
            }
        }
        return HttpApiServer.start(HttpApiConfig.of(listen.host(), listen.port()), router, keys, java.util.List::of,
                metrics.registry, work, clock, portal);
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

    private static CompletableFuture<ApiResponse> ask(AdminRequests admin, Access access, ApiRequest request,
            ObjectNode adminRequest) {
        return admin.handle(() -> access.byName(request.principal()), adminRequest).thenApply(answer -> {
            if (answer.path("ok").asBoolean(false)) {
                answer.remove("ok");
                return ApiResponse.ok(answer);
            }
            return ApiResponse.error(ErrorCode.of(answer.path("error").asText()), answer.path("message").asText());
        });
    }
}
