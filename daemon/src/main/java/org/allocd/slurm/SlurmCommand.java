package org.allocd.slurm;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs a Slurm client (sacctmgr, scontrol) by absolute path with a time
 * bound, so a slurmdbd that does not answer costs at most timeoutMillis,
 * and a bound on what it prints that is read back.
 */
public final class SlurmCommand {
    /** More output than this (a whole site's associations are far less) is refused, not read. */
    static final long MAX_OUTPUT_BYTES = 64L << 20;

    private final Path program;
    private final Optional<Path> slurmConf;
    private final long timeoutMillis;

    public SlurmCommand(Path program, Optional<Path> slurmConf, long timeoutMillis) {
        if (!program.isAbsolute()) {
            throw new IllegalArgumentException("Slurm command must be an absolute path, got " + program);
        }
        this.program = program;
        this.slurmConf = slurmConf;
        this.timeoutMillis = timeoutMillis;
    }

    public boolean installed() {
        return Files.isExecutable(program);
    }

    /** Runs the command; returns its output, or throws with its output when it fails or takes too long. */
    public String run(String... args) throws SlurmException {
        List<String> command = new ArrayList<>(List.of(program.toString()));
        command.addAll(List.of(args));
        String shown = String.join(" ", command);
        Path output = null;
        try {
            output = Files.createTempFile("allocd-slurm", ".out");
            // Output to a file, not a pipe: a chatty command can never block on a full pipe.
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            slurmConf.ifPresent(conf -> builder.environment().put("SLURM_CONF", conf.toString()));
            Process p = builder.start();
            if (!p.waitFor(timeoutMillis, TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new SlurmException(0, shown + ": no answer within " + timeoutMillis + " ms");
            }
            if (Files.size(output) > MAX_OUTPUT_BYTES) {
                throw new SlurmException(0, shown + ": printed more than " + MAX_OUTPUT_BYTES + " bytes; not read");
            }
            String text = Files.readString(output, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new SlurmException(p.exitValue(), shown + " failed (exit " + p.exitValue() + "): "
                        + text.strip());
            }
            return text;
        } catch (IOException e) {
            throw new SlurmException(0, shown + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SlurmException(0, shown + ": interrupted");
        } finally {
            if (output != null) {
                try {
                    Files.deleteIfExists(output);
                } catch (IOException ignored) {
                    // A leftover temp file is harmless; the next run uses a new one.
                }
            }
        }
    }
}
