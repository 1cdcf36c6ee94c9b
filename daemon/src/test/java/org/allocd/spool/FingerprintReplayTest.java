package org.allocd.spool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.allocd.charge.ChargePolicy;
import org.allocd.charge.ChargeRates;
import org.allocd.charge.NodeClasses;
import org.allocd.charge.PartitionRates;
import org.allocd.fallback.FallbackAccounts;
import org.allocd.jobs.JobAccounting;
import org.allocd.ledger.Balance;
import org.allocd.ledger.JournalEntry;
import org.allocd.ledger.Ledger;
import org.allocd.ledger.MicroSu;
import org.allocd.ledger.OpResult;
import org.allocd.ledger.Operation;
import org.allocd.ledger.TestClock;
import org.allocd.protocol.HookRequests;
import org.allocd.rates.RateBook;
import org.allocd.server.Peer;
import org.allocd.store.SqlLedgerStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A ledger and a spool made by the code before fingerprints were canonical (resources fingerprints/, from
 * {@link FingerprintCorpus}) replay as the same requests: every operation answers as a replay, nothing is
 * booked twice, and verify stays clean.
 */
class FingerprintReplayTest {
    private static final String CORPUS = "/fingerprints/";
    private static final List<String> SPOOLED = List.of(
            "0000001800000000001-101-0-lien.json", "0000001800000000002-101-0-charge.json",
            "0000001800000000003-102-0-lien.json", "0000001800000000004-102-0-charge.json",
            "0000001800000000005-103-0-lien.json", "0000001800000000006-103-0-charge.json",
            "0000001800000000007-104-0-lien.json", "0000001800000000008-104-0-charge.json");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private SqlLedgerStore store;
    private Ledger ledger;
    private HookRequests hooks;

    @BeforeEach
    void open() throws IOException {
        copy("ledger.db", dir.resolve("ledger.db"));
        for (String name : SPOOLED) {
            copy("spool/" + name, dir.resolve("spool").resolve(name));
        }
        store = SqlLedgerStore.open(dir.resolve("ledger.db"));
        ledger = new Ledger(store, new TestClock(FingerprintCorpus.T0_MS), new FallbackAccounts());
        ChargeRates rates = new ChargeRates(Map.of("gpu", PartitionRates.defaults("gpu")), Map.of(),
                ChargePolicy.DEBITALLWC, false);
        JobAccounting jobs = new JobAccounting(ledger, RateBook.open(ledger, "testcluster", rates), () -> 300L,
                () -> true);
        hooks = new HookRequests(jobs, "testcluster", Runnable::run, () -> NodeClasses.NONE, uid -> Optional.empty());
    }

    @AfterEach
    void close() {
        assertTrue(ledger.verify().clean(), () -> ledger.verify().problems().toString());
        store.close();
    }

    @Test
    void everyOperationTheOldCodeRecordedIsAReplay() {
        long journal = journalSize();
        for (Operation op : FingerprintCorpus.operations()) {
            OpResult result = ledger.apply(op);
            assertTrue(result.replayed(), op.opKey() + " " + op.getClass().getSimpleName() + ": " + result);
        }
        assertEquals(journal, journalSize(), "a replay books nothing");
    }

    @Test
    void everyOperationRecordedWithTheVersionedFingerprintIsAReplay() {
        try (SqlLedgerStore fresh = SqlLedgerStore.open(dir.resolve("fresh.db"))) {
            Ledger now = new Ledger(fresh, new TestClock(FingerprintCorpus.T0_MS), new FallbackAccounts());
            for (Operation op : FingerprintCorpus.operations()) {
                assertFalse(now.apply(op).replayed(), op.opKey());
            }
            for (Operation op : FingerprintCorpus.operations()) {
                assertTrue(now.apply(op).replayed(), op.opKey() + " " + op.getClass().getSimpleName());
            }
            assertTrue(now.verify().clean());
        }
    }

    @Test
    void theSpoolReplaysOnceAndItsEventsThereBeforeAreReplays() throws Exception {
        Balance before = ledger.balance("proj");
        assertEquals(MicroSu.PER_SU, before.lienedMicroSu(), "job 102's lien, placed before the spool");
        assertEquals(new SpoolReplayer.Result(8, 0, 0), new SpoolReplayer(dir.resolve("spool"), hooks).replay());
        Balance after = ledger.balance("proj");
        assertEquals(0, after.lienedMicroSu());
        assertEquals(before.balanceMicroSu() - 3 * MicroSu.PER_SU / 2, after.balanceMicroSu(),
                "jobs 102, 103 and 104 charged half an SU each, job 101 not again");
        long journal = journalSize();
        for (String name : SPOOLED) {
            try (InputStream in = getClass().getResourceAsStream(CORPUS + "spool/" + name)) {
                ObjectNode answer = hooks.handle(new Peer(0, 0, 1), (ObjectNode) JSON.readTree(in)).get();
                assertTrue(answer.path("replayed").asBoolean(), name + " sent again: " + answer);
            }
        }
        assertEquals(journal, journalSize(), "the events sent again book nothing");
        try (Stream<Path> left = Files.list(dir.resolve("spool"))) {
            assertFalse(left.anyMatch(f -> f.toString().endsWith(".json")), "the replayed files are gone");
        }
    }

    private long journalSize() {
        return store.read(v -> v.lastJournalEntry().map(JournalEntry::id).orElse(0L));
    }

    private void copy(String resource, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        try (InputStream in = getClass().getResourceAsStream(CORPUS + resource)) {
            Files.copy(in, to);
        }
    }
}
