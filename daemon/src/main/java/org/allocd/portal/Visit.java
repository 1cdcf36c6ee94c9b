package org.allocd.portal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.allocd.access.Caller;
import org.allocd.errors.ErrorCode;
import org.allocd.http.PageRequest;
import org.allocd.protocol.AdminRequests;

/**
 * One request of a signed-in person: who they are, their language, their form, and {@link #ask}, which sends
 * an operation through the registry exactly as allocmgr would (same rule, same handler, same answer).
 */
final class Visit {
    /** A page waits this long for one operation; the HTTP route timeout is above it. */
    private static final long ASK_TIMEOUT_SECONDS = 20;

    final PageRequest request;
    final Messages m;
    final Sessions.Session session;
    final Caller caller;
    final Map<String, String> form;
    private final AdminRequests admin;
    private List<JsonNode> memberships;

    Visit(PageRequest request, Messages m, Sessions.Session session, Caller caller, Map<String, String> form,
            AdminRequests admin) {
        this.request = request;
        this.m = m;
        this.session = session;
        this.caller = caller;
        this.form = form;
        this.admin = admin;
    }

    /**
     * The op with these fields (name, value pairs: text, whole numbers or yes/no; null or empty values left
     * out), answered or refused.
     */
    ObjectNode ask(String op, Object... fields) {
        ObjectNode request = JsonNodeFactory.instance.objectNode().put("op", op);
        for (int i = 0; i < fields.length; i += 2) {
            String name = (String) fields[i];
            Object value = fields[i + 1];
            if (value instanceof Long number) {
                request.put(name, number);
            } else if (value instanceof Boolean flag) {
                request.put(name, flag);
            } else if (value != null && !value.toString().isEmpty()) {
                request.put(name, value.toString());
            }
        }
        return ask(request);
    }

    ObjectNode ask(ObjectNode request) {
        ObjectNode answer;
        try {
            answer = admin.handle(() -> caller, request).get(ASK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Refused(503, m.t("error.busy"));
        } catch (ExecutionException | TimeoutException e) {
            throw new Refused(503, m.t("error.busy"));
        }
        if (answer.path("ok").asBoolean(false)) {
            return answer;
        }
        throw new Refused(ErrorCode.of(answer.path("error").asText()).httpStatus(), answer.path("message").asText());
    }

    /** The caller's own memberships (account, role, limit), asked once per page. */
    List<JsonNode> memberships() {
        if (memberships == null) {
            List<JsonNode> rows = new ArrayList<>();
            ask("memberships", "user", caller.user()).path("rows").forEach(rows::add);
            memberships = rows;
        }
        return memberships;
    }

    /** The accounts the caller coordinates (each with its subtree). */
    List<String> coordinated() {
        return memberships().stream().filter(row -> row.path("role").asText().equals("coordinator"))
                .map(row -> row.path("account").asText()).toList();
    }

    /** A query parameter, or null. */
    String param(String name) {
        return request.queryParam(name).filter(v -> !v.isBlank()).map(String::strip).orElse(null);
    }

    /** A form field, or null. */
    String field(String name) {
        String value = form.get(name);
        return value == null || value.isBlank() ? null : value.strip();
    }

    /**
     * The hidden fields every form carries: the session's CSRF token, which a post from another site cannot know,
     * and a fresh idempotency key, so a form sent twice (a double click, a reload) changes the ledger once.
     */
    Html hiddenFields() {
        return Html.join(List.of(
                Html.el("input", Html.attrs("type", "hidden", "name", Portal.CSRF_FIELD, "value", session.csrfToken())),
                Html.el("input", Html.attrs("type", "hidden", "name", "key", "value", "portal:" + Tokens.fresh()))));
    }
}
