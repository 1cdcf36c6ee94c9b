package org.allocd.e2e;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Whether the end-to-end tests run here. ALLOCD_E2E=required (.ci/run): they must run, and a
 * machine that cannot run them fails them with the reason. auto (scripts/test): they run when
 * this is root with Slurm and a C compiler, and are skipped with the reason otherwise. Unset or
 * off: skipped, so a plain `mvn test` of one package does not start a Slurm cluster.
 */
final class E2eGate {
    static final String VARIABLE = "ALLOCD_E2E";

    private E2eGate() {}

    static void check() {
        String mode = System.getenv(VARIABLE) == null ? "off" : System.getenv(VARIABLE);
        String missing = missing();
        switch (mode) {
            case "required" -> {
                if (missing != null) {
                    fail("end-to-end tests are required (" + VARIABLE + "=required) but cannot run: " + missing);
                }
            }
            case "auto" -> skipIf(missing);
            case "off", "" -> skipIf("end-to-end tests are off; set " + VARIABLE
                    + "=auto or required (scripts/test sets auto)");
            default -> fail(VARIABLE + "=" + mode + " is not valid; use off, auto or required");
        }
    }

    private static void skipIf(String reason) {
        if (reason != null) {
            System.err.println("SKIPPED end-to-end tests: " + reason);
        }
        Assumptions.assumeTrue(reason == null, reason);
    }

    /** What this machine lacks, or null. */
    private static String missing() {
        if (!"root".equals(System.getProperty("user.name"))) {
            return "they must run as root (they start slurmctld and submit as other users)";
        }
        for (String command : new String[] {"/usr/sbin/slurmctld", "/usr/sbin/slurmd", "/usr/bin/sbatch",
                "/usr/sbin/munged", "/usr/include/slurm/slurm.h", "/usr/bin/make", "/usr/bin/gcc"}) {
            if (!Files.exists(Path.of(command))) {
                return command + " is missing; run: sudo scripts/testbed install && apt-get install gcc make";
            }
        }
        return null;
    }
}
