package org.allocd.daemon;

import java.time.Clock;
import java.util.function.BooleanSupplier;
import org.allocd.cycle.RunGrants;
import org.allocd.ledger.Ledger;
import org.allocd.ledger.Operation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every minute: makes the periods of recurring grants that are due,
 * ends allocations whose window closed and resolves liens whose job never
 * reported its end: against Slurm's record where Slurm can be asked
 * (reconcileLiens, see LienReconciler), else by releasing them, and charges
 * the idle time of reservations that ended (chargeReservations, see
 * ReservationCharger). Each run has
 * its own key; a run that fails is simply done again by the next one.
 */
final class Housekeeping implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(Housekeeping.class);
    private static final String ACTOR = "allocd";

    private final Ledger ledger;
    private final Clock clock;
    private final BooleanSupplier reconcileLiens;
    private final Runnable chargeReservations;

    /** reconcileLiens resolves expired liens and returns true, or returns false when Slurm cannot be asked. */
    Housekeeping(Ledger ledger, Clock clock, BooleanSupplier reconcileLiens, Runnable chargeReservations) {
        this.ledger = ledger;
        this.clock = clock;
        this.reconcileLiens = reconcileLiens;
        this.chargeReservations = chargeReservations;
    }

    @Override
    public void run() {
        long nowMillis = clock.millis();
        try {
            // Grants first: a period that ended carries over before the rest of it expires.
            ledger.apply(new RunGrants("grants:" + nowMillis, ACTOR));
            ledger.apply(new Operation.ExpireAllocations("expire-allocations:" + nowMillis, ACTOR));
            if (!reconcileLiens.getAsBoolean()) {
                ledger.apply(new Operation.ExpireLiens("expire-liens:" + nowMillis, ACTOR));
            }
            // After the liens: a reservation is charged once the jobs in it are.
            chargeReservations.run();
        } catch (RuntimeException e) {
            // Never let the scheduler drop the task: log and try again next minute.
            log.warn("housekeeping failed, will retry: {}", e.getMessage());
        }
    }
}
