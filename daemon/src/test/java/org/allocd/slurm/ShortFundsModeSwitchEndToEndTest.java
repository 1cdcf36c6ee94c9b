package org.allocd.slurm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import org.allocd.e2e.SlurmTestbed;
import org.allocd.e2e.SlurmTestbed.Bed;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Switching short_funds_mode leaves nothing behind, at a reload and at a restart: out of qos mode no allocd QOS
 * limits anything and the account has its own default QOS back (a job the money does not cover is then held by
 * allocd instead); into qos mode the account gets its QOS and limit, and the jobs allocd held are released when
 * the money covers them. Real Slurm with slurmdbd; each test ends with verify clean.
 */
@Tag("e2e")
class ShortFundsModeSwitchEndToEndTest {
    private static final long LIMIT_S = 3600;

    @Test
    void qosToHoldAtAReloadThenBackToQosAtARestart(@TempDir Path dir) throws Exception {
        try (SlurmTestbed bed = SlurmTestbed.started(Bed.DAEMON_TESTS, true);
                AllocdOnTestbed allocd = new AllocdOnTestbed(bed, dir, "qos")) {
            accountInSlurm(bed, allocd);
            allocd.switchMode("qos", true);
            allocd.await("QOS allocd_proja, billing=0, at start for every account of the bank",
                    () -> limit(bed).equals("billing=0") && defaultQos(bed).equals("allocd_proja"));
            long job = allocd.sbatch("-A", "proja", "-n", "1", "-t", "60");
            allocd.await("job " + job + " to pend as QOSGrpBillingMinutes",
                    () -> allocd.stateAndReason(job).equals("PENDING QOSGrpBillingMinutes"));

            allocd.switchMode("hold", false);
            allocd.await("the QOS limit removed and the default QOS given back",
                    () -> limit(bed).isEmpty() && defaultQos(bed).isEmpty());
            allocd.await("job " + job + " held by allocd (the QOS no longer keeps it)",
                    () -> allocd.stateAndReason(job).startsWith("PENDING JobHeld")
                            && allocd.show(job).contains("AdminComment=QOSGrpBillingMinutes: account proja"));
            allocd.deposit("proja", 1_500_000);
            allocd.await("job " + job + " released and running after the deposit",
                    () -> allocd.stateAndReason(job).startsWith("RUNNING"));
            allocd.lien(job, "root", "proja", LIMIT_S);

            allocd.switchMode("qos", true);
            // used + running (60) + floor(0.5 SU x 60) = at least 90 billing-minutes
            allocd.await("the QOS limit and default QOS back after the restart", () -> defaultQos(bed)
                    .equals("allocd_proja") && limit(bed).matches("billing=\\d+") && minutes(limit(bed)) >= 90);
            long next = allocd.sbatch("-A", "proja", "-n", "1", "-t", "60");
            allocd.await("job " + next + " (1 SU, 0.5 SU left) to pend as QOSGrpBillingMinutes",
                    () -> allocd.stateAndReason(next).equals("PENDING QOSGrpBillingMinutes"));
            bed.slurmOk("scancel", String.valueOf(next));
            allocd.endAndCharge("root", "proja", LIMIT_S, job);
            allocd.verifyClean();
        }
    }

    @Test
    void holdToQosAtAReloadThenBackToHoldAtARestart(@TempDir Path dir) throws Exception {
        try (SlurmTestbed bed = SlurmTestbed.started(Bed.DAEMON_TESTS, true);
                AllocdOnTestbed allocd = new AllocdOnTestbed(bed, dir, "hold")) {
            accountInSlurm(bed, allocd);
            allocd.deposit("proja", 1_500_000); // one 1-SU job fits, two do not
            long running = allocd.sbatch("-A", "proja", "-n", "1", "-t", "60");
            allocd.await("job " + running + " to run", () -> allocd.stateAndReason(running).startsWith("RUNNING"));
            allocd.lien(running, "root", "proja", LIMIT_S);
            // What the job_submit plugin does with a "hold" verdict: submit held, the quote's message as AdminComment.
            ObjectNode quote = allocd.quote("root", "proja", LIMIT_S);
            assertEquals("hold", quote.get("verdict").asText(), quote.toString());
            long held = allocd.sbatch("--hold", "-A", "proja", "-n", "1", "-t", "60");
            bed.slurmOk("scontrol", "update", "jobid=" + held, "admincomment=" + quote.get("message").asText());

            allocd.switchMode("qos", false);
            // floor(0.5 SU x 60): the running job runs under the QOS it started with, so the QOS counts none of it
            // and the ledger's available money already leaves out its lien.
            allocd.await("QOS allocd_proja made the default with its limit at the switch", () -> defaultQos(bed)
                    .equals("allocd_proja") && limit(bed).equals("billing=30"));
            long pending = allocd.sbatch("-A", "proja", "-n", "1", "-t", "60");
            allocd.await("job " + pending + " to pend as QOSGrpBillingMinutes",
                    () -> allocd.stateAndReason(pending).equals("PENDING QOSGrpBillingMinutes"));
            assertTrue(allocd.stateAndReason(held).startsWith("PENDING JobHeld"), "not paid for yet: still held");
            allocd.endAndCharge("root", "proja", LIMIT_S, running); // the bed has 2 cores: room for the other two
            allocd.deposit("proja", 2_000_000);
            allocd.await("the held job released and the pending one started after the deposit",
                    () -> allocd.stateAndReason(held).startsWith("RUNNING")
                            && allocd.stateAndReason(pending).startsWith("RUNNING"));
            allocd.lien(held, "root", "proja", LIMIT_S);
            allocd.lien(pending, "root", "proja", LIMIT_S);

            allocd.switchMode("hold", true);
            allocd.await("the QOS limit removed and the default QOS given back after the restart",
                    () -> limit(bed).isEmpty() && defaultQos(bed).isEmpty());
            allocd.endAndCharge("root", "proja", LIMIT_S, held, pending);
            allocd.verifyClean();
        }
    }

    private static void accountInSlurm(SlurmTestbed bed, AllocdOnTestbed allocd) throws Exception {
        bed.slurmOk("sacctmgr", "-i", "add", "account", "proja");
        bed.slurmOk("sacctmgr", "-i", "add", "user", "root", "account=proja");
        allocd.account("proja", "root");
    }

    /** The QOS's GrpTRESMins, e.g. "billing=90"; "" when it limits nothing. */
    private static String limit(SlurmTestbed bed) throws Exception {
        return bed.slurmOk("sacctmgr", "-n", "-P", "show", "qos", "allocd_proja", "format=GrpTRESMins").strip();
    }

    /** The default QOS of the account's own association; "" when none is set. */
    private static String defaultQos(SlurmTestbed bed) throws Exception {
        for (String line : bed.slurmOk("sacctmgr", "-n", "-P", "show", "assoc", "where", "account=proja",
                "format=user,defaultqos").split("\n")) {
            if (line.startsWith("|")) {
                return line.substring(1).strip();
            }
        }
        return "";
    }

    private static long minutes(String limit) {
        return Long.parseLong(limit.substring("billing=".length()));
    }
}
