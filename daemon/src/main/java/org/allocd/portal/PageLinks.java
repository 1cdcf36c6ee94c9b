package org.allocd.portal;

import static org.allocd.portal.Html.el;
import static org.allocd.portal.Html.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The links between keyset pages (jobs, records, the journal): to the first page, and the op's previous and next
 * cursors, each with the page's filters kept.
 */
record PageLinks(String label, String first, String previous, String next) {
    /** The jobs listings: newest first. */
    static final PageLinks JOBS = new PageLinks("jobs.pages", "jobs.newest", "jobs.newer", "jobs.older");
    /** Journal lines: oldest first. */
    static final PageLinks LINES = new PageLinks("records.pages", "records.first", "records.earlier", "records.later");

    /** The nav for this answer; kept: the query parameters each link carries (name, value pairs). */
    Html of(Visit v, JsonNode answer, String... kept) {
        List<Html> links = new ArrayList<>();
        if (v.param("cursor") != null) {
            links.add(Layout.link(at(v, null, kept), v.m.t(first)));
        }
        String before = answer.path("previous_cursor").asText(null);
        if (before != null) {
            links.add(el("a", Html.attrs("href", at(v, before, kept), "rel", "prev"), text(v.m.t(previous))));
        }
        String after = answer.path("next_cursor").asText(null);
        if (after != null) {
            links.add(el("a", Html.attrs("href", at(v, after, kept), "rel", "next"), text(v.m.t(next))));
        }
        List<Html> items = new ArrayList<>();
        for (Html link : links) {
            items.add(el("li", link));
        }
        return links.isEmpty() ? Html.EMPTY
                : el("nav", Html.attrs("class", "pages", "aria-label", v.m.t(label)), el("ul", Html.join(items)));
    }

    private static String at(Visit v, String cursor, String... kept) {
        String[] pairs = new String[kept.length * 2 + 2];
        for (int i = 0; i < kept.length; i++) {
            pairs[2 * i] = kept[i];
            pairs[2 * i + 1] = v.param(kept[i]);
        }
        pairs[pairs.length - 2] = "cursor";
        pairs[pairs.length - 1] = cursor;
        return Html.query(v.request.path(), pairs);
    }
}
