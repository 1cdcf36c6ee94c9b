package org.allocd.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.allocd.protocol.Op;
import org.allocd.protocol.Registry;

/**
 * allocmgr's verbs made from the operation registry: 'call', which sends any admin operation, and a
 * plain view for each read operation whose allocmgr verb no hand-written verb provides. Each verb's
 * help lists the operations it sends, with who may call them.
 */
final class OperationVerbs {
    static final String CALL = "call";
    private static final String FIELDS = "fields";

    private OperationVerbs() {}

    /** 'call' and the views the hand-written verbs leave out; a write op must have a verb of its own. */
    static List<Verbs.Verb> all(List<Verbs.Verb> written) {
        Set<String> paths = new HashSet<>();
        written.forEach(verb -> paths.add(verb.path()));
        List<Verbs.Verb> made = new ArrayList<>(List.of(call()));
        for (Op op : Registry.all()) {
            if (op.door() == Op.Door.ADMIN && op.verb() != null && paths.add(op.verb())) {
                if (op.effect() != Op.Effect.READ) {
                    throw new IllegalStateException("op " + op.name() + " writes, so allocmgr needs a verb '"
                            + op.verb() + "' of its own that asks before it changes anything");
                }
                made.add(view(op));
            }
        }
        return made;
    }

    /** The help lines of the operations a verb sends ('call': every admin operation). */
    static List<String> asks(String path) {
        List<String> lines = new ArrayList<>();
        for (Op op : Registry.all()) {
            if (op.door() == Op.Door.ADMIN && (path.equals(CALL) || path.equals(op.verb()))) {
                lines.add(String.format("  %-20s %s; who: %s", op.name(), op.summary(), op.rule().describe()));
            }
        }
        return lines;
    }

    private static Verbs.Verb call() {
        return new Verbs.Verb(null, CALL, List.of(), "send one admin operation as it is named in docs/protocol.md,"
                + " its fields as a JSON object; prints the answer as JSON",
                Verbs.fields(FIELDS, "the request's fields, e.g. fields='{\"account\":\"proj\"}'"), (s, w) -> {
                    Op op = Registry.find(Op.Door.ADMIN, w.requiredName("op")).orElseThrow(() -> new UsageException(
                            "'" + w.requiredName("op") + "' is not an admin operation; see allocmgr call --help"));
                    ObjectNode request = fields(w.get(FIELDS));
                    request.put("op", op.name());
                    if (op.effect() == Op.Effect.WRITE) {
                        s.confirm("send " + op.name() + " " + w.get(FIELDS));
                        s.done(s.write(request));
                    } else {
                        s.out.println(Table.json(s.ask(request)));
                        s.out.flush();
                    }
                });
    }

    private static ObjectNode fields(String text) {
        if (text == null) {
            return JsonNodeFactory.instance.objectNode();
        }
        try {
            JsonNode node = JsonTree.read(text);
            if (node instanceof ObjectNode object) {
                return object;
            }
        } catch (Exception e) {
            // the usage message below says what is wanted
        }
        throw new UsageException("fields= takes one JSON object, e.g. fields='{\"account\":\"proj\"}', got " + text);
    }

    /** A read op's rows as a table whose columns are the rows' fields, in the order the daemon sends them. */
    private static Verbs.Verb view(Op op) {
        String[] words = op.verb().split(" ", 2);
        return new Verbs.Verb(words.length == 2 ? words[0] : null, words[words.length - 1], List.of(), op.summary(),
                Verbs.fields(Verbs.FORMAT, Verbs.FORMAT_HELP), (s, w) -> {
                    w.noName();
                    ObjectNode answer = s.ask(Session.request(op.name()));
                    s.rows(columnsOf(answer.path("rows")), answer, w.get(Verbs.FORMAT));
                });
    }

    private static Table columnsOf(JsonNode rows) {
        List<Column> columns = new ArrayList<>();
        if (rows instanceof ArrayNode list && !list.isEmpty()) {
            for (Iterator<String> names = list.get(0).fieldNames(); names.hasNext(); ) {
                String name = names.next();
                columns.add(Column.text(name, name));
            }
        }
        return new Table(columns);
    }
}
