package org.allocd.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The role allocd logs in to PostgreSQL as, read from postgresql_credentials_file:
 * <pre>
 * user = allocd
 * password = SECRET
 * </pre>
 * The file must not be readable by group or others (chmod 600), since it holds
 * the key to every account's money. The password never appears in toString.
 */
public record PostgresqlLogin(String user, String password) {
    private static final Set<PosixFilePermission> OPEN_TO_OTHERS = Set.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);

    @Override
    public String toString() {
        return "PostgresqlLogin[user=" + user + ", password=(hidden)]";
    }

    /** Reads and checks the file; the IllegalArgumentException's message says what is wrong and how to fix it. */
    public static PostgresqlLogin read(Path file) {
        List<String> lines;
        try {
            if (Files.notExists(file)) {
                throw new NoSuchFileException(file.toString());
            }
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException(file + " is not a regular file; write the user and password"
                        + " there as \"user = NAME\" and \"password = SECRET\" lines, mode 600");
            }
            if (Files.getPosixFilePermissions(file).stream().anyMatch(OPEN_TO_OTHERS::contains)) {
                throw new IllegalArgumentException(file + " can be read or changed by group or others; it holds the"
                        + " database password: run chmod 600 " + file);
            }
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException gone) {
            throw new IllegalArgumentException(file + " does not exist; write the user and password there as"
                    + " \"user = NAME\" and \"password = SECRET\" lines, mode 600");
        } catch (IOException unreadable) {
            throw new IllegalArgumentException(file + " cannot be read (" + unreadable.getMessage()
                    + "); it must belong to allocd's user, mode 600");
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int equals = line.indexOf('=');
            String key = equals < 0 ? line : line.substring(0, equals).strip();
            if (equals < 0 || !(key.equals("user") || key.equals("password"))) {
                throw new IllegalArgumentException(file + " line " + (i + 1) + ": expected \"user = NAME\" or"
                        + " \"password = SECRET\"");
            }
            if (values.put(key, line.substring(equals + 1).strip()) != null) {
                throw new IllegalArgumentException(file + " line " + (i + 1) + ": " + key + " is set twice;"
                        + " keep one line");
            }
        }
        for (String key : List.of("user", "password")) {
            if (values.getOrDefault(key, "").isEmpty()) {
                throw new IllegalArgumentException(file + " has no " + key + "; add a line \"" + key + " = ...\"");
            }
        }
        return new PostgresqlLogin(values.get("user"), values.get("password"));
    }
}
