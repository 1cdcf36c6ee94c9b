package org.allocd.slurm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.allocd.charge.ChargeCalculator;
import org.allocd.charge.ChargePolicy;
import org.allocd.charge.ChargeRates;
import org.allocd.charge.PartitionRates;
import org.junit.jupiter.api.Test;

/** Reading `scontrol show reservation -o` (Slurm 22.05) and pricing what a reservation reserves. */
class SlurmReservationTest {
    /** As the test bed's scontrol printed it (ReservationE2eTest). */
    static final String E2E = "ReservationName=e2eresv StartTime=2026-11-22T02:07:55 EndTime=2026-11-22T02:09:55"
            + " Duration=00:02:00 Nodes=node1 NodeCnt=1 CoreCnt=2 Features=(null) PartitionName=debug"
            + " Flags=SPEC_NODES TRES=cpu=2 Users=e2eralice Groups=(null) Accounts=e2elab Licenses=(null)"
            + " State=ACTIVE BurstBuffer=(null) Watts=n/a MaxStartDelay=(null)";
    static final String GPUS = "ReservationName=lab-week StartTime=2026-11-23T08:00:00 EndTime=2026-11-23T09:00:00"
            + " Duration=01:00:00 Nodes=gh[01-02] NodeCnt=2 CoreCnt=288 Features=(null) PartitionName=(null)"
            + " Flags= TRES=cpu=288,mem=1000G,node=2,billing=288,gres/gpu=8 Users=(null) Groups=(null)"
            + " Accounts=lab,physics Licenses=(null) State=INACTIVE";
    static final long SU = 1_000_000;

    @Test
    void readsEveryReservationOfTheListing() {
        List<SlurmReservation> all = SlurmReservation.parse(E2E + "\n" + GPUS + "\n", ZoneOffset.UTC);
        assertEquals(new SlurmReservation("e2eresv", 1_795_313_275_000L, 1_795_313_395_000L, "debug", 2, 0, 0, 1,
                List.of("e2elab")), all.get(0));
        assertEquals(new SlurmReservation("lab-week", 1_795_420_800_000L, 1_795_424_400_000L, "default", 288,
                1000L << 30, 8, 2, List.of("lab", "physics")), all.get(1));
        assertEquals(120, all.get(0).durationSeconds());
        assertEquals("2 nodes, 288 cpus, 8 gpus, 1073 GB on default for 3600 s", all.get(1).describe());
    }

    @Test
    void onlyAReservationForOneAccountHasAnAccountToCharge() {
        assertEquals(Optional.of("e2elab"), SlurmReservation.parseLine(E2E, ZoneOffset.UTC).orElseThrow()
                .chargeAccount());
        assertEquals(Optional.empty(), SlurmReservation.parseLine(GPUS, ZoneOffset.UTC).orElseThrow().chargeAccount());
        assertEquals(Optional.empty(), SlurmReservation.parseLine(E2E.replace("Accounts=e2elab", "Accounts=-e2elab"),
                ZoneOffset.UTC).orElseThrow().chargeAccount(), "every account but one");
        assertEquals(Optional.empty(), SlurmReservation.parseLine(E2E.replace("Accounts=e2elab", "Accounts=(null)"),
                ZoneOffset.UTC).orElseThrow().chargeAccount(), "users only, e.g. maintenance");
    }

    @Test
    void skipsWhatIsNotAReservation() {
        assertEquals(List.of(), SlurmReservation.parse("No reservations in the system\n", ZoneOffset.UTC));
        assertEquals(List.of(), SlurmReservation.parse(E2E.replace("EndTime=2026-11-22T02:09:55",
                "EndTime=Unknown"), ZoneOffset.UTC));
    }

    @Test
    void readsSlurmMemory() {
        assertEquals(0, SlurmReservation.memoryBytes(null));
        assertEquals(512L << 20, SlurmReservation.memoryBytes("512"));
        assertEquals(512L << 20, SlurmReservation.memoryBytes("512M"));
        assertEquals(3L << 40, SlurmReservation.memoryBytes("3T"));
        assertEquals(0, SlurmReservation.memoryBytes("lots"));
    }

    /** Priced as a job asking for the reserved TRES for the whole window, by the partition's rates. */
    @Test
    void pricesTheReservedTresForTheWholeWindow() {
        ChargeCalculator site = new ChargeCalculator(new ChargeRates(Map.of(ChargeRates.FALLBACK_PARTITION,
                PartitionRates.defaults(ChargeRates.FALLBACK_PARTITION), "debug", PartitionRates.defaults("debug")),
                Map.of(), ChargePolicy.DEBITALLWC, false));
        // The largest of 8 GPUs, 288 / 72 = 4 and 1000 GiB / 120 GB = 8.9 units, ceil: 9 units for an hour.
        assertEquals(9 * SU, SlurmReservation.parseLine(GPUS, ZoneOffset.UTC).orElseThrow().reservedMicroSu(site));
        // 2 cores of 72 a unit, ceil: 1 unit for 120 s.
        assertEquals((120 * SU + 1800) / 3600,
                SlurmReservation.parseLine(E2E, ZoneOffset.UTC).orElseThrow().reservedMicroSu(site));
    }
}
