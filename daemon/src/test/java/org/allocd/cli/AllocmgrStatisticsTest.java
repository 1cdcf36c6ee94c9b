package org.allocd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.allocd.cli.CliFixture.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * allocmgr show statistics: the 'statistics' op's figures as tables, and --json the answer whole; show health: the
 * 'health' op's answer as one row with its notes.
 */
class AllocmgrStatisticsTest {
    @Test
    void totalsDaysAndWhoWasChargedMost(@TempDir Path dir) throws Exception {
        try (CliFixture f = new CliFixture(dir)) {
            f.ok("add", "account", "proj");
            f.ok("add", "account", "other");
            f.ok("add", "user", "alice", "defaultaccount=proj");
            f.ok("add", "user", "bob", "defaultaccount=other");
            f.ok("-i", "deposit", "proj", "amount=100", "note=grant");
            f.ok("-i", "deposit", "other", "amount=10", "note=grant");
            f.job(1, "alice", "proj", 8, 3600); // one unit for an hour: 1 SU
            f.job(2, "bob", "other", 8, 1800);
            f.job(3, "alice", "proj", 8, 3600);

            Result table = f.ok("-P", "show", "statistics", "days=3");
            List<String> lines = table.out().lines().toList();
            assertEquals("Accounts|Users|Jobs|From|To|Charged|Deposited", lines.get(0));
            assertTrue(lines.get(1).startsWith("2|2|3|") && lines.get(1).endsWith("|2.500000|110.000000"), lines.get(1));
            String today = LocalDate.now(ZoneOffset.UTC).toString();
            assertTrue(lines.contains(today + "|2.500000|110.000000"), table.out());
            assertTrue(lines.contains("Account|Charged") && lines.contains("proj|2.000000") && lines.contains("other|0.500000"),
                    table.out());
            assertTrue(lines.indexOf("proj|2.000000") < lines.indexOf("other|0.500000"), "most charged first");
            assertTrue(lines.contains("alice|2.000000"), table.out());

            ObjectNode json = f.ok("--json", "show", "statistics", "days=3").json();
            assertEquals(3, json.get("rows").size());
            assertEquals(2_500_000, json.get("charged_micro_su").asLong());
            assertTrue(f.run("show", "statistics", "days=0").err().contains("must be a whole number from 1 to 366"));

            List<String> proj = f.ok("-P", "show", "days", "proj", "days=2").out().lines().toList();
            assertEquals(List.of("Day|Charged|Deposited", LocalDate.now(ZoneOffset.UTC).minusDays(1) + "|0.000000|0.000000",
                    today + "|2.000000|100.000000"), proj);
            List<String> bank = f.ok("-P", "show", "days", "days=3").out().lines().toList();
            assertEquals(lines.subList(lines.indexOf("Day|Charged|Deposited"), lines.indexOf("Day|Charged|Deposited") + 4),
                    bank, "the bank's days are the statistics' days");
            assertTrue(f.run("show", "days", "nosuch").err().contains("nosuch"));
            f.verifyClean();
        }
    }

    @Test
    void healthIsOneRowWithTheSpoolTheLastReconcileAndTheLastVerify(@TempDir Path dir) throws Exception {
        try (CliFixture f = new CliFixture(dir)) {
            List<String> before = f.ok("-P", "show", "health").out().lines().toList();
            assertEquals("SlurmAnswers|HeldForFunds|LiensPastTime|Spooled|OldestSpooled|Quarantined|LastReconcile"
                    + "|LastVerify|Clean|Problems", before.get(0));
            assertTrue(before.get(1).startsWith("false||0|0||0||||"), before.get(1));
            f.ok("verify");
            String after = f.ok("-P", "show", "health").out().lines().toList().get(1);
            assertTrue(after.matches("false\\|\\|0\\|0\\|\\|0\\|\\|[0-9T:-]+.*\\|true\\|0"), after);
            ObjectNode json = f.ok("--json", "show", "health").json();
            assertEquals(0, json.path("spool").path("events").asInt(), json.toString());
            assertTrue(json.path("last_reconcile").path("at_ms").isNull(), json.toString());
            assertTrue(json.path("last_verify").path("clean").asBoolean(), json.toString());
        }
    }
}
