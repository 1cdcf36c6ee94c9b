package org.allocd.reservation;

import java.util.List;
import java.util.Optional;

/** Chargeable reservations and the jobs that ran in them, in the store. */
public interface ReservationRows {
    Optional<Reservation> reservation(String name, long startMillis);

    /** Reservations not charged yet, oldest end first, at most limit. */
    List<Reservation> unchargedReservations(int limit);

    /** Net charges (charged less refunded) of the jobs that ran in the reservation, started in [fromMillis, toMillis]. */
    long chargedInReservationMicroSu(String name, long fromMillis, long toMillis);

    /** How many jobs of the reservation, started in [fromMillis, toMillis], still hold a lien. */
    long openLiensInReservation(String name, long fromMillis, long toMillis);

    /** Inserts the reservation, or replaces the record of the same name and start. */
    void upsertReservation(Reservation reservation);

    void setReservationCharged(String name, long startMillis, long chargedMicroSu);
}
