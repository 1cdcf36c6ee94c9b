package org.allocd.protocol;

import com.fasterxml.jackson.databind.ObjectMapper;
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
import org.allocd.figures.AccountFigures;
import org.allocd.figures.Figures;
import org.allocd.jobs.JobAccounting;
import org.allocd.ledger.Account;
import org.allocd.ledger.Allocation;
import org.allocd.billing.BillNote;
import org.allocd.ledger.Job;
import org.allocd.ledger.JobArray;
import org.allocd.ledger.JournalEntry;
import org.allocd.ledger.JournalFilter;
import org.allocd.ledger.JournalKind;
import org.allocd.ledger.JournalSeek;
import org.allocd.ledger.Ledger;
import org.allocd.ledger.LedgerException;
import org.allocd.ledger.LedgerView;
import org.allocd.ledger.Refusal;
import org.allocd.ledger.Membership;
import org.allocd.ledger.Role;
import org.allocd.ledger.User;
import org.allocd.report.Forecast;
import org.allocd.report.ProjectSummary;
import org.allocd.report.UserCharge;

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
    private static final long MAX_MILLIS = 253_402_300_800_000L; // year 10000
    /** How the views name an account's pot (docs/numbers.md). */
    static final String POT_KIND = "refunds and adjustments";
    static final ObjectMapper JSON = WireJson.MAPPER;

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

    /**
     * A job key as given ("cluster/jobid/restart"), or the one run the bank has of this Slurm job id ("1234") or
     * array element as Slurm names it ("31_1": element 1 of array 31).
     */
    String jobKey(String job) {
        if (job.contains("/")) {
            return job;
        }
        Optional<JobArray> element = JobArray.parseElement(job);
        List<Job> found;
        if (element.isPresent()) {
            found = ledger.read(view -> view.jobsOfArrayElement(element.get()));
        } else if (!job.isEmpty() && job.chars().allMatch(ch -> ch >= '0' && ch <= '9') && job.length() <= 18) {
            found = ledger.read(view -> view.jobsNumbered(Long.parseLong(job)));
        } else {
            throw new BadRequest("job '" + job + "' is not a Slurm job id (1234), an array element as Slurm names it"
                    + " (31_1: element 1 of array 31) or a key cluster/jobid/restart");
        }
        if (found.isEmpty()) {
            throw new LedgerException(Refusal.UNKNOWN_JOB, "the bank has no record of job " + job
                    + (element.isPresent() ? " (element " + element.get().taskId() + " of array "
                            + element.get().arrayJobId() + ")" : ""));
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
        String user = Fields.optionalText(r, "user");
        long nowMillis = ledger.nowMillis();
        return ledger.read(view -> rows(new MemberUseRows(view, nowMillis).all(names(view), (accountId, name) -> {
            boolean mine = name.equals(c.user()) && readable.contains(accountId);
            return (coordinated.contains(accountId) || mine) && (user == null || user.equals(name));
        }), false));
    }

    ObjectNode allocations(Caller c, ObjectNode r) {
        List<Account> accounts = visible(c, Fields.optionalText(r, "account"), Role.MEMBER);
        return ledger.read(view -> {
            ArrayNode rows = JSON.createArrayNode();
            for (Account a : accounts) {
                for (Allocation al : view.allocations(a.id())) {
                    if (al.pot()) {
                        // The pot is internal: where refunds and adjustments go. Shown only when it holds money,
                        // by what it holds, without the window it does not have.
                        if (al.remainingMicroSu() != 0) {
                            rows.addObject().put("id", al.id()).put("account", a.name())
                                    .put("kind", POT_KIND).putNull("amount_micro_su")
                                    .put("remaining_micro_su", al.remainingMicroSu()).putNull("starts_at_ms")
                                    .putNull("ends_at_ms").put("expired", false);
                        }
                        continue;
                    }
                    ObjectNode row = rows.addObject().put("id", al.id()).put("account", a.name())
                            .put("kind", "allocation").put("amount_micro_su", al.amountMicroSu())
                            .put("remaining_micro_su", al.remainingMicroSu()).put("starts_at_ms", al.startsAtMillis());
                    nullable(row, "ends_at_ms", al.endsAtMillis());
                    row.put("expired", al.expired());
                }
            }
            return rows(rows, false);
        });
    }

    /** Each account's balance row, with its members' use against their limits as the caller may see it. */
    ObjectNode balances(Caller c, ObjectNode r) {
        long nowMillis = ledger.nowMillis();
        List<Account> accounts = visible(c, Fields.optionalText(r, "account"), Role.MEMBER);
        Set<Long> coordinated = ids(visible(c, Fields.optionalText(r, "account"), Role.COORDINATOR));
        return ledger.read(view -> {
            MemberUseRows members = new MemberUseRows(view, nowMillis);
            ArrayNode rows = JSON.createArrayNode();
            for (Account a : accounts) {
                rows.add(balanceRow(view, a, nowMillis, members, coordinated.contains(a.id()), c));
            }
            return rows(rows, false);
        });
    }

    /** One account's balance row now, as {@link #balances} gives it. */
    ObjectNode balanceOf(Caller c, String account) {
        long nowMillis = ledger.nowMillis();
        boolean coordinates = c.admin() || ledger.authority(c.user(), account).orElse(null) == Role.COORDINATOR;
        return ledger.read(view -> Replies.ok().setAll(balanceRow(view, named(view, account), nowMillis,
                new MemberUseRows(view, nowMillis), coordinates, c)));
    }

    /** Its own figures and its subtree's since the ledger began, the forecast, and the members the caller sees. */
    private ObjectNode balanceRow(LedgerView view, Account a, long nowMillis, MemberUseRows members,
            boolean coordinates, Caller c) {
        return (ObjectNode) balanceRow(view, a, nowMillis).set("members", members.members(a, coordinates, c.user()));
    }

    private ObjectNode balanceRow(LedgerView view, Account a, long nowMillis) {
        AccountFigures figures = AccountFigures.of(view, a, 0, nowMillis + 1, nowMillis);
        ObjectNode row = JSON.createObjectNode().put("account", a.name())
                .put("parent", a.parentId() == null ? null : view.accountById(a.parentId()).map(Account::name).orElse(null))
                .put("state", a.state().sqlName()).put("description", a.description())
                .put("organization", a.organization());
        row.set("own", JSON.valueToTree(figures.own()));
        row.set("subtree", JSON.valueToTree(figures.subtree()));
        row.set("forecast", JSON.valueToTree(Forecast.outlook(view, a, figures.subtree().availableMicroSu(), nowMillis,
                forecastDays.getAsLong())));
        return row;
    }

    /** Charges by user; a plain member sees only their own row. */
    ObjectNode jobcharge(Caller c, ObjectNode r) {
        String account = Fields.text(r, "account");
        boolean all = c.admin() || ledger.authority(c.user(), account).orElse(null) == Role.COORDINATOR;
        long from = from(r);
        long to = to(r);
        long nowMillis = ledger.nowMillis();
        return ledger.read(view -> {
            Account a = named(view, account);
            Figures figures = AccountFigures.of(view, a, from, to, nowMillis).subtree();
            ArrayNode rows = JSON.createArrayNode();
            for (UserCharge u : figures.chargesByUser()) {
                if (all || u.user().equals(c.user())) {
                    rows.add(JSON.valueToTree(u));
                }
            }
            return rows(rows, false).put("account", a.name()).put("from_ms", figures.fromMillis())
                    .put("to_ms", figures.toMillis());
        });
    }

    /** The caller's own accounts as NCSA's `accounts` shows them; an admin may name another user. */
    ObjectNode projectSummary(Caller c, ObjectNode r) {
        String user = Fields.optionalText(r, "user");
        String who = user == null ? c.user() : user;
        long nowMillis = ledger.nowMillis();
        return ledger.read(view -> {
            ArrayNode rows = JSON.createArrayNode();
            ProjectSummary.of(view, who, nowMillis).forEach(line -> rows.add(JSON.valueToTree(line)));
            return rows(rows, false).put("user", who);
        });
    }

    /**
     * The figures of one account over a period (month=YYYY-MM, or from_ms/to_ms): its subtree's unless
     * own=yes, with each account's own figures under "accounts".
     */
    ObjectNode statement(ObjectNode r) {
        String account = Fields.text(r, "account");
        String month = Fields.optionalText(r, "month");
        if (month != null && (r.has("from_ms") || r.has("to_ms"))) {
            throw new BadRequest("give either month= or start=/end=, not both");
        }
        long from = month == null ? from(r) : BillNote.monthStartMillis(BillNote.month(month));
        long to = month == null ? to(r) : BillNote.monthEndMillis(month);
        if (to <= from) {
            throw new BadRequest("the statement must end after it starts; check start= and end=");
        }
        boolean own = yes(r, "own");
        long nowMillis = ledger.nowMillis();
        return ledger.read(view -> {
            AccountFigures figures = AccountFigures.of(view, named(view, account), from, to,
                    nowMillis);
            ObjectNode answer = Replies.ok();
            answer.setAll((ObjectNode) JSON.valueToTree(own ? figures.own() : figures.subtree()));
            if (!own) {
                answer.set("accounts", JSON.valueToTree(figures.accounts()));
            }
            return answer;
        });
    }

    /** A yes/no field: absent is no. */
    static boolean yes(ObjectNode r, String field) {
        String value = Fields.optionalText(r, field);
        if (value == null || value.equals("no")) {
            return false;
        }
        if (value.equals("yes")) {
            return true;
        }
        throw new BadRequest(field + "=" + value + " is not yes or no");
    }

    /** Deposits: the journal lines of kind DEPOSIT. */
    ObjectNode payments(ObjectNode r) {
        return transactions(r, JournalKind.DEPOSIT);
    }

    /**
     * Journal lines, of one account's subtree or (admins) of all, in id order, a page of at most 'limit' at a
     * time: 'cursor' (an earlier answer's next_cursor or previous_cursor) goes on from the line that page ended
     * (or started) at, by index range. Each cursor is there only when lines lie that way.
     */
    ObjectNode transactions(ObjectNode r, JournalKind only) {
        String op = only == null ? "transactions" : "payments";
        String account = Fields.optionalText(r, "account");
        JournalFilter filter = new JournalFilter(from(r), to(r),
                only != null ? only : kind(Fields.optionalText(r, "kind")), Fields.optionalText(r, "user"));
        JournalSeek seek = JournalCursor.parse(Fields.optionalText(r, "cursor"), op);
        int limit = (int) Fields.optionalNumber(r, "limit", MAX_ROWS, 1, MAX_ROWS);
        return ledger.read(view -> {
            Map<Long, String> names = names(view);
            Long accountId = account == null ? null : named(view, account).id();
            List<JournalEntry> lines = view.journalPage(accountId, filter, seek, limit + 1);
            boolean moreBeyond = lines.size() > limit;
            boolean backwards = seek != null && !seek.after();
            List<JournalEntry> page = !moreBeyond ? lines
                    : backwards ? lines.subList(1, lines.size()) : lines.subList(0, limit);
            ArrayNode rows = JSON.createArrayNode();
            for (JournalEntry e : page) {
                rows.addObject().put("id", e.id()).put("at_ms", e.atMillis()).put("kind", e.kind().name())
                        .put("account", names.get(e.accountId())).put("user", e.userName()).put("job", e.jobKey())
                        .put("amount_micro_su", e.amountMicroSu()).put("actor", e.actor()).put("note", e.note());
            }
            // The side the page was not read from: a read of one line says whether any lies there.
            boolean later = backwards ? !page.isEmpty() && !view.journalPage(accountId, filter,
                    new JournalSeek(page.get(page.size() - 1).id(), true), 1).isEmpty() : moreBeyond;
            boolean earlier = backwards ? moreBeyond : !page.isEmpty() && seek != null && !view.journalPage(
                    accountId, filter, new JournalSeek(page.get(0).id(), false), 1).isEmpty();
            ObjectNode answer = rows(rows, later || earlier);
            answer.put("next_cursor", later ? JournalCursor.of(new JournalSeek(page.get(page.size() - 1).id(), true))
                    : null);
            answer.put("previous_cursor", earlier ? JournalCursor.of(new JournalSeek(page.get(0).id(), false)) : null);
            return answer;
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

    /** The account of this name; unknown_account, as every op answers for a name the bank does not know. */
    static Account named(LedgerView view, String name) {
        return view.account(name).orElseThrow(() -> new LedgerException(Refusal.UNKNOWN_ACCOUNT, "account '" + name
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
        return Fields.optionalNumber(r, "from_ms", 0, 0, MAX_MILLIS);
    }

    static long to(ObjectNode r) {
        return Fields.optionalNumber(r, "to_ms", MAX_MILLIS, 0, MAX_MILLIS);
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
