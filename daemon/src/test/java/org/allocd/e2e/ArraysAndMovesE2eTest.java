package org.allocd.e2e;

import static org.allocd.e2e.SlurmTestbed.await;
import static org.allocd.e2e.SlurmTestbed.unchecked;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.allocd.e2e.SlurmTestbed.Bed;
import org.allocd.ledger.MicroSu;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Job arrays and pending jobs moved to another account on a real slurmctld (22.05, or 24.11 with
 * ALLOCD_E2E_SLURM), submitted and changed by an unprivileged user: sbatch's message states an array's
 * price per element and in total, its elements are shown as Slurm names them (N_k), and a user's
 * `scontrol update Account=` is refused where the bank says they may not charge (Slurm's associations allow
 * it) and re-priced where they may, as is a new QOS alone. allocd runs with libslurmshim in hold mode. One-core
 * jobs: 1 unit.
 */
@Tag("e2e")
class ArraysAndMovesE2eTest {
    private static final String ALICE = "e2earrays";
    private static final long FUNDS = 1000 * 1_000_000L;
    private static final List<String> ACCOUNTS = List.of("e2earr", "e2emine", "e2enot", "e2epoor");

    @RegisterExtension
    // Slurm changes a job's account only through an association: without slurmdbd an update leaves it as it is.
    static final E2eBank E2E = E2eBank.on(Bed.ARRAYS).withDbd().withShim().user(ALICE);

    private static Bank bank;
    private static SlurmTestbed slurm;

    @BeforeAll
    static void up() throws Exception {
        bank = E2E.bank();
        slurm = E2E.slurm();
        for (String account : ACCOUNTS) {
            slurm.slurmOk("sacctmgr", "-i", "add", "account", account);
        }
        // Slurm lets the user charge each of them; the bank decides.
        slurm.slurmOk("sacctmgr", "-i", "add", "user", ALICE, "account=" + String.join(",", ACCOUNTS),
                "defaultaccount=e2earr");
    }

    /** A Slurm command run by the user, as sbatch is. */
    private static SlurmTestbed.Run asUser(String... command) throws IOException {
        List<String> line = new ArrayList<>(List.of("runuser", "-u", ALICE, "--", "env", "SLURM_CONF=" + slurm.slurmConf));
        line.addAll(List.of(command));
        return slurm.onBed(line, Map.of());
    }

    private static List<JsonNode> rows(String account) throws IOException {
        List<JsonNode> rows = new ArrayList<>();
        bank.admin("{\"op\":\"jobs\",\"account\":\"" + account + "\"}").get("rows").forEach(rows::add);
        return rows;
    }

    @Test
    void anArrayOfFiveWithTwoCancelledWhilePendingChargesThreeNamedAsSlurmNamesThem() throws IOException {
        bank.account("e2earr", FUNDS, ALICE);
        SlurmTestbed.Run submitted = slurm.sbatch(ALICE, "-A", "e2earr", "-t", "1", "-c", "1", "--hold",
                "--array=1-5", "--wrap", "sleep 2");
        assertEquals(0, submitted.exitCode(), submitted.stderr());
        long array = Long.parseLong(submitted.stdout().trim().split(";")[0]);
        long each = Bank.amount(1, 60);
        assertTrue(submitted.stderr().contains("sbatch: job array of 5 elements x " + MicroSu.format(each) + " SU = "
                + MicroSu.format(5 * each) + " SU; each element: job will hold " + MicroSu.format(each)
                + " SU of e2earr"), submitted.stderr());

        slurm.slurmOk("scancel", array + "_4", array + "_5");
        // Pending and not split off yet, the three elements left are one record of Slurm's: named as squeue does.
        assertEquals(array + "_[1-3]|pending\n", bank.allocmgr("-Pn", "show", "jobs", "where", "account=e2earr",
                "format=JobID,State"));
        slurm.slurmOk("scontrol", "release", Long.toString(array));
        await("three elements charged", () -> unchecked(() -> rows("e2earr")).stream()
                .filter(r -> r.get("state").asText().equals("charged")).count() == 3);

        TreeSet<String> shown = new TreeSet<>(bank.allocmgr("-Pn", "show", "jobs", "where", "account=e2earr",
                "format=JobID,State,Ended").lines().toList());
        assertEquals(new TreeSet<>(List.of(array + "_1|charged|COMPLETED", array + "_2|charged|COMPLETED",
                array + "_3|charged|COMPLETED")), shown, "the two cancelled while pending were never liened");
        long charged = 0;
        for (JsonNode row : rows("e2earr")) {
            assertEquals(Bank.amount(1, row.get("run_s").asLong()), row.get("charged_micro_su").asLong(), row.toString());
            charged += row.get("charged_micro_su").asLong();
        }
        bank.awaitCharged("e2earr", FUNDS - charged);
        String notes = bank.admin("{\"op\":\"transactions\",\"account\":\"e2earr\"}").get("rows").toString();
        for (int task = 1; task <= 3; task++) {
            assertTrue(notes.contains("array element " + array + "_" + task), notes);
        }
        bank.assertVerifyClean();
    }

    @Test
    void aUsersMoveToAnAccountTheyAreNotInIsRefusedAndToTheirOwnIsPricedAgain() throws IOException {
        bank.account("e2emine", FUNDS, ALICE);
        bank.account("e2enot", FUNDS);
        bank.account("e2epoor", 0, ALICE);
        long job = slurm.submit(ALICE, "-A", "e2emine", "-t", "1", "-c", "1", "--begin=now+600", "--wrap", "sleep 1");

        SlurmTestbed.Run refused = asUser("scontrol", "update", "JobId=" + job, "Account=e2enot");
        assertNotEquals(0, refused.exitCode(), refused.stdout() + refused.stderr());
        assertEquals("e2emine", slurm.job(job).get("Account"), "the job keeps its account");
        String reason = "user '" + ALICE + "' is not a member of account 'e2enot'; ask your PI to have you added to it";
        assertTrue(slurm.slurmctldLog().contains("move of job " + job + " refused: " + reason), "logged");
        // job_modify has err_msg, which scontrol shows, from Slurm 23.02; 22.05 shows its text for the error code.
        String seen = slurm.version.equals("22.05") ? "Invalid account or account/partition combination specified"
                : reason;
        assertTrue(refused.stderr().contains(seen), "scontrol said: " + refused.stderr());

        SlurmTestbed.Run moved = asUser("scontrol", "update", "JobId=" + job, "Account=e2epoor");
        assertEquals(0, moved.exitCode(), moved.stdout() + moved.stderr());
        assertEquals("e2epoor", slurm.job(job).get("Account"));
        // Hold mode: the bank prices the moved job and holds it until e2epoor can pay.
        await("job " + job + " held for e2epoor's money", () -> {
            Map<String, String> shown = unchecked(() -> slurm.job(job));
            return shown.get("Priority").equals("0") && shown.get("AdminComment").startsWith("QOSGrpBillingMinutes:");
        });
        assertEquals(0, bank.liened("e2epoor"));
        slurm.slurmOk("scancel", Long.toString(job));
        bank.assertVerifyClean();
    }

    /**
     * A new QOS alone (no new account) is priced again about a second later, not at the next 30 s sweep: a job
     * whose account cannot pay the dearer QOS is held. Two jobs, changed by the user and by an admin one after
     * the other, each held within REPRICED_SECONDS: two sweeps are 30 s apart, so only the change can do both.
     */
    @Test
    void aNewQosAloneIsPricedAgainWithinSeconds() throws IOException {
        final long repricedSeconds = 8;
        bank.reloadRates("[qos]", "e2edouble = 2");
        slurm.slurmOk("sacctmgr", "-i", "add", "qos", "e2edouble");
        List<Long> jobs = new ArrayList<>();
        for (String account : List.of("e2eqos1", "e2eqos2")) {
            // Each account pays one one-minute job at QOS normal (1.0), not at e2edouble (2.0).
            bank.account(account, Bank.amount(1, 60), ALICE);
            slurm.slurmOk("sacctmgr", "-i", "add", "account", account);
            slurm.slurmOk("sacctmgr", "-i", "add", "user", ALICE, "account=" + account, "qos=normal,e2edouble");
            jobs.add(slurm.submit(ALICE, "-A", account, "-t", "1", "-c", "1", "--begin=now+600", "--wrap", "sleep 1"));
        }
        for (long job : jobs) {
            assertEquals("normal", slurm.job(job).get("QOS"));
            String[] dearer = {"scontrol", "update", "JobId=" + job, "QOS=e2edouble"};
            if (job == jobs.get(0)) {
                SlurmTestbed.Run byUser = asUser(dearer);
                assertEquals(0, byUser.exitCode(), byUser.stdout() + byUser.stderr());
            } else {
                slurm.slurmOk(dearer);
            }
            await("job " + job + " held for its account's money after its new QOS", repricedSeconds, () -> {
                Map<String, String> shown = unchecked(() -> slurm.job(job));
                return shown.get("Priority").equals("0")
                        && shown.get("AdminComment").startsWith("QOSGrpBillingMinutes:");
            });
            assertEquals("e2edouble", slurm.job(job).get("QOS"));
        }
        assertEquals(0, bank.liened("e2eqos1") + bank.liened("e2eqos2"));
        for (long job : jobs) {
            slurm.slurmOk("scancel", Long.toString(job));
        }
        bank.assertVerifyClean();
    }
}
