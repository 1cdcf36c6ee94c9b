package org.allocd.protocol;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;
import org.allocd.access.Access;
import org.allocd.access.Caller;
import org.allocd.fallback.FallbackRows;
import org.allocd.jobs.JobAccounting;
import org.allocd.ledger.Account;
import org.allocd.ledger.Allocation;
import org.allocd.ledger.Job;
import org.allocd.ledger.JournalEntry;
import org.allocd.ledger.JournalKind;
import org.allocd.ledger.Ledger;
import org.allocd.ledger.LedgerView;
import org.allocd.ledger.Membership;
import org.allocd.ledger.Role;
import org.allocd.ledger.User;
import org.allocd.report.BalanceRow;
import org.allocd.report.Balances;
import org.allocd.report.Forecast;
import org.allocd.report.ProjectSummary;
import org.allocd.report.Statement;
import org.allocd.report.Statements;
import org.allocd.report.UserCharge;
import org.allocd.report.UserCharges;

/**
 * The admin protocol's read ops behind allocmgr's views. Each answer is
 * {"ok":true,"rows":[...]} with amounts in exact micro-SU and times in epoch ms.
 * Admins see everything; coordinators their subtree; members their own
 * accounts and, where rows belong to users, only their own rows.
 */
final class ReportRequests {
    /**
     * Bounds every answer; a view that would pass it says so with "truncated". 2,000 rows of the
     * widest view (transactions, about 190 bytes a row with a short note) stay well inside the admin
     * socket's 1 MiB answer: 10,000 did not, so show jobs over a busy account failed outright.
     */
    static final int MAX_ROWS = 2_000;
    private static final long MAX_MS = 253_402_300_800_000L; // year 10000
    static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    private final Ledger ledger;
    private final Access access;
    private final LongSupplier forecastDays;
    private final JobReports jobReports;

    ReportRequests(Ledger ledger, Access access, LongSupplier forecastDays, JobAccounting accounting, SlurmQueue slurm) {
        this.ledger = ledger;
        this.access = access;
        this.forecastDays = forecastDays;
        this.jobReports = new JobReports(ledger, accounting, slurm, this);
    }

    ObjectNode jobs(Caller c, ObjectNode r) {
        return jobReports.jobs(c, r);
    }

    ObjectNode charges(Caller c, ObjectNode r) {
        return jobReports.charges(c, r);
    }

    /** A job key as given ("cluster/jobid/restart"), or the one job with this Slurm job id. */
    String jobKey(String job) {
        if (job.contains("/")) {
            return job;
        }
        long id;
        try {
            id = Long.parseLong(job);
        } catch (NumberFormatException e) {
            throw new BadRequest("job '" + job + "' is neither a Slurm job id nor a key cluster/jobid/restart");
        }
        List<Job> found = ledger.read(view -> view.jobsNumbered(id));
        if (found.isEmpty()) {
            throw new BadRequest("the bank has no record of job " + job);
        }
        if (found.size() > 1) {
            throw new BadRequest("job " + job + " matches " + found.size() + " runs ("
                    + String.join(", ", found.stream().map(Job::jobKey).toList()) + "); name one as cluster/jobid/restart");
        }
        return found.get(0).jobKey();
    }

    ObjectNode accounts(Caller c, ObjectNode r) {
        List<Account> accounts = visible(c, Fields.optionalText(r, "account"), Role.MEMBER);
        return ledger.read(view -> {
            Map<Long, String> names = names(view);
            ArrayNode rows = JSON.createArrayNode();
            for (Account a : accounts) {
                var fallback = view.rows(FallbackRows.class).fallbackOf(a.id());
                rows.addObject().put("account", a.name()).put("parent", names.get(a.parentId()))
                        .put("state", a.state().sqlName()).put("description", a.description())
                        .put("organization", a.organization()).put("credit_limit_micro_su", a.creditLimitMicroSu())
                        .put("fallback", fallback.map(f -> names.get(f.fallbackAccountId())).orElse(null))
                        .put("fallback_qos", fallback.map(f -> f.qos()).orElse(null));
            }
            return rows(rows, false);
        });
    }

    ObjectNode users(Caller c) {
        Set<Long> coordinated = c.admin() ? Set.of() : ids(visible(c, null, Role.COORDINATOR));
        return ledger.read(view -> {
            Map<Long, String> names = names(view);
            Set<Long> shown = new HashSet<>();
            for (Membership m : view.memberships()) {
                if (coordinated.contains(m.accountId())) {
                    shown.add(m.userId());
                }
            }
            ArrayNode rows = JSON.createArrayNode();
            for (User u : view.users()) {
                if (c.admin() || u.name().equals(c.user()) || shown.contains(u.id())) {
                    ObjectNode row = rows.addObject().put("user", u.name())
                            .put("default_account", names.get(u.defaultAccountId()));
                    if (u.uid() == null) {
                        row.putNull("uid");
                    } else {
                        row.put("uid", u.uid());
                    }
                }
            }
            return rows(rows, false);
        });
    }

    ObjectNode memberships(Caller c, ObjectNode r) {
        Set<Long> readable = ids(visible(c, Fields.optionalText(r, "account"), Role.MEMBER));
        Set<Long> coordinated = ids(visible(c, Fields.optionalText(r, "account"), Role.COORDINATOR));
        return ledger.read(view -> {
            Map<Long, String> names = names(view);
            Map<Long, String> users = new HashMap<>();
            view.users().forEach(u -> users.put(u.id(), u.name()));
            String user = Fields.optionalText(r, "user");
            ArrayNode rows = JSON.createArrayNode();
            for (Membership m : view.memberships()) {
                String name = users.get(m.userId());
                boolean mine = name.equals(c.user()) && readable.contains(m.accountId());
                if ((coordinated.contains(m.accountId()) || mine) && (user == null || user.equals(name))) {
                    ObjectNode row = rows.addObject().put("account", names.get(m.accountId())).put("user", name)
                            .put("role", m.role().sqlName());
                    nullable(row, "limit_micro_su", m.limitMicroSu());
                }
            }
            return rows(rows, false);
        });
    }

    ObjectNode allocations(Caller c, ObjectNode r) {
        List<Account> accounts = visible(c, Fields.optionalText(r, "account"), Role.MEMBER);
        return ledger.read(view -> {
            ArrayNode rows = JSON.createArrayNode();
            for (Account a : accounts) {
                for (Allocation al : view.allocations(a.id())) {
                    ObjectNode row = rows.addObject().put("id", al.id()).put("account", a.name()).put("pot", al.pot())
                            .put("amount_micro_su", al.amountMicroSu()).put("remaining_micro_su", al.remainingMicroSu())
                            .put("starts_at_ms", al.startsAtMs());
                    nullable(row, "ends_at_ms", al.endsAtMs());
                    row.put("expired", al.expired());
                }
            }
            return rows(rows, false);
        });
    }

    ObjectNode balances(Caller c, ObjectNode r) {
        long nowMs = ledger.nowMs();
        long days = forecastDays.getAsLong();
        List<Account> accounts = visible(c, Fields.optionalText(r, "account"), Role.MEMBER);
        return ledger.read(view -> {
            ArrayNode rows = JSON.createArrayNode();
            for (Account a : accounts) {
                BalanceRow row = Balances.of(view, a, nowMs);
                ObjectNode json = JSON.valueToTree(row);
                nullable(json, "runout_at_ms", Forecast.runoutMs(view, a.id(), row.availableMicroSu(), nowMs, days));
                rows.add(json);
            }
            return rows(rows, false);
        });
    }

    /** Charges by user; a plain member sees only their own row. */
    ObjectNode jobcharge(Caller c, ObjectNode r) {
        String account = Fields.text(r, "account");
        boolean all = c.admin() || ledger.authority(c.user(), account).orElse(null) == Role.COORDINATOR;
        long from = from(r);
        long to = to(r);
        return ledger.read(view -> {
            Account a = named(view, account);
            ArrayNode rows = JSON.createArrayNode();
            for (UserCharge u : UserCharges.of(view.journalSumsOfSubtree(a.id(), from, to))) {
                if (all || u.user().equals(c.user())) {
                    rows.add(JSON.valueToTree(u));
                }
            }
            return rows(rows, false).put("account", a.name()).put("from_ms", from).put("to_ms", to);
        });
    }

    /** The caller's own accounts as NCSA's `accounts` shows them; an admin may name another user. */
    ObjectNode projectSummary(Caller c, ObjectNode r) {
        String user = Fields.optionalText(r, "user");
        String who = user == null ? c.user() : user;
        long nowMs = ledger.nowMs();
        return ledger.read(view -> {
            ArrayNode rows = JSON.createArrayNode();
            ProjectSummary.of(view, who, nowMs).forEach(line -> rows.add(JSON.valueToTree(line)));
            return rows(rows, false).put("user", who);
        });
    }

    ObjectNode statement(ObjectNode r) {
        String account = Fields.text(r, "account");
        long from = from(r);
        long to = to(r);
        if (to <= from) {
            throw new BadRequest("the statement must end after it starts; check start= and end=");
        }
        return ledger.read(view -> {
            Account a = named(view, account);
            Statement s = Statements.of(a.name(), a.id(), from, to, view.journalBalanceBeforeMicroSu(a.id(), from),
                    view.journalSumsOfSubtree(a.id(), from, to));
            ObjectNode answer = Replies.ok();
            answer.setAll((ObjectNode) JSON.valueToTree(s));
            return answer;
        });
    }

    /** Deposits: the journal lines of kind DEPOSIT. */
    ObjectNode payments(ObjectNode r) {
        return transactions(r, JournalKind.DEPOSIT);
    }

    /** Journal lines, of one account's subtree or (admins) of all. */
    ObjectNode transactions(ObjectNode r, JournalKind only) {
        String account = Fields.optionalText(r, "account");
        JournalKind kind = only != null ? only : kind(Fields.optionalText(r, "kind"));
        long from = from(r);
        long to = to(r);
        return ledger.read(view -> {
            Map<Long, String> names = names(view);
            List<JournalEntry> lines = account == null ? view.journal(from, to, kind, MAX_ROWS + 1)
                    : view.journalOfSubtree(named(view, account).id(), from, to, kind, MAX_ROWS + 1);
            ArrayNode rows = JSON.createArrayNode();
            for (JournalEntry e : lines.subList(0, Math.min(lines.size(), MAX_ROWS))) {
                rows.addObject().put("id", e.id()).put("at_ms", e.atMs()).put("kind", e.kind().name())
                        .put("account", names.get(e.accountId())).put("user", e.userName()).put("job", e.jobKey())
                        .put("amount_micro_su", e.amountMicroSu()).put("actor", e.actor()).put("note", e.note());
            }
            return rows(rows, lines.size() > MAX_ROWS);
        });
    }

    /**
     * The accounts the caller holds at least this role over (admins: all), or
     * just the named one, refused with the role needed when the caller lacks it.
     * Called outside ledger.read: the role checks are reads of their own, and
     * nesting them would hold two pooled connections per request.
     */
    List<Account> visible(Caller c, String named, Role needed) {
        if (named != null) {
            Account a = ledger.read(view -> named(view, named));
            if (needed == Role.COORDINATOR) {
                return holds(c, a.name(), needed) ? List.of(a) : List.of();
            }
            access.requireReader(c, a.name(), "reading " + a.name());
            return List.of(a);
        }
        return ledger.read(LedgerView::accounts).stream().filter(a -> holds(c, a.name(), needed)).toList();
    }

    static Account named(LedgerView view, String name) {
        return view.account(name).orElseThrow(() -> new BadRequest("account '" + name
                + "' does not exist; list accounts with 'allocmgr show account'"));
    }

    private boolean holds(Caller c, String account, Role needed) {
        if (c.admin()) {
            return true;
        }
        Optional<Role> role = ledger.authority(c.user(), account);
        return role.isPresent() && (needed == Role.MEMBER || role.get() == Role.COORDINATOR);
    }

    static Set<Long> ids(List<Account> accounts) {
        Set<Long> ids = new HashSet<>();
        accounts.forEach(a -> ids.add(a.id()));
        return ids;
    }

    static Map<Long, String> names(LedgerView view) {
        Map<Long, String> names = new HashMap<>();
        view.accounts().forEach(a -> names.put(a.id(), a.name()));
        return names;
    }

    private static JournalKind kind(String text) {
        if (text == null) {
            return null;
        }
        try {
            return JournalKind.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadRequest("kind '" + text + "' is not a journal kind; use one of "
                    + Arrays.toString(JournalKind.values()).toLowerCase(Locale.ROOT));
        }
    }

    static long from(ObjectNode r) {
        return Fields.optionalNumber(r, "from_ms", 0, 0, MAX_MS);
    }

    static long to(ObjectNode r) {
        return Fields.optionalNumber(r, "to_ms", MAX_MS, 0, MAX_MS);
    }

    private static void nullable(ObjectNode row, String field, Long value) {
        if (value == null) {
            row.putNull(field);
        } else {
            row.put(field, value);
        }
    }

    static ObjectNode rows(ArrayNode rows, boolean truncated) {
        ObjectNode answer = Replies.ok();
        answer.set("rows", rows);
        return answer.put("truncated", truncated);
    }
}
