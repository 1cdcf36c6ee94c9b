package org.allocd.daemon;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.allocd.access.Access;
import org.allocd.config.HttpListen;
import org.allocd.http.ApiException;
import org.allocd.http.ApiKeys;
import org.allocd.http.ApiRequest;
import org.allocd.http.ApiResponse;
import org.allocd.http.ApiRouter;
import org.allocd.http.HttpApiConfig;
import org.allocd.http.HttpApiServer;
import org.allocd.protocol.AdminRequests;

/**
 * The signed HTTP API: each endpoint is an admin request made by the API
 * key's user, with the same role rules as the admin socket.
 */
final class HttpApi {
    /** Admin errors as HTTP statuses; anything not listed is a 409 (refused by the ledger's rules). */
    private static final Map<String, Integer> STATUS = Map.of("forbidden", 403, "unknown_account", 404,
            "unknown_user", 404, "unknown_job", 404, "bad_request", 400, "invalid_argument", 400, "busy", 503,
            "store_unavailable", 503, "internal", 500);

    private HttpApi() {}

    static HttpApiServer start(HttpListen listen, ApiKeys keys, AdminRequests admin, Access access,
            DaemonMetrics metrics, Executor work, Clock clock) throws IOException {
        ApiRouter router = new ApiRouter();
        Map<String, String> reads = Map.of("/v1/me", "whoami", "/v1/balance", "balance", "/v1/accounts", "balances",
                "/v1/jobs", "jobs", "/v1/charges", "jobcharge", "/v1/statement", "statement", "/v1/bill", "bill");
        reads.forEach((path, op) -> router.get(path, request -> ask(admin, access, request, fromQuery(op, request))));
        return HttpApiServer.start(HttpApiConfig.of(listen.host(), listen.port()), router, keys, java.util.List::of,
                metrics.registry, work, clock);
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
                    throw new ApiException(400, "bad_request", name + " must be epoch milliseconds (ASCII digits, no"
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
            String code = answer.path("error").asText("internal");
            return ApiResponse.error(STATUS.getOrDefault(code, 409), code, answer.path("message").asText());
        });
    }
}
