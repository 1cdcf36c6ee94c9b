package org.allocd.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * The faults the reliability tests cover, by the labels docs/reliability.md uses. Each test appends its row (what
 * ran, how much, the outcome) to target/reliability-table.md, so a run prints the table the doc shows;
 * ReliabilityDocTest fails when the doc loses a label or a default count.
 */
final class ReliabilityTable {
    static final String CRASH = "kill -9 under load";
    static final String FUZZ_HOOK = "hostile frames, hook socket";
    static final String FUZZ_ADMIN = "hostile frames, admin socket";
    static final String FUZZ_CONFIG = "mutated allocd.conf";
    static final String CORPUS = "fixed fuzz corpus";
    static final String DISK_FULL = "disk full (4 MiB tmpfs)";
    static final String LOCKED = "database locked by another process";
    static final String IMMUTABLE = "database files immutable (chattr +i)";
    static final String MODES = "state file and socket modes";
    static final String NAMES = "SQL-looking names";
    static final String FREE_TEXT = "SQL-looking keys, notes, descriptions";
    static final String ROLES = "a member on the admin socket";
    static final String LIEN_REPLAY = "LIEN/MODIFY sent again";
    static final List<String> FAULTS = List.of(CRASH, FUZZ_HOOK, FUZZ_ADMIN, FUZZ_CONFIG, CORPUS, DISK_FULL, LOCKED,
            IMMUTABLE, MODES, NAMES, FREE_TEXT, ROLES, LIEN_REPLAY);

    static final Path FILE = Path.of("target", "reliability-table.md");

    private ReliabilityTable() {}

    /** Appends "| fault | amount | result |" for this run. */
    static synchronized void row(String fault, String amount, String result) {
        try {
            if (Files.notExists(FILE)) {
                Files.createDirectories(FILE.getParent());
                Files.writeString(FILE, "| fault | rounds / cases | result |\n|---|---|---|\n",
                        StandardCharsets.UTF_8);
            }
            Files.writeString(FILE, "| " + fault + " | " + amount + " | " + result + " |\n", StandardCharsets.UTF_8,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
