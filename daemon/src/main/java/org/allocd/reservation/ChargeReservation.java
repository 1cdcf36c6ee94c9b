package org.allocd.reservation;

import org.allocd.ledger.OpResult;
import org.allocd.ledger.Operation;
import org.allocd.ledger.Posting;

/**
 * Charge an ended reservation's idle time to its account: the reserved price less the net charges of
 * the jobs that ran in it, never below zero; once (the op key is the reservation's name and start).
 */
public record ChargeReservation(String opKey, String actor, String name, long startMillis) implements Operation.Feature {
    @Override
    public OpResult applyTo(Posting posting) {
        return ReservationBook.charge(posting, this);
    }
}
