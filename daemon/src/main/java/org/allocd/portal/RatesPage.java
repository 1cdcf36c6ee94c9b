package org.allocd.portal;

import java.util.List;

/** The price versions ('show rates'): what each version charges, since and until when it was in effect. */
final class RatesPage {
    static final List<Cells.Column> VERSIONS = List.of(Cells.plain("admin.cluster", "cluster"),
            Cells.number("admin.version", "version"), Cells.time("admin.since", "effective_at_ms"),
            Cells.time("admin.until", "until_ms"), Cells.plain("admin.rates", "rates"));

    private RatesPage() {}

    static Html render(Visit v) {
        return Layout.page(v, v.m.t("admin.ratesTitle"),
                Cells.table(v.m, v.m.t("admin.ratesTitle"), VERSIONS, v.ask("rates").path("rows")));
    }
}
