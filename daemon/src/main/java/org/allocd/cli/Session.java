package org.allocd.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * One allocmgr invocation: the connection, the output choices, the
 * confirmation prompt, and one idempotency key per invocation (a retried
 * command line with the same key is applied once by the daemon).
 */
final class Session {
    private final AdminClient client;
    final OutputFormat format;
    final boolean header;
    private final boolean immediate;
    private final BufferedReader in;
    private final boolean terminal;
    final PrintWriter out;
    final PrintWriter err;
    /** Read when first needed: the JDK's time-zone data costs a one-shot call more than most views take. */
    private final Supplier<ZoneId> zone;
    /** The environment: where allocmgr.conf is (for the Slurm side of add, import and check). */
    final Map<String, String> env;
    /** Made at the first write: a random UUID starts the JDK's SecureRandom, which a read does not need. */
    private String invocationKey;
    private int requests;

    Session(AdminClient client, OutputFormat format, boolean header, boolean immediate, BufferedReader in,
            boolean terminal, PrintWriter out, PrintWriter err, Supplier<ZoneId> zone,
            Map<String, String> env) {
        this.client = client;
        this.format = format;
        this.header = header;
        this.immediate = immediate;
        this.in = in;
        this.terminal = terminal;
        this.out = out;
        this.err = err;
        this.zone = zone;
        this.env = env;
    }

    static ObjectNode request(String op) {
        return JsonNodeFactory.instance.objectNode().put("op", op);
    }

    /** Sends the request; a refusal by the daemon becomes Refused with its message. */
    ObjectNode ask(ObjectNode request) {
        ObjectNode answer = client.ask(request);
        if (!answer.path("ok").asBoolean(false)) {
            throw new Refused(answer.path("message").asText("allocd refused the request")
                    + " [" + answer.path("error").asText("error") + "]");
        }
        return answer;
    }

    /** A write: carries this invocation's key (one per write within it). */
    ObjectNode write(ObjectNode request) {
        if (invocationKey == null) {
            invocationKey = "allocmgr:" + UUID.randomUUID();
        }
        request.put("key", invocationKey + ":" + (++requests));
        return ask(request);
    }

    /** Money-moving and destructive verbs go ahead only after -i or a "y" typed on a terminal. */
    void confirm(String what) {
        if (immediate) {
            return;
        }
        if (!terminal) {
            throw new Refused("not going to " + what + " without confirmation, and there is no terminal to ask on;"
                    + " add -i (--immediate) to go ahead");
        }
        err.print(what + ". Go ahead? (y/N): ");
        err.flush();
        String reply;
        try {
            reply = in.readLine();
        } catch (IOException e) {
            reply = null;
        }
        if (reply == null || !(reply.trim().toLowerCase(Locale.ROOT).equals("y")
                || reply.trim().toLowerCase(Locale.ROOT).equals("yes"))) {
            throw new Refused("not confirmed; nothing changed");
        }
    }

    /** Standard input, whole: a file given as "-" (the confirmation cannot be typed there, so -i is needed). */
    java.util.List<String> standardInput() {
        if (!immediate) {
            throw new UsageException("reading the file from standard input leaves no way to confirm; add -i");
        }
        return in.lines().toList();
    }

    /** What a write did: its detail line, or the whole answer as JSON. */
    void done(ObjectNode answer) {
        if (format == OutputFormat.JSON) {
            out.println(Table.json(answer));
        } else {
            out.println(answer.path("detail").asText("done"));
        }
        out.flush();
    }

    /** A note under the rows (null: none); on stderr, so -P and --csv output stays clean rows. */
    void footer(String note) {
        if (note != null && format != OutputFormat.JSON) {
            err.println("allocmgr: " + note);
            err.flush();
        }
    }

    ZoneId zone() {
        return zone.get();
    }

    void rows(Table table, JsonNode answer, String formatColumns) {
        if (format == OutputFormat.JSON) {
            out.println(Table.json(answer));
            out.flush();
            return;
        }
        table.write(out, (ArrayNode) answer.get("rows"), formatColumns, format, header, zone);
        if (answer.path("truncated").asBoolean(false)) {
            footer("only the first rows are shown; narrow the view with start=, end= or account=");
        }
    }
}
