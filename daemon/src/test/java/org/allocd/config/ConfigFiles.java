package org.allocd.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Writes config files for tests with the mode allocd expects (0644), whatever the umask. */
final class ConfigFiles {
    /** The example shipped in conf/; tests run in the daemon module directory. */
    static final Path EXAMPLE = Path.of("..", "conf", "allocd.conf");

    private ConfigFiles() {}

    static Path write(Path file, String text) {
        try {
            Files.writeString(file, text);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String example() {
        try {
            return Files.readString(EXAMPLE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
