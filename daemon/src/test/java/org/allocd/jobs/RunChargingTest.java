package org.allocd.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.allocd.charge.ChargePolicy;
import org.allocd.charge.ChargeRates;
import org.allocd.charge.NodeClasses;
import org.allocd.charge.PartitionRates;
import org.allocd.ledger.Job;
import org.allocd.ledger.JournalEntry;
import org.allocd.ledger.JournalFilter;
import org.allocd.ledger.JournalKind;
import org.allocd.ledger.Ledger;
import org.allocd.ledger.LienState;
import org.allocd.ledger.MicroSu;
import org.allocd.ledger.Operation;
import org.allocd.ledger.Role;
import org.allocd.protocol.HookRequests;
import org.allocd.rates.RateBook;
import org.allocd.server.Peer;
import org.allocd.store.SqlLedgerStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every run of a job is liened at its start and charged for what it ran, through the hook protocol
 * on a real SQLite ledger, as the prolog and epilog send it (the epilog of a requeued run sees the
 * job pending again, often with the next run's restart count).
 */
class RunChargingTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Peer HOOK = new Peer(0, 0, 1);
    private static final long SU = MicroSu.PER_SU;
    private static final long T0 = 1_800_000_000_000L;
    /** 1 GPU = 1 unit: 1 SU an hour, so N seconds cost N * SU / 3600. */
    private static final String JOB = "\"cluster\":\"testcluster\",\"job_id\":%d,\"restart\":%d,\"user\":\"alice\","
            + "\"account\":\"proj\",\"partition\":\"gpu\",\"cpus\":1,\"gpus\":1,\"time_limit_s\":3600";

    @TempDir
    Path dir;
    private SqlLedgerStore store;
    private Ledger ledger;
    private HookRequests hooks;

    private void open(ChargePolicy policy) {
        store = SqlLedgerStore.open(dir.resolve("allocd.db"));
        ledger = new Ledger(store, Clock.systemUTC());
        ChargeRates rates = new ChargeRates(Map.of("gpu", PartitionRates.defaults("gpu")), Map.of(), policy, false);
        JobAccounting jobs = new JobAccounting(ledger, RateBook.open(ledger, "testcluster", rates), () -> 300L,
                () -> true);
        hooks = new HookRequests(jobs, "testcluster", Runnable::run, () -> NodeClasses.NONE, uid -> Optional.empty());
        ledger.apply(new Operation.CreateAccount("a1", "admin", "proj", null, "", "", 0));
        ledger.apply(new Operation.AddUser("a2", "admin", "alice", 1000, "proj"));
        ledger.apply(new Operation.AddMembership("a3", "admin", "alice", "proj", null, null));
        ledger.apply(new Operation.Deposit("a4", "admin", "proj", 10 * SU, null, null, "grant"));
    }

    @AfterEach
    void tearDown() {
        if (store != null) {
            store.close();
        }
    }

    private ObjectNode send(String json) throws Exception {
        ObjectNode answer = hooks.handle(HOOK, (ObjectNode) JSON.readTree(json)).get();
        assertTrue(answer.get("ok").asBoolean(), answer.toString());
        return answer;
    }

    private void lien(long job, int restart, long submitMillis, long startMillis) throws Exception {
        send("{\"op\":\"LIEN\"," + JOB.formatted(job, restart) + ",\"submit_ms\":" + submitMillis + ",\"start_ms\":"
                + startMillis + "}");
    }

    /** The epilog of a requeued run: Slurm shows the job pending again; the hook names the run that ended. */
    private void requeued(long job, int restart, long endMillis) throws Exception {
        send("{\"op\":\"CHARGE\"," + JOB.formatted(job, restart) + ",\"requeued\":true,\"end_ms\":" + endMillis
                + ",\"state\":\"REQUEUED\",\"exit_code\":0}");
    }

    private void ended(long job, int restart, long elapsedSeconds, String state, int exitCode) throws Exception {
        send("{\"op\":\"CHARGE\"," + JOB.formatted(job, restart) + ",\"elapsed_s\":" + elapsedSeconds
                + ",\"state\":\"" + state + "\",\"exit_code\":" + exitCode + "}");
    }

    /** Rounded half-up once, as the charge is. */
    private static long cost(long seconds) {
        return (seconds * SU + 1800) / 3600;
    }

    private Job run(long job, int restart) {
        return ledger.read(view -> view.job("testcluster/" + job + "/" + restart)).orElseThrow();
    }

    private String endState(String jobKey) {
        return ledger.read(view -> view.jobRecord(jobKey)).orElseThrow().endState();
    }

    private long balance() {
        return ledger.balance("proj").balanceMicroSu();
    }

    private void assertVerifyClean() {
        assertTrue(ledger.verify().clean(), () -> ledger.verify().problems().toString());
    }

    @Test
    void requeuedTwiceThenFinishedIsThreeRunsEachChargedItsOwnElapsed() throws Exception {
        open(ChargePolicy.DEBITALLWC);
        lien(7, 0, T0, T0);
        requeued(7, 0, T0 + 360_000);
        lien(7, 1, T0 + 360_000, T0 + 400_000);
        requeued(7, 1, T0 + 400_000 + 720_000);
        lien(7, 2, T0 + 1_120_000, T0 + 1_200_000);
        ended(7, 2, 180, "COMPLETED", 0);

        assertEquals(cost(360), run(7, 0).chargedMicroSu());
        assertEquals(cost(720), run(7, 1).chargedMicroSu());
        assertEquals(cost(180), run(7, 2).chargedMicroSu());
        for (int restart = 0; restart < 3; restart++) {
            assertEquals(LienState.CHARGED, run(7, restart).lienState(), "run " + restart);
        }
        assertEquals(10 * SU - cost(360) - cost(720) - cost(180), balance());
        assertEquals(0, ledger.balance("proj").lienedMicroSu());
        assertEquals("REQUEUED", endState("testcluster/7/0"));
        assertEquals("COMPLETED", endState("testcluster/7/2"));
        assertVerifyClean();
    }

    @Test
    void aRunWhoseRequeueNeverReachedTheBankIsChargedUpToTheNextRunsSubmitTime() throws Exception {
        open(ChargePolicy.DEBITALLWC);
        lien(8, 0, T0, T0);
        // The requeued run's epilog was lost; Slurm gave the job a new submit time when it requeued it.
        lien(8, 1, T0 + 90_000, T0 + 200_000);

        assertEquals(cost(90), run(8, 0).chargedMicroSu());
        assertEquals(LienState.OPEN, run(8, 1).lienState(), "one open lien: the running run's");
        assertEquals(cost(3600), ledger.balance("proj").lienedMicroSu());

        // The lost epilog arrives late (from the spool): run 0 is settled, run 1 untouched.
        requeued(8, 0, T0 + 90_000);
        assertEquals(LienState.OPEN, run(8, 1).lienState());
        assertEquals(10 * SU - cost(90), balance());
        assertVerifyClean();
    }

    @Test
    void aRequeueOfARunThatWasNeverLienedChargesNothing() throws Exception {
        open(ChargePolicy.DEBITALLWC);
        requeued(9, 0, T0);
        assertEquals(10 * SU, balance());
        assertTrue(ledger.read(view -> view.job("testcluster/9/0")).isEmpty());
        assertVerifyClean();
    }

    @Test
    void aSecondRequeueEpilogOfTheSameRunChargesOnce() throws Exception {
        open(ChargePolicy.DEBITALLWC);
        lien(10, 0, T0, T0);
        requeued(10, 0, T0 + 60_000);
        requeued(10, 0, T0 + 60_000);
        assertEquals(10 * SU - cost(60), balance());
        assertVerifyClean();
    }

    @Test
    void debitSuccessfulChargesCompletedTimedOutAndCancelledRunsButNotFailedOnes() throws Exception {
        open(ChargePolicy.DEBITSUCCESSFULWC);
        String[] states = {"COMPLETED", "TIMEOUT", "CANCELLED", "PREEMPTED", "FAILED", "OUT_OF_MEMORY", "NODE_FAIL",
            "BOOT_FAIL", "DEADLINE"};
        long[] expected = {cost(60), cost(60), cost(60), cost(60), 0, 0, 0, 0, 0};
        for (int i = 0; i < states.length; i++) {
            lien(20 + i, 0, T0, T0);
            // A timed-out job's exit code is 0 or a signal; the state decides, not the code.
            ended(20 + i, 0, 60, states[i], states[i].equals("TIMEOUT") ? 128 + 9 : 0);
            assertEquals(expected[i], run(20 + i, 0).chargedMicroSu(), states[i]);
            String key = "testcluster/" + (20 + i) + "/0";
            assertEquals(states[i], endState(key));
        }
        List<JournalEntry> charges = ledger.read(view -> view.journalPage(null,
                new JournalFilter(0, Long.MAX_VALUE, JournalKind.CHARGE, null), null, 100));
        assertTrue(charges.stream().anyMatch(e -> e.note().equals("elapsed 60 s, exit 137, TIMEOUT at rates v1")),
                charges.toString());
        assertVerifyClean();
    }

    @Test
    void aNonMemberIsToldWhoCanAddThemNotAnAdminCommand() throws Exception {
        open(ChargePolicy.DEBITALLWC);
        ledger.apply(new Operation.AddUser("b1", "admin", "bob", 1001, null));
        String quote = "{\"op\":\"QUOTE\",\"user\":\"bob\",\"account\":\"proj\",\"partition\":\"gpu\",\"gpus\":1,"
                + "\"time_limit_s\":3600}";
        String noCoordinator = send(quote).get("message").asText();
        assertEquals("user 'bob' is not a member of account 'proj'; ask your PI to have you added to it", noCoordinator);

        ledger.apply(new Operation.AddUser("b2", "admin", "carol", 1002, null));
        ledger.apply(new Operation.AddMembership("b3", "admin", "carol", "proj", Role.COORDINATOR, null));
        String named = send(quote).get("message").asText();
        assertEquals("user 'bob' is not a member of account 'proj'; its coordinators can add you: carol", named);
        assertVerifyClean();
    }

    @Test
    void anOlderHookWithoutStateIsJudgedByItsExitCode() throws Exception {
        open(ChargePolicy.DEBITSUCCESSFULWC);
        lien(40, 0, T0, T0);
        send("{\"op\":\"CHARGE\"," + JOB.formatted(40, 0) + ",\"elapsed_s\":60,\"exit_code\":1}");
        assertEquals(0, run(40, 0).chargedMicroSu());
        assertEquals(LienState.CHARGED, run(40, 0).lienState());
        assertVerifyClean();
    }
}
