package org.allocd.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.allocd.cli.Verbs.Verb;

/** allocmgr's billing verbs: the monthly bill, billing rules, month close, storage import, fallback accounts. */
final class BillingVerbs {
    private static final Pattern MONTH = Pattern.compile("\\d{4}-(0[1-9]|1[0-2])");
    private static final Pattern PERCENT = Pattern.compile("-?\\d{1,4}(\\.\\d{1,4})?");
    private static final Pattern TIER = Pattern.compile("(\\d{1,10}(?:\\.\\d{1,6})?)@(\\d{1,2}(?:\\.\\d{1,6})?)");
    private static final String MONTH_HELP = "the month, YYYY-MM (UTC calendar month)";

    static final Table BILL = new Table(List.of(Column.text("Scope", "scope"),
            Column.text("Account", "account"), Column.text("Item", "item"), Column.text("Name", "name"),
            Column.su("Amount", "amount_micro_su"), Column.text("Detail", "detail").hidden()));
    private static final Table RULES = new Table(List.of(Column.text("Account", "account"),
            Column.text("Name", "name"), Column.text("Kind", "kind"), Column.text("Rule", "rule"),
            Column.su("Amount", "amount_micro_su").hidden(), Column.number("RatePpm", "rate_ppm").hidden()));

    private BillingVerbs() {}

    static List<Verb> all() {
        return List.of(
                new Verb(null, "bill", List.of(), "the month's bill of an account and its whole subtree (the same"
                        + " figures as statement month=, docs/numbers.md): each"
                        + " account's statement, charges by user and every billing line (--csv, --json)",
                        Verbs.fields("account", "the billing account (or give it bare)", "month", MONTH_HELP,
                                Verbs.FORMAT, Verbs.FORMAT_HELP),
                        BillingVerbs::bill),
                new Verb(null, "close-month", List.of(), "book the month's billing rules (fixed charges, discounts,"
                        + " percentages, free credit, tiers); a line already booked is kept (asks first)",
                        Verbs.fields("month", MONTH_HELP, "account", "only this account's rules",
                                "rule", "only the rule of this name (a fixed one may be booked before the month ends)"),
                        BillingVerbs::closeMonth),
                new Verb("import", "storage", List.of(), "charge filesets' storage for a month from a CSV file"
                        + " (" + StorageCsv.HEADER + "); all lines or none (asks first)",
                        Verbs.fields("file", "the CSV file (or give it bare); - reads standard input (with -i), e.g."
                                + " from the quota tool's output", "month", MONTH_HELP),
                        BillingVerbs::importStorage),
                new Verb("add", "billing", List.of(), "add (or replace) a billing rule booked at month close: give one"
                        + " of fixed=, percent=, credit=, tier=",
                        Verbs.fields("account", "the account", "name", "the rule's name, shown on the bill (or give it"
                                        + " bare)", "fixed", "SU a month: positive charges, negative is a discount",
                                "percent", "of the month's job charges of the subtree: 10 adds 10 %, -15 is a discount",
                                "credit", "free credit: up to this many SU of the month's charges given back",
                                "tier", "BAND@FACTOR: charges above BAND SU priced at FACTOR, e.g. 10000@0.8"),
                        BillingVerbs::addRule),
                new Verb("delete", "billing", List.of(), "remove a billing rule (lines booked stay; asks first)",
                        Verbs.fields("account", "the account", "name", "the rule (or give it bare)"),
                        (s, w) -> {
                            String name = w.requiredName("name");
                            s.confirm("remove billing rule " + name + " of " + w.required("account"));
                            s.done(s.write(Session.request("remove_billing_rule").put("account", w.required("account"))
                                    .put("name", name)));
                        }),
                new Verb("show", "billing", List.of(), "billing rules of the accounts you coordinate",
                        Verbs.fields("account", "one account (or give it bare)", Verbs.FORMAT, Verbs.FORMAT_HELP),
                        (s, w) -> s.rows(RULES, s.ask(Session.request("billing_rules")
                                .put("account", w.name("account"))), w.get(Verbs.FORMAT))));
    }

    /** Fields add/modify account take for a fallback. */
    static final String FALLBACK_HELP = "account charged when this one cannot cover a job (none removes it)";
    static final String FALLBACK_QOS_HELP = "QOS forced on jobs the fallback pays for, e.g. low";

    static boolean hasFallback(Words w) {
        return w.has("fallback") || w.has("fallback_qos");
    }

    /** The set_fallback request of add/modify account ... fallback=Y [fallback_qos=Q]; fallback=none removes it. */
    static ObjectNode fallbackRequest(Words w, String account) {
        String fallback = w.get("fallback");
        if (fallback == null) {
            throw new UsageException("fallback_qos= needs fallback=ACCOUNT too");
        }
        boolean none = fallback.equalsIgnoreCase("none");
        if (none && w.has("fallback_qos")) {
            throw new UsageException("fallback=none removes the fallback; give no fallback_qos= with it");
        }
        return Session.request("set_fallback").put("account", account).put("fallback", none ? null : fallback)
                .put("qos", w.get("fallback_qos"));
    }

    private static void bill(Session s, Words w) {
        ObjectNode answer = s.ask(Session.request("bill").put("account", w.requiredName("account"))
                .put("month", month(w)));
        if (s.format == OutputFormat.JSON) {
            s.rows(BILL, answer, w.get(Verbs.FORMAT));
            return;
        }
        s.rows(BILL, Verbs.withRows(answer, billRows(answer, s.zone())), w.get(Verbs.FORMAT));
    }

    /** The bill as rows: the subtree's statement with billing lines by meter, then each account's own. */
    static ArrayNode billRows(JsonNode answer, java.time.ZoneId zone) {
        ArrayNode rows = JsonNodeFactory.instance.arrayNode();
        statement(rows, "subtree", answer.get("total"), answer.get("lines"), true, zone);
        for (JsonNode account : answer.get("accounts")) {
            statement(rows, "own", account, answer.get("lines"), false, zone);
        }
        return rows;
    }

    /** One account's figures as rows; the subtree's billing lines are summed by meter, an account's listed by name. */
    private static void statement(ArrayNode rows, String scope, JsonNode figures, JsonNode lines, boolean byMeter,
            java.time.ZoneId zone) {
        String account = figures.get("account").asText();
        FigureRows.lines(figures, (item, name, amount) -> row(rows, scope, account, item, name, amount, null),
                (item, name, amount) -> {
                    long listed = 0;
                    if (byMeter) {
                        java.util.Map<String, Long> meters = new java.util.TreeMap<>();
                        lines.forEach(l -> meters.merge(l.get("meter").asText(), l.get("amount_micro_su").asLong(),
                                Long::sum));
                        for (var meter : meters.entrySet()) {
                            row(rows, scope, account, "billed", meter.getKey(), meter.getValue(), null);
                            listed += meter.getValue();
                        }
                    } else {
                        for (JsonNode l : lines) {
                            if (l.get("account").asText().equals(account)) {
                                row(rows, scope, account, "billed", l.get("meter").asText() + " " + l.get("name")
                                        .asText(), l.get("amount_micro_su").asLong(), l.get("detail").asText());
                                listed += l.get("amount_micro_su").asLong();
                            }
                        }
                    }
                    if (listed != amount) { // a line of another month booked in this one's span; never hidden
                        row(rows, scope, account, "billed", "other", amount - listed, null);
                    }
                }, zone);
    }

    private static void row(ArrayNode rows, String scope, String account, String item, String name, long amount,
            String detail) {
        rows.addObject().put("scope", scope).put("account", account).put("item", item).put("name", name)
                .put("amount_micro_su", amount).put("detail", detail);
    }

    private static void closeMonth(Session s, Words w) {
        w.noName();
        String month = month(w);
        s.confirm("book the billing rules of " + month + (w.has("account") ? " for " + w.get("account") : "")
                + (w.has("rule") ? " (rule " + w.get("rule") + ")" : ""));
        s.done(s.write(Session.request("close_month").put("month", month).put("account", w.get("account"))
                .put("rule", w.get("rule"))));
    }

    private static void importStorage(Session s, Words w) {
        String file = w.requiredName("file");
        String month = month(w);
        List<String> lines;
        try {
            lines = file.equals("-") ? s.standardInput() : Files.readAllLines(Path.of(file), StandardCharsets.UTF_8);
        } catch (IOException | java.io.UncheckedIOException | java.nio.file.InvalidPathException e) {
            throw new UsageException("cannot read " + file + ": " + e.getMessage());
        }
        ArrayNode uses = StorageCsv.parse(file, lines);
        s.confirm("charge the storage of " + uses.size() + " filesets for " + month);
        ObjectNode r = Session.request("import_storage").put("month", month);
        r.set("uses", uses);
        s.done(s.write(r));
    }

    private static void addRule(Session s, Words w) {
        String account = w.required("account");
        String name = w.requiredName("name");
        List<String> given = java.util.stream.Stream.of("fixed", "percent", "credit", "tier").filter(w::has).toList();
        if (given.size() != 1) {
            throw new UsageException("add billing takes exactly one of fixed=, percent=, credit=, tier=; got "
                    + (given.isEmpty() ? "none" : String.join(", ", given)));
        }
        String kind = given.get(0);
        String text = w.get(kind);
        ObjectNode r = Session.request("set_billing_rule").put("account", account).put("name", name).put("kind", kind);
        switch (kind) {
            case "fixed", "credit" -> r.put("amount_micro_su", Verbs.amount(text));
            case "percent" -> {
                if (!PERCENT.matcher(text).matches()) {
                    throw new UsageException("percent=" + text + " is not a percentage; write e.g. 10, -15 or 12.5"
                            + " (at most 4 decimals)");
                }
                r.put("rate_ppm", new BigDecimal(text).movePointRight(4).longValueExact());
            }
            default -> {
                Matcher m = TIER.matcher(text);
                if (!m.matches()) {
                    throw new UsageException("tier=" + text + " is not BAND@FACTOR; write e.g. 10000@0.8 (charges"
                            + " above 10000 SU a month priced at 0.8)");
                }
                r.put("amount_micro_su", Verbs.amount(m.group(1)))
                        .put("rate_ppm", new BigDecimal(m.group(2)).movePointRight(6).longValueExact());
            }
        }
        s.done(s.write(r));
    }

    private static String month(Words w) {
        String month = w.required("month");
        if (!MONTH.matcher(month).matches()) {
            throw new UsageException("month=" + month + " is not a month; write it as YYYY-MM, e.g. 2026-10");
        }
        return month;
    }
}
