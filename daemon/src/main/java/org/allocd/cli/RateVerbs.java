package org.allocd.cli;

import java.util.List;

/** allocmgr's view of the rate versions: which prices were in effect when. */
final class RateVerbs {
    private static final String FORMAT = "format";
    private static final Table RATES = new Table(List.of(Column.text("Cluster", "cluster"),
            Column.number("Version", "version"), Column.time("Since", "effective_at_ms"),
            Column.time("Until", "until_ms"), Column.text("Rates", "rates")));

    private RateVerbs() {}

    static List<Verbs.Verb> all() {
        return List.of(new Verbs.Verb("show", "rates", List.of("rate"), "the rate versions: a job is charged by the"
                + " version its lien was placed at, whatever a reload changed since",
                Verbs.fields(FORMAT, Verbs.FORMAT_HELP),
                (s, w) -> {
                    w.noName();
                    s.rows(RATES, s.ask(Session.request("rates")), w.get(FORMAT));
                }));
    }
}
