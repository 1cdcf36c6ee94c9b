package org.allocd.server;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Locale;

/** Turns payload bytes into request objects and answers into payload bytes, within hard limits. */
public final class JsonCodec {
    /** Requests are flat records; deep nesting only ever comes from a bug or an attack. */
    static final int MAX_NESTING_DEPTH = 32;
    /** Longer than any id, amount or count; keeps number parsing cheap. */
    static final int MAX_NUMBER_DIGITS = 64;

    private final JsonMapper mapper;

    public JsonCodec(int maxPayloadBytes) {
        StreamReadConstraints limits = StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING_DEPTH)
                .maxStringLength(maxPayloadBytes)
                .maxNameLength(maxPayloadBytes)
                .maxNumberLength(MAX_NUMBER_DIGITS)
                .maxDocumentLength(maxPayloadBytes)
                .build();
        this.mapper = JsonMapper.builder(JsonFactory.builder().streamReadConstraints(limits).build())
                // "{} x" is one object plus garbage, not one object.
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                // {"amount":1,"amount":2} has no single meaning; refuse it rather than pick one.
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                // Amounts such as 1.5 SU must reach the ledger exactly, never through a double.
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .build();
    }

    ObjectNode newObject() {
        return mapper.createObjectNode();
    }

    /** The payload as one JSON object, or a {@link BadRequestException} that says what is wrong. */
    public ObjectNode parseRequest(byte[] payload) {
        JsonNode node;
        try {
            node = mapper.readTree(payload);
        } catch (JsonProcessingException e) {
            throw new BadRequestException("payload is not valid JSON: " + e.getOriginalMessage() + at(e.getLocation()));
        } catch (IOException e) {
            throw new BadRequestException("payload could not be read: " + e.getMessage());
        }
        if (node == null || node.isMissingNode()) {
            throw new BadRequestException("payload is empty; send one JSON object such as {\"op\":\"ping\"}");
        }
        if (!node.isObject()) {
            throw new BadRequestException("payload must be one JSON object, got " + describe(node));
        }
        return (ObjectNode) node;
    }

    byte[] encode(ObjectNode answer) {
        try {
            return mapper.writeValueAsBytes(answer);
        } catch (JsonProcessingException e) {
            // A tree of plain nodes always serializes; reaching this is a bug in the caller's nodes.
            throw new IllegalStateException("answer could not be encoded as JSON: " + e.getOriginalMessage(), e);
        }
    }

    static String describe(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            case OBJECT -> "an object";
            default -> node.getNodeType().toString().toLowerCase(Locale.ROOT);
        };
    }

    private static String at(JsonLocation location) {
        return location == null || location.getLineNr() < 1
                ? ""
                : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    /** The payload is not a request; answered with "bad_request" and the connection stays open. */
    public static final class BadRequestException extends RuntimeException {
        BadRequestException(String message) {
            super(message, null, false, false);
        }
    }
}
