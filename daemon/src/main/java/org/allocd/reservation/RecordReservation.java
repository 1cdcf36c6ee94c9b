package org.allocd.reservation;

import org.allocd.ledger.OpResult;
import org.allocd.ledger.Operation;
import org.allocd.ledger.Posting;

/**
 * A chargeable Slurm reservation as Slurm shows it now (see Reservation): recorded, or updated while
 * it is not charged, so it can be charged even after Slurm forgets it.
 */
public record RecordReservation(String opKey, String actor, String name, String account, long startMillis, long endMillis,
        long reservedMicroSu, String detail) implements Operation.Feature {
    @Override
    public OpResult applyTo(Posting posting) {
        return ReservationBook.record(posting, this);
    }
}
