package org.allocd.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.allocd.daemon.DaemonFixture;

/**
 * One client of the crash test: works through a seeded script of deposits, quotes and job lien/charge pairs on
 * its own account, one operation at a time, and keeps a model of what the daemon acknowledged. An operation
 * whose answer never came is retried with the same key after the restart, before anything else.
 */
final class CrashClient {
    enum Kind { DEPOSIT, QUOTE, LIEN, CHARGE }

    /** lienMicroSu: what a LIEN must hold (gpus x time limit at 1 SU per gpu-hour). */
    record Op(Kind kind, Path socket, String json, long jobId, long lienMicroSu) {}

    record Ack(Op op, long amountMicroSu) {}

    private static final long INITIAL_DEPOSIT_MICRO_SU = 1_000_000_000_000L;

    final String account;
    final String user;
    private final DaemonFixture.Builder conf;
    private final Random random;
    private final int number;
    private final List<Op> script = new ArrayList<>();
    private final List<Ack> acknowledged = new ArrayList<>();
    private final Map<Long, Long> openLienMicroSu = new HashMap<>();
    private int cursor;
    private long balanceMicroSu;
    private long replayedRetries;

    CrashClient(DaemonFixture.Builder conf, int number, long seed) {
        this.conf = conf;
        this.number = number;
        this.account = "crash" + number;
        this.user = "u" + number;
        this.random = new Random(seed * 31 + number);
    }

    /** Creates the account, its user and the first deposit (keyed, so a restart may repeat it). */
    void seed(DaemonProcess daemon) throws IOException {
        ok(daemon.admin("{\"op\":\"create_account\",\"name\":\"" + account + "\",\"key\":\"" + account + "-create\"}"));
        ok(daemon.admin("{\"op\":\"add_user\",\"name\":\"" + user + "\",\"default_account\":\"" + account
                + "\",\"key\":\"" + account + "-user\"}"));
        ok(daemon.admin("{\"op\":\"deposit\",\"account\":\"" + account + "\",\"amount_micro_su\":"
                + INITIAL_DEPOSIT_MICRO_SU + ",\"key\":\"" + account + "-initial\"}"));
        balanceMicroSu = INITIAL_DEPOSIT_MICRO_SU;
    }

    /**
     * Runs the script on one connection until the daemon goes away or maxOps are acknowledged.
     * Returns how many operations were acknowledged.
     */
    int runUntilCrash(int maxOps) {
        int done = 0;
        Path socket = null;
        WireClient client = null;
        try {
            while (done < maxOps) {
                Op op = next();
                if (client == null || !op.socket().equals(socket)) {
                    if (client != null) {
                        client.close();
                    }
                    socket = op.socket();
                    client = WireClient.connect(socket, DaemonProcess.ASK_TIMEOUT_MILLIS);
                }
                ObjectNode answer = client.ask(op.json());
                if (isBusy(answer)) {
                    continue;
                }
                acknowledge(op, answer);
                done++;
            }
        } catch (IOException crashed) {
            // the daemon died under us: the op at the cursor is unacknowledged and is retried after the restart
        } finally {
            closeQuietly(client);
        }
        return done;
    }

    /**
     * After a restart: the unacknowledged operation again with the same key (it must apply at most once), then
     * the last acknowledged one again, which must answer as a replay of the first answer.
     */
    void retryAfterRestart() throws IOException {
        Op pending = next();
        ObjectNode answer = ask(pending);
        if (answer.path("replayed").asBoolean()) {
            replayedRetries++;
        }
        acknowledge(pending, answer);
        Ack last = lastKeyed(acknowledged.size() - 2);
        if (last != null) {
            ObjectNode again = ask(last.op());
            assertReplayOf(last, again);
        }
    }

    /** The daemon's balance and liens for this account equal the model of acknowledged operations. */
    void assertBalanceMatches(DaemonProcess daemon, String when) throws IOException {
        ObjectNode balance = ok(daemon.admin("{\"op\":\"balance\",\"account\":\"" + account + "\"}"));
        long liened = openLienMicroSu.values().stream().mapToLong(Long::longValue).sum();
        assertEquals(balanceMicroSu, balance.get("balance_micro_su").asLong(), when + ": balance of " + account
                + " differs from the acknowledged operations (applied twice, or lost)");
        assertEquals(liened, balance.get("liened_micro_su").asLong(), when + ": liens of " + account
                + " differ from the acknowledged operations");
    }

    /** Every acknowledged keyed operation, sent again, is a replay with its first answer: present, once. */
    void assertEveryAcknowledgedOpReplays() throws IOException {
        for (Ack ack : acknowledged) {
            if (ack.op().kind() != Kind.QUOTE) {
                assertReplayOf(ack, ask(ack.op()));
            }
        }
    }

    int acknowledgedCount() {
        return acknowledged.size();
    }

    long replayedRetries() {
        return replayedRetries;
    }

    private void assertReplayOf(Ack first, ObjectNode again) {
        assertTrue(again.path("replayed").asBoolean(), "sent again with the same key, " + first.op().json()
                + " must be a replay: " + again);
        assertEquals(first.amountMicroSu(), again.path("amount_micro_su").asLong(), "a replay answers the first"
                + " amount: " + first.op().json() + " -> " + again);
    }

    private Ack lastKeyed(int from) {
        for (int i = from; i >= 0; i--) {
            if (acknowledged.get(i).op().kind() != Kind.QUOTE) {
                return acknowledged.get(i);
            }
        }
        return null;
    }

    private ObjectNode ask(Op op) throws IOException {
        while (true) {
            ObjectNode answer = WireClient.ask(op.socket(), op.json(), DaemonProcess.ASK_TIMEOUT_MILLIS);
            if (!isBusy(answer)) {
                return answer;
            }
        }
    }


    private static boolean isBusy(ObjectNode answer) {
        return "busy".equals(answer.path("error").asText());
    }

    private void acknowledge(Op op, ObjectNode answer) {
        ok(answer);
        long amount = answer.path("amount_micro_su").asLong();
        switch (op.kind()) {
            case DEPOSIT -> balanceMicroSu += amount;
            case QUOTE -> assertEquals("accept", answer.get("verdict").asText(), answer.toString());
            case LIEN -> {
                assertEquals(op.lienMicroSu(), amount, "lien of " + op.json() + ": " + answer);
                openLienMicroSu.put(op.jobId(), amount);
            }
            case CHARGE -> {
                balanceMicroSu -= amount;
                openLienMicroSu.remove(op.jobId());
            }
        }
        acknowledged.add(new Ack(op, amount));
        cursor++;
    }

    private static ObjectNode ok(ObjectNode answer) {
        assertTrue(answer.path("ok").asBoolean(), "unexpected refusal: " + answer);
        return answer;
    }

    /** The operation at the cursor; the script grows as it is consumed, drawn from this client's seed. */
    private Op next() {
        while (script.size() <= cursor) {
            int draw = random.nextInt(10);
            if (draw < 2) {
                long amount = 1 + random.nextInt(50_000_000);
                script.add(new Op(Kind.DEPOSIT, conf.adminSocket, "{\"op\":\"deposit\",\"account\":\"" + account
                        + "\",\"amount_micro_su\":" + amount + ",\"key\":\"" + account + "-dep-" + script.size()
                        + "\"}", 0, 0));
            } else if (draw < 3) {
                script.add(new Op(Kind.QUOTE, conf.hookSocket, "{\"op\":\"QUOTE\",\"user\":\"" + user
                        + "\",\"partition\":\"gpu\",\"gpus\":1,\"time_limit_s\":600}", 0, 0));
            } else {
                long jobId = number * 10_000_000L + script.size() + 1;
                int gpus = 1 + random.nextInt(4);
                int tenthsOfHour = 1 + random.nextInt(20);
                long lienMicroSu = gpus * tenthsOfHour * 100_000L;
                String job = "\"cluster\":\"" + DaemonFixture.CLUSTER + "\",\"job_id\":" + jobId + ",\"user\":\"" + user
                        + "\",\"account\":\"" + account + "\",\"partition\":\"gpu\",\"gpus\":" + gpus
                        + ",\"time_limit_s\":" + 360 * tenthsOfHour;
                script.add(new Op(Kind.LIEN, conf.hookSocket, "{\"op\":\"LIEN\"," + job + "}", jobId, lienMicroSu));
                script.add(new Op(Kind.CHARGE, conf.hookSocket, "{\"op\":\"CHARGE\"," + job + ",\"elapsed_s\":"
                        + random.nextInt(7200) + ",\"exit_code\":" + (random.nextInt(4) == 0 ? 1 : 0) + "}", jobId,
                        lienMicroSu));
            }
        }
        return script.get(cursor);
    }

    private static void closeQuietly(WireClient client) {
        if (client != null) {
            try {
                client.close();
            } catch (IOException ignored) {
                // the daemon is gone; nothing to close cleanly
            }
        }
    }
}
