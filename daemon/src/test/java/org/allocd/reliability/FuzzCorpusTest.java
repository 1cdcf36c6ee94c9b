package org.allocd.reliability;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.allocd.config.ConfigLoader;
import org.allocd.daemon.DaemonFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/** Replays the fixed corpus in src/test/resources/fuzz/ on every build: frames at the daemon, config files. */
class FuzzCorpusTest {
    @TempDir
    static Path dir;
    static DaemonFixture daemon;
    static long journalEntries;

    @BeforeAll
    static void start() throws Exception {
        daemon = DaemonFixture.in(dir).start();
        daemon.seed();
        journalEntries = daemon.journalEntries();
    }

    @AfterAll
    static void stop() throws Exception {
        HostileExchange.assertUnchanged(daemon, journalEntries, "the whole frame corpus");
        ReliabilityTable.row(ReliabilityTable.CORPUS, count("fuzz/frames.txt") + " frames, " + count("fuzz/config")
                + " config files", "as the fuzzers: no crash, no hang, no internal error, store unchanged");
        daemon.close();
    }

    @TestFactory
    Stream<DynamicTest> framesCorpus() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        for (String line : Files.readAllLines(resource("fuzz/frames.txt"), StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split(" ", 3);
            Path socket = parts[0].equals("hook") ? daemon.hookSocket : daemon.adminSocket;
            byte[] bytes = HexFormat.of().parseHex(parts[1]);
            tests.add(DynamicTest.dynamicTest(parts[0] + ": " + parts[2], () -> {
                HostileExchange.run(socket, bytes, new int[0], parts[2]);
                HostileExchange.assertUnchanged(daemon, journalEntries, parts[2]);
            }));
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> configCorpus() throws Exception {
        try (Stream<Path> files = Files.list(resource("fuzz/config"))) {
            return files.sorted().toList().stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(),
                    () -> ConfigFuzzTest.assertLoadsOrRefuses(file, file.toString())));
        }
    }

    @Test
    void theConfigMutatorsBaseIsValid() throws Exception {
        Path file = dir.resolve("base.conf");
        Files.write(file, ConfigMutator.BASE);
        assertDoesNotThrow(() -> ConfigLoader.load(file), "mutations must start from a valid file");
        assertTrue(Files.exists(resource("fuzz/config/valid-full.conf")));
    }

    /** Cases in a corpus file (non-comment lines) or directory (files). */
    private static long count(String name) throws Exception {
        Path path = resource(name);
        if (Files.isDirectory(path)) {
            try (Stream<Path> files = Files.list(path)) {
                return files.count();
            }
        }
        return Files.readAllLines(path).stream().filter(l -> !l.isBlank() && !l.startsWith("#")).count();
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(FuzzCorpusTest.class.getClassLoader().getResource(name).toURI());
    }
}
