package org.allocd.slurm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import org.allocd.charge.ChargeRates;
import org.allocd.charge.JobRequest;
import org.allocd.charge.JobUsage;
import org.allocd.config.ConfigLoader;
import org.allocd.config.SlurmSettings;
import org.allocd.e2e.SlurmTestbed;
import org.allocd.e2e.SlurmTestbed.Bed;
import org.allocd.jobs.JobAccounting;
import org.allocd.jobs.JobKey;
import org.allocd.ledger.Job;
import org.allocd.ledger.JournalEntry;
import org.allocd.ledger.Ledger;
import org.allocd.ledger.LienState;
import org.allocd.ledger.Operation;
import org.allocd.ledger.TestClock;
import org.allocd.rates.RateBook;
import org.allocd.store.SqlLedgerStore;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lien expiry: real Slurm jobs whose epilog never reaches the bank (no hooks on this test bed: the lien is
 * placed as the prolog would, the epilog is lost). When their liens expire, each is resolved once against Slurm's
 * record: the ended job is charged Slurm's own elapsed time, the running one keeps its lien, the one Slurm never had
 * is released with a note; a second run and a late epilog change nothing; verify stays clean.
 */
@Tag("e2e")
class LienReconcilerEndToEndTest {
    private static final String CLUSTER = "testcluster";
    private static final long SU = 1_000_000;
    private static final long LIMIT_S = 60;

    @Test
    void expiredLiensAreSettledFromSlurmsRecordOnce(@TempDir Path dir) throws Exception {
        Path conf = dir.resolve("allocd.conf");
        Files.writeString(conf, "cluster_name = " + CLUSTER + "\n[partition debug]\ncpus_per_unit = 1\n",
                StandardCharsets.UTF_8);
        ChargeRates rates = ConfigLoader.load(conf).reloadable().chargeRates();
        TestClock clock = TestClock.ticking();
        try (SlurmTestbed bed = SlurmTestbed.started(Bed.DAEMON_TESTS, false);
                SqlLedgerStore store = SqlLedgerStore.open(dir.resolve("l.db"));
                ShimLoader shims = new ShimLoader(bed.buildShim(dir), new SlurmSettings(Optional.of(bed.slurmConf),
                        bed.binDir, 5000))) {
            Ledger ledger = new Ledger(store, clock);
            JobAccounting jobs = new JobAccounting(ledger, RateBook.open(ledger, CLUSTER, rates), () -> 0L, () -> true);
            LienReconciler liens = new LienReconciler(ledger, jobs, CLUSTER, shims,
                    new SlurmSettings(Optional.of(bed.slurmConf), bed.binDir, 5000), clock, () -> 0L);
            ledger.apply(new Operation.CreateAccount("a", "admin", "projl", null, "", "", 0));
            ledger.apply(new Operation.AddUser("u", "admin", "root", 0, "projl"));
            ledger.apply(new Operation.Deposit("d", "admin", "projl", 10 * SU, null, null, ""));

            long ended = sbatch(bed, "sleep 3");
            long running = sbatch(bed, "sleep 600");
            for (long job : new long[] {ended, running}) {
                await(bed, job, "RUNNING");
                lien(jobs, job);
            }
            lien(jobs, 999_999); // a job Slurm never had
            await(bed, ended, "COMPLETED");
            Map<String, String> record = fields(bed.slurmOk("scontrol", "show", "job", "-o", String.valueOf(ended)));
            long elapsed = epoch(record.get("EndTime")) - epoch(record.get("StartTime"));

            clock.advanceMillis(Duration.ofSeconds(LIMIT_S + 60).toMillis());
            assertTrue(liens.reconcile(), "Slurm can be asked here");
            ReconcileRun run = liens.lastRun().orElseThrow();
            // The health view's last reconcile: the ended job charged, the unknown one released, the running extended.
            assertEquals(List.of(true, 3, 1, 1, 1, 0), List.of(run.slurmAsked(), run.lookedAt(), run.charged(),
                    run.released(), run.extended(), run.waiting()), run.toString());

            Job charged = job(ledger, ended);
            assertEquals(LienState.CHARGED, charged.lienState());
            // 1 unit x Slurm's elapsed seconds, rounded half-up once.
            assertEquals((elapsed * SU + 1800) / 3600, charged.chargedMicroSu(), "elapsed " + elapsed + " s");
            Job kept = job(ledger, running);
            assertEquals(LienState.OPEN, kept.lienState());
            assertTrue(kept.lienExpiresAtMillis() > clock.millis(), "the running job's lien lasts a while longer");
            assertEquals(LienState.RELEASED, job(ledger, 999_999).lienState());
            assertTrue(notes(ledger).stream().anyMatch(n -> n.contains("Slurm has no record of the job")), notes(ledger)
                    .toString());

            long journal = journalSize(ledger);
            assertTrue(liens.reconcile());
            assertEquals(journal, journalSize(ledger), "a second run changes nothing");
            // The lost epilog turns up after all: the same key, already charged.
            assertThrows(CompletionException.class, () -> jobs.charge(new JobKey(CLUSTER, ended, 0), "root", "projl",
                    request(), new JobUsage(elapsed + 5, JobUsage.CPU_SECONDS_UNKNOWN, true), "late epilog").join());
            assertEquals(journal, journalSize(ledger), "a late epilog changes nothing");

            bed.slurmOk("scancel", String.valueOf(running));
            assertTrue(ledger.verify().clean(), ledger.verify().problems().toString());
        }
    }

    private static JobRequest request() {
        return new JobRequest("debug", null, 1, 0, 0, 1, false, LIMIT_S, List.of());
    }

    private static void lien(JobAccounting jobs, long jobId) {
        jobs.lien(new JobKey(CLUSTER, jobId, 0), "root", "projl", request()).join();
    }

    private static long sbatch(SlurmTestbed bed, String command) throws Exception {
        return Long.parseLong(bed.slurmOk("sbatch", "--parsable", "-o", "/dev/null", "-A", "projl", "-p", "debug", "-n",
                "1", "-t", "1", "--wrap", command).strip().split(";")[0]);
    }

    private static void await(SlurmTestbed bed, long jobId, String state) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!state.equals(fields(bed.slurmOk("scontrol", "show", "job", "-o", String.valueOf(jobId)))
                .get("JobState"))) {
            assertTrue(System.nanoTime() < deadline, "waited 60 s for job " + jobId + " " + state);
            Thread.sleep(200);
        }
    }

    private static Map<String, String> fields(String line) {
        Map<String, String> fields = new java.util.HashMap<>();
        for (String word : line.strip().split(" ")) {
            int eq = word.indexOf('=');
            if (eq > 0) {
                fields.putIfAbsent(word.substring(0, eq), word.substring(eq + 1));
            }
        }
        return fields;
    }

    private static long epoch(String slurmTime) {
        return LocalDateTime.parse(slurmTime).atZone(ZoneId.systemDefault()).toEpochSecond();
    }

    private static Job job(Ledger ledger, long jobId) {
        return ledger.read(v -> v.job(new JobKey(CLUSTER, jobId, 0).text())).orElseThrow();
    }

    private static List<String> notes(Ledger ledger) {
        List<String> notes = new ArrayList<>();
        ledger.read(v -> {
            v.forEachJournalEntry(e -> notes.add(e.note()));
            return null;
        });
        return notes;
    }

    private static long journalSize(Ledger ledger) {
        return ledger.read(v -> v.lastJournalEntry().map(JournalEntry::id).orElse(0L));
    }
}
