package org.allocd.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import org.allocd.access.UnixUsers;
import org.allocd.charge.ChargePolicy;
import org.allocd.charge.ChargeRates;
import org.allocd.charge.NodeClasses;
import org.allocd.charge.PartitionRates;
import org.allocd.daemon.DaemonFixture;
import org.allocd.jobs.JobAccounting;
import org.allocd.ledger.Ledger;
import org.allocd.ledger.MicroSu;
import org.allocd.ledger.Operation;
import org.allocd.rates.RateBook;
import org.allocd.server.Peer;
import org.allocd.store.SqlLedgerStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The submit plugin sends the job owner's uid and allocd names it (the real C library's passwd lookup), so no
 * lookup runs in slurmctld. The real daemon over its hook socket; verify clean.
 */
class QuoteByUidTest {
    private static final String JOB = "\"partition\":\"gpu\",\"gpus\":1,\"time_limit_s\":3600";

    @Test
    void aQuoteByUidIsForTheUsersNameAndAnUnnamedUidIsRejected(@TempDir Path dir) throws Exception {
        try (DaemonFixture f = new DaemonFixture(dir)) {
            f.seed();
            f.admin("{\"op\":\"add_user\",\"name\":\"root\",\"default_account\":\"proj\",\"key\":\"u-root\"}");
            ObjectNode root = f.hook("{\"op\":\"QUOTE\",\"uid\":0," + JOB + "}");
            assertEquals("accept", root.get("verdict").asText(), root.toString());
            assertEquals("proj", root.get("account").asText(), "uid 0 is root, whose default account is proj");

            ObjectNode nobody = f.hook("{\"op\":\"QUOTE\",\"uid\":4000000000," + JOB + "}");
            assertEquals("reject", nobody.get("verdict").asText(), nobody.toString());
            assertTrue(nobody.get("message").asText().contains("uid 4000000000 has no user name"), nobody.toString());

            ObjectNode neither = f.hook("{\"op\":\"QUOTE\"," + JOB + "}");
            assertEquals("bad_request", neither.get("error").asText(), neither.toString());
            assertTrue(f.verify().get("clean").asBoolean());
        }
    }

    /**
     * Each submit's QUOTE comes by uid: once the name is known, it is answered on the calling thread (the socket's
     * event loop) from memory, as a QUOTE by name is, not handed to a reader thread for the lookup and a database
     * read (that hand-off and read cost every sbatch about a millisecond). Real SQLite ledger, real C library.
     */
    @Test
    void aQuoteByAUidSeenLatelyIsAnsweredWithoutAHandOff(@TempDir Path dir) throws Exception {
        try (SqlLedgerStore store = SqlLedgerStore.open(dir.resolve("allocd.db"))) {
            Ledger ledger = new Ledger(store, Clock.systemUTC());
            ChargeRates rates = new ChargeRates(Map.of("gpu", PartitionRates.defaults("gpu")), Map.of(),
                    ChargePolicy.DEBITALLWC, false);
            JobAccounting jobs = new JobAccounting(ledger, RateBook.open(ledger, "testcluster", rates), () -> 300L,
                    () -> true);
            AtomicInteger handOffs = new AtomicInteger();
            Executor reads = task -> {
                handOffs.incrementAndGet();
                task.run();
            };
            HookRequests hooks = new HookRequests(jobs, "testcluster", reads, () -> NodeClasses.NONE, new UnixUsers());
            ledger.apply(new Operation.CreateAccount("a1", "admin", "proj", null, "", "", 0));
            ledger.apply(new Operation.AddUser("a2", "admin", "root", 0, "proj"));
            ledger.apply(new Operation.Deposit("a3", "admin", "proj", 10 * MicroSu.PER_SU, null, null, "grant"));
            ObjectNode quote = (ObjectNode) new ObjectMapper().readTree("{\"op\":\"QUOTE\",\"uid\":0," + JOB + "}");

            ObjectNode first = hooks.handle(new Peer(0, 0, 1), quote).get();
            assertEquals("accept", first.get("verdict").asText(), first.toString());
            assertEquals(1, handOffs.get(), "the first QUOTE by uid 0 looks the name up on a reader thread");

            CompletableFuture<ObjectNode> second = hooks.handle(new Peer(0, 0, 1), quote);
            assertTrue(second.isDone(), "answered before handle() returned");
            assertEquals(first.get("message").asText(), second.get().get("message").asText());
            assertEquals(1, handOffs.get(), "uid 0 is known now: no hand-off");
            assertTrue(ledger.verify().clean(), () -> ledger.verify().problems().toString());
        }
    }
}
