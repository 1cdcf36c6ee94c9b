package org.allocd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.allocd.cli.CliFixture.Result;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 'allocmgr call' sends any admin operation of the registry, reads at once and writes after confirmation. */
class AllocmgrCallTest {
    @TempDir
    Path dir;
    private CliFixture f;

    @BeforeEach
    void start() throws Exception {
        f = new CliFixture(dir);
        f.ok("add", "account", "proj");
        f.ok("-i", "deposit", "proj", "amount=10", "note=grant");
    }

    @AfterEach
    void stop() {
        f.verifyClean();
        f.close();
    }

    @Test
    void aReadIsSentAsGivenAndPrintedAsJson() {
        Result balance = f.ok("call", "balance", "fields={\"account\":\"proj\"}");
        assertEquals(10_000_000, balance.json().get("own").get("balance_micro_su").asLong(), balance.out());
    }

    @Test
    void aWriteAsksFirstAndThenGoesThroughTheRules() {
        long before = f.journalEntries();
        Result unconfirmed = f.run("call", "withdraw", "fields={\"account\":\"proj\",\"amount_micro_su\":1000000}");
        assertEquals(Allocmgr.REFUSED, unconfirmed.exit(), unconfirmed.err());
        assertEquals(before, f.journalEntries());
        f.ok("-i", "call", "withdraw", "fields={\"account\":\"proj\",\"amount_micro_su\":1000000}");
        assertEquals(9_000_000, f.ok("call", "balance", "fields={\"account\":\"proj\"}").json()
                .get("own").get("balance_micro_su").asLong());
    }

    @Test
    void anUnknownOpOrBadFieldsAreUsageErrors() {
        Result unknown = f.run("call", "drop_table");
        assertEquals(Allocmgr.USAGE, unknown.exit());
        assertTrue(unknown.err().contains("'drop_table' is not an admin operation"), unknown.err());
        Result notJson = f.run("call", "balance", "fields=account=proj");
        assertEquals(Allocmgr.USAGE, notJson.exit());
        assertTrue(notJson.err().contains("fields= takes one JSON object"), notJson.err());
    }
}
