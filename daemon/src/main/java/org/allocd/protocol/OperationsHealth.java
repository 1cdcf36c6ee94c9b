package org.allocd.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import org.allocd.ledger.Ledger;
import org.allocd.ledger.VerifyReport;
import org.allocd.slurm.ReconcileRun;
import org.allocd.slurm.SlurmException;
import org.allocd.spool.SpoolBacklog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin's health view ('allocmgr show health', the portal's health page): liens still open past their
 * time limit and grace, jobs Slurm holds for funds, whether Slurm answers, the hook events waiting in the spool,
 * the lien reconciler's last run, and the last verify with its result. The last verify is kept in a small file
 * (HealthSources.lastVerifyFile), so a restart still shows it.
 */
final class OperationsHealth {
    private static final Logger log = LoggerFactory.getLogger(OperationsHealth.class);
    /** Counting stops here: past it the view says "more", and the count costs no more. */
    private static final int MAX_COUNTED = 10_000;
    private static final String SLURMDBD_REASON = "QOSGrpBillingMinutes";

    private record LastVerify(long atMillis, boolean clean, long problemCount, long journalEntries) {}

    private final Ledger ledger;
    private final SlurmQueue slurm;
    private final HealthSources sources;
    private volatile LastVerify lastVerify;

    OperationsHealth(Ledger ledger, SlurmQueue slurm, HealthSources sources) {
        this.ledger = ledger;
        this.slurm = slurm;
        this.sources = sources;
        this.lastVerify = load(sources.lastVerifyFile());
    }

    void verified(VerifyReport report) {
        LastVerify last = new LastVerify(ledger.nowMillis(), report.clean(), report.problemCount(),
                report.journalEntries());
        lastVerify = last;
        save(last, sources.lastVerifyFile());
    }

    ObjectNode answer() {
        ObjectNode answer = Replies.ok();
        // Slurm is asked before the read, so a slow slurmctld never holds a pooled connection.
        try {
            long held = slurm.pendingJobs().stream()
                    .filter(job -> job.heldByAllocd() || SLURMDBD_REASON.equals(job.reason())).count();
            answer.put("slurm_reachable", true).put("held_for_funds", held).putNull("slurm_note");
        } catch (SlurmException e) {
            answer.put("slurm_reachable", false).putNull("held_for_funds")
                    .put("slurm_note", "slurm not reachable (" + e.getMessage() + ")");
        }
        long nowMillis = ledger.nowMillis();
        int pastTime = ledger.read(view -> view.openLiensExpiredBy(nowMillis, MAX_COUNTED + 1)).size();
        answer.put("open_liens_past_time", Math.min(pastTime, MAX_COUNTED))
                .put("open_liens_past_time_more", pastTime > MAX_COUNTED);
        SpoolBacklog spool = SpoolBacklog.of(sources.spoolDir());
        answer.putObject("spool").put("dir", sources.spoolDir().toString()).put("events", spool.events())
                .put("events_more", spool.more()).put("oldest_written_at_ms", spool.oldestWrittenAtMillis())
                .put("quarantined", spool.quarantined()).put("quarantined_more", spool.quarantinedMore());
        Optional<ReconcileRun> reconcile = sources.lastReconcile().get();
        ObjectNode run = answer.putObject("last_reconcile");
        if (reconcile.isEmpty()) {
            run.putNull("at_ms").putNull("slurm_asked").putNull("looked_at").putNull("charged").putNull("released")
                    .putNull("extended").putNull("waiting");
        } else {
            ReconcileRun r = reconcile.get();
            run.put("at_ms", r.atMillis()).put("slurm_asked", r.slurmAsked()).put("looked_at", r.lookedAt())
                    .put("charged", r.charged()).put("released", r.released()).put("extended", r.extended())
                    .put("waiting", r.waiting());
        }
        LastVerify last = lastVerify;
        ObjectNode verify = answer.putObject("last_verify");
        if (last == null) {
            verify.putNull("at_ms").putNull("clean").putNull("problem_count").putNull("journal_entries");
        } else {
            verify.put("at_ms", last.atMillis()).put("clean", last.clean()).put("problem_count", last.problemCount())
                    .put("journal_entries", last.journalEntries());
        }
        return answer;
    }

    /** The kept result, or null when there is none or it does not read (then the log says why). */
    private static LastVerify load(Path file) {
        try {
            JsonNode kept = WireJson.MAPPER.readTree(Files.readAllBytes(file));
            if (!kept.path("at_ms").canConvertToLong() || !kept.path("clean").isBoolean()
                    || !kept.path("problem_count").canConvertToLong() || !kept.path("journal_entries").canConvertToLong()) {
                log.warn("{} is not a last verify's result; the health view shows none until verify runs", file);
                return null;
            }
            return new LastVerify(kept.path("at_ms").asLong(), kept.path("clean").asBoolean(),
                    kept.path("problem_count").asLong(), kept.path("journal_entries").asLong());
        } catch (NoSuchFileException none) {
            return null;
        } catch (IOException e) {
            log.warn("cannot read the last verify's result from {} ({}); the health view shows none until verify runs",
                    file, e.getMessage());
            return null;
        }
    }

    /** Written whole to a temp file and renamed over the old one, so a crash leaves one or the other. */
    private static void save(LastVerify last, Path file) {
        ObjectNode kept = WireJson.MAPPER.createObjectNode().put("at_ms", last.atMillis()).put("clean", last.clean())
                .put("problem_count", last.problemCount()).put("journal_entries", last.journalEntries());
        Path temp = file.resolveSibling("." + file.getFileName() + ".tmp");
        try {
            Files.write(temp, WireJson.MAPPER.writeValueAsBytes(kept));
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            log.warn("the last verify's result is not kept across a restart: cannot write {}: {}", file,
                    e.getMessage());
        }
    }
}
