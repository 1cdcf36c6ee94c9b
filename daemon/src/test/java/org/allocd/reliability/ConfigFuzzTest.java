package org.allocd.reliability;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.allocd.config.ConfigException;
import org.allocd.config.ConfigLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded mutations of allocd.conf through ConfigLoader: every file either loads or is refused with a
 * ConfigException that lists its problems; no other exception, no hang. A failure prints the file: add it to
 * src/test/resources/fuzz/config/ so FuzzCorpusTest replays it. Cases: -Dallocd.fuzz.configCases (default 1000).
 */
class ConfigFuzzTest {
    static final int DEFAULT_CASES = 1000;
    static final Duration CASE_BOUND = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    @Test
    void mutatedConfigFilesLoadOrAreRefusedWithReasons() throws Exception {
        int cases = Integer.getInteger("allocd.fuzz.configCases", DEFAULT_CASES);
        long seed = Long.getLong("allocd.fuzz.seed", 7L);
        ConfigMutator mutator = new ConfigMutator(seed);
        Path file = dir.resolve("allocd.conf");
        for (int i = 1; i <= cases; i++) {
            Files.write(file, mutator.next());
            assertLoadsOrRefuses(file, "case " + i + " (seed " + seed + ")");
        }
        ReliabilityTable.row(ReliabilityTable.FUZZ_CONFIG, cases + " files (seed " + seed + ")", "each loads or is"
                + " refused with its reasons; no other exception, none took over " + CASE_BOUND.toSeconds() + " s");
    }

    /** The oracle shared with the corpus replay. */
    static void assertLoadsOrRefuses(Path file, String what) {
        assertTimeoutPreemptively(CASE_BOUND, () -> {
            try {
                ConfigLoader.load(file);
            } catch (ConfigException refused) {
                assertFalse(refused.getMessage() == null || refused.getMessage().isBlank(),
                        "a refusal must say why: " + what);
            } catch (RuntimeException | Error e) {
                fail("ConfigLoader threw " + e + " on " + what + ":\n"
                        + new String(Files.readAllBytes(file), StandardCharsets.UTF_8), e);
            }
        }, "ConfigLoader hung on " + what);
    }
}
