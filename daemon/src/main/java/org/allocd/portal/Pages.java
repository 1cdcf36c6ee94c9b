package org.allocd.portal;

import static org.allocd.portal.Html.el;
import static org.allocd.portal.Html.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.allocd.cli.ExportStream;
import org.allocd.cli.Exports;
import org.allocd.http.PageResponse;

/** Which page a path names, for a signed-in visit; a post changes one thing and goes back to its page. */
final class Pages {
    private final Downloads downloads;

    Pages(Downloads downloads) {
        this.downloads = downloads;
    }

    PageResponse answer(Visit v, boolean get) {
        List<String> at = segments(v.request.path());
        if (get) {
            return show(v, at, Html.EMPTY, 200);
        }
        if (at.equals(List.of("admin", "verify"))) {
            // verify changes nothing: its answer is shown on the admin page, not kept for a redirect.
            return show(v, List.of("admin"), AdminPages.verify(v), 200);
        }
        String back;
        try {
            back = change(v, at);
        } catch (Refused refused) {
            if (refused.status == 403 || refused.status == 404 && !isForm(at)) {
                throw refused;
            }
            // The op refused the form's values: the same page again, saying why; nothing was changed.
            return show(v, back(at), el("p", Html.attrs("class", "error", "role", "alert"), text(refused.getMessage())),
                    refused.status);
        }
        return Reply.redirect(Html.query(back, "done", "1"), List.of());
    }

    private PageResponse show(Visit v, List<String> at, Html notice, int status) {
        Html saved = v.param("done") != null
                ? el("p", Html.attrs("class", "notice", "role", "status"), text(v.m.t("form.saved"))) : notice;
        String first = at.isEmpty() ? "" : at.get(0);
        Html page = switch (first) {
            case "" -> DashboardPage.render(v);
            case "jobs" -> at.size() == 1 ? JobsPage.render(v, null) : null;
            case "quote" -> QuotePage.render(v);
            case "prices" -> at.size() == 1 ? PricesPage.render(v) : null;
            case "usage" -> at.size() == 1 ? UsagePage.mine(v) : null;
            case "notify" -> at.size() == 1 ? NotifyPage.mine(v, saved) : null;
            case "accounts" -> account(v, at, saved);
            case "admin" -> admin(v, at, saved);
            default -> null;
        };
        if (page == null) {
            PageResponse download = download(v, at);
            if (download != null) {
                return download;
            }
            throw new Refused(404, v.m.t("problem.noPage", v.request.path()));
        }
        return Reply.page(status, page, List.of());
    }

    private Html account(Visit v, List<String> at, Html notice) {
        if (at.size() < 2) {
            return null;
        }
        String account = at.get(1);
        if (at.size() == 2) {
            return AccountPage.render(v, account, notice);
        }
        return at.size() != 3 ? null : switch (at.get(2)) {
            case "jobs" -> JobsPage.render(v, account);
            case "records" -> RecordsPage.recordsPage(v, account);
            case "bill" -> RecordsPage.billPage(v, account);
            case "usage" -> UsagePage.byUser(v, account);
            case "storage" -> StoragePage.render(v, account);
            case "alerts" -> NotifyPage.account(v, account, notice);
            default -> null;
        };
    }

    private Html admin(Visit v, List<String> at, Html notice) {
        if (!v.caller.admin()) {
            throw new Refused(403, v.m.t("error.adminOnly", v.caller.user()));
        }
        if (at.size() == 1) {
            return AdminPages.overview(v, notice);
        }
        return at.size() != 2 ? null : switch (at.get(1)) {
            case "finance" -> AdminPages.finance(v, notice);
            case "journal" -> AdminPages.journal(v);
            case "statistics" -> StatisticsPage.render(v);
            case "rates" -> RatesPage.render(v);
            case "health" -> HealthPage.render(v);
            default -> null;
        };
    }

    /**
     * CSV and JSON of jobs, records, bill and journal: allocmgr's own output of the same op's answer; jobs and
     * journal lines of every page the filters reach, a page at a time (Downloads).
     */
    private PageResponse download(Visit v, List<String> at) {
        String last = at.isEmpty() ? "" : at.get(at.size() - 1);
        int dot = last.lastIndexOf('.');
        if (dot < 0) {
            return null;
        }
        String format = last.substring(dot + 1);
        if (!format.equals("csv") && !format.equals("json")) {
            return null;
        }
        String name = last.substring(0, dot);
        boolean csv = format.equals("csv");
        ZoneId zone = ZoneId.systemDefault();
        if (at.size() == 1 && name.equals("jobs") || at.size() == 3 && at.get(0).equals("accounts") && name.equals("jobs")) {
            String account = at.size() == 1 ? null : at.get(1);
            return downloads.of(v, last, csv, cursor -> JobsPage.page(v, account, cursor, null),
                    ExportStream.jobs(csv, zone));
        } else if (at.size() == 3 && at.get(0).equals("accounts") && name.equals("records")) {
            return downloads.of(v, last, csv, cursor -> RecordsPage.exportPage(v, at.get(1), cursor),
                    ExportStream.journal(csv, zone));
        } else if (at.size() == 2 && at.get(0).equals("admin") && name.equals("journal")) {
            return downloads.of(v, last, csv, cursor -> RecordsPage.exportPage(v, v.param("account"), cursor),
                    ExportStream.journal(csv, zone));
        } else if (at.size() == 3 && at.get(0).equals("accounts") && name.equals("bill")) {
            JsonNode answer = RecordsPage.bill(v, at.get(1));
            String text = csv ? Exports.billCsv(answer, zone) : Exports.json(answer);
            return Reply.bytes(200, csv ? "text/csv; charset=utf-8" : "application/json; charset=utf-8",
                    text.getBytes(StandardCharsets.UTF_8),
                    List.of(Map.entry("Content-Disposition", "attachment; filename=\"" + last + "\"")));
        }
        return null;
    }

    /** Applies a form; returns the page to go back to. */
    private String change(Visit v, List<String> at) {
        String path = "/" + String.join("/", at);
        if (at.size() == 3 && at.get(0).equals("accounts") && at.get(2).equals("members")) {
            AccountPage.saveMember(v, at.get(1));
            return Html.path("accounts", at.get(1));
        }
        if (at.size() == 4 && at.get(0).equals("accounts") && at.get(2).equals("members") && at.get(3).equals("remove")) {
            AccountPage.removeMember(v, at.get(1));
            return Html.path("accounts", at.get(1));
        }
        if (at.size() == 4 && at.get(0).equals("accounts") && at.get(2).equals("members") && at.get(3).equals("block")) {
            AccountPage.blockMember(v, at.get(1));
            return Html.path("accounts", at.get(1));
        }
        if (at.size() == 3 && at.get(0).equals("accounts") && at.get(2).equals("alerts")) {
            NotifyPage.saveAccount(v, at.get(1));
            return Html.path("accounts", at.get(1), "alerts");
        }
        if (path.equals("/notify")) {
            NotifyPage.saveMine(v);
            return "/notify";
        }
        if (path.equals("/admin/state")) {
            AdminPages.setState(v);
            return "/admin";
        }
        if (at.size() == 3 && at.get(0).equals("admin") && at.get(1).equals("finance")) {
            AdminPages.money(v, at.get(2));
            return "/admin/finance";
        }
        throw new Refused(404, v.m.t("problem.noPage", path));
    }

    private static boolean isForm(List<String> at) {
        return !at.isEmpty() && (at.get(0).equals("accounts") || at.get(0).equals("admin") || at.get(0).equals("notify"));
    }

    /** The page a form lives on. */
    private static List<String> back(List<String> at) {
        if (at.size() == 3 && at.get(0).equals("accounts") && at.get(2).equals("alerts")) {
            return at;
        }
        if (!at.isEmpty() && (at.get(0).equals("accounts") || at.get(0).equals("notify"))) {
            return at.subList(0, Math.min(2, at.size()));
        }
        return at.size() >= 2 && at.get(1).equals("finance") ? List.of("admin", "finance") : List.of("admin");
    }

    private static List<String> segments(String path) {
        return Arrays.stream(path.split("/")).filter(s -> !s.isEmpty())
                .map(s -> URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8)).toList();
    }
}
