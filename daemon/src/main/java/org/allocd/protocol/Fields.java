package org.allocd.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** Reads a request's fields with bounds, or refuses with a message naming the field and what it takes. */
final class Fields {
    private static final int MAX_TEXT_CHARS = 1000;
    private static final int MAX_LIST_ITEMS = 4096;

    private Fields() {}

    static String text(ObjectNode request, String name) {
        String value = optionalText(request, name);
        if (value == null || value.isEmpty()) {
            throw new BadRequest("field '" + name + "' is required");
        }
        return value;
    }

    static String optionalText(ObjectNode request, String name) {
        JsonNode node = request.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual() || node.textValue().length() > MAX_TEXT_CHARS) {
            throw new BadRequest("field '" + name + "' must be a string of at most " + MAX_TEXT_CHARS + " characters");
        }
        return node.textValue();
    }

    static long number(ObjectNode request, String name, long min, long max) {
        JsonNode node = request.get(name);
        if (node == null || node.isNull()) {
            throw new BadRequest("field '" + name + "' is required");
        }
        return bounded(name, node, min, max);
    }

    static long optionalNumber(ObjectNode request, String name, long absent, long min, long max) {
        JsonNode node = request.get(name);
        return node == null || node.isNull() ? absent : bounded(name, node, min, max);
    }

    static Long nullableNumber(ObjectNode request, String name, long min, long max) {
        JsonNode node = request.get(name);
        return node == null || node.isNull() ? null : bounded(name, node, min, max);
    }

    private static long bounded(String name, JsonNode node, long min, long max) {
        if (!node.isIntegralNumber() || !node.canConvertToLong() || node.longValue() < min || node.longValue() > max) {
            throw new BadRequest("field '" + name + "' must be a whole number from " + min + " to " + max
                    + ", got " + node);
        }
        return node.longValue();
    }

    static boolean flag(ObjectNode request, String name, boolean absent) {
        JsonNode node = request.get(name);
        if (node == null || node.isNull()) {
            return absent;
        }
        if (!node.isBoolean()) {
            throw new BadRequest("field '" + name + "' must be true or false, got " + node);
        }
        return node.booleanValue();
    }

    static List<String> texts(ObjectNode request, String name) {
        JsonNode node = request.get(name);
        List<String> values = new ArrayList<>();
        if (node == null || node.isNull()) {
            return values;
        }
        if (!node.isArray() || node.size() > MAX_LIST_ITEMS) {
            throw new BadRequest("field '" + name + "' must be a list of at most " + MAX_LIST_ITEMS + " strings");
        }
        for (JsonNode item : node) {
            if (!item.isTextual()) {
                throw new BadRequest("field '" + name + "' must hold only strings, got " + item);
            }
            values.add(item.textValue());
        }
        return values;
    }
}
