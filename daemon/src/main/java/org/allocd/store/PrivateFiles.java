package org.allocd.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** Files only the daemon's user may read: the ledger is the site's money. */
final class PrivateFiles {
    static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
    private static final FileAttribute<Set<PosixFilePermission>> FILE_MODE =
            PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE);
    private static final FileAttribute<Set<PosixFilePermission>> DIRECTORY_MODE =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));

    private PrivateFiles() {}

    /** Creates missing directories mode 0700; existing ones are left as they are. */
    static void createDirectories(Path dir) throws IOException {
        Files.createDirectories(dir, DIRECTORY_MODE);
    }

    /** Creates an empty file mode 0600; fails if it exists. */
    static void createFile(Path file) throws IOException {
        Files.createFile(file, FILE_MODE);
    }

    /** Creates a new empty file mode 0600 with a unique name in dir. */
    static Path createTempFile(Path dir, String prefix, String suffix) throws IOException {
        return Files.createTempFile(dir, prefix, suffix, FILE_MODE);
    }

    static boolean isOwnerOnly(Path file) throws IOException {
        return OWNER_ONLY_FILE.containsAll(Files.getPosixFilePermissions(file));
    }

    /** Makes a file's content durable. */
    static void fsync(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }

    /** Makes a rename or a new name in dir durable. */
    static void fsyncDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
