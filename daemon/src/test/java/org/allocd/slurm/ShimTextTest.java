package org.allocd.slurm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalLong;
import org.allocd.charge.JobRequest;
import org.allocd.ledger.JobArray;
import org.junit.jupiter.api.Test;

/** The text the shim and the hook write, read back. */
class ShimTextTest {
    @Test
    void pendingJobLinesKeepAnEmptyAdminComment() {
        List<PendingJob> jobs = PendingJob.parseAll("7\t1700000000\talice\tproj\t0\tJobHeldUser\t0\t\t"
                + "QOSGrpBillingMinutes: account proj needs 1.000000 SU, has 0.500000\n"
                + "8\t1700000001\tbob\tproj\t4294901\tResources\t0\t\t\n");
        assertEquals(2, jobs.size());
        assertTrue(jobs.get(0).heldByAllocd());
        assertEquals(new PendingJob(8, 1700000001, "bob", "proj", 4294901, "Resources", "", null), jobs.get(1));
        assertFalse(jobs.get(1).heldByAllocd());
        assertEquals(List.of(), PendingJob.parseAll(""));
    }

    @Test
    void pendingArrayRecordsCarryTheirElementOrTheirUnsplitTasks() {
        List<PendingJob> jobs = PendingJob.parseAll("32\t1700000000\talice\tproj\t0\tJobHeldUser\t31\t1\t\n"
                + "31\t1700000000\talice\tproj\t0\tJobHeldUser\t31\t2-5%2\t\n");
        assertEquals(new JobArray(31, 1), jobs.get(0).array());
        assertEquals(JobArray.unsplit(31, "2-5%2"), jobs.get(1).array());
        assertEquals("31_[2-5%2]", JobArray.slurmId(jobs.get(1).jobId(), 0, jobs.get(1).array()));
        List<PendingRequest> requests = PendingRequest.parseAll("31\t1700000000\talice\tproj\t0\tJobHeldUser\t31\t"
                + "1-5\tdebug\t\t60\t1\t0\t0\t1\t0\t\n");
        assertEquals(JobArray.unsplit(31, "1-5"), requests.get(0).job().array());
        assertEquals("debug", requests.get(0).request().partition());
    }

    @Test
    void aLineOfAnotherShimVersionIsAClearError() {
        var e = assertThrows(IllegalArgumentException.class, () -> PendingJob.parseAll("7\talice\n"));
        assertTrue(e.getMessage().contains("expected 9"), e.getMessage());
    }

    @Test
    void jobInfoLine() {
        JobInfo info = JobInfo.parse("9\tRUNNING\talice\tproj\t60\t1700000000\t1700000005\t1700003605\t1\tNone\t\n");
        assertEquals(new JobInfo(9, "RUNNING", "alice", "proj", 60, 1700000000, 1700000005, 1700003605, 1, "None", ""),
                info);
    }

    @Test
    void holdNoteCarriesTheCostTheUserWasTold() {
        String note = HoldNote.text("proj", 1_500_000, 250_000);
        assertEquals("QOSGrpBillingMinutes: account proj needs 1.500000 SU, has 0.250000", note);
        assertEquals(OptionalLong.of(1_500_000), HoldNote.neededMicroSu(note));
        // The daemon's own QUOTE message, as the hook copies it into the AdminComment.
        assertEquals(OptionalLong.of(2_000_000), HoldNote.neededMicroSu("QOSGrpBillingMinutes: account proj needs"
                + " 2.000000 SU, has 1.000000 available beside running jobs"));
        assertEquals(OptionalLong.empty(), HoldNote.neededMicroSu("needs 2 SU"));
        assertEquals(OptionalLong.empty(), HoldNote.neededMicroSu("QOSGrpBillingMinutes: needs 1.0000001 SU"));
    }

    @Test
    void billingMinutesRoundDown() {
        assertEquals(60, BillingMinutes.fromMicroSu(1_000_000, 1));
        assertEquals(30, BillingMinutes.fromMicroSu(500_000, 1));
        assertEquals(0, BillingMinutes.fromMicroSu(16_666, 1));
        assertEquals(1, BillingMinutes.fromMicroSu(16_667, 1));
        assertEquals(0, BillingMinutes.fromMicroSu(-5_000_000, 1));
        assertEquals(10 + 50 + 90, BillingMinutes.limit(10, 50, 1_500_000, 1));
        // qos_billing_per_unit = 72: a 1-core hour (1/72 SU = 13,889 uSU) is 60 billing-minutes, as Slurm counts it
        assertEquals(60, BillingMinutes.fromMicroSu(13_889, 72));
        assertEquals(59, BillingMinutes.fromMicroSu(13_888, 72));
        assertEquals(4320, BillingMinutes.fromMicroSu(1_000_000, 72));
        assertEquals(60, BillingMinutes.limit(10, 50, -3_000_000, 1));
    }

    @Test
    void qosUsageFromScontrol() {
        String text = """
                QOS=allocd_proj(2)
                    UsageRaw=0.000000
                    GrpTRES=cpu=N(0),mem=N(0),energy=N(0),node=N(0),billing=N(1),fs/disk=N(0)
                    GrpTRESMins=cpu=N(0),mem=N(0),energy=N(0),node=N(0),billing=90(12),fs/disk=N(0),gres/gpu=N(0)
                    GrpTRESRunMins=cpu=N(48),mem=N(0),energy=N(0),node=N(0),billing=N(48),fs/disk=N(0)
                """;
        assertEquals(new QosLimits.Usage(12, 48, 90), QosLimits.Usage.parse(text));
        assertEquals(-1, QosLimits.Usage.parse(text.replace("billing=90(12)", "billing=N(12)")).limitMinutes());
        assertThrows(IllegalArgumentException.class, () -> QosLimits.Usage.parse("QOS=allocd_proj(2)"));
        assertEquals("allocd_proj", QosLimits.qosName("Proj"));
    }

    @Test
    void pendingRequestLinesCarryWhatTheJobAsksFor() {
        List<PendingRequest> jobs = PendingRequest.parseAll("7\t1700000000\talice\tproj\t0\tJobHeldAdmin\t0\t\tgpu\t"
                + "premium\t3600\t8\t4294967296\t2\t1\t1\tQOSGrpBillingMinutes: account proj needs 1.000000 SU\n"
                + "8\t1700000001\tbob\tproj\t100\tResources\t0\t\t\t\t0\t1\t0\t0\t1\t0\t\n");
        assertEquals(new JobRequest("gpu", "premium", 8, 4L << 30, 2, 1, true, 3600, List.of()),
                jobs.get(0).request());
        assertTrue(jobs.get(0).job().heldByAllocd());
        // No partition or QOS given: the default partition's rates and QOS 1.0, as at submit.
        assertEquals(new JobRequest("default", null, 1, 0, 0, 1, false, 0, List.of()), jobs.get(1).request());
        assertEquals(new PendingJob(8, 1700000001, "bob", "proj", 100, "Resources", "", null), jobs.get(1).job());
        var e = assertThrows(IllegalArgumentException.class, () -> PendingRequest.parseAll("7\talice\n"));
        assertTrue(e.getMessage().contains("expected 17"), e.getMessage());
    }
}
