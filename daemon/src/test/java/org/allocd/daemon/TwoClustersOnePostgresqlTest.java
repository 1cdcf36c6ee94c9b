package org.allocd.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.allocd.store.StoreLocation;
import org.allocd.store.TestPostgresql;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two real allocd daemons, clusters alpha and beta, each with its own hook and
 * admin sockets, on one PostgreSQL database: the Slurm hooks of both clusters
 * start and end jobs on the same account at once, with the same job ids.
 */
class TwoClustersOnePostgresqlTest {
    private static final int THREADS_PER_CLUSTER = 2;
    private static final int JOBS_PER_THREAD = 20;
    /** 3 units (1 GPU, 300 GB, 16 cores) for 1 h liened, charged for 30 min. */
    private static final long LIEN_MICRO_SU = 3_000_000;
    private static final long CHARGE_MICRO_SU = 1_500_000;
    private static final long DEPOSIT_MICRO_SU = 100_000_000;

    @TempDir
    Path dir;

    private final AtomicInteger charged = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();

    @Test
    void jobsOfBothClustersShareOneAccountWithoutOverdraftLossOrDoubles() throws Exception {
        StoreLocation store = TestPostgresql.shared().freshSchema();
        try (DaemonFixture alpha = new DaemonFixture(Files.createDirectory(dir.resolve("alpha")), "alpha", store);
                DaemonFixture beta = new DaemonFixture(Files.createDirectory(dir.resolve("beta")), "beta", store)) {
            alpha.seed();
            ExecutorService pool = Executors.newFixedThreadPool(2 * THREADS_PER_CLUSTER);
            try {
                List<Future<?>> threads = new ArrayList<>();
                for (int t = 0; t < THREADS_PER_CLUSTER; t++) {
                    long firstJob = 1 + t * JOBS_PER_THREAD; // the same job ids on both clusters
                    threads.add(pool.submit(() -> jobs(alpha, "alpha", firstJob)));
                    threads.add(pool.submit(() -> jobs(beta, "beta", firstJob)));
                }
                for (Future<?> thread : threads) {
                    thread.get();
                }
            } finally {
                pool.shutdownNow();
            }
            assertTrue(refused.get() > 0, "80 jobs of 1.5 SU cannot all fit 100 SU: the overdraft check was reached");
            long balance = DEPOSIT_MICRO_SU - charged.get() * CHARGE_MICRO_SU;
            long journal = -1;
            for (DaemonFixture daemon : List.of(alpha, beta)) {
                ObjectNode b = daemon.admin("{\"op\":\"balance\",\"account\":\"proj\"}");
                assertEquals(balance, b.get("own").get("balance_micro_su").asLong(), b.toString());
                assertEquals(0, b.get("own").get("open_liens_micro_su").asLong(), b.toString());
                ObjectNode verify = daemon.admin("{\"op\":\"verify\"}");
                assertTrue(verify.get("clean").asBoolean(), verify.toString());
                assertTrue(journal < 0 || journal == verify.get("journal_entries").asLong(), "one journal for both");
                journal = verify.get("journal_entries").asLong();
            }
            ObjectNode wrongCluster = beta.hook("{\"op\":\"LIEN\"," + job("alpha", 999) + "}");
            assertEquals("bad_request", wrongCluster.path("error").asText(), wrongCluster.toString());
        }
    }

    /** Prolog then epilog of each job, the epilog sent twice (a retried hook); a lien that does not fit is refused. */
    private Void jobs(DaemonFixture daemon, String cluster, long firstJob) throws Exception {
        for (long id = firstJob; id < firstJob + JOBS_PER_THREAD; id++) {
            ObjectNode lien = daemon.hook("{\"op\":\"LIEN\"," + job(cluster, id) + "}");
            if (!lien.path("ok").asBoolean(true)) {
                assertEquals("insufficient_funds", lien.path("error").asText(), lien.toString());
                refused.incrementAndGet();
                continue;
            }
            assertEquals(LIEN_MICRO_SU, lien.get("amount_micro_su").asLong(), lien.toString());
            String end = "{\"op\":\"CHARGE\"," + job(cluster, id) + ",\"elapsed_s\":1800,\"exit_code\":0}";
            ObjectNode charge = daemon.hook(end);
            assertEquals(CHARGE_MICRO_SU, charge.get("amount_micro_su").asLong(), charge.toString());
            charged.incrementAndGet();
            assertTrue(daemon.hook(end).get("replayed").asBoolean(), "a retried epilog changes nothing");
        }
        return null;
    }

    private static String job(String cluster, long id) {
        return "\"cluster\":\"" + cluster + "\",\"job_id\":" + id + ",\"user\":\"alice\",\"account\":\"proj\","
                + "\"partition\":\"gpu\",\"cpus\":16,\"mem_bytes\":300000000000,\"gpus\":1,\"time_limit_s\":3600";
    }
}
