package org.allocd.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.allocd.munge.MungeEncoder;

/**
 * Where allocmgr finds allocd from a node without its admin socket: $ALLOCD_SERVER, else
 * {@code server = HOST:PORT} in /etc/allocd/allocmgr.conf ($ALLOCMGR_CONF names another file);
 * the local munged at $ALLOCD_MUNGE_SOCKET, else {@code munge_socket =} there, else munged's default.
 */
record RemoteSettings(String host, int port, Path mungeSocket) {
    static final Path DEFAULT_FILE = Path.of("/etc/allocd/allocmgr.conf");
    private static final Pattern HOST_PORT = Pattern.compile("(\\[[0-9A-Fa-f:.]+]|[^\\s:\\[\\]]+):(\\d{1,5})");
    private static final long MAX_FILE_BYTES = 64 * 1024;
    /** The remote door's keys, and SlurmLink's. */
    private static final java.util.Set<String> KEYS = java.util.Set.of("server", "munge_socket", "slurm_accounts",
            "slurm_bin_dir", "slurm_conf");

    /** The TCP door to use, or empty when neither the environment nor the file names one. */
    static Optional<RemoteSettings> find(Map<String, String> env) {
        Path file = file(env);
        Map<String, String> conf = read(file);
        String server = env.getOrDefault("ALLOCD_SERVER", conf.get("server"));
        if (server == null || server.isBlank()) {
            return Optional.empty();
        }
        Matcher m = HOST_PORT.matcher(server.trim());
        String from = env.containsKey("ALLOCD_SERVER") ? "ALLOCD_SERVER" : "server in " + file;
        int port = m.matches() ? Integer.parseInt(m.group(2)) : 0;
        if (!m.matches() || port < 1 || port > 65535) {
            throw new UsageException(from + " is \"" + server + "\"; write HOST:PORT, the admin_listen of allocd.conf,"
                    + " e.g. bank.example.org:6820");
        }
        String host = m.group(1).startsWith("[") ? m.group(1).substring(1, m.group(1).length() - 1) : m.group(1);
        String munge = env.getOrDefault("ALLOCD_MUNGE_SOCKET", conf.getOrDefault("munge_socket",
                MungeEncoder.DEFAULT_SOCKET.toString()));
        return Optional.of(new RemoteSettings(host, port, Path.of(munge)));
    }

    /** allocmgr.conf: $ALLOCMGR_CONF, else /etc/allocd/allocmgr.conf. */
    static Path file(Map<String, String> env) {
        return Path.of(env.getOrDefault("ALLOCMGR_CONF", DEFAULT_FILE.toString()));
    }

    /** key = value lines, # comments; a missing file is no settings, a wrong line a usage error. */
    static Map<String, String> read(Path file) {
        List<String> lines;
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new UsageException(file + " is larger than " + MAX_FILE_BYTES + " bytes; it holds a few lines");
            }
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Map.of();
        } catch (IOException e) {
            throw new UsageException("cannot read " + file + ": " + e.getMessage());
        }
        Map<String, String> values = new java.util.HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            String key = eq < 0 ? line : line.substring(0, eq).strip();
            if (eq < 0 || !KEYS.contains(key)) {
                throw new UsageException(file + " line " + (i + 1) + ": \"" + line + "\" is not one of"
                        + " \"server = HOST:PORT\", \"munge_socket = PATH\", \"slurm_accounts = yes|no\","
                        + " \"slurm_bin_dir = DIR\" or \"slurm_conf = FILE\"");
            }
            values.put(key, line.substring(eq + 1).strip());
        }
        return values;
    }
}
