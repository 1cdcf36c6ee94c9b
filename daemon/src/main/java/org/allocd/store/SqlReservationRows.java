package org.allocd.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.allocd.reservation.Reservation;
import org.allocd.reservation.ReservationRows;

/** Chargeable reservations in SQL (shared by both dialects). */
final class SqlReservationRows implements ReservationRows {
    private final Sql sql;

    SqlReservationRows(Sql sql) {
        this.sql = sql;
    }

    @Override
    public Optional<Reservation> reservation(String name, long startMillis) {
        return sql.one("SELECT " + RESERVATION_COLUMNS + " FROM reservations WHERE name = ? AND start_ms = ?",
                SqlReservationRows::reservation, name, startMillis);
    }

    @Override
    public List<Reservation> unchargedReservations(int limit) {
        return sql.list("SELECT " + RESERVATION_COLUMNS + " FROM reservations WHERE charged_micro_su IS NULL"
                + " ORDER BY end_ms, name LIMIT ?", SqlReservationRows::reservation, limit);
    }

    @Override
    public long chargedInReservationMicroSu(String name, long fromMillis, long toMillis) {
        return sql.number("SELECT COALESCE(SUM(charged_micro_su - refunded_micro_su), 0) FROM jobs"
                + " WHERE reservation = ? AND started_at_ms BETWEEN ? AND ? AND charged = 1", name, fromMillis, toMillis);
    }

    @Override
    public long openLiensInReservation(String name, long fromMillis, long toMillis) {
        return sql.number("SELECT COUNT(*) FROM jobs WHERE reservation = ? AND started_at_ms BETWEEN ? AND ?"
                + " AND lien_state = 'open'", name, fromMillis, toMillis);
    }

    @Override
    public void upsertReservation(Reservation v) {
        sql.update("INSERT INTO reservations (name, start_ms, end_ms, account_id, reserved_micro_su, detail)"
                + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (name, start_ms) DO UPDATE SET end_ms = excluded.end_ms,"
                + " account_id = excluded.account_id, reserved_micro_su = excluded.reserved_micro_su,"
                + " detail = excluded.detail", v.name(), v.startMillis(), v.endMillis(), v.accountId(), v.reservedMicroSu(),
                v.detail());
    }

    @Override
    public void setReservationCharged(String name, long startMillis, long chargedMicroSu) {
        sql.update("UPDATE reservations SET charged_micro_su = ? WHERE name = ? AND start_ms = ?", chargedMicroSu,
                name, startMillis);
    }

    private static final String RESERVATION_COLUMNS = "name, start_ms, end_ms, account_id, reserved_micro_su, detail,"
            + " charged_micro_su";

    private static Reservation reservation(ResultSet r) throws SQLException {
        return new Reservation(r.getString("name"), r.getLong("start_ms"), r.getLong("end_ms"),
                r.getLong("account_id"), r.getLong("reserved_micro_su"), r.getString("detail"),
                Sql.nullableLong(r, "charged_micro_su"));
    }
}
