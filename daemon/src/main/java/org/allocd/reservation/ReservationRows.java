package org.allocd.reservation;

import java.util.List;
import java.util.Optional;

/** Chargeable reservations and the jobs that ran in them, in the store. */
public interface ReservationRows {
    Optional<Reservation> reservation(String name, long startMs);

    /** Reservations not charged yet, oldest end first, at most limit. */
    List<Reservation> unchargedReservations(int limit);

    /** Net charges (charged less refunded) of the jobs that ran in the reservation, started in [fromMs, toMs]. */
    long chargedInReservationMicroSu(String name, long fromMs, long toMs);

    /** How many jobs of the reservation, started in [fromMs, toMs], still hold a lien. */
    long openLiensInReservation(String name, long fromMs, long toMs);

    /** Inserts the reservation, or replaces the record of the same name and start. */
    void upsertReservation(Reservation reservation);

    void setReservationCharged(String name, long startMs, long chargedMicroSu);
}
