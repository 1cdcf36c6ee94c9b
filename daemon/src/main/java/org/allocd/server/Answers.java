package org.allocd.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.allocd.errors.ErrorCode;

/** Builds the answer objects the transport itself sends. */
final class Answers {
    /** Error text longer than this is cut, so an error frame always fits any socket's limit. */
    static final int MAX_MESSAGE_CHARS = 400;

    private Answers() {}

    static ObjectNode error(JsonCodec codec, JsonNode id, ErrorCode code, String message) {
        ObjectNode answer = codec.newObject();
        if (id != null) {
            answer.set("id", id);
        }
        answer.put("ok", false);
        answer.put("error", code.code());
        answer.put("message", message.length() <= MAX_MESSAGE_CHARS
                ? message
                : message.substring(0, MAX_MESSAGE_CHARS) + "...");
        return answer;
    }

    /** The handler's answer with the request's id first and "ok":true unless it says otherwise. */
    static ObjectNode success(JsonCodec codec, JsonNode id, ObjectNode handlerAnswer) {
        ObjectNode answer = codec.newObject();
        if (id != null) {
            answer.set("id", id);
        }
        if (!handlerAnswer.has("ok")) {
            answer.put("ok", true);
        }
        handlerAnswer.properties().forEach(field -> {
            if (!field.getKey().equals("id")) {
                answer.set(field.getKey(), field.getValue());
            }
        });
        return answer;
    }
}
