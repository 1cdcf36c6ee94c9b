package org.allocd.http;

import java.util.Map;
import java.util.Set;

/** What the router found for a method and path. */
sealed interface RouteMatch {
    record Found(String template, ApiRoute route, Map<String, String> pathParams) implements RouteMatch {}

    /** The path exists but not for this method; {@code allowed} goes into the Allow header. */
    record WrongMethod(String template, Set<String> allowed) implements RouteMatch {}

    record NotFound() implements RouteMatch {}
}
