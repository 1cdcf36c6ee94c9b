package org.allocd.slurm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.allocd.ledger.MicroSu;
import org.junit.jupiter.api.Test;

class HoldSelectionTest {
    private static final long SU = MicroSu.PER_SU;

    private static HoldSelection.Priced pending(long id, long priority, long costMicroSu) {
        return new HoldSelection.Priced(new PendingJob(id, 1000 + id, "alice", "proj", priority, "Priority", "", null),
                costMicroSu);
    }

    private static List<Long> held(HoldSelection.Plan plan) {
        return plan.toHold().stream().map(p -> p.job().jobId()).toList();
    }

    @Test
    void jobsBeyondTheMoneyAreHeldInSubmitOrder() {
        HoldSelection.Plan plan = HoldSelection.select(List.of(pending(1, 10, 6 * SU), pending(2, 10, 6 * SU),
                pending(3, 10, 3 * SU)), (user, total) -> total <= 10 * SU);
        // Each fits alone; together the second is one too many, and the third still fits beside the first.
        assertEquals(List.of(2L), held(plan));
        assertEquals(9 * SU, plan.keptMicroSu());
    }

    @Test
    void jobsAlreadyHeldAreNeitherCountedNorHeldAgain() {
        HoldSelection.Plan plan = HoldSelection.select(List.of(pending(1, 0, 50 * SU), pending(2, 10, 4 * SU)),
                (user, total) -> total <= 5 * SU);
        assertEquals(List.of(), held(plan));
        assertEquals(4 * SU, plan.keptMicroSu());
    }

    @Test
    void noMoneyHoldsEveryFreeJob() {
        HoldSelection.Plan plan = HoldSelection.select(List.of(pending(1, 10, SU), pending(2, 10, 0)),
                (user, total) -> total <= 0);
        // A free job (QOS standby) always fits.
        assertEquals(List.of(1L), held(plan));
        assertEquals(0, plan.keptMicroSu());
    }
}
