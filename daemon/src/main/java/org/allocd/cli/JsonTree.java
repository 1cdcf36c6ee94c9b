package org.allocd.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.util.Map;

/**
 * allocmgr's JSON: Jackson's streaming parser and generator with its tree nodes, and no ObjectMapper. A first
 * ObjectMapper costs a one-shot call more than the rest of its Java (its date format pulls in the JDK's CLDR
 * calendar data); the trees read and written here are the same as ObjectMapper's readTree and writeValueAs.
 */
final class JsonTree {
    private static final JsonFactory FACTORY = new JsonFactory();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Deeper than any answer of allocd; a bound so a hostile peer cannot exhaust the stack. */
    private static final int MAX_DEPTH = 64;

    private JsonTree() {}

    /** The first JSON value in {@code bytes}, as ObjectMapper.readTree reads it. */
    static JsonNode read(byte[] bytes) throws IOException {
        try (JsonParser parser = FACTORY.createParser(bytes)) {
            return value(parser, parser.nextToken(), 0);
        }
    }

    static JsonNode read(String text) throws IOException {
        try (JsonParser parser = FACTORY.createParser(text)) {
            return value(parser, parser.nextToken(), 0);
        }
    }

    private static JsonNode value(JsonParser parser, JsonToken token, int depth) throws IOException {
        if (token == null) {
            throw new IOException("no JSON value");
        }
        if (depth > MAX_DEPTH) {
            throw new IOException("JSON nested deeper than " + MAX_DEPTH);
        }
        switch (token) {
            case START_OBJECT -> {
                ObjectNode object = NODES.objectNode();
                for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
                    object.set(name, value(parser, parser.nextToken(), depth + 1));
                }
                return object;
            }
            case START_ARRAY -> {
                ArrayNode array = NODES.arrayNode();
                for (JsonToken next = parser.nextToken(); next != JsonToken.END_ARRAY; next = parser.nextToken()) {
                    array.add(value(parser, next, depth + 1));
                }
                return array;
            }
            case VALUE_STRING -> {
                return NODES.textNode(parser.getText());
            }
            case VALUE_NUMBER_INT -> {
                return switch (parser.getNumberType()) {
                    case INT -> NODES.numberNode(parser.getIntValue());
                    case LONG -> NODES.numberNode(parser.getLongValue());
                    default -> NODES.numberNode(parser.getBigIntegerValue());
                };
            }
            case VALUE_NUMBER_FLOAT -> {
                return NODES.numberNode(parser.getDoubleValue());
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return NODES.booleanNode(token == JsonToken.VALUE_TRUE);
            }
            case VALUE_NULL -> {
                return NODES.nullNode();
            }
            default -> throw new IOException("unexpected JSON token " + token);
        }
    }

    /** Compact UTF-8 JSON, as allocd's protocol carries it. */
    static byte[] bytes(JsonNode node) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator generator = FACTORY.createGenerator(out)) {
            write(generator, node);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode JSON: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    /** The tree through the generator (JsonNode.serialize wants ObjectMapper's serializer context). */
    private static void write(JsonGenerator generator, JsonNode node) throws IOException {
        switch (node.getNodeType()) {
            case OBJECT -> {
                generator.writeStartObject();
                for (Map.Entry<String, JsonNode> field : node.properties()) {
                    generator.writeFieldName(field.getKey());
                    write(generator, field.getValue());
                }
                generator.writeEndObject();
            }
            case ARRAY -> {
                generator.writeStartArray();
                for (JsonNode element : node) {
                    write(generator, element);
                }
                generator.writeEndArray();
            }
            case STRING -> generator.writeString(node.textValue());
            case NUMBER -> {
                switch (node.numberType()) {
                    case INT, LONG -> generator.writeNumber(node.longValue());
                    case BIG_INTEGER -> generator.writeNumber(node.bigIntegerValue());
                    case BIG_DECIMAL -> generator.writeNumber(node.decimalValue());
                    case FLOAT -> generator.writeNumber(node.floatValue());
                    default -> generator.writeNumber(node.doubleValue());
                }
            }
            case BOOLEAN -> generator.writeBoolean(node.booleanValue());
            case NULL -> generator.writeNull();
            default -> throw new IOException("cannot write a JSON " + node.getNodeType() + " node");
        }
    }

    /** Indented JSON for people (ObjectMapper's INDENT_OUTPUT). */
    static String pretty(JsonNode node) {
        StringWriter out = new StringWriter();
        try (JsonGenerator generator = FACTORY.createGenerator(out).useDefaultPrettyPrinter()) {
            write(generator, node);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
        }
        return out.toString();
    }
}
