package org.allocd.alert;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One alert to deliver: key names it within the account (used:90, expiry:12,
 * runout) and is what "sent once" is recorded under; payload is the JSON the
 * alert command reads on stdin.
 */
record Alert(String account, String key, String kind, String message, ObjectNode payload) {
    /** The alert a payload describes (it carries account, key, alert and message). */
    static Alert of(ObjectNode payload) {
        return new Alert(payload.path("account").asText(), payload.path("key").asText(),
                payload.path("alert").asText(), payload.path("message").asText(), payload);
    }
}
