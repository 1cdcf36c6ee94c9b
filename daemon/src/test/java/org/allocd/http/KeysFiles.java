package org.allocd.http;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Writes keys files the way an admin would, with the mode the test asks for. */
final class KeysFiles {
    private KeysFiles() {}

    static Path write(Path file, String mode, String... lines) throws IOException {
        Files.writeString(file, String.join("\n", lines) + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        return file;
    }
}
