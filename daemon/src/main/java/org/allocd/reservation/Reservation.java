package org.allocd.reservation;

/**
 * A chargeable Slurm reservation as allocd last saw it: its window, the account that pays for its idle
 * time, the price of its reserved TRES for the whole window (detail says what was priced), and what its
 * idle time was charged (null until it is).
 */
public record Reservation(String name, long startMillis, long endMillis, long accountId, long reservedMicroSu,
        String detail, Long chargedMicroSu) {
}
