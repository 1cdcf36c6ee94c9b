package org.allocd.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An operation's request and answer, field by field, kept in its registry entry beside its handler so that
 * what is published about an op (the HTTP API's OpenAPI document) is made from the same line as its route.
 * An answer names its top-level fields (each there where it applies); objects inside it (figures, rows) are
 * described in docs/protocol.md. Every write also takes "key", its idempotency key, which no shape repeats.
 */
public record Shape(List<Field> request, List<Field> answer) {
    /** The JSON types of fields. */
    public enum Type { STRING, INTEGER, BOOLEAN, STRINGS, INTEGERS, OBJECT, OBJECTS }

    /** One field: its name, JSON type and whether a request must carry it (answers always carry theirs). */
    public record Field(String name, Type type, boolean required) {}

    private static final Pattern SPEC = Pattern.compile("([a-z][a-z0-9_]*)(\\??)(?::(int|bool|strings|ints|object|objects))?");

    /** The answer of a view: its rows and whether they were cut at the row limit. */
    static final List<Field> ROWS = fields("rows:objects", "truncated:bool");
    /** The answer of every write: what the ledger did, and whether it was a replay of the same key. */
    static final List<Field> RESULT = fields("amount_micro_su:int", "amount_su", "detail", "replayed:bool");

    public Shape {
        request = List.copyOf(request);
        answer = List.copyOf(answer);
    }

    /** A view answered with rows. */
    static Shape rows(String... request) {
        return new Shape(fields(request), ROWS);
    }

    /** A write, answered with its result. */
    static Shape result(String... request) {
        return new Shape(fields(request), RESULT);
    }

    /** An answer with these fields; pair with {@link #in}. */
    static Shape object(List<Field> request, String... answer) {
        return new Shape(request, fields(answer));
    }

    static List<Field> in(String... request) {
        return fields(request);
    }

    /**
     * Fields as written in the registry: "account" a required string, "note?" an optional one, and a type
     * after a colon: ":int", ":bool", ":strings", ":ints", ":object", ":objects". Answer fields take no "?".
     */
    static List<Field> fields(String... specs) {
        List<Field> fields = new ArrayList<>();
        for (String spec : specs) {
            Matcher m = SPEC.matcher(spec);
            if (!m.matches()) {
                throw new IllegalArgumentException("field spec '" + spec + "' is not name[?][:type]");
            }
            fields.add(new Field(m.group(1), type(m.group(3)), m.group(2).isEmpty()));
        }
        return List.copyOf(fields);
    }

    private static Type type(String word) {
        if (word == null) {
            return Type.STRING;
        }
        return switch (word) {
            case "int" -> Type.INTEGER;
            case "bool" -> Type.BOOLEAN;
            case "strings" -> Type.STRINGS;
            case "ints" -> Type.INTEGERS;
            case "object" -> Type.OBJECT;
            default -> Type.OBJECTS;
        };
    }
}
