package org.allocd.spool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.allocd.charge.ChargePolicy;
import org.allocd.charge.ChargeRates;
import org.allocd.charge.NodeClasses;
import org.allocd.charge.PartitionRates;
import org.allocd.errors.ErrorCode;
import org.allocd.jobs.JobAccounting;
import org.allocd.ledger.Balance;
import org.allocd.ledger.Ledger;
import org.allocd.ledger.MicroSu;
import org.allocd.ledger.Operation;
import org.allocd.protocol.HookRequests;
import org.allocd.protocol.Replies;
import org.allocd.rates.RateBook;
import org.allocd.store.SqlLedgerStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The replayer against a real ledger on a temp SQLite file, through the real hook handler. */
class SpoolReplayerTest {
    private static final long SU = MicroSu.PER_SU;
    /** One unit (1 GPU) for one hour: 1 SU lien; 1800 s elapsed: 0.5 SU charge. */
    private static final String JOB = "\"cluster\":\"testcluster\",\"job_id\":%d,\"restart\":0,\"user\":\"alice\","
            + "\"account\":\"proj\",\"partition\":\"gpu\",\"cpus\":1,\"gpus\":1,\"time_limit_s\":3600";

    @TempDir
    Path dir;
    private Path spool;
    private SqlLedgerStore store;
    private Ledger ledger;
    private SpoolReplayer replayer;

    @BeforeEach
    void setUp() {
        spool = dir.resolve("spool");
        store = SqlLedgerStore.open(dir.resolve("allocd.db"));
        ledger = new Ledger(store, Clock.systemUTC());
        ChargeRates rates = new ChargeRates(Map.of("gpu", PartitionRates.defaults("gpu")), Map.of(),
                ChargePolicy.DEBITALLWC, false);
        JobAccounting jobs = new JobAccounting(ledger, RateBook.open(ledger, "testcluster", rates), () -> 300L,
                () -> true);
        replayer = new SpoolReplayer(spool, new HookRequests(jobs, "testcluster", Runnable::run,
                () -> NodeClasses.NONE, uid -> Optional.empty()));
        ledger.apply(new Operation.CreateAccount("a1", "admin", "proj", null, "", "", 0));
        ledger.apply(new Operation.AddUser("a2", "admin", "alice", 1000, "proj"));
        ledger.apply(new Operation.AddMembership("a3", "admin", "alice", "proj", null, null));
        ledger.apply(new Operation.Deposit("a4", "admin", "proj", 10 * SU, null, null, "grant"));
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    private Path event(String name, String json) throws IOException {
        Files.createDirectories(spool);
        return Files.writeString(spool.resolve(name), json);
    }

    private static String lien(long jobId) {
        return "{\"op\":\"LIEN\"," + JOB.formatted(jobId) + "}";
    }

    private static String charge(long jobId) {
        return "{\"op\":\"CHARGE\"," + JOB.formatted(jobId) + ",\"elapsed_s\":1800,\"exit_code\":0}";
    }

    private void assertVerifyClean() {
        assertTrue(ledger.verify().clean(), () -> ledger.verify().problems().toString());
    }

    @Test
    void missingDirectoryIsNothingToDo() {
        assertEquals(new SpoolReplayer.Result(0, 0, 0), replayer.replay());
    }

    @Test
    void lienThenChargeReplayInNameOrderAndFilesGo() throws IOException {
        event("0000001700000000002-7-0-charge.json", charge(7));
        event("0000001700000000001-7-0-lien.json", lien(7));

        assertEquals(new SpoolReplayer.Result(2, 0, 0), replayer.replay());

        Balance balance = ledger.balance("proj");
        assertEquals(10 * SU - SU / 2, balance.balanceMicroSu());
        assertEquals(0, balance.lienedMicroSu());
        try (var left = Files.list(spool)) {
            assertEquals(0, left.count());
        }
        assertVerifyClean();
    }

    @Test
    void aChargeReplayedTwiceChargesOnce() throws IOException {
        event("0000001700000000001-8-0-charge.json", charge(8));
        replayer.replay();
        event("0000001700000000002-8-0-charge.json", charge(8));

        assertEquals(new SpoolReplayer.Result(1, 0, 0), replayer.replay());

        assertEquals(10 * SU - SU / 2, ledger.balance("proj").balanceMicroSu());
        assertVerifyClean();
    }

    @Test
    void aLienReplayedAfterItsJobWasChargedIsDone() throws IOException {
        event("0000001700000000002-9-0-charge.json", charge(9));
        event("0000001700000000003-9-0-lien.json", lien(9));

        assertEquals(new SpoolReplayer.Result(2, 0, 0), replayer.replay());

        assertEquals(0, ledger.balance("proj").lienedMicroSu());
        assertVerifyClean();
    }

    @Test
    void corruptHalfWrittenAndRefusedFilesGoToQuarantine() throws IOException {
        event("0000001700000000001-1-0-charge.json", "{\"op\":\"CHARGE\",\"cluster\":");
        event("0000001700000000002-2-0-charge.json", "[1,2]");
        event("0000001700000000003-3-0-charge.json", charge(3).replace("\"proj\"", "\"nosuch\""));
        Path stale = event(".tmp-0000001700000000004-4-0-charge.json", "{\"op\":");
        Files.setLastModifiedTime(stale, FileTime.fromMillis(System.currentTimeMillis() - 3_600_000));
        Path fresh = event(".tmp-0000001700000000005-5-0-charge.json", "{\"op\":");
        event("0000001700000000006-6-0-charge.json", charge(6));

        assertEquals(new SpoolReplayer.Result(1, 4, 0), replayer.replay());

        try (var quarantined = Files.list(spool.resolve(SpoolReplayer.QUARANTINE))) {
            assertEquals(4, quarantined.count());
        }
        assertTrue(Files.exists(fresh), "a temp file a hook may still be writing is left alone");
        assertEquals(10 * SU - SU / 2, ledger.balance("proj").balanceMicroSu());
        assertVerifyClean();
    }

    @Test
    void aBusyStoreStopsTheRunAndKeepsTheFiles() throws IOException {
        Path first = event("0000001700000000001-1-0-charge.json", charge(1));
        Path second = event("0000001700000000002-2-0-charge.json", charge(2));
        SpoolReplayer busy = new SpoolReplayer(spool, (peer, request) ->
                CompletableFuture.completedFuture(Replies.error(ErrorCode.STORE_UNAVAILABLE, "disk full")));

        assertEquals(new SpoolReplayer.Result(0, 0, 2), busy.replay());

        assertTrue(Files.exists(first));
        assertTrue(Files.exists(second));
        assertFalse(Files.exists(spool.resolve(SpoolReplayer.QUARANTINE)));
        assertEquals(new SpoolReplayer.Result(2, 0, 0), replayer.replay());
    }
}
