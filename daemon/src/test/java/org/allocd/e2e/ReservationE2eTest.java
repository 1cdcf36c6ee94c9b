package org.allocd.e2e;

import static org.allocd.e2e.SlurmTestbed.await;
import static org.allocd.e2e.SlurmTestbed.unchecked;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.allocd.e2e.SlurmTestbed.Bed;
import org.allocd.e2e.SlurmTestbed.Run;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A chargeable reservation on a real slurmctld: `scontrol create reservation ... accounts=e2elab`, one job of
 * e2elab run inside it (the prolog and epilog send its reservation), and when allocd's housekeeping sees the
 * reservation ended, e2elab pays its idle time: in all it pays the reservation's price to the micro-SU, its
 * job included, once; the bill shows the reservation line; verify is clean.
 */
@Tag("e2e")
class ReservationE2eTest {
    private static final String ALICE = "e2eralice";
    private static final long SU = 1_000_000;
    private static final long FUNDS = 1000 * SU;
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final E2eBank E2E = E2eBank.on(Bed.RESV).account("e2elab", FUNDS).user(ALICE, "e2elab")
            .member(ALICE, "e2elab");

    private static Bank bank;
    private static SlurmTestbed slurm;

    @BeforeAll
    static void up() {
        bank = E2E.bank();
        slurm = E2E.slurm();
    }

    @Test
    void theReservationsAccountPaysItsIdleTimeAndItsJobsOnceInAll() throws IOException {
        Run created = slurm.slurm("scontrol", "create", "reservation", "reservationname=e2eresv", "starttime=now",
                "duration=2", "nodes=ALL", "users=" + ALICE, "accounts=e2elab", "partitionname=debug");
        assertEquals(0, created.exitCode(), "scontrol create reservation: " + created.stdout() + created.stderr());
        Map<String, String> resv = slurm.fields("reservation", "e2eresv");
        ZoneId zone = ZoneId.systemDefault();
        LocalDateTime start = LocalDateTime.parse(resv.get("StartTime"));
        long seconds = Duration.between(start, LocalDateTime.parse(resv.get("EndTime"))).toSeconds();
        long cpus = Long.parseLong(resv.get("TRES").replaceAll(".*cpu=(\\d+).*", "$1"));
        // Partition debug: 1 unit per core, rate 1.0, ceil; the reservation's price as a job's, rounded half-up once.
        long reserved = (cpus * seconds * SU + 1800) / 3600;

        long job = slurm.submit(ALICE, "-A", "e2elab", "--reservation=e2eresv", "-n", "1", "-t", "1", "--wrap",
                "sleep 2");
        slurm.awaitEnd(job);
        await("job " + job + " charged", () -> unchecked(() -> bank.liened("e2elab")) == 0
                && unchecked(() -> bank.balance("e2elab")) < FUNDS);
        long jobCharge = FUNDS - bank.balance("e2elab");
        assertTrue(jobCharge > 0 && jobCharge < reserved, "job charge " + jobCharge + " of " + reserved);

        // The bank's clock past the reservation's end: its idle time is charged, once.
        bank.housekeepNow(Duration.ofSeconds(seconds + 60));
        assertEquals(FUNDS - reserved, bank.balance("e2elab"), "the job plus the idle time is the reserved price");
        bank.housekeepNow(Duration.ofSeconds(60));
        assertEquals(FUNDS - reserved, bank.balance("e2elab"), "charged once");

        String month = start.atZone(zone).plusSeconds(seconds).withZoneSameInstant(ZoneOffset.UTC).toString()
                .substring(0, 7);
        List<JsonNode> lines = new ArrayList<>();
        JSON.readTree(bank.allocmgr("--json", "bill", "e2elab", "month=" + month)).get("lines").forEach(lines::add);
        String name = "e2eresv@" + DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
                .format(start.atZone(zone).withZoneSameInstant(ZoneOffset.UTC));
        assertTrue(lines.stream().anyMatch(l -> l.get("meter").asText().equals("reservation")
                && l.get("name").asText().equals(name)
                && l.get("amount_micro_su").asLong() == -(reserved - jobCharge)), () -> name + " in " + lines);
        bank.assertVerifyClean();
    }
}
