package org.allocd.reliability;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/reliability.md stays in step with the tests: every fault label and every default count is in it. */
class ReliabilityDocTest {
    private static final Path DOC = Path.of("..", "docs", "reliability.md");

    @Test
    void docNamesEveryFaultAndTheDefaultCounts() throws Exception {
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        for (String fault : ReliabilityTable.FAULTS) {
            assertTrue(doc.contains("| " + fault + " |"), "docs/reliability.md has no row for '" + fault + "'");
        }
        for (String count : new String[] {CrashRecoveryTest.DEFAULT_ROUNDS + " rounds",
                HostileInputTest.DEFAULT_CASES + " cases", ConfigFuzzTest.DEFAULT_CASES + " files"}) {
            assertTrue(doc.contains(count), "docs/reliability.md does not say '" + count + "' (the default)");
        }
    }
}
