package org.allocd.reliability;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Seeded line-level mutations of a valid allocd.conf, returned as the raw bytes of the file. */
final class ConfigMutator {
    static final List<String> BASE = List.of(
            "# a full configuration",
            "cluster_name = fuzzcluster",
            "state_dir = /tmp/allocd-fuzz/state",
            "hook_socket = /tmp/allocd-fuzz/hook.sock",
            "admin_socket = /tmp/allocd-fuzz/admin.sock",
            "slurm_user = slurm",
            "admins = root, alice",
            "hook_timeout_ms = 200",
            "hook_fail_policy = open",
            "start_failure_action = hold",
            "short_funds_mode = hold",
            "lien_grace_seconds = 300",
            "log_level = info",
            "[partition default]",
            "rate = 1.0",
            "rounding = ceil",
            "[partition gpu]",
            "rate = 2.5  # comment",
            "max_time = 1-00:00:00",
            "cpus_per_unit = 8",
            "mem_per_unit = 64GiB",
            "units_per_node = 4",
            "[qos]",
            "normal = 1.0",
            "premium = 10.0");
    private static final List<String> NASTY = List.of("", "=", "==", " = ", "[", "]", "[]", "[partition]",
            "[partition gpu", "[qos] extra", "[partition a;b]", "[partition 'x']", "x'; DROP TABLE journal;--",
            "-1", "0", "1e400", "9".repeat(400), "-9223372036854775808", "NaN", "∞", "ünïcødé", "名前", "🙂",
            "\u202e", "\t", "\\", "\"quoted\"", "'", "${HOME}", "$(reboot)", "`id`", "%n%s", "a".repeat(20_000),
            "99-99:99:99", "1-", "-00:00:01", "UNLIMITED", "64T", "64Q", "0.000000000000000000001", "relative/path",
            "/", "/dev/null", "yes no", ", , ,", "root,,alice");

    private final Random random;

    ConfigMutator(long seed) {
        this.random = new Random(seed);
    }

    byte[] next() {
        List<String> lines = new ArrayList<>(BASE);
        int mutations = 1 + random.nextInt(4);
        for (int i = 0; i < mutations; i++) {
            mutate(lines);
        }
        String eol = random.nextInt(8) == 0 ? "\r\n" : "\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (random.nextInt(20) == 0) {
            out.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}); // a byte-order mark
        }
        for (String line : lines) {
            out.writeBytes((line + eol).getBytes(StandardCharsets.UTF_8));
        }
        byte[] bytes = out.toByteArray();
        if (random.nextInt(15) == 0 && bytes.length > 0) {
            bytes[random.nextInt(bytes.length)] = (byte) (0x80 + random.nextInt(128)); // invalid UTF-8
        }
        if (random.nextInt(15) == 0 && bytes.length > 0) {
            bytes[random.nextInt(bytes.length)] = 0;
        }
        return bytes;
    }

    private void mutate(List<String> lines) {
        if (lines.isEmpty()) {
            lines.add(pick());
            return;
        }
        int at = random.nextInt(lines.size());
        String line = lines.get(at);
        switch (random.nextInt(9)) {
            case 0 -> lines.remove(at);
            case 1 -> lines.add(at, line);
            case 2 -> lines.set(at, line.contains("=") ? line.substring(0, line.indexOf('=') + 1) + " " + pick()
                    : pick());
            case 3 -> lines.add(at, pick() + " = " + pick());
            case 4 -> lines.set(at, line.substring(0, random.nextInt(line.length() + 1)));
            case 5 -> {
                int pos = random.nextInt(line.length() + 1);
                lines.set(at, line.substring(0, pos) + pick() + line.substring(pos));
            }
            case 6 -> lines.set(at, line.replace('=', random.nextBoolean() ? ':' : ' '));
            case 7 -> lines.add(at, line.substring(0, line.indexOf('=') + 1) + " " + pick());
            default -> {
                int other = random.nextInt(lines.size());
                lines.set(at, lines.get(other));
                lines.set(other, line);
            }
        }
    }

    private String pick() {
        return NASTY.get(random.nextInt(NASTY.size()));
    }
}
