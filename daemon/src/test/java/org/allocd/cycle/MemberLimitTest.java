package org.allocd.cycle;

import static org.allocd.ledger.LedgerFixture.SU;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import org.allocd.ledger.FundsCheck;
import org.allocd.ledger.LedgerException;
import org.allocd.ledger.LedgerOnEachStore;
import org.allocd.ledger.LimitPeriod;
import org.allocd.ledger.MemberUse;
import org.allocd.ledger.Operation;
import org.allocd.ledger.Refusal;
import org.allocd.ledger.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A member's limit counts per allocation cycle or in total (MemberUse): quote and lien refuse the same job
 * with the same message, and a per-cycle limit starts again with each period of the account's grant.
 */
class MemberLimitTest extends LedgerOnEachStore {
    private static final long JAN_1_MILLIS = Instant.parse("2027-01-01T00:00:00Z").toEpochMilli();
    private static final long FEB_1_MILLIS = Instant.parse("2027-02-01T00:00:00Z").toEpochMilli();

    @BeforeEach
    void open() {
        f.account("chem", null);
        f.user("alice", "chem");
        f.apply(new AddGrant(f.key(), "admin", "chem", 100 * SU, GrantPeriod.MONTHLY, JAN_1_MILLIS, null,
                CarryOver.parse("none"), "UTC", "monthly grant"));
        f.apply(new RunGrants(f.key(), "housekeeping"));
    }

    private void limit(long limitMicroSu, LimitPeriod per) {
        f.apply(new Operation.AddMembership(f.key(), "admin", "alice", "chem", Role.MEMBER, limitMicroSu, per));
    }

    private MemberUse use() {
        return f.store.read(v -> MemberUse.of(v, v.membership(v.user("alice").orElseThrow().id(),
                v.account("chem").orElseThrow().id()).orElseThrow(), "alice", "chem", f.clock.millis()));
    }

    /** The quote's refusal, and that the lien of the same job is refused with the same words. */
    private String refusedAtQuoteAndLien(String job, long amountMicroSu) {
        LedgerException quoted = assertThrows(LedgerException.class,
                () -> f.ledger.checkFunds("chem", "alice", amountMicroSu));
        assertEquals(Refusal.USER_LIMIT_EXCEEDED, quoted.refusal());
        LedgerException liened = f.refused(Refusal.USER_LIMIT_EXCEEDED, new Operation.PlaceLien("lien:" + job,
                "slurm", job, "chem", "alice", amountMicroSu, 3600, null));
        assertEquals(quoted.getMessage(), liened.getMessage(), "one rule, one message");
        return quoted.getMessage();
    }

    private void nextMonth() {
        f.clock.setMillis(FEB_1_MILLIS + 3_600_000L);
        f.apply(new RunGrants(f.key(), "housekeeping"));
    }

    @Test
    void aPerCycleLimitStartsAgainWithEachPeriodOfTheGrant() {
        limit(10 * SU, LimitPeriod.CYCLE);
        f.lien("c/1/0", "chem", "alice", 8 * SU);
        f.charge("c/1/0", 8 * SU);
        assertEquals("alice has used 8.000000 of 10.000000 SU this cycle (since 2027-01-01) in chem; this job"
                + " needs 3.000000 SU; ask the account's coordinator to raise the limit",
                refusedAtQuoteAndLien("c/2/0", 3 * SU));
        nextMonth();
        assertEquals(0, use().usedMicroSu(), "a new period, nothing used yet");
        assertEquals(FEB_1_MILLIS, use().cycle().startsAtMillis());
        assertEquals(FundsCheck.Verdict.FITS, f.ledger.checkFunds("chem", "alice", 3 * SU).verdict());
        f.lien("c/2/0", "chem", "alice", 3 * SU);
        assertEquals(3 * SU, use().usedMicroSu(), "an open lien counts");
        assertEquals("alice has used 3.000000 of 10.000000 SU this cycle (since 2027-02-01) in chem; this job"
                + " needs 8.000000 SU; ask the account's coordinator to raise the limit",
                refusedAtQuoteAndLien("c/3/0", 8 * SU));
    }

    @Test
    void aTotalLimitDoesNotStartAgain() {
        limit(10 * SU, LimitPeriod.TOTAL);
        f.lien("c/1/0", "chem", "alice", 8 * SU);
        f.charge("c/1/0", 8 * SU);
        nextMonth();
        assertEquals(8 * SU, use().usedMicroSu());
        assertEquals("alice has used 8.000000 of 10.000000 SU in total in chem; this job needs 3.000000 SU; ask"
                + " the account's coordinator to raise the limit", refusedAtQuoteAndLien("c/2/0", 3 * SU));
    }

    @Test
    void useIsChargesLessRefundsPlusOpenLiens() {
        limit(10 * SU, LimitPeriod.CYCLE);
        f.lien("c/1/0", "chem", "alice", 6 * SU);
        assertEquals(6 * SU, use().usedMicroSu());
        refusedAtQuoteAndLien("c/2/0", 5 * SU);
        f.charge("c/1/0", 4 * SU);
        f.apply(new Operation.Refund(f.key(), "admin", "c/1/0", SU, "node failure"));
        assertEquals(3 * SU, use().usedMicroSu(), "charged 4, refunded 1, no open lien");
        // A refund booked this cycle for last cycle's job gives back no more than this cycle used.
        nextMonth();
        f.apply(new Operation.Refund(f.key(), "admin", "c/1/0", 3 * SU, "rest of it"));
        assertEquals(0, use().usedMicroSu());
        f.lien("c/2/0", "chem", "alice", 7 * SU);
        assertEquals(7 * SU, use().usedMicroSu());
    }
}
