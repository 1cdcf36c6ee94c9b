package org.allocd.http;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The API keys, from a file with one key per line: {@code key-id user-name secret [act-as=USERS]},
 * USERS a comma-separated list of the users the key may act for, or * for any user (a portal or
 * provisioning service). Blank lines and lines starting with # are ignored. The file holds secrets, so it must
 * belong to the daemon's user and be unreadable by group and others (mode 0600 or 0400).
 */
public final class ApiKeys {
    private static final Logger log = LoggerFactory.getLogger(ApiKeys.class);

    /** A keys file is a few hundred lines at most; this bounds what a mistaken path can make us read. */
    static final long MAX_FILE_BYTES = 1 << 20;
    static final int MIN_SECRET_HEX_CHARS = 32;
    static final int MAX_SECRET_HEX_CHARS = 256;

    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern USER_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9._-]{0,31}");
    private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]+");
    private static final Pattern FIELD_SEPARATOR = Pattern.compile("[ \t]+");
    private static final String ACT_AS = "act-as=";

    private final Path file;
    private volatile Map<String, ApiKey> keysById;

    private ApiKeys(Path file, Map<String, ApiKey> keysById) {
        this.file = file;
        this.keysById = keysById;
    }

    /** Reads and checks the keys file; refuses it whole at the first problem. */
    public static ApiKeys load(Path file) throws ApiKeysException {
        Map<String, ApiKey> keys = read(file);
        log.info("loaded {} API keys from {}", keys.size(), file);
        return new ApiKeys(file, keys);
    }

    /**
     * Re-reads the same file and swaps the new keys in at once. When the new file is
     * refused, the keys in use stay as they were and the exception says why.
     *
     * @return how many keys are now in use
     */
    public int reload() throws ApiKeysException {
        Map<String, ApiKey> keys = read(file);
        keysById = keys;
        log.info("reloaded {} API keys from {}", keys.size(), file);
        return keys.size();
    }

    public Optional<ApiKey> find(String keyId) {
        return Optional.ofNullable(keysById.get(keyId));
    }

    public int size() {
        return keysById.size();
    }

    public Path file() {
        return file;
    }

    private static Map<String, ApiKey> read(Path file) throws ApiKeysException {
        checkOwnerAndMode(file);
        List<String> lines;
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new ApiKeysException("API keys file " + file + " is larger than " + MAX_FILE_BYTES
                        + " bytes; it should hold one short line per key, check the path");
            }
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (MalformedInputException e) {
            throw new ApiKeysException("API keys file " + file + " is not UTF-8 text; write it as plain text", e);
        } catch (IOException e) {
            throw new ApiKeysException("cannot read API keys file " + file + ": " + e + "; check the path and that allocd may read it", e);
        }
        Map<String, ApiKey> keys = new HashMap<>();
        Map<String, Integer> lineOfKey = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            int lineNo = i + 1;
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            ApiKey key = parseLine(file, lineNo, line);
            Integer firstLine = lineOfKey.putIfAbsent(key.keyId(), lineNo);
            if (firstLine != null) {
                throw new ApiKeysException(where(file, lineNo) + "key id '" + key.keyId() + "' is already used on line "
                        + firstLine + "; give every key its own id");
            }
            keys.put(key.keyId(), key);
        }
        return Map.copyOf(keys);
    }

    private static ApiKey parseLine(Path file, int lineNo, String line) throws ApiKeysException {
        String[] fields = FIELD_SEPARATOR.split(line);
        if (fields.length != 3 && fields.length != 4) {
            throw new ApiKeysException(where(file, lineNo) + "expected 3 fields 'key-id user-name secret' (and"
                    + " optionally act-as=USERS) but found " + fields.length
                    + "; comments must be on their own line, starting with #");
        }
        String keyId = fields[0];
        String userName = fields[1];
        String secret = fields[2];
        if (!KEY_ID.matcher(keyId).matches()) {
            throw new ApiKeysException(where(file, lineNo) + "key id '" + keyId
                    + "' must be 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        if (!USER_NAME.matcher(userName).matches()) {
            throw new ApiKeysException(where(file, lineNo) + "user name '" + userName
                    + "' is not a unix user name (letters, digits, '.', '_', '-', at most 32)");
        }
        // The secret is never echoed back: the message must not leak it into logs.
        if (!HEX.matcher(secret).matches() || secret.length() < MIN_SECRET_HEX_CHARS || secret.length() > MAX_SECRET_HEX_CHARS) {
            throw new ApiKeysException(where(file, lineNo) + "the secret of key '" + keyId + "' must be "
                    + MIN_SECRET_HEX_CHARS + " to " + MAX_SECRET_HEX_CHARS + " hex characters (it has " + secret.length()
                    + " characters); make one with: openssl rand -hex 32");
        }
        return new ApiKey(keyId, userName, secret, fields.length == 4 ? actAs(file, lineNo, fields[3]) : Set.of());
    }

    /** "act-as=alice,bob" or "act-as=*": whom the key may act for. */
    private static Set<String> actAs(Path file, int lineNo, String field) throws ApiKeysException {
        String list = field.startsWith(ACT_AS) ? field.substring(ACT_AS.length()) : "";
        if (list.equals(ApiKey.ANY_USER)) {
            return Set.of(ApiKey.ANY_USER);
        }
        Set<String> users = new LinkedHashSet<>();
        for (String user : list.split(",", -1)) {
            if (!USER_NAME.matcher(user).matches()) {
                throw new ApiKeysException(where(file, lineNo) + "the fourth field '" + field + "' must be"
                        + " act-as=USER,USER,... (unix user names) or act-as=* (any user)");
            }
            users.add(user);
        }
        return users;
    }

    private static void checkOwnerAndMode(Path file) throws ApiKeysException {
        try {
            if (!Files.isRegularFile(file)) {
                throw new ApiKeysException("API keys file " + file + " does not exist or is not a regular file; "
                        + "create it with one 'key-id user-name secret' line per key, mode 0600");
            }
            UserPrincipal owner = Files.getOwner(file);
            // /proc/self belongs to the process's effective user: the user the daemon runs as.
            UserPrincipal daemonUser = Files.getOwner(Path.of("/proc/self"));
            if (!owner.equals(daemonUser)) {
                throw new ApiKeysException("API keys file " + file + " is owned by " + owner.getName()
                        + " but allocd runs as " + daemonUser.getName() + "; fix with: chown " + daemonUser.getName() + " " + file);
            }
            int mode = (Integer) Files.getAttribute(file, "unix:mode");
            if ((mode & 0077) != 0) {
                throw new ApiKeysException("API keys file " + file + " has mode " + String.format("%04o", mode & 07777)
                        + " so group or others may read or change it; it holds secrets, fix with: chmod 600 " + file);
            }
        } catch (IOException e) {
            throw new ApiKeysException("cannot check owner and mode of API keys file " + file + ": " + e, e);
        }
    }

    private static String where(Path file, int lineNo) {
        return "API keys file " + file + " line " + lineNo + ": ";
    }
}
