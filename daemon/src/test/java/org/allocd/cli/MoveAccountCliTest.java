package org.allocd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.allocd.cli.CliFixture.Result;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * modify account parent= moves an account with its subtree (its money stays its own, the parents' subtree figures
 * follow it), never under itself; a rename is refused with the reason and changes nothing. Without slurm_accounts
 * no Slurm is asked.
 */
class MoveAccountCliTest {
    @TempDir
    Path dir;
    CliFixture f;

    @BeforeEach
    void start() throws Exception {
        f = new CliFixture(dir);
        f.ok("add", "account", "physics");
        f.ok("add", "account", "chem");
        f.ok("add", "account", "proj", "parent=physics");
        f.ok("add", "account", "sub", "parent=proj");
        f.ok("add", "user", "alice", "defaultaccount=sub");
        f.ok("-i", "deposit", "sub", "amount=10");
        f.job(1, "alice", "sub", 72, 3600); // 1 SU
    }

    @AfterEach
    void stop() {
        f.verifyClean();
        f.close();
    }

    private String charged(String account) {
        return f.ok("-Pn", "balance", account, "format=Charged").out().strip();
    }

    @Test
    void anAccountMovesWithItsSubtreeAndNeverUnderItself() {
        assertEquals("-1.000000", charged("physics"));
        Result moved = f.ok("modify", "account", "proj", "parent=chem");
        assertTrue(moved.out().contains("moved account proj from physics to chem"), moved.out());
        assertEquals("0.000000", charged("physics"));
        assertEquals("-1.000000", charged("chem"));
        assertEquals("-1.000000", charged("sub"), "its own money stays its own");
        String accounts = f.ok("-Pn", "show", "account", "format=Account,Parent").out();
        assertTrue(accounts.contains("proj|chem\n") && accounts.contains("sub|proj\n"), accounts);

        Result loop = f.run("modify", "account", "proj", "parent=sub");
        assertTrue(loop.exit() != 0 && loop.err().contains("cannot be put under its own subtree"), loop.err());
        assertTrue(f.ok("modify", "account", "proj", "parent=chem").out().contains("already under chem"));
        f.ok("modify", "account", "proj", "parent=none");
        assertEquals("proj|\n", f.ok("-Pn", "show", "account", "proj", "format=Account,Parent").out());
        assertTrue(f.ok("--json", "transactions", "proj", "kind=admin").out().contains(
                "moved account proj from chem to the top level"));
    }

    @Test
    void aRenameIsRefusedWithTheReasonAndChangesNothing() {
        long entries = f.journalEntries();
        for (String[] rename : new String[][] {{"modify", "account", "proj", "newname=lasers"},
                {"modify", "account", "proj", "set", "name=lasers"}}) {
            Result refused = f.run(rename);
            assertEquals(2, refused.exit(), refused.err());
            assertTrue(refused.err().contains("account proj is not renamed to lasers: an account keeps its name"),
                    refused.err());
            assertTrue(refused.err().contains("'allocmgr add account lasers'"), refused.err());
        }
        assertEquals(entries, f.journalEntries());
    }
}
