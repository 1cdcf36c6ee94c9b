package org.allocd.reservation;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.allocd.billing.BillNote;
import org.allocd.billing.BilledLine;
import org.allocd.billing.BillingBook;
import org.allocd.ledger.Account;
import org.allocd.ledger.Checks;
import org.allocd.ledger.LedgerException;
import org.allocd.ledger.Lookup;
import org.allocd.ledger.MicroSu;
import org.allocd.ledger.OpResult;
import org.allocd.ledger.Posting;
import org.allocd.ledger.Refusal;

/**
 * Chargeable reservations: a reservation's idle time is its account's, a BILL line on the reservation
 * meter of the month it ended in, named by the reservation and its start (a reservation that recurs under
 * one name is charged once per run). Idle = the reserved TRES priced for the whole window, less the net
 * charges of the jobs that ran in it (charged to their own accounts), never below zero.
 */
final class ReservationBook {
    static final String METER = "reservation";
    private static final DateTimeFormatter START = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private ReservationBook() {}

    static OpResult record(Posting p, RecordReservation op) {
        String name = BillNote.name("reservation name", op.name());
        Account account = Lookup.openAccount(p.view(), op.account());
        if (op.endMillis() <= op.startMillis()) {
            throw Checks.invalid("reservation " + name + " ends before it starts; check its StartTime and EndTime");
        }
        long reserved = Checks.atMostMax("reserved price", Checks.notNegative("reserved price", op.reservedMicroSu()));
        Reservation stored = p.rows(ReservationRows.class).reservation(name, op.startMillis()).orElse(null);
        if (stored != null && stored.chargedMicroSu() != null) {
            return new OpResult(op.opKey(), 0, "reservation " + name + " was charged already; record kept", false);
        }
        p.rows(ReservationRows.class).upsertReservation(new Reservation(name, op.startMillis(), op.endMillis(), account.id(),
                reserved,
                Checks.text("reservation detail", op.detail()), null));
        return new OpResult(op.opKey(), reserved, "recorded reservation " + name + " of " + account.name() + ": "
                + op.detail() + " = " + MicroSu.format(reserved) + " SU reserved", false);
    }

    static OpResult charge(Posting p, ChargeReservation op) {
        Reservation r = p.rows(ReservationRows.class).reservation(op.name(), op.startMillis())
                .orElseThrow(() -> Checks.invalid("reservation "
                + op.name() + " starting at " + Instant.ofEpochMilli(op.startMillis()) + " was never recorded"));
        if (r.chargedMicroSu() != null) {
            return new OpResult(op.opKey(), r.chargedMicroSu(), "reservation " + r.name() + " was charged already",
                    false);
        }
        if (p.nowMillis < r.endMillis()) {
            throw Checks.invalid("reservation " + r.name() + " has not ended; its idle time is charged after "
                    + Instant.ofEpochMilli(r.endMillis()));
        }
        long running = p.rows(ReservationRows.class).openLiensInReservation(r.name(), r.startMillis(), r.endMillis());
        if (running > 0) {
            throw new LedgerException(Refusal.CONFLICT, "reservation " + r.name() + " still has " + running
                    + " jobs with open liens; it is charged once they end");
        }
        Account account = p.view().accountById(r.accountId()).orElseThrow();
        long used = p.rows(ReservationRows.class).chargedInReservationMicroSu(r.name(), r.startMillis(), r.endMillis());
        long idle = idleMicroSu(r.reservedMicroSu(), used);
        String month = BillNote.monthOf(r.endMillis());
        String detail = "idle of reservation " + r.name() + ": " + r.detail() + " = " + MicroSu.format(r.reservedMicroSu())
                + " SU reserved, less " + MicroSu.format(used) + " SU of jobs inside";
        BillingBook.book(p, account, new BilledLine(account.id(), month, METER, lineName(r), detail, -idle));
        p.rows(ReservationRows.class).setReservationCharged(r.name(), r.startMillis(), idle);
        return new OpResult(op.opKey(), idle, "charged " + MicroSu.format(idle) + " SU to " + account.name()
                + " for the " + detail, false);
    }

    /** What the reservation's account pays: the reserved price less what its jobs paid, never below zero. */
    static long idleMicroSu(long reservedMicroSu, long usedMicroSu) {
        return Math.max(0, reservedMicroSu - Math.max(0, usedMicroSu));
    }

    /** The bill line's name: the reservation and its start, e.g. maint@20261122T010000Z. */
    static String lineName(Reservation r) {
        return r.name() + "@" + START.format(Instant.ofEpochMilli(r.startMillis()));
    }
}
