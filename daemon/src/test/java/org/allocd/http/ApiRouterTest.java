package org.allocd.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class ApiRouterTest {
    private final ApiRoute balance = request -> CompletableFuture.completedFuture(null);
    private final ApiRoute statement = request -> CompletableFuture.completedFuture(null);
    private final ApiRoute transfer = request -> CompletableFuture.completedFuture(null);

    @Test
    void matchesLiteralPathsAndBindsParameters() {
        ApiRouter router = new ApiRouter()
                .get("/v1/balance", balance)
                .get("/v1/accounts/{account}/statement", statement);

        RouteMatch.Found found = assertInstanceOf(RouteMatch.Found.class, router.match("GET", "/v1/balance"));
        assertSame(balance, found.route());
        assertEquals(Map.of(), found.pathParams());

        found = assertInstanceOf(RouteMatch.Found.class, router.match("GET", "/v1/accounts/proj%2F1+x/statement"));
        assertSame(statement, found.route());
        assertEquals("/v1/accounts/{account}/statement", found.template());
        assertEquals(Map.of("account", "proj/1+x"), found.pathParams());
    }

    @Test
    void tellsWrongMethodFromUnknownPath() {
        ApiRouter router = new ApiRouter().get("/v1/balance", balance).post("/v1/balance", transfer);

        assertSame(transfer, assertInstanceOf(RouteMatch.Found.class, router.match("POST", "/v1/balance")).route());
        RouteMatch.WrongMethod wrong = assertInstanceOf(RouteMatch.WrongMethod.class, router.match("DELETE", "/v1/balance"));
        assertEquals(Set.of("GET", "POST"), wrong.allowed());
        assertInstanceOf(RouteMatch.NotFound.class, router.match("GET", "/v1/balance/"));
        assertInstanceOf(RouteMatch.NotFound.class, router.match("GET", "/v1//balance"));
        assertInstanceOf(RouteMatch.NotFound.class, router.match("GET", "/v1/balanc%"));
        assertInstanceOf(RouteMatch.NotFound.class, router.match("GET", "/v1/accounts"));
    }

    @Test
    void refusesBadTemplatesAndDoubleRegistration() {
        ApiRouter router = new ApiRouter().get("/v1/accounts/{account}", balance);

        assertThrows(IllegalArgumentException.class, () -> router.get("/balance", balance));
        assertThrows(IllegalArgumentException.class, () -> router.get("/v1/", balance));
        assertThrows(IllegalArgumentException.class, () -> router.get("/v1/a b", balance));
        assertThrows(IllegalArgumentException.class, () -> router.get("/v1/{x}/{x}", balance));
        assertThrows(IllegalArgumentException.class, () -> router.get("/v1/accounts/{account}", statement));
        IllegalArgumentException overlap = assertThrows(IllegalArgumentException.class,
                () -> router.get("/v1/accounts/me", statement));
        assertTrue(overlap.getMessage().contains("overlaps /v1/accounts/{account}"), overlap.getMessage());
        router.get("/v1/accounts/{account}/jobs", statement); // a longer path does not overlap
    }
}
