package org.allocd.config;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.allocd.charge.Multiplier;

/** The value parsers the config keys share; each error message ends with what to write instead. */
final class Values {
    /** sockaddr_un.sun_path holds 108 bytes including the terminating NUL. */
    static final int MAX_SOCKET_PATH_BYTES = 107;
    /** The hooks' path buffers are 512 bytes; slurm_bin_dir also gets "/scontrol" appended. */
    static final int MAX_HOOK_PATH_BYTES = 500;

    /** POSIX-ish user and group names as sites use them (LDAP names may carry capitals and dots; Samba's end in '$'). */
    private static final Pattern UNIX_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]{0,31}\\$?");
    /** Slurm lower-cases ClusterName; it is part of every job key, so keep it plain. */
    private static final Pattern CLUSTER_NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
    private static final Pattern HOST_PORT = Pattern.compile("(\\[[0-9A-Fa-f:.]+]|[A-Za-z0-9.-]+|\\*):(\\d{1,5})");

    private Values() {}

    static ValueParser<Long> longInRange(long min, long max) {
        return text -> {
            long value;
            try {
                value = Long.parseLong(text);
            } catch (NumberFormatException notANumber) {
                throw new IllegalArgumentException('"' + text + "\" is not a whole number; write a number from "
                        + min + " to " + max);
            }
            if (value < min || value > max) {
                throw new IllegalArgumentException(value + " is out of range; use a value from " + min + " to " + max);
            }
            return value;
        };
    }

    /** An amount of SU with at most 6 decimals (exact micro-SU), from 0 to one operation's maximum. */
    static ValueParser<Long> microSu() {
        return text -> {
            long value;
            try {
                value = org.allocd.ledger.MicroSu.parse(text);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException('"' + text + "\" is not an amount of SU; write a number with at"
                        + " most 6 decimals, e.g. 0.25");
            }
            if (value < 0 || value > org.allocd.ledger.MicroSu.MAX_AMOUNT) {
                throw new IllegalArgumentException(text + " is out of range; use 0 to "
                        + org.allocd.ledger.MicroSu.format(org.allocd.ledger.MicroSu.MAX_AMOUNT) + " SU");
            }
            return value;
        };
    }

    static ValueParser<Integer> intInRange(int min, int max) {
        ValueParser<Long> wide = longInRange(min, max);
        return text -> Math.toIntExact(wide.parse(text));
    }

    /** Case-insensitive enum names, listed in lower case in messages ({@code upperCase} for names sites write in capitals). */
    static <E extends Enum<E>> ValueParser<E> oneOf(Class<E> type, boolean upperCase) {
        E[] constants = type.getEnumConstants();
        String allowed = Arrays.stream(constants)
                .map(c -> upperCase ? c.name() : c.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "));
        return new ValueParser<>() {
            @Override
            public E parse(String text) {
                return Arrays.stream(constants)
                        .filter(c -> c.name().equalsIgnoreCase(text))
                        .findFirst()
                        .orElseThrow(() -> new IllegalArgumentException('"' + text
                                + "\" is not a valid value; use one of " + allowed));
            }

            @Override
            public String text(E value) {
                return upperCase ? value.name() : value.name().toLowerCase(Locale.ROOT);
            }
        };
    }

    static ValueParser<Boolean> bool() {
        return text -> switch (text.toLowerCase(Locale.ROOT)) {
            case "true", "yes" -> true;
            case "false", "no" -> false;
            default -> throw new IllegalArgumentException('"' + text + "\" is not a boolean; write true or false");
        };
    }

    static ValueParser<Path> absolutePath() {
        return text -> {
            if (!text.startsWith("/")) {
                throw new IllegalArgumentException('"' + text + "\" is not an absolute path; write a path starting with /");
            }
            return Path.of(text).normalize();
        };
    }

    /** What the C hooks can hold: an absolute path of at most MAX_HOOK_PATH_BYTES (slurm-hooks/allocd_conf.h). */
    static ValueParser<Path> hookPath() {
        return boundedPath(MAX_HOOK_PATH_BYTES, "the Slurm hooks hold");
    }

    static ValueParser<Path> socketPath() {
        return boundedPath(MAX_SOCKET_PATH_BYTES, "a unix socket path holds");
    }

    private static ValueParser<Path> boundedPath(int maxBytes, String holder) {
        ValueParser<Path> absolute = absolutePath();
        return text -> {
            Path path = absolute.parse(text);
            int bytes = path.toString().getBytes(StandardCharsets.UTF_8).length;
            if (bytes > maxBytes) {
                throw new IllegalArgumentException("the path is " + bytes + " bytes long but " + holder + " at most "
                        + maxBytes + "; choose a shorter path");
            }
            return path;
        };
    }

    static ValueParser<String> postgresqlUrl() {
        String prefix = "jdbc:postgresql://";
        return text -> {
            if (!text.startsWith(prefix) || text.length() == prefix.length()) {
                throw new IllegalArgumentException('"' + text + "\" is not a PostgreSQL JDBC URL; write " + prefix
                        + "HOST:PORT/DATABASE");
            }
            if (text.toLowerCase(Locale.ROOT).contains("password=")) {
                throw new IllegalArgumentException("the URL holds a password, and allocd.conf is readable by others;"
                        + " remove it from the URL and put it in postgresql_credentials_file");
            }
            return text;
        };
    }

    static ValueParser<String> unixName() {
        return text -> {
            if (!UNIX_NAME.matcher(text).matches()) {
                throw new IllegalArgumentException('"' + text + "\" is not a unix user or group name; write a name such as slurm");
            }
            return text;
        };
    }

    /** A comma-separated list of unix names; an empty value is an empty set. Repeats are harmless and dropped. */
    static ValueParser<Set<String>> unixNames() {
        ValueParser<String> one = unixName();
        return text -> {
            Set<String> names = new LinkedHashSet<>();
            if (!text.isEmpty()) {
                for (String name : text.split(",", -1)) {
                    names.add(one.parse(name.strip()));
                }
            }
            return Set.copyOf(names);
        };
    }

    static ValueParser<String> clusterName() {
        return text -> {
            if (!CLUSTER_NAME.matcher(text).matches()) {
                throw new IllegalArgumentException('"' + text + "\" is not a Slurm cluster name; write the ClusterName"
                        + " from slurm.conf in lower case (letters, digits, _ and -)");
            }
            return text;
        };
    }

    static ValueParser<HttpListen> hostPort() {
        return text -> {
            Matcher matcher = HOST_PORT.matcher(text);
            if (!matcher.matches()) {
                throw new IllegalArgumentException('"' + text + "\" is not host:port; write e.g. 127.0.0.1:8787, [::1]:8787"
                        + " or *:8787, or leave it empty to turn it off");
            }
            int port = Integer.parseInt(matcher.group(2));
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port " + port + " is out of range; use a port from 1 to 65535");
            }
            String host = matcher.group(1);
            return new HttpListen(host.startsWith("[") ? host.substring(1, host.length() - 1) : host, port);
        };
    }

    static ValueParser<Long> slurmTimeSeconds() {
        return SlurmTime::parseSeconds;
    }

    static ValueParser<Long> positiveBytes() {
        return text -> {
            long bytes = ByteSize.parseBytes(text);
            if (bytes <= 0) {
                throw new IllegalArgumentException("the size must be more than 0 bytes; write e.g. 120GB");
            }
            return bytes;
        };
    }

    static ValueParser<Multiplier> multiplier() {
        // Multiplier.parse already says what form it accepts.
        return Multiplier::parse;
    }
}
