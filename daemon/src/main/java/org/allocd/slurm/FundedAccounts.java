package org.allocd.slurm;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The accounts whose available money an admin request (docs/protocol.md) may
 * have raised, so their held jobs are looked at right after it succeeds
 * instead of at the next sweep. A refund names a job, not an account: the
 * sweep covers it.
 */
public final class FundedAccounts {
    private FundedAccounts() {}

    public static List<String> of(JsonNode request) {
        String op = request.path("op").asText("");
        return switch (op) {
            case "deposit", "adjust" -> text(request, "account");
            case "transfer" -> text(request, "to");
            case "modify_account", "set_account_state" -> text(request, "name");
            default -> List.of();
        };
    }

    private static List<String> text(JsonNode request, String field) {
        JsonNode v = request.get(field);
        return v != null && v.isTextual() && !v.asText().isBlank() ? List.of(v.asText()) : List.of();
    }
}
