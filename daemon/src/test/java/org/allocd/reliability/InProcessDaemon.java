package org.allocd.reliability;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Clock;
import org.allocd.config.ConfigLoader;
import org.allocd.config.ConfigReloader;
import org.allocd.daemon.Daemon;

/** The real daemon inside the test JVM, on the sockets and SQLite file of an {@link AllocdConf}. */
final class InProcessDaemon implements AutoCloseable {
    static final long ASK_TIMEOUT_MILLIS = 10_000;

    final AllocdConf conf;
    final Daemon daemon;

    InProcessDaemon(AllocdConf conf) throws Exception {
        this.conf = conf;
        this.daemon = Daemon.start(new ConfigReloader(conf.file, ConfigLoader.load(conf.file)), Clock.systemUTC());
    }

    ObjectNode hook(String json) throws IOException {
        return WireClient.ask(conf.hookSocket, json, ASK_TIMEOUT_MILLIS);
    }

    ObjectNode admin(String json) throws IOException {
        return WireClient.ask(conf.adminSocket, json, ASK_TIMEOUT_MILLIS);
    }

    ObjectNode verify() throws IOException {
        return admin("{\"op\":\"verify\"}");
    }

    long journalEntries() throws IOException {
        return verify().get("journal_entries").asLong();
    }

    /** One funded account "proj" with member "alice". */
    void seed() throws IOException {
        admin("{\"op\":\"create_account\",\"name\":\"proj\",\"key\":\"seed-1\"}");
        admin("{\"op\":\"add_user\",\"name\":\"alice\",\"default_account\":\"proj\",\"key\":\"seed-2\"}");
        admin("{\"op\":\"deposit\",\"account\":\"proj\",\"amount_micro_su\":100000000,\"key\":\"seed-3\"}");
    }

    @Override
    public void close() {
        daemon.close();
    }
}
