package org.allocd.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The routes of the signed API, all under {@code /v1/}; the GET routes answer under {@code /api/}
 * too, for clients of the path-signed scheme. A template segment written
 * {@code {name}} matches any one segment and hands it to the route as a path parameter:
 * {@code router.get("/v1/accounts/{account}/statement", route)}. Routes may be added while
 * the server runs; lookups never lock. Besides the routes, fixed JSON documents may be published
 * at a path to anyone, unsigned: the API's own description, which clients need before they can sign.
 */
public final class ApiRouter {
    static final String PREFIX = "/v1/";
    static final String PATH_SIGNED_PREFIX = "/api/";

    private static final Pattern LITERAL = Pattern.compile("[A-Za-z0-9._~-]+");
    private static final Pattern PARAM = Pattern.compile("\\{([A-Za-z][A-Za-z0-9_]*)}");

    private record Template(String text, List<String> segments, Map<String, ApiRoute> routesByMethod) {
        boolean isParam(int i) {
            return segments.get(i).startsWith("{");
        }

        /** Two templates overlap when some path would match both. */
        boolean overlaps(Template other) {
            if (segments.size() != other.segments.size()) {
                return false;
            }
            for (int i = 0; i < segments.size(); i++) {
                if (!isParam(i) && !other.isParam(i) && !segments.get(i).equals(other.segments.get(i))) {
                    return false;
                }
            }
            return true;
        }
    }

    /** Replaced whole on every registration (copy on write), so lookups read a fixed list. */
    private volatile List<Template> templates = List.of();
    private volatile Map<String, ApiResponse> published = Map.of();

    public ApiRouter get(String pathTemplate, ApiRoute route) {
        return add("GET", pathTemplate, route);
    }

    public ApiRouter post(String pathTemplate, ApiRoute route) {
        return add("POST", pathTemplate, route);
    }

    /** The /v1/ path that answers an /api/ path. */
    static String underV1(String pathSignedPath) {
        return PREFIX + pathSignedPath.substring(PATH_SIGNED_PREFIX.length());
    }

    /** The /api/ twin of a /v1/ path or template; anything else as it is. */
    static String underApi(String v1Path) {
        return v1Path.startsWith(PREFIX) ? PATH_SIGNED_PREFIX + v1Path.substring(PREFIX.length()) : v1Path;
    }

    /** Serves body to GET path, unsigned; for documents that hold no secret and no account's data. */
    public synchronized ApiRouter publish(String path, ObjectNode body) {
        Map<String, ApiResponse> next = new HashMap<>(published);
        if (next.put(path, ApiResponse.ok(body)) != null) {
            throw new IllegalArgumentException(path + " is already published; publish each document once");
        }
        published = Map.copyOf(next);
        return this;
    }

    /** The document published at this path, or null. */
    ApiResponse published(String path) {
        return published.get(path);
    }

    /** Every route as "METHOD template", in the order registered: what the API's description must list. */
    public List<String> routes() {
        List<String> routes = new ArrayList<>();
        for (Template t : templates) {
            new TreeSet<>(t.routesByMethod.keySet()).forEach(method -> routes.add(method + " " + t.text));
        }
        return routes;
    }

    private synchronized ApiRouter add(String method, String pathTemplate, ApiRoute route) {
        if (route == null) {
            throw new IllegalArgumentException("route for " + method + " " + pathTemplate + " is null");
        }
        Template parsed = parse(pathTemplate);
        List<Template> next = new ArrayList<>();
        Template same = null;
        for (Template t : templates) {
            if (t.text.equals(pathTemplate)) {
                same = t;
            } else if (t.overlaps(parsed)) {
                throw new IllegalArgumentException("route template " + pathTemplate + " overlaps " + t.text
                        + ": some path would match both; make one of them differ in a fixed segment");
            } else {
                next.add(t);
            }
        }
        Map<String, ApiRoute> routes = new LinkedHashMap<>(same == null ? Map.of() : same.routesByMethod);
        if (routes.putIfAbsent(method, route) != null) {
            throw new IllegalArgumentException(method + " " + pathTemplate + " is already registered; register each route once");
        }
        next.add(new Template(pathTemplate, parsed.segments, Map.copyOf(routes)));
        templates = List.copyOf(next);
        return this;
    }

    private static Template parse(String pathTemplate) {
        if (pathTemplate == null || !pathTemplate.startsWith(PREFIX)) {
            throw new IllegalArgumentException("route template " + pathTemplate + " must start with " + PREFIX
                    + ": only paths under it are signed and routed");
        }
        List<String> segments = List.of(pathTemplate.substring(1).split("/", -1));
        TreeSet<String> paramNames = new TreeSet<>();
        for (String s : segments) {
            var param = PARAM.matcher(s);
            if (param.matches()) {
                if (!paramNames.add(param.group(1))) {
                    throw new IllegalArgumentException("route template " + pathTemplate + " uses {" + param.group(1) + "} twice");
                }
            } else if (!LITERAL.matcher(s).matches()) {
                throw new IllegalArgumentException("route template " + pathTemplate + " has segment '" + s
                        + "'; use letters, digits, '.', '_', '~', '-' or a {name} parameter, and no empty segments");
            }
        }
        return new Template(pathTemplate, segments, Map.of());
    }

    /** Looks up the route for a request path (as sent, without the query). */
    RouteMatch match(String method, String rawPath) {
        String[] rawSegments = rawPath.substring(1).split("/", -1);
        for (Template t : templates) {
            Map<String, String> params = bind(t, rawSegments);
            if (params == null) {
                continue;
            }
            ApiRoute route = t.routesByMethod.get(method);
            if (route == null) {
                return new RouteMatch.WrongMethod(t.text, new TreeSet<>(t.routesByMethod.keySet()));
            }
            return new RouteMatch.Found(t.text, route, params);
        }
        return new RouteMatch.NotFound();
    }

    /** The path parameters if the path matches the template, else null. */
    private static Map<String, String> bind(Template t, String[] rawSegments) {
        if (rawSegments.length != t.segments.size()) {
            return null;
        }
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < rawSegments.length; i++) {
            String value;
            try {
                // '+' is literal in a path (only forms use it for space), so keep it before decoding.
                value = QueryStringDecoder.decodeComponent(rawSegments[i].replace("+", "%2B"), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException badEscape) {
                return null;
            }
            if (t.isParam(i)) {
                if (value.isEmpty()) {
                    return null;
                }
                String segment = t.segments.get(i);
                params.put(segment.substring(1, segment.length() - 1), value);
            } else if (!t.segments.get(i).equals(value)) {
                return null;
            }
        }
        return params;
    }
}
