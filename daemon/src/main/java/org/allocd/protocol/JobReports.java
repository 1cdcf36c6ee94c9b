package org.allocd.protocol;

import static org.allocd.protocol.ReportRequests.JSON;
import static org.allocd.protocol.ReportRequests.MAX_ROWS;
import static org.allocd.protocol.ReportRequests.from;
import static org.allocd.protocol.ReportRequests.ids;
import static org.allocd.protocol.ReportRequests.named;
import static org.allocd.protocol.ReportRequests.names;
import static org.allocd.protocol.ReportRequests.rows;
import static org.allocd.protocol.ReportRequests.to;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.allocd.access.Caller;
import org.allocd.charge.JobRequest;
import org.allocd.jobs.JobAccounting;
import org.allocd.jobs.JobKey;
import org.allocd.jobs.JobRequests;
import org.allocd.ledger.Account;
import org.allocd.ledger.Job;
import org.allocd.ledger.JobArray;
import org.allocd.ledger.JobFilter;
import org.allocd.ledger.JobRecord;
import org.allocd.ledger.JobSeek;
import org.allocd.ledger.Ledger;
import org.allocd.ledger.LedgerView;
import org.allocd.ledger.LienState;
import org.allocd.ledger.Role;
import org.allocd.report.ChargeMeters;
import org.allocd.report.HeldFunds;
import org.allocd.report.JobRow;
import org.allocd.report.MeterRow;
import org.allocd.report.SlurmTres;
import org.allocd.slurm.PendingJob;
import org.allocd.slurm.SlurmException;

/**
 * The job views behind 'allocmgr show jobs' and 'allocmgr charges': the
 * bank's jobs with their request and Slurm times, the jobs Slurm still holds
 * pending, and charges by meter. Role rules as in ReportRequests.
 */
final class JobReports {
    private static final List<String> JOB_STATES = Arrays.stream(LienState.values()).map(LienState::sqlName).toList();
    /** The bank state of a job Slurm holds pending: it has no lien yet. */
    private static final String PENDING = "pending";

    /** A job listing's order: newest first (when the bank first saw the job), then by job key. */
    private static final Comparator<JobRecord> LISTING = Comparator.comparingLong(JobRecord::createdAtMillis)
            .reversed().thenComparing(record -> record.job().jobKey());

    private final Ledger ledger;
    private final JobAccounting accounting;
    private final SlurmQueue slurm;
    private final ReportRequests reports;

    JobReports(Ledger ledger, JobAccounting accounting, SlurmQueue slurm, ReportRequests reports) {
        this.ledger = ledger;
        this.accounting = accounting;
        this.slurm = slurm;
        this.reports = reports;
    }

    /**
     * Jobs of the accounts the caller may see, newest first, after the jobs
     * Slurm still holds pending (bank state "pending") when Slurm can be asked.
     * A member who coordinates none of the accounts sees only their own jobs.
     * A page holds at most 'limit' of the bank's jobs; 'cursor' (an earlier
     * answer's next_cursor or previous_cursor) goes on from where that page
     * ended, by index range; Slurm's pending jobs are on the first page only.
     */
    ObjectNode jobs(Caller c, ObjectNode r) {
        String account = Fields.optionalText(r, "account");
        String user = Fields.optionalText(r, "user");
        String state = Fields.optionalText(r, "state");
        if (state != null && !JOB_STATES.contains(state) && !state.equals(PENDING)) {
            throw new BadRequest("state '" + state + "' is not a job's bank state; use " + PENDING + " or one of "
                    + JOB_STATES);
        }
        JobSeek seek = JobCursor.parse(Fields.optionalText(r, "cursor"));
        int limit = (int) Fields.optionalNumber(r, "limit", MAX_ROWS, 1, MAX_ROWS);
        LienState lienState = state == null || state.equals(PENDING) ? null : LienState.fromSql(state);
        long from = from(r);
        long to = to(r);
        long nowMillis = ledger.nowMillis();
        Set<Long> coordinated = ids(reports.visible(c, null, Role.COORDINATOR));
        List<Account> readable = reports.visible(c, account, Role.MEMBER);
        // Slurm is asked before the read, so a slow slurmctld never holds a pooled connection.
        List<PendingJob> pending = List.of();
        String slurmProblem = null;
        boolean askSlurm = seek == null && (state == null || state.equals(PENDING));
        if (askSlurm) {
            try {
                pending = slurm.pendingJobs();
            } catch (SlurmException e) {
                slurmProblem = e.getMessage();
            }
        }
        List<PendingJob> pendingJobs = pending;
        String problem = slurmProblem;
        return ledger.read(view -> {
            Map<Long, String> names = names(view);
            Map<String, Long> idsByName = new HashMap<>();
            names.forEach((id, name) -> idsByName.put(name.toLowerCase(Locale.ROOT), id));
            Set<Long> scope = account != null ? ids(view.subtree(readable.get(0).id())) : ids(readable);
            List<JobRow> shown = new ArrayList<>();
            Map<String, HeldFunds> held = new HashMap<>();
            for (PendingJob p : pendingJobs) {
                // Slurm lower-cases account names; an account the bank does not know is for admins only.
                Long id = idsByName.get(p.account().toLowerCase(Locale.ROOT));
                boolean inScope = id == null ? c.admin() && account == null : scope.contains(id);
                boolean mayRead = c.admin() || coordinated.contains(id) || p.user().equals(c.user());
                long submitMillis = p.submitEpochSeconds() * 1000;
                if (inScope && mayRead && (user == null || user.equals(p.user())) && submitMillis >= from && submitMillis < to) {
                    JobRow row = JobRow.pending(p, slurm.cluster(), id == null ? p.account() : names.get(id), nowMillis);
                    if (id != null && row.quoteMicroSu() != null) {
                        held.put(row.job(), HeldFunds.of(view, view.accountById(id).orElseThrow(), nowMillis));
                    }
                    shown.add(row);
                }
            }
            shown.sort(Comparator.comparing((JobRow j) -> j.submitMillis()).reversed());
            // Slurm's pending jobs leave room for at least one of the bank's, and the bank's page only fills the
            // rest, so the answer is never cut after its cursor's row and paging on skips no job.
            boolean pendingCut = shown.size() > MAX_ROWS - 1;
            if (pendingCut) {
                shown.subList(MAX_ROWS - 1, shown.size()).clear();
            }
            int bankLimit = Math.min(limit, MAX_ROWS - shown.size());
            List<JobRecord> fetched = PENDING.equals(state) ? List.of()
                    : bankJobs(view, c, coordinated, account != null, readable, from, to, user, lienState, seek, bankLimit);
            boolean newer = seek != null && !seek.older();
            boolean moreBeyond = fetched.size() > bankLimit;
            // The limit rows nearest the seek: the newest of the older ones, or the oldest of the newer ones.
            List<JobRecord> page = !moreBeyond ? fetched
                    : newer ? fetched.subList(fetched.size() - bankLimit, fetched.size()) : fetched.subList(0, bankLimit);
            // A job a fallback account paid for also names the account it asked for (docs/billing.md).
            Map<String, String> requested = new HashMap<>();
            for (JobRecord record : page) {
                Job j = record.job();
                boolean mayRead = coordinated.contains(j.accountId()) || j.userName().equals(c.user());
                if (mayRead && (user == null || user.equals(j.userName()))
                        && (state == null || state.equals(j.lienState().sqlName()))) {
                    shown.add(ledgerRow(record, names.get(j.accountId()), nowMillis));
                    requested.put(j.jobKey(), record.requestedAccount());
                }
            }
            ArrayNode rows = JSON.createArrayNode();
            shown.forEach(row -> rows.add(((ObjectNode) JSON.valueToTree(row))
                    .put("requested_account", requested.get(row.job()))
                    .set("held_funds", held.containsKey(row.job()) ? JSON.valueToTree(held.get(row.job())) : null)));
            boolean olderExist = newer ? !page.isEmpty() : moreBeyond;
            boolean newerExist = !page.isEmpty() && (newer ? moreBeyond : seek != null);
            ObjectNode answer = rows(rows, pendingCut || olderExist);
            answer.put("next_cursor", olderExist ? JobCursor.of(seekFrom(page.get(page.size() - 1), true)) : null);
            answer.put("previous_cursor", newerExist ? JobCursor.of(seekFrom(page.get(0), false)) : null);
            if (!askSlurm) {
                return answer.putNull("slurm_reachable");
            }
            answer.put("slurm_reachable", problem == null);
            return problem == null ? answer : answer.put("slurm_note", "slurm not reachable (" + problem
                    + "); jobs pending in Slurm are not shown");
        });
    }

    private static JobSeek seekFrom(JobRecord row, boolean older) {
        return new JobSeek(row.createdAtMillis(), row.job().jobKey(), older);
    }

    /**
     * The bank's jobs in the window from the seek, up to limit + 1 of them in the listing's order (newest
     * first): of the named account's subtree, of every account (admins), or of each readable one. Each
     * account is read on its own, by range of its index, and the pages merged; the user and state filters
     * are applied in SQL, before the row limit, so a busy account's newer jobs of other users never push the
     * asked-for ones out.
     */
    private static List<JobRecord> bankJobs(LedgerView view, Caller c, Set<Long> coordinated, boolean named,
            List<Account> readable, long from, long to, String user, LienState state, JobSeek seek, int limit) {
        Map<Long, JobFilter> sources = new LinkedHashMap<>();
        if (named) {
            Account a = readable.get(0);
            Set<Long> subtree = ids(view.subtree(a.id()));
            // Coordinating any account of the subtree shows others' jobs there; the rows are checked one by one after.
            boolean seesOthers = c.admin() || subtree.stream().anyMatch(coordinated::contains);
            filter(user, seesOthers, c.user(), state).ifPresent(f -> subtree.forEach(id -> sources.put(id, f)));
        } else if (c.admin()) {
            sources.put(null, new JobFilter(user, state));
        } else {
            for (Account a : readable) {
                filter(user, coordinated.contains(a.id()), c.user(), state).ifPresent(f -> sources.put(a.id(), f));
            }
        }
        List<JobRecord> jobs = new ArrayList<>();
        sources.forEach((id, f) -> jobs.addAll(view.jobPage(id, from, to, f, seek, limit + 1)));
        jobs.sort(LISTING);
        if (jobs.size() <= limit + 1) {
            return jobs;
        }
        return seek != null && !seek.older() ? jobs.subList(jobs.size() - limit - 1, jobs.size())
                : jobs.subList(0, limit + 1);
    }

    /**
     * One query's filter: every user's jobs (or the asked-for user's) where the caller may see others',
     * else only the caller's own; empty when the caller asks for another user's jobs there.
     */
    private static Optional<JobFilter> filter(String user, boolean seesOthers, String caller, LienState state) {
        if (seesOthers) {
            return Optional.of(new JobFilter(user, state));
        }
        if (user != null && !user.equals(caller)) {
            return Optional.empty();
        }
        return Optional.of(new JobFilter(caller, state));
    }

    private static JobRow ledgerRow(JobRecord record, String account, long nowMillis) {
        Job j = record.job();
        JobRequest request = request(record);
        Optional<JobKey> key = JobKey.parse(j.jobKey());
        return JobRow.of(j.jobKey(), key.map(JobKey::jobId).orElse(0L), key.map(k -> JobArray.slurmId(k.jobId(),
                k.restart(), record.array())).orElse(j.jobKey()), j.userName(), account,
                request == null ? null : request.partition(), request == null ? null : SlurmTres.of(request),
                record.times(), j.lienState() == LienState.OPEN, j.lienState().sqlName(), record.endState(),
                j.lienMicroSu(), j.chargedMicroSu(), j.refundedMicroSu(), null, null, nowMillis);
    }

    /** The stored request, or null when none was recorded or it no longer reads (then the row shows no TRES). */
    private static JobRequest request(JobRecord record) {
        if (record.request() == null) {
            return null;
        }
        try {
            return JobRequests.fromText(record.request());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * An account's charges by meter (partition x CPU/memory or GPU) for jobs
     * first seen in the window; a plain member's meters count only their own jobs.
     */
    ObjectNode charges(Caller c, ObjectNode r) {
        String account = Fields.text(r, "account");
        boolean all = c.admin() || ledger.authority(c.user(), account).orElse(null) == Role.COORDINATOR;
        long from = from(r);
        long to = to(r);
        return ledger.read(view -> {
            Account a = named(view, account);
            // Streamed and summed as read: a month of a busy account is many thousands of jobs.
            ChargeMeters sums = new ChargeMeters();
            view.eachJobOfSubtree(a.id(), from, to, new JobFilter(all ? null : c.user(), null), record -> {
                Job j = record.job();
                if (j.charged()) {
                    JobRequest request = request(record);
                    sums.add(new ChargeMeters.Charge(request == null ? null : request.partition(),
                            request == null ? null : accounting.meter(request), j.chargedMicroSu(),
                            j.refundedMicroSu()));
                }
            });
            List<MeterRow> meters = sums.rows();
            ObjectNode answer = Replies.ok().put("account", a.name()).put("from_ms", from).put("to_ms", to)
                    .put("scope", all ? "all users" : "your jobs")
                    .put("amount_micro_su", meters.stream().mapToLong(MeterRow::amountMicroSu).sum());
            answer.set("meters", JSON.valueToTree(meters));
            ObjectNode labels = answer.putObject("labels");
            meters.forEach(m -> labels.put(m.key(), m.label()));
            return answer;
        });
    }
}
