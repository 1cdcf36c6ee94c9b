package org.allocd.ledger;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Recomputes every balance from the journal and checks each invariant and the
 * hash chain against what the store holds, reporting each discrepancy.
 * Its memory stays bounded whatever the store's size: the journal is streamed once in id order for the chain
 * and the sums per account and allocation, and the jobs are checked a chunk of job keys at a time against
 * that chunk's journal lines (a map over every job took 512 MB at 1.1M jobs).
 */
final class Verifier {
    private static final int MAX_LISTED = 1000;
    /** Jobs checked at once: their sums are a few MB. */
    static final int JOB_CHUNK = 10_000;

    private final LedgerView view;
    private final int jobChunk;
    private final List<String> problems = new ArrayList<>();
    private long problemCount;

    private final Map<Long, Long> moneyByAllocation = new HashMap<>();
    private final Map<Long, Long> moneyByAccount = new HashMap<>();
    private final Map<Long, Long> lienByAccount = new HashMap<>();
    private final Map<Long, Long> remainingByAccount = new HashMap<>();
    private final Map<Long, Long> openLienByAccount = new HashMap<>();
    private final TotalsCheck totals = new TotalsCheck();

    private static final class JobSums {
        long lien;
        long charged;
        long refunded;
        final Set<String> chargeKeys = new HashSet<>();
    }

    Verifier(LedgerView view) {
        this(view, JOB_CHUNK);
    }

    Verifier(LedgerView view, int jobChunk) {
        this.view = view;
        this.jobChunk = jobChunk;
    }

    VerifyReport run() {
        long entries = checkJournal();
        totals.check(view, this::problem);
        long[] allocations = {0};
        view.forEachAllocation(a -> {
            allocations[0]++;
            checkAllocation(a);
        });
        long jobs = checkJobs();
        List<Account> accounts = view.accounts();
        accounts.forEach(this::checkAccount);
        return new VerifyReport(entries, accounts.size(), allocations[0], jobs, problemCount, List.copyOf(problems));
    }

    /**
     * Each chunk covers the job keys after the last chunk's last key up to its own last key (the final one to
     * the end), so every journal line of a job falls in exactly one chunk, known to the job table or not.
     */
    private long checkJobs() {
        long jobs = 0;
        String after = null;
        while (true) {
            List<Job> chunk = view.jobsAfter(after, jobChunk);
            boolean last = chunk.size() < jobChunk;
            String upTo = last ? null : chunk.get(chunk.size() - 1).jobKey();
            Map<String, JobSums> byJob = new HashMap<>();
            view.forEachJournalEntryOfJobs(after, upTo, e -> sumJob(byJob, e));
            chunk.forEach(j -> checkJob(j, byJob.remove(j.jobKey())));
            // checkJob took every known job out of byJob: what is left, the job table does not know.
            byJob.keySet().stream().sorted().forEach(k -> problem("journal has entries for job " + k
                    + " that the job table does not know"));
            jobs += chunk.size();
            if (last) {
                return jobs;
            }
            after = upTo;
        }
    }

    private long checkJournal() {
        String[] prevHash = {JournalHash.GENESIS};
        long[] expectedId = {1};
        view.forEachJournalEntry(e -> {
            if (e.id() != expectedId[0]) {
                problem("journal entry " + e.id() + " follows " + (expectedId[0] - 1) + ": entries are missing");
            }
            if (!e.prevHash().equals(prevHash[0])) {
                problem("journal entry " + e.id() + " does not point at the hash of the entry before it");
            }
            if (!JournalHash.of(e).equals(e.hash())) {
                problem("journal entry " + e.id() + " was changed after it was written (hash mismatch)");
            }
            prevHash[0] = e.hash();
            expectedId[0] = e.id() + 1;
            sum(e);
            totals.add(e);
        });
        return expectedId[0] - 1;
    }

    private void sum(JournalEntry e) {
        if (e.kind().movesMoney()) {
            if (e.allocationId() == null || e.accountId() == null) {
                problem("journal entry " + e.id() + " moves money without an allocation and account");
                return;
            }
            moneyByAllocation.merge(e.allocationId(), e.amountMicroSu(), Long::sum);
            moneyByAccount.merge(e.accountId(), e.amountMicroSu(), Long::sum);
        } else if (e.kind().movesLien()) {
            lienByAccount.merge(e.accountId(), e.amountMicroSu(), Long::sum);
        } else if (e.amountMicroSu() != 0) {
            problem("journal entry " + e.id() + " of kind " + e.kind() + " has an amount");
        }
    }

    private static void sumJob(Map<String, JobSums> byJob, JournalEntry e) {
        JobSums sums = byJob.computeIfAbsent(e.jobKey(), k -> new JobSums());
        switch (e.kind()) {
            case LIEN, RELEASE -> sums.lien += e.amountMicroSu();
            case CHARGE -> {
                sums.charged -= e.amountMicroSu();
                sums.chargeKeys.add(e.opKey());
            }
            case REFUND -> sums.refunded += e.amountMicroSu();
            default -> { }
        }
    }

    private void checkAllocation(Allocation a) {
        long journal = moneyByAllocation.getOrDefault(a.id(), 0L);
        if (journal != a.remainingMicroSu()) {
            problem("allocation " + a.id() + " holds " + MicroSu.format(a.remainingMicroSu())
                    + " SU but its journal sums to " + MicroSu.format(journal));
        }
        if (!a.pot() && a.remainingMicroSu() < 0) {
            problem("allocation " + a.id() + " is below zero");
        }
        if (a.expired() && a.remainingMicroSu() != 0) {
            problem("allocation " + a.id() + " expired but still holds " + MicroSu.format(a.remainingMicroSu()));
        }
        remainingByAccount.merge(a.accountId(), a.remainingMicroSu(), Long::sum);
    }

    private void checkJob(Job j, JobSums found) {
        JobSums sums = found;
        if (sums == null) {
            sums = new JobSums();
        }
        long expectedLien = j.lienState() == LienState.OPEN ? j.lienMicroSu() : 0;
        if (sums.lien != expectedLien) {
            problem("job " + j.jobKey() + " lien is " + j.lienState().sqlName() + " " + MicroSu.format(expectedLien)
                    + " SU but its journal holds " + MicroSu.format(sums.lien));
        }
        if (j.lienState() == LienState.OPEN) {
            openLienByAccount.merge(j.accountId(), j.lienMicroSu(), Long::sum);
        }
        if (sums.chargeKeys.size() > 1) {
            problem("job " + j.jobKey() + " was charged " + sums.chargeKeys.size() + " times");
        }
        if (sums.charged != j.chargedMicroSu() || j.charged() == sums.chargeKeys.isEmpty()) {
            problem("job " + j.jobKey() + " records a charge of " + MicroSu.format(j.chargedMicroSu())
                    + " SU but its journal holds " + MicroSu.format(sums.charged));
        }
        if (sums.refunded != j.refundedMicroSu() || j.refundedMicroSu() > j.chargedMicroSu()) {
            problem("job " + j.jobKey() + " records a refund of " + MicroSu.format(j.refundedMicroSu())
                    + " SU but its journal holds " + MicroSu.format(sums.refunded) + " (charged "
                    + MicroSu.format(j.chargedMicroSu()) + ")");
        }
    }

    private void checkAccount(Account a) {
        long money = moneyByAccount.getOrDefault(a.id(), 0L);
        if (money != a.balanceMicroSu()) {
            problem("account " + a.name() + " balance is " + MicroSu.format(a.balanceMicroSu())
                    + " SU but its journal sums to " + MicroSu.format(money));
        }
        long remaining = remainingByAccount.getOrDefault(a.id(), 0L);
        if (remaining != a.balanceMicroSu()) {
            problem("account " + a.name() + " balance is " + MicroSu.format(a.balanceMicroSu())
                    + " SU but its allocations hold " + MicroSu.format(remaining));
        }
        long lienJournal = lienByAccount.getOrDefault(a.id(), 0L);
        long openLiens = openLienByAccount.getOrDefault(a.id(), 0L);
        if (lienJournal != a.lienedMicroSu() || openLiens != a.lienedMicroSu()) {
            problem("account " + a.name() + " liened is " + MicroSu.format(a.lienedMicroSu())
                    + " SU; its journal holds " + MicroSu.format(lienJournal) + " and its open liens "
                    + MicroSu.format(openLiens));
        }
    }

    private void problem(String text) {
        problemCount++;
        if (problems.size() < MAX_LISTED) {
            problems.add(text);
        }
    }
}
