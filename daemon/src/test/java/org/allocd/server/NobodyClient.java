package org.allocd.server;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Sends one request as uid 65534 (setpriv, so the test must run as root) and returns the answer's payload. */
public final class NobodyClient {
    public static final int NOBODY = 65534;

    private NobodyClient() {}

    /** workDir must be readable by uid 65534: a copy of OneRequestClient's class file is put there. */
    public static String ask(Path workDir, Path socket, String json) throws Exception {
        Path classes = workDir.resolve("classes");
        Path target = classes.resolve("org/allocd/server/OneRequestClient.class");
        if (!Files.exists(target)) {
            Files.createDirectories(target.getParent());
            try (var in = OneRequestClient.class.getResourceAsStream("OneRequestClient.class")) {
                Files.copy(in, target);
            }
            for (Path p = target; !p.equals(workDir); p = p.getParent()) {
                p.toFile().setReadable(true, false);
                p.toFile().setExecutable(true, false);
            }
        }
        Process process = new ProcessBuilder("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:-UsePerfData",
                "-XX:TieredStopAtLevel=1", "-cp", classes.toString(), OneRequestClient.class.getName(),
                socket.toString(), json).directory(workDir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "client did not exit");
        return output;
    }
}
