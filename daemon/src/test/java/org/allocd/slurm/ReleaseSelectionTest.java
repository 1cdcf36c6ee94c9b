package org.allocd.slurm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.allocd.ledger.MicroSu;
import org.junit.jupiter.api.Test;

class ReleaseSelectionTest {
    private static final long SU = MicroSu.PER_SU;

    private static PendingJob held(long id, long neededMicroSu) {
        return new PendingJob(id, 1000 + id, "alice", "proj", 0, "JobHeldUser",
                HoldNote.text("proj", neededMicroSu, 0), null);
    }

    /** The ledger's answer for an account holding availableMicroSu. */
    private static ReleaseSelection.FundsProbe available(long availableMicroSu) {
        return (user, total) -> total <= availableMicroSu;
    }

    private static List<Long> ids(List<ReleaseSelection.Candidate> released) {
        List<Long> ids = new ArrayList<>();
        released.forEach(c -> ids.add(c.job().jobId()));
        return ids;
    }

    @Test
    void twoJobsThatTogetherExceedTheMoneyAreNotBothReleased() {
        var released = ReleaseSelection.select(List.of(held(1, SU), held(2, SU)), 0, available(SU + SU / 2));
        assertEquals(List.of(1L), ids(released));
        assertEquals(SU, released.get(0).neededMicroSu());
    }

    @Test
    void enoughForBothReleasesBothInSubmitOrder() {
        assertEquals(List.of(1L, 2L), ids(ReleaseSelection.select(List.of(held(1, SU), held(2, SU)), 0,
                available(2 * SU))));
    }

    @Test
    void aJobThatDoesNotFitIsSkippedAndASmallerLaterOneStillStarts() {
        assertEquals(List.of(2L, 3L), ids(ReleaseSelection.select(
                List.of(held(1, 5 * SU), held(2, SU), held(3, SU / 2)), 0, available(2 * SU))));
    }

    @Test
    void moneyPromisedToReleasedJobsThatHaveNotStartedCounts() {
        assertEquals(List.of(), ids(ReleaseSelection.select(List.of(held(2, SU)), SU, available(SU + SU / 2))));
    }

    @Test
    void onlyJobsHeldByAllocdAreCandidates() {
        PendingJob userHold = new PendingJob(1, 1, "alice", "proj", 0, "JobHeldUser", "", null);
        PendingJob notHeld = new PendingJob(2, 2, "alice", "proj", 100, "Resources", HoldNote.text("proj", SU, 0), null);
        PendingJob noCost = new PendingJob(3, 3, "alice", "proj", 0, "JobHeldUser", "QOSGrpBillingMinutes: see admin", null);
        assertEquals(List.of(4L), ids(ReleaseSelection.select(List.of(userHold, notHeld, noCost, held(4, SU)), 0,
                available(100 * SU))));
    }

    @Test
    void aRefusalForOneUserDoesNotStopTheOthers() {
        PendingJob bob = new PendingJob(2, 2, "bob", "proj", 0, "JobHeldUser", HoldNote.text("proj", SU, 0), null);
        ReleaseSelection.FundsProbe onlyAlice = (user, total) -> user.equals("alice") && total <= 10 * SU;
        assertEquals(List.of(1L, 3L), ids(ReleaseSelection.select(List.of(held(1, SU), bob, held(3, SU)), 0,
                onlyAlice)));
    }
}
