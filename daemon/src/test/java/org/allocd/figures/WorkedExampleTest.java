package org.allocd.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.allocd.ledger.Operation;
import org.allocd.ledger.Role;
import org.allocd.store.TestStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The worked example of docs/numbers.md, figure by figure, through balance, statement and bill. */
class WorkedExampleTest {
    private static final long SU = 1_000_000L;

    @TempDir
    Path dir;

    private static long day(String date) {
        return LocalDate.parse(date).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }

    @Test
    void theFiguresOfTheGlossary() {
        try (FiguresWorld w = new FiguresWorld(dir, TestStore.SQLITE)) {
            w.clock.setMillis(day("2026-11-01"));
            w.apply(new Operation.CreateAccount(w.key(), "admin", "chem", null, "", "", 0));
            w.apply(new Operation.CreateAccount(w.key(), "admin", "chem-a", "chem", "", "", 0));
            w.apply(new Operation.AddUser(w.key(), "admin", "alice", null, "chem-a"));
            w.apply(new Operation.AddMembership(w.key(), "admin", "alice", "chem-a", Role.MEMBER, null));
            w.apply(new Operation.Deposit(w.key(), "admin", "chem-a", 1000 * SU, day("2026-11-01"), day("2027-01-01"),
                    "2026 grant"));
            w.apply(new Operation.Deposit(w.key(), "admin", "chem", 500 * SU, null, null, "department"));
            w.clock.setMillis(day("2026-11-03"));
            w.apply(new Operation.Withdraw(w.key(), "admin", "chem-a", 250 * SU, "returned"));
            w.clock.setMillis(day("2026-11-05"));
            w.apply(new Operation.Transfer(w.key(), "admin", "chem", "chem-a", 100 * SU, "top-up"));
            w.clock.setMillis(day("2026-11-10"));
            w.apply(new Operation.PlaceLien("lien:1", "slurm", "c/1/0", "chem-a", "alice", 50 * SU, 7200, null));
            w.apply(new Operation.ChargeJob("charge:1", "slurm", "c/1/0", null, null, 40 * SU, "ended"));
            w.clock.setMillis(day("2026-11-12"));
            w.apply(new Operation.Refund(w.key(), "admin", "c/1/0", 10 * SU, "node failed"));
            w.clock.setMillis(day("2026-11-15"));
            w.apply(new Operation.Adjust(w.key(), "admin", "chem-a", 5 * SU, "late fix"));
            w.clock.setMillis(day("2026-11-20"));
            w.apply(new Operation.Deposit(w.key(), "admin", "chem-a", 300 * SU, day("2027-01-01"), day("2027-07-01"),
                    "2027 grant"));
            w.clock.setMillis(day("2026-11-25"));
            w.apply(new Operation.PlaceLien("lien:2", "slurm", "c/2/0", "chem-a", "alice", 20 * SU, 7200, null));
            w.clock.setMillis(day("2026-11-30"));

            //                     opening dep  wdr   in   out   chg  ref adj exp bill balance liens credit avail ahead
            long[] chemA = {0, 1000, -250, 100, 0, -40, 10, 5, 0, 0, 825, 20, 0, 805, 300};
            long[] chemOwn = {0, 500, 0, 0, -100, 0, 0, 0, 0, 0, 400, 0, 0, 400, 0};
            long[] chemSubtree = {0, 1500, -250, 100, -100, -40, 10, 5, 0, 0, 1225, 20, 0, 1205, 300};

            JsonNode statementA = w.ask("statement", Map.of("account", "chem-a", "month", "2026-11"));
            assertFigures(chemA, statementA, "statement chem-a month=2026-11");
            assertFigures(chemA, w.ask("statement", Map.of("account", "chem-a", "month", "2026-11", "own", "yes")),
                    "statement chem-a own=yes");
            assertFigures(chemSubtree, w.ask("statement", Map.of("account", "chem", "month", "2026-11")),
                    "statement chem");
            assertFigures(chemOwn, w.ask("statement", Map.of("account", "chem", "month", "2026-11", "own", "yes")),
                    "statement chem own=yes");
            JsonNode bill = w.ask("bill", Map.of("account", "chem", "month", "2026-11"));
            assertFigures(chemSubtree, bill.get("total"), "bill chem, total");
            assertFigures(chemOwn, bill.get("accounts").get(0), "bill chem, chem's own");
            assertFigures(chemA, bill.get("accounts").get(1), "bill chem, chem-a's own");
            JsonNode balance = w.ask("balance", Map.of("account", "chem"));
            assertFigures(chemSubtree, balance.get("subtree"), "balance chem");
            assertFigures(chemOwn, balance.get("own"), "balance chem own");
            assertFigures(chemA, w.ask("balance", Map.of("account", "chem-a")).get("own"), "balance chem-a");
            assertEquals(day("2027-01-01"), statementA.get("upcoming").get(0).get("starts_at_ms").asLong());
            assertEquals(805 * SU, w.ledger.balance("chem-a").availableMicroSu(), "the funds rule of quote and lien");

            // In January the 300 SU counts as deposited, and the November allocation's rest has expired.
            w.apply(new Operation.ChargeJob("charge:2", "slurm", "c/2/0", null, null, 20 * SU, "ended"));
            w.clock.setMillis(day("2027-01-02"));
            JsonNode january = w.ask("statement", Map.of("account", "chem-a", "month", "2027-01"));
            assertEquals(825 * SU - 20 * SU, january.get("opening_micro_su").asLong());
            assertEquals(300 * SU, january.get("deposited_micro_su").asLong());
            assertEquals(-700 * SU, january.get("expired_micro_su").asLong());
            assertEquals(0, january.get("not_yet_active_micro_su").asLong());
        }
    }

    private static final String[] FIELDS = {"opening", "deposited", "withdrawn", "transferred_in", "transferred_out",
            "charged", "refunded", "adjusted", "expired", "billed", "balance", "open_liens", "credit_limit", "available",
            "not_yet_active"};

    private static void assertFigures(long[] expectedSu, JsonNode figures, String view) {
        for (int i = 0; i < FIELDS.length; i++) {
            assertEquals(expectedSu[i] * SU, figures.get(FIELDS[i] + "_micro_su").asLong(), view + ": " + FIELDS[i]);
        }
        FiguresPropertyTest.assertColumnsAddUp(figures, view);
    }
}
