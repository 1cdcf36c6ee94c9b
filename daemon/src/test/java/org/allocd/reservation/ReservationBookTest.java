package org.allocd.reservation;

import static org.allocd.ledger.LedgerFixture.HOUR_MILLIS;
import static org.allocd.ledger.LedgerFixture.SU;
import static org.allocd.ledger.LedgerFixture.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.allocd.billing.BilledLine;
import org.allocd.billing.BillingRows;
import org.allocd.ledger.JobTimes;
import org.allocd.ledger.JournalEntry;
import org.allocd.ledger.JournalKind;
import org.allocd.ledger.LedgerOnEachStore;
import org.allocd.ledger.OpResult;
import org.allocd.ledger.Operation;
import org.allocd.ledger.Refusal;
import org.allocd.ledger.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A reservation's idle time: reserved price less its jobs' net charges, once, on the reservation meter. */
class ReservationBookTest extends LedgerOnEachStore {
    /** T0 in UTC is 2027-01-15T08:00:00Z. */
    static final String LINE = "resv@20270115T080000Z";

    @BeforeEach
    void open() {
        f.account("lab", null);
        f.account("proj", null);
        f.user("alice", "proj");
        f.deposit("lab", 100 * SU);
        f.deposit("proj", 100 * SU);
        f.apply(new Operation.AddMembership(f.key(), "admin", "alice", "proj", Role.MEMBER, null));
        f.apply(new RecordReservation(f.key(), "allocd", "resv", "lab", T0, T0 + HOUR_MILLIS, 10 * SU,
                "1 nodes, 144 cpus on default for 3600 s"));
    }

    private void jobIn(String job, String reservation, long startMillis, long chargeMicroSu) {
        JobTimes times = new JobTimes(startMillis, startMillis, null, reservation);
        f.apply(new Operation.PlaceLien("lien:" + job, "slurm", job, "proj", "alice", 5 * SU, 7200, null, times));
        f.charge(job, chargeMicroSu);
    }

    private OpResult chargeResv() {
        return f.apply(new ChargeReservation("reservation:resv:" + T0, "allocd", "resv", T0));
    }

    @Test
    void theAccountPaysTheReservedPriceLessItsJobsOnce() {
        jobIn("c/1/0", "resv", T0 + 60_000, 3 * SU);
        jobIn("c/2/0", null, T0 + 60_000, 2 * SU);
        jobIn("c/3/0", "resv", T0 - 2 * HOUR_MILLIS, SU); // an earlier run of a reservation of the same name
        f.apply(new Operation.Refund(f.key(), "admin", "c/1/0", SU / 2, "node fault"));
        f.clock.setMillis(T0 + HOUR_MILLIS);
        OpResult charged = chargeResv();
        assertEquals(7_500_000, charged.amountMicroSu(), charged.detail());
        assertEquals(92_500_000, f.balance("lab").balanceMicroSu());
        assertEquals(100 * SU - 3 * SU + SU / 2 - 2 * SU - SU, f.balance("proj").balanceMicroSu(),
                "jobs are charged to their own accounts");
        BilledLine line = f.store.read(v -> v.rows(BillingRows.class).billedLine(v.account("lab").orElseThrow().id(),
                "2027-01",
                "reservation", LINE)).orElseThrow();
        assertEquals(-7_500_000, line.amountMicroSu());
        JournalEntry last = f.store.read(v -> v.lastJournalEntry()).orElseThrow();
        assertEquals(JournalKind.BILL, last.kind());
        assertTrue(last.note().startsWith("2027-01 reservation " + LINE + ": idle of reservation resv: "), last.note());
        // Again under the same key: a replay; under another: nothing more.
        assertTrue(chargeResv().replayed());
        long journal = f.journalSize();
        f.apply(new ChargeReservation(f.key(), "allocd", "resv", T0));
        assertEquals(journal, f.journalSize());
        assertEquals(92_500_000, f.balance("lab").balanceMicroSu());
        // A later record of the same run changes nothing that was charged.
        f.apply(new RecordReservation(f.key(), "allocd", "resv", "lab", T0, T0 + HOUR_MILLIS, 20 * SU, "more"));
        assertEquals(List.of(), f.store.read(v -> v.rows(ReservationRows.class).unchargedReservations(10)));
    }

    @Test
    void notBeforeItEndsNorWhileJobsInItHoldLiens() {
        f.apply(new Operation.PlaceLien("lien:c/4/0", "slurm", "c/4/0", "proj", "alice", 5 * SU, 7200, null,
                new JobTimes(T0, T0 + 1000, null, "resv")));
        f.refused(Refusal.INVALID_ARGUMENT, new ChargeReservation(f.key(), "allocd", "resv", T0));
        f.clock.setMillis(T0 + HOUR_MILLIS);
        f.refused(Refusal.CONFLICT, new ChargeReservation(f.key(), "allocd", "resv", T0));
        f.charge("c/4/0", 4 * SU);
        assertEquals(6 * SU, chargeResv().amountMicroSu());
    }

    @Test
    void jobsThatCostMoreThanTheReservationLeaveNothingToPay() {
        jobIn("c/5/0", "resv", T0, 4 * SU);
        jobIn("c/6/0", "resv", T0 + HOUR_MILLIS, 4 * SU);
        jobIn("c/7/0", "resv", T0 + 10, 4 * SU);
        f.clock.setMillis(T0 + 2 * HOUR_MILLIS);
        assertEquals(0, chargeResv().amountMicroSu());
        assertEquals(100 * SU, f.balance("lab").balanceMicroSu());
    }

    @Test
    void badRecordsAreRefused() {
        f.refused(Refusal.INVALID_ARGUMENT, new RecordReservation(f.key(), "allocd", "r", "lab", T0, T0,
                SU, "x"));
        f.refused(Refusal.INVALID_ARGUMENT, new RecordReservation(f.key(), "allocd", "bad name", "lab", T0,
                T0 + 1, SU, "x"));
        f.refused(Refusal.UNKNOWN_ACCOUNT, new RecordReservation(f.key(), "allocd", "r", "nope", T0,
                T0 + 1, SU, "x"));
        f.refused(Refusal.INVALID_ARGUMENT, new ChargeReservation(f.key(), "allocd", "never", T0));
    }
}
