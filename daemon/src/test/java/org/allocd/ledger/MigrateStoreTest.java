package org.allocd.ledger;

import static org.allocd.ledger.LedgerFixture.SU;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.allocd.daemon.MigrateStoreMain;
import org.allocd.store.SqlLedgerStore;
import org.allocd.store.StoreLocation;
import org.allocd.store.TestPostgresql;
import org.allocd.store.TestStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** allocd migrate-store: a SQLite ledger moves into PostgreSQL unchanged, and the copy keeps working. */
class MigrateStoreTest {
    @TempDir
    Path dir;

    @Test
    void aSqliteLedgerMovesIntoPostgresqlWithItsHashChainAndKeepsWorking() throws IOException {
        Path file;
        List<Balance> before;
        JournalEntry head;
        try (LedgerFixture f = new LedgerFixture(dir, TestStore.SQLITE)) {
            f.account("physics", null);
            f.account("proj", "physics");
            f.user("alice", "proj");
            f.deposit("proj", 100 * SU);
            f.lien("alpha/1/0", "proj", "alice", 10 * SU);
            f.charge("alpha/1/0", 4 * SU);
            f.lien("alpha/2/0", "proj", "alice", 20 * SU); // still running when the site moves
            before = List.of(f.balance("physics"), f.balance("proj"));
            head = f.store.read(LedgerView::lastJournalEntry).orElseThrow();
            file = ((StoreLocation.SqliteFile) f.location).file();
        }
        StoreLocation.Postgresql target = TestPostgresql.shared().freshSchema();
        Path conf = conf(target);

        assertEquals(0, MigrateStoreMain.run(new String[] {"--from", file.toString(), "--to", conf.toString()}));

        try (SqlLedgerStore store = SqlLedgerStore.open(target)) {
            Ledger ledger = new Ledger(store, new TestClock(LedgerFixture.T0));
            assertTrue(ledger.verify().clean());
            assertEquals(before, List.of(ledger.balance("physics"), ledger.balance("proj")));
            assertEquals(head, store.read(LedgerView::lastJournalEntry).orElseThrow(), "same last entry and hash");
            // New rows get new ids after the copied ones; the running job's lien is charged as usual.
            ledger.apply(new Operation.CreateAccount("after-move", "admin", "chem", "physics", "", "", 0));
            ledger.apply(new Operation.ChargeJob("charge:alpha/2/0", "slurm", "alpha/2/0", null, null, 5 * SU, "ended"));
            assertEquals(91 * SU, ledger.balance("proj").balanceMicroSu());
            assertTrue(ledger.verify().clean());
        }
        assertEquals(1, MigrateStoreMain.run(new String[] {"--from", file.toString(), "--to", conf.toString()}),
                "a second copy into the now full database is refused");
    }

    private Path conf(StoreLocation.Postgresql target) throws IOException {
        Path login = dir.resolve("pg-login");
        Files.writeString(login, "user = " + target.user() + "\npassword = " + target.password() + "\n");
        Files.setPosixFilePermissions(login, PosixFilePermissions.fromString("rw-------"));
        Path conf = dir.resolve("allocd.conf");
        Files.writeString(conf, "cluster_name = alpha\nstore = postgresql\npostgresql_url = " + target.jdbcUrl()
                + "\npostgresql_credentials_file = " + login + "\n");
        Files.setPosixFilePermissions(conf, PosixFilePermissions.fromString("rw-r--r--"));
        return conf;
    }
}
