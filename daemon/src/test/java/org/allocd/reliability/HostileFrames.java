package org.allocd.reliability;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;

/**
 * Seeded generator of hostile socket input: broken headers and lengths, garbage and malformed JSON, deep nesting,
 * huge numbers, odd unicode, quotes and semicolons in names, all shaped like real requests so the fuzz reaches the
 * field parsers and the ledger. Every request it makes names an account or job that does not exist, so none of
 * them may change the store (no hostile value below names "proj" or "alice", which exist).
 */
final class HostileFrames {
    static final int HOOK_MAX_PAYLOAD_BYTES = 16 * 1024;

    /** Requests that pass the parsers when unmutated and are then refused by the ledger (no such account/job). */
    private static final List<String> HOOK_TEMPLATES = List.of(
            "{\"op\":\"QUOTE\",\"user\":\"ghost\",\"account\":\"nosuch\",\"partition\":\"gpu\",\"gpus\":1,"
                    + "\"time_limit_s\":3600}",
            "{\"op\":\"LIEN\",\"cluster\":\"testcluster\",\"job_id\":9,\"user\":\"ghost\",\"account\":\"nosuch\","
                    + "\"partition\":\"gpu\",\"cpus\":4,\"mem_bytes\":1000,\"gpus\":1,\"time_limit_s\":3600}",
            "{\"op\":\"CHARGE\",\"cluster\":\"testcluster\",\"job_id\":9,\"user\":\"ghost\",\"account\":\"nosuch\","
                    + "\"partition\":\"gpu\",\"gpus\":1,\"time_limit_s\":3600,\"elapsed_s\":60,\"exit_code\":0}",
            "{\"op\":\"MODIFY\",\"cluster\":\"testcluster\",\"job_id\":9,\"partition\":\"gpu\",\"gpus\":1,"
                    + "\"time_limit_s\":7200}",
            "{\"op\":\"PING\",\"id\":1}");
    private static final List<String> ADMIN_TEMPLATES = List.of(
            "{\"op\":\"deposit\",\"account\":\"nosuch\",\"amount_micro_su\":5,\"key\":\"k1\",\"note\":\"n\"}",
            "{\"op\":\"withdraw\",\"account\":\"nosuch\",\"amount_micro_su\":5,\"key\":\"k2\"}",
            "{\"op\":\"transfer\",\"from\":\"nosuch\",\"to\":\"nowhere\",\"amount_micro_su\":5,\"key\":\"k3\"}",
            "{\"op\":\"adjust\",\"account\":\"nosuch\",\"amount_micro_su\":-5,\"key\":\"k4\"}",
            "{\"op\":\"refund\",\"job\":\"testcluster/404/0\",\"amount_micro_su\":5,\"key\":\"k5\"}",
            "{\"op\":\"release_lien\",\"job\":\"testcluster/404/0\",\"key\":\"k6\"}",
            "{\"op\":\"set_account_state\",\"name\":\"nosuch\",\"state\":\"frozen\",\"key\":\"k7\"}",
            "{\"op\":\"modify_account\",\"name\":\"nosuch\",\"description\":\"d\",\"key\":\"k8\"}",
            "{\"op\":\"remove_membership\",\"user\":\"ghost\",\"account\":\"nosuch\",\"key\":\"k9\"}",
            "{\"op\":\"set_default_account\",\"user\":\"ghost\",\"account\":\"nosuch\",\"key\":\"k10\"}",
            "{\"op\":\"balance\",\"account\":\"nosuch\"}",
            "{\"op\":\"whoami\"}",
            "{\"op\":\"ping\",\"id\":\"x\"}");
    private static final List<String> NASTY_STRINGS = List.of("", " ", "x'; DROP TABLE journal;--", "\\\"", "a\\\"b",
            "; DELETE FROM accounts", "' OR '1'='1", "%s%n%x", "\\u0000", "\\ud800", "\\udfff\\ud800", "ünïcødé",
            "名前", "🙂", "\\u202e", "../../etc/passwd", "nosuch\\n", "nosuch\\t", "NOSUCH", "x".repeat(5000));
    private static final List<String> NASTY_NUMBERS = List.of("0", "-0", "-1", "1.5", "1e3", "1e400", "-1e400",
            "9223372036854775807", "9223372036854775808", "-9223372036854775809", "1" + "0".repeat(63),
            "1" + "0".repeat(64), "1" + "0".repeat(500), "0.0000000000000000000001", "2147483648", "4294967296",
            "NaN", "Infinity", "0x10", "01", "+1", ".5", "5.", "1e", "--1");
    private static final List<String> NASTY_VALUES = List.of("null", "true", "false", "[]", "{}", "[1,2]",
            "{\"a\":1}", "\"\"", "\"5\"");

    /** A "key":value pair whose value is a string or an integer. */
    private static final Pattern FIELD = Pattern.compile("\"([a-z_]+)\":(\"[^\"]*\"|[-0-9]+)");

    private final Random random;

    HostileFrames(long seed) {
        this.random = new Random(seed);
    }

    /** One case: the raw bytes to send (maybe several frames, maybe broken) and how to split the writes. */
    record Case(byte[] bytes, int[] splits, String description) {}

    Case next(boolean hook) {
        List<String> templates = hook ? HOOK_TEMPLATES : ADMIN_TEMPLATES;
        String template = templates.get(random.nextInt(templates.size()));
        int kind = random.nextInt(12);
        byte[] bytes;
        String description;
        switch (kind) {
            case 0 -> {
                bytes = randomBytes(random.nextInt(64));
                description = "random bytes";
            }
            case 1 -> {
                bytes = brokenHeader(template.getBytes(StandardCharsets.UTF_8));
                description = "broken header";
            }
            case 2 -> {
                bytes = WireClient.frame(randomBytes(random.nextInt(300)));
                description = "garbage payload";
            }
            case 3 -> {
                byte[] payload = template.getBytes(StandardCharsets.UTF_8);
                bytes = WireClient.frame(Arrays.copyOf(payload, random.nextInt(payload.length)));
                description = "truncated JSON";
            }
            case 4 -> {
                bytes = WireClient.frame(nested(1 + random.nextInt(random.nextBoolean() ? 40 : 3000)));
                description = "deep nesting";
            }
            case 5 -> {
                byte[] full = WireClient.frame(template.getBytes(StandardCharsets.UTF_8));
                bytes = Arrays.copyOf(full, random.nextInt(full.length));
                description = "frame cut short";
            }
            case 6 -> {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                int n = 2 + random.nextInt(6);
                for (int i = 0; i < n; i++) {
                    out.writeBytes(WireClient.frame(mutate(templates.get(random.nextInt(templates.size())))
                            .getBytes(StandardCharsets.UTF_8)));
                }
                bytes = out.toByteArray();
                description = "pipelined mutated requests";
            }
            case 7 -> {
                bytes = WireClient.frame((template + randomTail()).getBytes(StandardCharsets.UTF_8));
                description = "trailing bytes";
            }
            case 8 -> {
                bytes = WireClient.frame(template.replaceFirst("\"op\":\"[^\"]*\"", "\"op\":\"" + pick(NASTY_STRINGS)
                        + "\"").getBytes(StandardCharsets.UTF_8));
                description = "nasty op";
            }
            default -> {
                bytes = WireClient.frame(mutate(template).getBytes(StandardCharsets.UTF_8));
                description = "mutated field";
            }
        }
        return new Case(bytes, splits(bytes.length), description);
    }

    /** Replaces one, two or three field values with hostile ones, or duplicates a key. */
    String mutate(String json) {
        String out = json;
        int mutations = 1 + random.nextInt(3);
        for (int i = 0; i < mutations; i++) {
            List<MatchResult> fields = FIELD.matcher(out).results().toList();
            if (fields.isEmpty()) {
                return out;
            }
            MatchResult field = fields.get(random.nextInt(fields.size()));
            String value = switch (random.nextInt(4)) {
                case 0 -> "\"" + pick(NASTY_STRINGS) + "\"";
                case 1 -> pick(NASTY_NUMBERS);
                case 2 -> pick(NASTY_VALUES);
                default -> field.group(2) + ",\"" + field.group(1) + "\":" + field.group(2); // duplicate key
            };
            out = out.substring(0, field.start(2)) + value + out.substring(field.end(2));
        }
        return out;
    }

    private byte[] brokenHeader(byte[] payload) {
        ByteBuffer frame = ByteBuffer.wrap(WireClient.frame(payload));
        switch (random.nextInt(5)) {
            case 0 -> frame.put(0, (byte) random.nextInt(256));
            case 1 -> frame.put(2, (byte) (2 + random.nextInt(254)));
            case 2 -> frame.put(3, (byte) (1 + random.nextInt(255)));
            case 3 -> frame.putInt(4, random.nextInt()); // any length, even negative as signed
            default -> frame.putInt(4, HOOK_MAX_PAYLOAD_BYTES + 1 + random.nextInt(1 << 20));
        }
        return frame.array();
    }

    private byte[] nested(int depth) {
        StringBuilder json = new StringBuilder("{\"op\":\"PING\",\"x\":");
        String open = random.nextBoolean() ? "[" : "{\"a\":";
        String close = open.equals("[") ? "]" : "}";
        json.append(open.repeat(depth)).append('1').append(close.repeat(depth)).append('}');
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }

    private String randomTail() {
        return switch (random.nextInt(4)) {
            case 0 -> "x";
            case 1 -> "{}";
            case 2 -> "   \n\t ";
            default -> "\u0000";
        };
    }

    private byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        random.nextBytes(bytes);
        return bytes;
    }

    private int[] splits(int length) {
        if (length < 2 || random.nextInt(3) != 0) {
            return new int[0];
        }
        return random.ints(1 + random.nextInt(4), 1, length).sorted().distinct().toArray();
    }

    private String pick(List<String> values) {
        return values.get(random.nextInt(values.size()));
    }
}
