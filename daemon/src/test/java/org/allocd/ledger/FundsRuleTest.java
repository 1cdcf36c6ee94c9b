package org.allocd.ledger;

import static org.allocd.ledger.LedgerFixture.SU;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Quote and lien ask one rule: what the quote lets through, the lien takes, and what it refuses, the lien refuses. */
class FundsRuleTest extends LedgerOnEachStore {
    private static final List<String> USERS = List.of("alice", "bob", "carol", "mallory");
    private static final long BOB_LIMIT_MICRO_SU = 6 * SU;

    @BeforeEach
    void open() {
        f.account("proj", null);
        f.user("alice", "proj");
        f.user("bob", null);
        f.user("carol", null);
        f.apply(new Operation.AddMembership(f.key(), "admin", "bob", "proj", Role.MEMBER, BOB_LIMIT_MICRO_SU));
        f.deposit("proj", 20 * SU);
    }

    @Test
    void aMemberOverHisLimitIsRefusedAtTheQuoteAsAtTheLien() {
        f.lien("c/1/0", "proj", "bob", 5 * SU);
        LedgerException quoted = assertThrows(LedgerException.class, () -> f.ledger.checkFunds("proj", "bob", 2 * SU));
        assertEquals(Refusal.USER_LIMIT_EXCEEDED, quoted.refusal());
        LedgerException liened = f.refused(Refusal.USER_LIMIT_EXCEEDED,
                new Operation.PlaceLien(f.key(), "slurm", "c/2/0", "proj", "bob", 2 * SU, 3600, null));
        assertEquals(liened.getMessage(), quoted.getMessage(), "one rule, one message");
        assertEquals(FundsCheck.Verdict.FITS, f.ledger.checkFunds("proj", "bob", SU).verdict(), "1 SU is within it");
    }

    @Test
    void aFrozenAccountIsRefusedWithOneMessage() {
        f.apply(new Operation.SetAccountState(f.key(), "admin", "proj", AccountState.FROZEN));
        LedgerException quoted = assertThrows(LedgerException.class, () -> f.ledger.checkFunds("proj", "alice", SU));
        LedgerException liened = f.refused(Refusal.ACCOUNT_FROZEN,
                new Operation.PlaceLien(f.key(), "slurm", "c/1/0", "proj", "alice", SU, 3600, null));
        assertEquals(liened.getMessage(), quoted.getMessage());
    }

    /**
     * Random jobs of every kind of user; nothing changes between a job's quote and its lien, so the
     * two must agree every time. Some liens are kept (and some charged), so money and usage move.
     */
    @Test
    void whatTheQuoteAcceptsTheLienTakesAndWhatItRefusesTheLienRefuses() {
        Random random = new Random(14);
        int accepted = 0;
        int refusedForLimit = 0;
        for (int i = 0; i < 150; i++) {
            String user = USERS.get(random.nextInt(USERS.size()));
            long amount = (1 + random.nextInt(12)) * SU / 2;
            String job = "c/" + i + "/0";
            Object quoted = quote(user, amount);
            Optional<Object> inMemory = quoteInMemory(user, amount);
            inMemory.ifPresent(answer -> assertEquals(quoted, answer, "the in-memory quote agrees"));
            Object liened = lien(job, user, amount);
            if (quoted == FundsCheck.Verdict.FITS) {
                assertEquals("placed", liened, user + " " + amount + " was accepted at quote");
                accepted++;
                if (random.nextInt(3) == 0) {
                    f.charge(job, amount / 2);
                } else if (random.nextInt(2) == 0) {
                    f.apply(new Operation.ReleaseLien(f.key(), "slurm", job, "test"));
                }
            } else if (quoted instanceof Refusal reason) {
                assertEquals(reason, liened, user + " " + amount);
                refusedForLimit += reason == Refusal.USER_LIMIT_EXCEEDED ? 1 : 0;
            } else {
                assertEquals(Refusal.INSUFFICIENT_FUNDS, liened, user + " " + amount + " was " + quoted + " at quote");
            }
            if (random.nextInt(10) == 0) {
                f.deposit("proj", 3 * SU);
            }
        }
        assertEquals(true, accepted > 20 && refusedForLimit > 0, "accepted " + accepted + ", over limit "
                + refusedForLimit + ": the run should cover both");
    }

    /** The quote's verdict, or the reason it refused. */
    private Object quote(String user, long amountMicroSu) {
        try {
            return f.ledger.checkFunds("proj", user, amountMicroSu).verdict();
        } catch (LedgerException e) {
            return e.refusal();
        }
    }

    private Optional<Object> quoteInMemory(String user, long amountMicroSu) {
        try {
            return f.ledger.checkFundsInMemory("proj", user, amountMicroSu).map(FundsCheck::verdict);
        } catch (LedgerException e) {
            return Optional.of(e.refusal());
        }
    }

    private Object lien(String job, String user, long amountMicroSu) {
        try {
            f.apply(new Operation.PlaceLien("lien:" + job, "slurm", job, "proj", user, amountMicroSu, 3600, null));
            return "placed";
        } catch (LedgerException e) {
            return e.refusal();
        }
    }
}
