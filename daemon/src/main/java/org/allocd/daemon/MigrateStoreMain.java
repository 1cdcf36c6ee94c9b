package org.allocd.daemon;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.allocd.config.AllocdConfig;
import org.allocd.config.ConfigException;
import org.allocd.config.ConfigLoader;
import org.allocd.ledger.JournalEntry;
import org.allocd.ledger.Ledger;
import org.allocd.ledger.LedgerView;
import org.allocd.ledger.VerifyReport;
import org.allocd.store.SqlLedgerStore;
import org.allocd.store.StoreCopy;
import org.allocd.store.StoreLocation;

/**
 * {@code allocd migrate-store --from FILE --to CONF}: copies a SQLite ledger
 * (allocd stopped) into the store CONF names, normally a new PostgreSQL
 * database, then verifies the copy and checks its journal ends on the same
 * entry and hash as the source's.
 */
public final class MigrateStoreMain {
    static final int EXIT_DIFFERENT = 3;

    private MigrateStoreMain() {}

    public static int run(String[] args) {
        Path from = null;
        Path to = null;
        for (int i = 0; i < args.length; i++) {
            if ((args[i].equals("--from") || args[i].equals("--to")) && i + 1 == args.length) {
                return usage(args[i] + " needs a file");
            }
            switch (args[i]) {
                case "--from" -> from = Path.of(args[++i]);
                case "--to" -> to = Path.of(args[++i]);
                case "--help", "-h" -> {
                    System.out.println(USAGE);
                    return 0;
                }
                default -> {
                    return usage("unknown argument '" + args[i] + "'");
                }
            }
        }
        if (from == null || to == null) {
            return usage("both --from and --to are needed");
        }
        if (!Files.isRegularFile(from)) {
            return usage(from + " is not a file; --from names the SQLite ledger (state_dir/allocd.db)");
        }
        AllocdConfig config;
        try {
            config = ConfigLoader.load(to);
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            return DaemonMain.EXIT_CONFIG;
        }
        StoreLocation target = Daemon.storeLocation(config.restart());
        StoreLocation source = new StoreLocation.SqliteFile(from);
        if (source.equals(target)) {
            return usage(to + " names " + from + " itself; point --to at the allocd.conf of the new store");
        }
        try {
            return migrate(source, target);
        } catch (RuntimeException e) {
            System.err.println("migrate-store: " + e.getMessage());
            return DaemonMain.EXIT_FAILED;
        }
    }

    private static int migrate(StoreLocation source, StoreLocation target) {
        try (SqlLedgerStore from = SqlLedgerStore.open(source); SqlLedgerStore to = SqlLedgerStore.open(target)) {
            Map<String, Long> copied = StoreCopy.copy(from.database(), to.database());
            copied.forEach((table, rows) -> System.out.println("copied " + rows + " rows of " + table));
            JournalEntry sourceHead = from.read(LedgerView::lastJournalEntry).orElse(null);
            JournalEntry targetHead = to.read(LedgerView::lastJournalEntry).orElse(null);
            VerifyReport report = new Ledger(to, Clock.systemUTC()).verify();
            System.out.println("journal: " + describe(targetHead) + " (source: " + describe(sourceHead) + ")");
            if (!report.clean()) {
                System.err.println("migrate-store: verify of " + target.describe() + " found problems:");
                report.problems().forEach(problem -> System.err.println("  " + problem));
                return EXIT_DIFFERENT;
            }
            if (sourceHead != null && !sourceHead.equals(targetHead)) {
                System.err.println("migrate-store: the copy's journal does not end on the source's last entry");
                return EXIT_DIFFERENT;
            }
            System.out.println("verify: clean; " + target.describe() + " now holds the ledger of " + source.describe());
            return 0;
        }
    }

    private static String describe(JournalEntry head) {
        return head == null ? "empty" : head.id() + " entries, last hash " + head.hash();
    }

    private static int usage(String problem) {
        System.err.println("allocd migrate-store: " + problem + "\n" + USAGE);
        return DaemonMain.EXIT_USAGE;
    }

    private static final String USAGE = """
            usage: allocd migrate-store --from FILE --to CONF
              --from FILE  the SQLite ledger to copy (stop allocd first; the file is brought to this allocd's schema)
              --to CONF    an allocd.conf whose store (store = postgresql) is an empty database
            Copies every row unchanged, then runs verify on the copy and checks that its journal ends on the
            source's last entry and hash. Exit 0 = done and clean; 3 = copied but different; 1 = failed.""";
}
