package org.allocd.slurm;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.allocd.charge.ChargeCalculator;
import org.allocd.charge.ChargeRates;
import org.allocd.charge.JobRequest;
import org.allocd.charge.JobUsage;

/**
 * One reservation of `scontrol show reservation -o`: its window, what it reserves and the accounts it is
 * for. Its price is the charge of a job asking for its TRES (cpu, mem, gres/gpu, nodes) on its partition
 * for its whole window, by the same formula and rates as any job.
 */
public record SlurmReservation(String name, long startMillis, long endMillis, String partition, int cpus, long memoryBytes,
        int gpus, int nodes, List<String> accounts) {

    /** Parses scontrol's one-line records (times in the zone slurmctld runs in); lines it cannot read are skipped. */
    public static List<SlurmReservation> parse(String scontrolOutput, ZoneId zone) {
        List<SlurmReservation> out = new ArrayList<>();
        for (String line : scontrolOutput.split("\n")) {
            parseLine(line.strip(), zone).ifPresent(out::add);
        }
        return out;
    }

    static Optional<SlurmReservation> parseLine(String line, ZoneId zone) {
        String name = field(line, "ReservationName");
        long start = epochMillis(field(line, "StartTime"), zone);
        long end = epochMillis(field(line, "EndTime"), zone);
        if (name == null || start < 0 || end <= start) {
            return Optional.empty();
        }
        String tres = field(line, "TRES");
        String partition = field(line, "PartitionName");
        String accounts = field(line, "Accounts");
        return Optional.of(new SlurmReservation(name, start, end,
                partition == null ? ChargeRates.FALLBACK_PARTITION : partition,
                (int) Math.max(tresCount(tres, "cpu"), number(field(line, "CoreCnt"))),
                memoryBytes(tresValue(tres, "mem")),
                (int) tresCount(tres, "gres/gpu"),
                (int) Math.max(1, number(field(line, "NodeCnt"))),
                accounts == null ? List.of() : List.of(accounts.split(","))));
    }

    /** The one account the reservation is for, which pays for its idle time; empty when it names none or several. */
    public Optional<String> chargeAccount() {
        return accounts.size() == 1 && !accounts.get(0).startsWith("-") ? Optional.of(accounts.get(0))
                : Optional.empty();
    }

    public long durationSeconds() {
        return (endMillis - startMillis) / 1000;
    }

    /** The reserved TRES as a job request for the whole window. */
    public JobRequest request() {
        return new JobRequest(partition, null, cpus, memoryBytes, gpus, nodes, false, durationSeconds(), List.of());
    }

    /** What the reserved TRES cost for the whole window, in micro-SU. */
    public long reservedMicroSu(ChargeCalculator calculator) {
        return calculator.chargeMicroSu(request(), new JobUsage(durationSeconds(), JobUsage.CPU_SECONDS_UNKNOWN, true));
    }

    /** What was priced, for the journal and the bill. */
    public String describe() {
        return nodes + " nodes, " + cpus + " cpus" + (gpus == 0 ? "" : ", " + gpus + " gpus")
                + (memoryBytes == 0 ? "" : ", " + memoryBytes / 1_000_000_000 + " GB") + " on " + partition
                + " for " + durationSeconds() + " s";
    }

    /** The value of " Key=" up to the next space; null when absent or "(null)". */
    static String field(String line, String key) {
        String marker = key + "=";
        int at = line.startsWith(marker) ? 0 : line.indexOf(" " + marker);
        if (at < 0) {
            return null;
        }
        int from = at == 0 ? marker.length() : at + 1 + marker.length();
        int to = line.indexOf(' ', from);
        String value = to < 0 ? line.substring(from) : line.substring(from, to);
        return value.isEmpty() || value.equals("(null)") ? null : value;
    }

    /** A count from a TRES list such as "cpu=4,mem=8G,gres/gpu=2"; 0 when absent. */
    static long tresCount(String tres, String name) {
        String value = tresValue(tres, name);
        return value == null ? 0 : number(value);
    }

    static String tresValue(String tres, String name) {
        if (tres == null) {
            return null;
        }
        for (String item : tres.split(",")) {
            if (item.startsWith(name + "=")) {
                return item.substring(name.length() + 1);
            }
        }
        return null;
    }

    /** Slurm's TRES memory, e.g. "500G" (K/M/G/T are powers of 1024; no suffix is MiB); 0 when absent. */
    static long memoryBytes(String value) {
        if (value == null || value.isEmpty()) {
            return 0;
        }
        int unit = "KMGT".indexOf(Character.toUpperCase(value.charAt(value.length() - 1)));
        long count = number(unit < 0 ? value : value.substring(0, value.length() - 1));
        int shift = unit < 0 ? 20 : 10 * (unit + 1);
        return count >= (Long.MAX_VALUE >> shift) ? 0 : count << shift;
    }

    private static long number(String text) {
        try {
            return text == null ? 0 : Long.parseLong(text);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static long epochMillis(String text, ZoneId zone) {
        try {
            return text == null ? -1 : LocalDateTime.parse(text).atZone(zone).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            return -1;
        }
    }
}
