package org.allocd.slurm;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.allocd.charge.ChargeCalculator;
import org.allocd.config.SlurmSettings;
import org.allocd.ledger.Ledger;
import org.allocd.ledger.LedgerException;
import org.allocd.ledger.Operation;
import org.allocd.reservation.ChargeReservation;
import org.allocd.reservation.RecordReservation;
import org.allocd.reservation.Reservation;
import org.allocd.reservation.ReservationRows;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Charges the idle time of Slurm reservations (docs/billing.md). Each housekeeping run reads
 * `scontrol show reservation -o`, records every reservation that names exactly one bank account in
 * Accounts= (priced by the current rates), and charges each recorded reservation whose end has passed,
 * once, from its record: so a reservation Slurm forgot before allocd saw it end is still charged.
 */
public final class ReservationCharger {
    private static final Logger log = LoggerFactory.getLogger(ReservationCharger.class);
    private static final String ACTOR = "allocd";
    /** Ended reservations charged per run; the rest wait for the next run. */
    static final int BATCH = 100;

    private final Ledger ledger;
    private final Supplier<ChargeCalculator> prices;
    private final SlurmCommand scontrol;
    private final Clock clock;
    private final ZoneId zone;
    /** Reservations already warned about (gone from Slurm before their end), so the warning is given once. */
    private final Set<String> vanished = new HashSet<>();

    public ReservationCharger(Ledger ledger, Supplier<ChargeCalculator> prices, SlurmSettings slurm, Clock clock) {
        this.ledger = ledger;
        this.prices = prices;
        this.scontrol = new SlurmCommand(slurm.command("scontrol"), slurm.slurmConf(), slurm.timeoutMillis());
        this.clock = clock;
        this.zone = ZoneId.systemDefault();
    }

    /** One run; Slurm not answering only delays recording (ended reservations are still charged). */
    public void run() {
        Map<String, SlurmReservation> seen = null;
        if (scontrol.installed()) {
            try {
                seen = SlurmReservation.parse(scontrol.run("show", "reservation", "-o"), zone).stream()
                        .collect(Collectors.toMap(SlurmReservation::name, Function.identity(), (a, b) -> a));
                seen.values().forEach(this::record);
            } catch (SlurmException e) {
                log.warn("reservations not read from Slurm this run: {}", e.getMessage());
            }
        }
        long nowMillis = clock.millis();
        for (Reservation r : ledger.read(view -> view.rows(ReservationRows.class).unchargedReservations(BATCH))) {
            SlurmReservation current = seen == null ? null : seen.get(r.name());
            boolean listed = current != null && current.startMillis() == r.startMillis();
            if (r.endMillis() <= nowMillis) {
                // Slurm drops a reservation when it ends: the stored record is what is charged.
                log.info("reservation {} ended {}; charging its idle time from the record allocd stored: {}", r.name(),
                        Instant.ofEpochMilli(r.endMillis()), r.detail());
                apply(new ChargeReservation("reservation:" + r.name() + ":" + r.startMillis(), ACTOR, r.name(),
                        r.startMillis()));
            } else if (seen != null && !listed && vanished.add(r.name() + ":" + r.startMillis())) {
                log.warn("reservation {} is gone from Slurm before its recorded end {} (deleted early?); it will be"
                        + " charged for its whole recorded window then: correct with 'allocmgr adjust' if it should"
                        + " not be", r.name(), Instant.ofEpochMilli(r.endMillis()));
            }
        }
    }

    private void record(SlurmReservation r) {
        if (r.chargeAccount().isEmpty()) {
            return;
        }
        String account = r.chargeAccount().get();
        if (ledger.read(view -> view.account(account)).isEmpty()) {
            log.debug("reservation {} is for account {}, which the bank does not know: not charged", r.name(), account);
            return;
        }
        long reserved;
        try {
            reserved = r.reservedMicroSu(prices.get());
        } catch (RuntimeException e) {
            log.warn("reservation {} cannot be priced ({}); it is not recorded and not charged", r.name(),
                    e.getMessage());
            return;
        }
        // Keyed by what was seen: an unchanged reservation is a replay that writes nothing.
        apply(new RecordReservation("reservation-seen:" + r.name() + ":" + r.startMillis() + ":"
                + r.endMillis() + ":" + reserved + ":" + account, ACTOR, r.name(), account, r.startMillis(),
                r.endMillis(), reserved,
                r.describe()));
    }

    private void apply(Operation op) {
        try {
            ledger.apply(op);
        } catch (LedgerException | CompletionException e) {
            // Refused (e.g. jobs still running in it, account closed): the ledger said why; the next run looks again.
            log.info("reservation: {}", e.getMessage());
        }
    }
}
