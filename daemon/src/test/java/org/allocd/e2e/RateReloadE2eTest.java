package org.allocd.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import org.allocd.e2e.SlurmTestbed.Bed;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The price of the lien is the price of the charge, on real Slurm with the real hooks: a reload that doubles the
 * partition's rate while a job runs leaves that job's charge at its lien's rate version, and prices the jobs that
 * start after it at the new one. Ends with verify clean.
 */
@Tag("e2e")
class RateReloadE2eTest {
    private static final String ALICE = "e2ealice";
    private static final long FUNDS = 1000 * 1_000_000L;

    @RegisterExtension
    static final E2eBank E2E = E2eBank.on(Bed.RATES).account("e2erates", FUNDS).user(ALICE, "e2erates")
            .member(ALICE, "e2erates");

    private static Bank bank;
    private static SlurmTestbed slurm;

    @BeforeAll
    static void up() {
        bank = E2E.bank();
        slurm = E2E.slurm();
    }

    @Test
    void aReloadThatDoublesTheRateDuringARunIsChargedAtTheOldVersion() throws IOException {
        long job = slurm.submit(ALICE, "-A", "e2erates", "-t", "2", "--wrap", "sleep 6");
        slurm.awaitState(job, "RUNNING");
        bank.awaitLiened("e2erates", Bank.amount(1, 120)); // 1 core = 1 unit x 2 minutes at rate 1
        bank.reloadWithRate("2.0");
        slurm.awaitEnd(job);
        long elapsed = slurm.elapsedSeconds(job);
        bank.awaitCharged("e2erates", FUNDS - Bank.amount(1, elapsed));

        long after = slurm.submit(ALICE, "-A", "e2erates", "-t", "2", "--wrap", "sleep 2");
        slurm.awaitState(after, "RUNNING");
        bank.awaitLiened("e2erates", Bank.amount(2, 120)); // started after the reload: rate 2
        slurm.awaitEnd(after);
        bank.awaitCharged("e2erates", FUNDS - Bank.amount(1, elapsed) - Bank.amount(2,
                slurm.elapsedSeconds(after)));

        JsonNode versions = bank.admin("{\"op\":\"rates\"}").get("rows");
        assertEquals(2, versions.size(), versions.toString());
        String journal = bank.admin("{\"op\":\"transactions\",\"account\":\"e2erates\"}").toString();
        assertTrue(journal.contains("at rates v1") && journal.contains("at rates v2"), journal);
        bank.assertVerifyClean();
    }
}
