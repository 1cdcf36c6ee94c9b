package org.allocd.http;

import static org.allocd.http.HttpResponses.json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.allocd.errors.ErrorCode;
import org.allocd.metrics.MetricsRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides the answer to each request: the open ops paths, authentication, routing, and
 * running routes on the route executor. Shared by every connection; holds no per-request state.
 */
final class ApiDispatcher {
    private static final Logger log = LoggerFactory.getLogger(ApiDispatcher.class);

    static final String HEALTH_PATH = "/healthz";
    static final String METRICS_PATH = "/metrics";
    /** The metrics label of every page: page paths name accounts and users, which must not become labels. */
    static final String PAGES_ROUTE = "pages";
    /**
     * Reserved query parameter, covered by the signature and removed before routing: it lets
     * a client send two otherwise identical requests in one second without the second one
     * being refused as a replay.
     */
    static final String NONCE_PARAM = "nonce";

    /** Receives the answer to one request; one of its methods is called, on any thread, exactly once. */
    interface ResponseSink {
        void send(String routeLabel, FullHttpResponse response);

        /** A response sent chunked: its head, then the first chunk, then what rest makes. */
        void stream(String routeLabel, HttpResponse head, byte[] first, ChunkedBody rest);
    }

    private final ApiRouter router;
    private final Authenticator authenticator;
    private final HealthCheck health;
    private final MetricsRegistry registry;
    private final Executor routeExecutor;
    private final long routeTimeoutMillis;
    /** The portal's pages, or null: then every other path is a 404. */
    private final PageHandler pages;

    ApiDispatcher(ApiRouter router, Authenticator authenticator, HealthCheck health, MetricsRegistry registry,
                  Executor routeExecutor, long routeTimeoutMillis, PageHandler pages) {
        this.pages = pages;
        this.router = router;
        this.authenticator = authenticator;
        this.health = health;
        this.registry = registry;
        this.routeExecutor = routeExecutor;
        this.routeTimeoutMillis = routeTimeoutMillis;
    }

    void dispatch(Incoming in, ResponseSink sink) {
        if (in.refusal() != null) {
            sink.send(routeLabel(in.method(), in.rawPath()), json(in.refusal().toResponse()));
            return;
        }
        if (!in.uri().startsWith("/")) {
            sink.send(HttpMetrics.UNMATCHED_ROUTE, json(ApiResponse.error(ErrorCode.BAD_REQUEST_TARGET,
                    "the request target must be a path such as /v1/balance, not '" + in.uri() + "'")));
            return;
        }
        String path = in.rawPath();
        ApiResponse document = router.published(path);
        if (path.equals(HEALTH_PATH)) {
            sink.send(HEALTH_PATH, in.method().equals("GET") ? health() : wrongMethod(Set.of("GET")));
        } else if (path.equals(METRICS_PATH)) {
            sink.send(METRICS_PATH, in.method().equals("GET") ? metrics() : wrongMethod(Set.of("GET")));
        } else if (document != null) {
            sink.send(path, in.method().equals("GET") ? json(document) : wrongMethod(Set.of("GET")));
        } else if (path.startsWith(ApiRouter.PREFIX)) {
            signed(in, path, false, sink);
        } else if (path.startsWith(ApiRouter.PATH_SIGNED_PREFIX)) {
            if (in.method().equals("GET")) {
                signed(in, ApiRouter.underV1(path), true, sink);
            } else {
                // Its signature covers neither method nor body, so a write signed this way could be altered.
                sink.send(routeLabel(in.method(), path), json(ApiResponse.error(ErrorCode.METHOD_NOT_ALLOWED,
                        "paths under /api/ answer GET only: their signature covers no body; send writes to /v1/"
                                + " with the X-Allocd-* signature (docs/http-api.md)")));
            }
        } else if (pages != null) {
            page(in, path, sink);
        } else {
            sink.send(HttpMetrics.UNMATCHED_ROUTE, notFound(path));
        }
    }

    /** routedPath: the path under /v1/ that answers (an /api/ path's twin). */
    private void signed(Incoming in, String routedPath, boolean pathScheme, ResponseSink sink) {
        RouteMatch match = router.match(in.method(), routedPath);
        String label = pathScheme ? ApiRouter.underApi(routeLabel(match)) : routeLabel(match);
        Authenticator.Signer signer;
        try {
            signer = authenticator.authenticate(in, pathScheme);
        } catch (ApiException refused) {
            log.info("refused {} {} from {} with key {}: {}", in.method(), in.uri(), in.remote(),
                    in.header(pathScheme ? Authenticator.PATH_KEY_HEADER : Authenticator.KEY_HEADER), refused.code().code());
            sink.send(label, json(refused.toResponse()));
            return;
        }
        if (match instanceof RouteMatch.WrongMethod wrong && pathScheme) {
            sink.send(label, json(ApiResponse.error(ErrorCode.METHOD_NOT_ALLOWED, in.rawPath() + " is a write: send it"
                    + " as " + String.join(" or ", wrong.allowed()) + " " + routedPath + " with the X-Allocd-* signature,"
                    + " which covers the body (docs/http-api.md)")));
        } else if (match instanceof RouteMatch.WrongMethod wrong) {
            sink.send(label, wrongMethod(wrong.allowed()));
        } else if (match instanceof RouteMatch.Found found) {
            Map<String, List<String>> query = new LinkedHashMap<>(new QueryStringDecoder(in.uri()).parameters());
            query.remove(NONCE_PARAM);
            ApiRequest request = new ApiRequest(signer.user(), signer.actAs() == null ? null : signer.key().userName(),
                    signer.key().keyId(), in.method(), in.rawPath(), found.pathParams(), query, in.body(),
                    in.header(Incoming.IDEMPOTENCY_KEY_HEADER));
            // The timeout starts now, so a request stuck in the executor's queue is answered too.
            CompletableFuture<ApiResponse> result = new CompletableFuture<>();
            result.orTimeout(routeTimeoutMillis, TimeUnit.MILLISECONDS)
                    .whenComplete((response, failure) -> sink.send(label, json(settle(request, response, failure))));
            try {
                routeExecutor.execute(() -> run(found.route(), request, result));
            } catch (RejectedExecutionException full) {
                result.complete(ApiResponse.error(ErrorCode.BUSY, "the server is answering as many requests as it can; retry in a few seconds"));
            }
        } else {
            sink.send(label, notFound(in.rawPath()));
        }
    }

    /** A page: the handler's answer, or a plain 500 or 503 when it fails or takes longer than a route may. */
    private void page(Incoming in, String path, ResponseSink sink) {
        Map<String, String> headers = new LinkedHashMap<>();
        in.pageHeaders().forEach(h -> headers.merge(h.getKey().toLowerCase(Locale.ROOT), h.getValue(), (a, b) -> a + ", " + b));
        PageRequest request = new PageRequest(in.method(), path, new QueryStringDecoder(in.uri()).parameters(),
                headers, in.body(), in.peer());
        CompletableFuture<PageResponse> answer;
        try {
            answer = pages.handle(request);
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        answer.orTimeout(routeTimeoutMillis, TimeUnit.MILLISECONDS).whenComplete((response, failure) -> {
            if (failure == null && response.rest() != null) {
                HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(response.status()));
                head.headers().set(HttpHeaderNames.CONTENT_TYPE, response.contentType());
                HttpUtil.setTransferEncodingChunked(head, true);
                response.headers().forEach(h -> head.headers().add(h.getKey(), h.getValue()));
                sink.stream(PAGES_ROUTE, head, response.body(), response.rest());
                return;
            }
            if (failure == null) {
                FullHttpResponse full = HttpResponses.bytes(response.status(), response.contentType(), response.body());
                response.headers().forEach(h -> full.headers().add(h.getKey(), h.getValue()));
                sink.send(PAGES_ROUTE, full);
                return;
            }
            boolean late = failure instanceof TimeoutException || failure.getCause() instanceof TimeoutException;
            if (!late) {
                log.error("page {} {} failed", in.method(), path, failure);
            }
            sink.send(PAGES_ROUTE, HttpResponses.bytes(late ? 503 : 500, "text/plain; charset=utf-8",
                    (late ? "the page took too long; try again in a moment" : "the page failed; the daemon log says why")
                            .getBytes(StandardCharsets.UTF_8)));
        });
    }

    /** Runs on the route executor; whatever the route does, {@code result} is completed. */
    private static void run(ApiRoute route, ApiRequest request, CompletableFuture<ApiResponse> result) {
        try {
            CompletableFuture<ApiResponse> answer = route.handle(request);
            if (answer == null) {
                throw new IllegalStateException("route for " + request.method() + " " + request.path() + " returned null instead of a future");
            }
            answer.whenComplete((response, failure) -> {
                if (failure != null) {
                    result.completeExceptionally(failure);
                } else {
                    result.complete(response);
                }
            });
        } catch (Throwable t) { // an Error too: the client must get its 500 and the connection must not hang
            result.completeExceptionally(t);
        }
    }

    private ApiResponse settle(ApiRequest request, ApiResponse response, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause == null && response != null) {
            return response;
        }
        if (cause instanceof ApiException refused) {
            return refused.toResponse();
        }
        if (cause instanceof TimeoutException) {
            log.warn("{} {} for {} did not answer within {} ms", request.method(), request.path(), request.principal(), routeTimeoutMillis);
            return ApiResponse.error(ErrorCode.ROUTE_TIMEOUT, request.method() + " " + request.path() + " did not answer within "
                    + routeTimeoutMillis + " ms; the server is overloaded or stuck, retry later and tell the site admin if it lasts");
        }
        log.error("{} {} for {} failed", request.method(), request.path(), request.principal(),
                cause != null ? cause : new IllegalStateException("route completed with no response"));
        return ApiResponse.error(ErrorCode.INTERNAL, "the server failed while answering " + request.method() + " "
                + request.path() + "; the daemon log has the details, please report it to the site admin");
    }

    private FullHttpResponse health() {
        List<String> problems;
        try {
            problems = health.problems();
        } catch (RuntimeException e) {
            log.warn("health check failed: {}", e.toString());
            problems = List.of("the health check itself failed: " + e);
        }
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        if (problems.isEmpty()) {
            body.put("status", "ok");
            return json(ApiResponse.ok(body));
        }
        body.put("status", "unhealthy");
        ArrayNode list = body.putArray("problems");
        problems.forEach(list::add);
        return json(new ApiResponse(503, body));
    }

    private FullHttpResponse metrics() {
        return HttpResponses.bytes(200, MetricsRegistry.CONTENT_TYPE, registry.render().getBytes(StandardCharsets.UTF_8));
    }

    private static FullHttpResponse notFound(String path) {
        return json(ApiResponse.error(ErrorCode.NOT_FOUND, "no such path: " + path + "; the API is under " + ApiRouter.PREFIX
                + " (its GETs also under " + ApiRouter.PATH_SIGNED_PREFIX + "), see /v1/openapi.json or docs/http-api.md"
                + " for its paths"));
    }

    private static FullHttpResponse wrongMethod(Set<String> allowed) {
        String allow = String.join(", ", allowed);
        FullHttpResponse response = json(ApiResponse.error(ErrorCode.METHOD_NOT_ALLOWED, "this path only answers " + allow));
        response.headers().set(HttpHeaderNames.ALLOW, allow);
        return response;
    }

    /** A bounded metrics label for a path: a route template, an ops path or "unmatched". */
    private String routeLabel(String method, String path) {
        if (path.equals(HEALTH_PATH) || path.equals(METRICS_PATH) || router.published(path) != null) {
            return path;
        }
        if (path.startsWith(ApiRouter.PATH_SIGNED_PREFIX)) {
            return ApiRouter.underApi(routeLabel(router.match(method, ApiRouter.underV1(path))));
        }
        if (path.startsWith(ApiRouter.PREFIX)) {
            return routeLabel(router.match(method, path));
        }
        return pages != null ? PAGES_ROUTE : HttpMetrics.UNMATCHED_ROUTE;
    }

    private static String routeLabel(RouteMatch match) {
        if (match instanceof RouteMatch.Found found) {
            return found.template();
        }
        if (match instanceof RouteMatch.WrongMethod wrong) {
            return wrong.template();
        }
        return HttpMetrics.UNMATCHED_ROUTE;
    }
}
