package org.allocd.portal;

import static org.allocd.portal.Html.el;
import static org.allocd.portal.Html.text;

import java.util.ArrayList;
import java.util.List;

/** The frame of every page: language, navigation (what the person's roles reach), sign-out; and the bare pages. */
final class Layout {
    static final String STYLESHEET = "/static/portal.css";

    private Layout() {}

    static Html page(Visit v, String title, Html... content) {
        List<Html> nav = new ArrayList<>();
        nav.add(link("/", v.m.t("nav.dashboard")));
        nav.add(link("/jobs", v.m.t("nav.jobs")));
        nav.add(link("/quote", v.m.t("nav.quote")));
        for (String account : v.coordinated()) {
            nav.add(link(Html.path("accounts", account), v.m.t("nav.account", account)));
        }
        if (v.caller.admin()) {
            nav.add(link("/admin", v.m.t("nav.admin")));
            nav.add(link("/admin/finance", v.m.t("nav.finance")));
            nav.add(link("/admin/journal", v.m.t("nav.journal")));
            nav.add(link("/admin/statistics", v.m.t("nav.statistics")));
            nav.add(link("/admin/rates", v.m.t("nav.rates")));
            nav.add(link("/admin/health", v.m.t("nav.health")));
        }
        Html header = el("header", el("nav", Html.attrs("aria-label", v.m.t("nav.label")),
                        el("ul", Html.join(nav.stream().map(item -> el("li", item)).toList()))),
                el("div", Html.attrs("class", "who"), text(v.m.t("nav.signedInAs", v.caller.user())), text(" "),
                        languages(v.m),
                        el("form", Html.attrs("method", "post", "action", "/logout", "class", "inline"), v.hiddenFields(),
                                el("button", Html.attrs("type", "submit"), text(v.m.t("nav.logout"))))));
        List<Html> main = new ArrayList<>();
        main.add(el("h1", text(title)));
        main.addAll(List.of(content));
        return document(v.m, title, header, el("main", Html.join(main)));
    }

    static Html problem(Messages m, int status, String message) {
        String title = m.t(status == 403 ? "problem.forbidden" : status == 404 ? "problem.notFound"
                : status >= 500 ? "problem.server" : "problem.request");
        return bare(m, title, el("p", Html.attrs("class", "error", "role", "alert"), text(message)),
                el("p", link("/", m.t("nav.dashboard"))));
    }

    static Html signIn(Messages m) {
        return bare(m, m.t("signIn.title"), el("p", text(m.t("signIn.how"))), el("pre", text("allocmgr portal")),
                el("p", text(m.t("signIn.sso"))));
    }

    static Html linkRefused(Messages m) {
        return bare(m, m.t("signIn.refusedTitle"), el("p", Html.attrs("role", "alert"), text(m.t("signIn.refused"))),
                el("pre", text("allocmgr portal")));
    }

    static Html signedOut(Messages m) {
        return bare(m, m.t("signOut.title"), el("p", text(m.t("signOut.done"))));
    }

    static Html link(String href, String label) {
        return el("a", Html.attrs("href", href), text(label));
    }

    private static Html languages(Messages m) {
        return el("span", Html.attrs("class", "lang", "lang", "mul"),
                el("a", Html.attrs("href", "/lang?to=en", "hreflang", "en", "lang", "en"), text("English")), text(" | "),
                el("a", Html.attrs("href", "/lang?to=zh-CN", "hreflang", "zh-CN", "lang", "zh-CN"), text("简体中文")));
    }

    private static Html bare(Messages m, String title, Html... content) {
        List<Html> main = new ArrayList<>();
        main.add(el("h1", text(title)));
        main.addAll(List.of(content));
        return document(m, title, el("header", el("div", Html.attrs("class", "who"), languages(m))),
                el("main", Html.join(main)));
    }

    private static Html document(Messages m, String title, Html header, Html main) {
        return el("html", Html.attrs("lang", m.tag()),
                el("head", el("meta", Html.attrs("charset", "utf-8")),
                        el("meta", Html.attrs("name", "viewport", "content", "width=device-width, initial-scale=1")),
                        el("title", text(title + " - allocd")),
                        el("link", Html.attrs("rel", "stylesheet", "href", STYLESHEET))),
                el("body", header, main));
    }
}
