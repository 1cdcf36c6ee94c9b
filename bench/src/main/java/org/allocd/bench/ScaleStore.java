package org.allocd.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import org.allocd.charge.JobRequest;
import org.allocd.charge.JobUsage;
import org.allocd.config.ConfigLoader;
import org.allocd.jobs.JobAccounting;
import org.allocd.jobs.JobKey;
import org.allocd.ledger.Ledger;
import org.allocd.ledger.MicroSu;
import org.allocd.ledger.Operation;
import org.allocd.ledger.Role;
import org.allocd.ledger.VerifyReport;
import org.allocd.rates.RateBook;
import org.allocd.store.Database;
import org.allocd.store.Migrations;
import org.allocd.store.SqlLedgerStore;
import org.allocd.store.StoreSettings;
import org.slf4j.LoggerFactory;

/**
 * Reports at scale: a store with a million jobs on one account, built through the real ledger
 * (JobAccounting's LIEN and CHARGE, group-committed in large batches), so the journal's hash chain
 * is real and verify checks it. The jobs are spread over a year, 50 users and 5 accounts.
 *
 * <p>Usage: ScaleStore STATE_DIR JOBS_ON_BIG. Builds STATE_DIR/allocd.db unless STATE_DIR/built.txt
 * says it was built with the same job count; otherwise only opens it, which applies any new migration,
 * so the daemon started on it next does not migrate while it is timed.
 */
public final class ScaleStore {
    static final String BIG = "big";
    static final String CLUSTER = "scale";
    static final int USERS = 50;
    /** The other accounts hold a tenth of big's job count between them. */
    private static final List<String> OTHERS = List.of("chem", "bio", "phys", "astro");
    private static final int JOBS_PER_BATCH = 5_000;
    private static final long YEAR_MILLIS = 365L * 24 * 3600 * 1000;
    private static final int[] CPUS = {1, 2, 4, 8, 16, 32, 64};

    private ScaleStore() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: ScaleStore STATE_DIR JOBS_ON_BIG");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        long bigJobs = Long.parseLong(args[1]);
        Path marker = dir.resolve("built.txt");
        String wanted = "jobs_on_big=" + bigJobs;
        if (Files.exists(marker) && Files.readString(marker).startsWith(wanted + "\n")) {
            long t0 = System.nanoTime();
            try (SqlLedgerStore store = open(dir)) {
                System.out.printf(Locale.ROOT, "== cached store %s (%s), opened and migrated in %.1f s%n",
                        dir.resolve(ConfigLoader.DATABASE_FILE_NAME), Files.readString(marker).trim()
                                .replace('\n', ' '), (System.nanoTime() - t0) / 1e9);
            }
            return;
        }
        Files.deleteIfExists(marker);
        Files.createDirectories(dir);
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.delete(p); // a half-built store is never reused
            }
        }
        // One INFO line per operation would be 2 million lines: the journal records them anyway.
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("org.allocd"))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        long t0 = System.nanoTime();
        long totalJobs;
        VerifyReport report;
        try (SqlLedgerStore store = open(dir)) {
            SimClock clock = new SimClock(System.currentTimeMillis() - YEAR_MILLIS - 24 * 3600 * 1000);
            Ledger ledger = new Ledger(store, clock);
            seed(ledger);
            JobAccounting accounting = new JobAccounting(ledger, RateBook.open(ledger, "bench", BenchRates.rates()),
                    () -> LedgerCycles.LIEN_GRACE_SECONDS,
                    () -> true);
            totalJobs = bigJobs + bigJobs / 10; // every 11th job is on another account
            long stepMillis = YEAR_MILLIS / totalJobs;
            long lastReport = System.nanoTime();
            for (long first = 0; first < totalJobs; first += JOBS_PER_BATCH) {
                long n = Math.min(JOBS_PER_BATCH, totalJobs - first);
                runBatch(accounting, ledger, clock, first, n, stepMillis);
                if (System.nanoTime() - lastReport > 30_000_000_000L) {
                    lastReport = System.nanoTime();
                    System.out.printf(Locale.ROOT, "   built %,d of %,d jobs in %.0f s%n", first + n, totalJobs,
                            (lastReport - t0) / 1e9);
                }
            }
            long built = System.nanoTime();
            System.out.printf(Locale.ROOT, "== built %,d jobs (%,d on %s) in %.0f s (%.0f jobs/s)%n", totalJobs, bigJobs,
                    BIG, (built - t0) / 1e9, totalJobs / ((built - t0) / 1e9));
            report = ledger.verify();
            System.out.printf(Locale.ROOT, "== verify: %s, %,d journal lines, %,d jobs, in %.0f s%n",
                    report.clean() ? "clean" : report.problemCount() + " problems " + report.problems(),
                    report.journalEntries(), report.jobs(), (System.nanoTime() - built) / 1e9);
        }
        if (!report.clean()) {
            System.exit(1);
        }
        Files.writeString(marker, wanted + "\njobs_total=" + totalJobs + "\njournal_lines=" + report.journalEntries()
                + "\nbuild_seconds=" + Math.round((System.nanoTime() - t0) / 1e9) + "\n");
    }

    private static SqlLedgerStore open(Path dir) {
        StoreSettings settings = StoreSettings.defaults(dir.resolve(ConfigLoader.DATABASE_FILE_NAME))
                .withMaxBatchSize(10_000).withQueueCapacity(100_000);
        return new SqlLedgerStore(Database.open(settings, new Migrations(Migrations.LEDGER_LOCATION)));
    }

    /** 5 accounts; 50 users, all members of big (every tenth a coordinator), each also in one other account. */
    private static void seed(Ledger ledger) {
        List<String> accounts = new ArrayList<>(List.of(BIG));
        accounts.addAll(OTHERS);
        for (String a : accounts) {
            ledger.apply(new Operation.CreateAccount("seed:account:" + a, "bench", a, null, "scale benchmark", "bench", 0));
            ledger.apply(new Operation.Deposit("seed:deposit:" + a, "bench", a, MicroSu.MAX_AMOUNT / 10, null, null,
                    "benchmark funds"));
        }
        for (int u = 0; u < USERS; u++) {
            String user = user(u);
            ledger.apply(new Operation.AddUser("seed:user:" + user, "bench", user, 10_000 + u, BIG));
            ledger.apply(new Operation.AddMembership("seed:member:" + user, "bench", user, BIG,
                    u % 10 == 0 ? Role.COORDINATOR : Role.MEMBER, null));
            ledger.apply(new Operation.AddMembership("seed:other:" + user, "bench", user, OTHERS.get(u % OTHERS.size()),
                    Role.MEMBER, null));
        }
    }

    /**
     * LIENs of n jobs, all queued at once so the writer commits them in a few large batches, then
     * their CHARGEs 10 minutes of simulated time later. Every 11th job runs on another account (so big
     * gets exactly 10/11 of them when the total is 1.1 times its count); a few
     * users run most jobs (user u gets weight 50 - u), and sizes and run times vary.
     */
    private static void runBatch(JobAccounting accounting, Ledger ledger, SimClock clock, long first, long n,
            long stepMillis) {
        long startMillis = clock.millis();
        List<CompletableFuture<?>> pending = new ArrayList<>((int) n);
        List<BatchJob> jobs = new ArrayList<>((int) n);
        for (long i = first; i < first + n; i++) {
            long mix = i * 2_654_435_761L & 0x7fffffffL; // a cheap, deterministic spread
            int u = skewedUser(mix);
            String account = i % 11 == 10 ? OTHERS.get(u % OTHERS.size()) : BIG; // where the user is a member
            JobRequest request = new JobRequest("gh200", null, CPUS[(int) (mix % CPUS.length)],
                    (1 + mix % 64) * 1_000_000_000L, 0, 1, false, 600 + mix % 86_400, List.of());
            JobKey key = new JobKey(CLUSTER, 1_000_000 + i, 0);
            jobs.add(new BatchJob(key, user(u), account, request, mix));
            pending.add(accounting.lien(key, user(u), account, request));
        }
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
        clock.set(startMillis + 600_000); // within the shortest time limit
        pending.clear();
        for (BatchJob j : jobs) {
            JobUsage usage = new JobUsage(Math.min(j.request().timeLimitSeconds(), 30 + j.mix() % 7_200),
                    JobUsage.CPU_SECONDS_UNKNOWN, j.mix() % 17 != 0);
            pending.add(accounting.charge(j.key(), j.user(), j.account(), j.request(), usage, "exit 0"));
        }
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
        if (first % 100_000 == 0) { // now and then a refund, so statements have REFUND lines
            JobKey refunded = jobs.get(0).key();
            ledger.apply(new Operation.Refund("refund:" + refunded.text(), "bench", refunded.text(), 0, "node failure"));
        }
        clock.set(startMillis + stepMillis * n);
    }

    /** One job of a batch, kept between its LIEN and its CHARGE; mix drives its size, run time and outcome. */
    private record BatchJob(JobKey key, String user, String account, JobRequest request, long mix) {}

    /** User u with weight proportional to (USERS - u): a few heavy users, a long tail. */
    private static int skewedUser(long mix) {
        long total = (long) USERS * (USERS + 1) / 2;
        long pick = mix % total;
        for (int u = 0; u < USERS; u++) {
            pick -= USERS - u;
            if (pick < 0) {
                return u;
            }
        }
        return USERS - 1;
    }

    static String user(int u) {
        return String.format(Locale.ROOT, "user%02d", u);
    }

    /** Simulated time: the builder moves it forward batch by batch, so a year of jobs takes minutes. */
    private static final class SimClock extends Clock {
        private volatile long nowMillis;

        SimClock(long nowMillis) {
            this.nowMillis = nowMillis;
        }

        void set(long ms) {
            nowMillis = ms;
        }

        @Override
        public long millis() {
            return nowMillis;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(nowMillis);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            throw new UnsupportedOperationException("the benchmark clock is UTC only");
        }
    }
}
