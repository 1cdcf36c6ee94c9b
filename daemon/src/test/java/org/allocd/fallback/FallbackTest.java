package org.allocd.fallback;

import static org.allocd.ledger.LedgerFixture.SU;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.allocd.charge.ChargePolicy;
import org.allocd.charge.ChargeRates;
import org.allocd.charge.JobRequest;
import org.allocd.charge.PartitionRates;
import org.allocd.jobs.JobAccounting;
import org.allocd.jobs.QuoteAnswer;
import org.allocd.ledger.LedgerOnEachStore;
import org.allocd.ledger.LedgerException;
import org.allocd.ledger.OpResult;
import org.allocd.ledger.Operation;
import org.allocd.ledger.Refusal;
import org.allocd.ledger.Role;
import org.allocd.rates.RateBook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Fallback accounts: who pays a lien, what the job remembers, and what the quote offers. */
class FallbackTest extends LedgerOnEachStore {
    @BeforeEach
    void open() {
        f.account("spare", null);
        f.account("tiny", null);
        f.user("carol", null);
        f.apply(new Operation.AddMembership(f.key(), "admin", "carol", "tiny", Role.MEMBER, 3 * SU));
        f.deposit("spare", 100 * SU);
        f.deposit("tiny", 2 * SU);
        f.apply(new SetFallback(f.key(), "admin", "tiny", "spare", "low"));
    }

    @Test
    void aLienTheAccountCannotCoverGoesToTheFallbackAndStaysThereWhenItGrows() {
        assertTrue(f.lien("c/1/0", "tiny", "carol", SU).detail().startsWith("liened 1.000000 SU on tiny for"));
        OpResult moved = f.lien("c/2/0", "tiny", "carol", 2 * SU);
        assertEquals("liened 2.000000 SU on spare (fallback of tiny) for job c/2/0 of carol", moved.detail());
        assertEquals(Optional.of("tiny"), f.store.read(v -> v.requestedAccount("c/2/0")));
        assertEquals(2 * SU, f.balance("spare").lienedMicroSu());
        // A longer time limit re-liens on the fallback; carol is a member through tiny, within her 3 SU limit there.
        f.apply(new Operation.AdjustLien(f.key(), "slurm", "c/2/0", 3 * SU, 3600));
        f.charge("c/2/0", 3 * SU);
        assertEquals(97 * SU, f.balance("spare").balanceMicroSu());
        assertEquals(2 * SU, f.balance("tiny").balanceMicroSu());
    }

    @Test
    void aJobTheSubmitHookMovedArrivesOnTheFallbackAndIsTracedToItsAccount() {
        f.lien("c/3/0", "spare", "carol", 2 * SU);
        assertEquals(Optional.of("tiny"), f.store.read(v -> v.requestedAccount("c/3/0")));
        assertEquals(Optional.of(new FallbackAccounts.Offer("spare", "low")),
                new FallbackAccounts().offer(f.ledger, "tiny", 5 * SU));
        assertEquals(Optional.empty(), new FallbackAccounts().offer(f.ledger, "tiny", 200 * SU),
                "spare cannot cover 200 SU either");
    }

    @Test
    void theUsersLimitOnItsOwnAccountStillHolds() {
        f.lien("c/4/0", "tiny", "carol", 2 * SU);
        LedgerException e = f.refused(Refusal.USER_LIMIT_EXCEEDED,
                new Operation.PlaceLien("lien:c/5/0", "slurm", "c/5/0", "tiny", "carol", 2 * SU, 3600, null));
        assertEquals("carol has used 2.000000 of 3.000000 SU in total in tiny; this job needs 2.000000 SU; ask the"
                + " account's coordinator to raise the limit", e.getMessage());
    }

    @Test
    void whenTheFallbackCannotCoverEitherTheLienIsRefused() {
        f.apply(new Operation.AddMembership(f.key(), "admin", "carol", "tiny", Role.MEMBER, 500 * SU));
        LedgerException e = f.refused(Refusal.INSUFFICIENT_FUNDS,
                new Operation.PlaceLien("lien:c/6/0", "slurm", "c/6/0", "tiny", "carol", 150 * SU, 3600, null));
        assertTrue(e.getMessage().startsWith("account 'tiny' needs 150.000000 SU"), e.getMessage());
    }

    /** One or two GPUs for one hour: 1 or 2 SU at the default rates. */
    private static final JobRequest ONE_SU = new JobRequest("gpu", null, 1, 0, 1, 1, false, 3600, List.of());
    private static final JobRequest TWO_SU = new JobRequest("gpu", null, 1, 0, 2, 1, false, 3600, List.of());

    /** Quotes as the submit hook asks them; carol has used 2 of her 3 SU on tiny, which has nothing left. */
    private JobAccounting quotingAfterTinyRanOut() {
        f.lien("c/1/0", "tiny", "carol", 2 * SU);
        ChargeRates rates = new ChargeRates(Map.of("gpu", PartitionRates.defaults("gpu")), Map.of(),
                ChargePolicy.DEBITALLWC, false);
        return new JobAccounting(f.ledger, RateBook.open(f.ledger, "testcluster", rates), () -> 300L, () -> true);
    }

    @Test
    void theQuoteOffersTheFallbackToAJobWithinTheLimitAndItsLienGoesThere() {
        QuoteAnswer quote = quotingAfterTinyRanOut().quote("carol", "tiny", ONE_SU);
        assertEquals(QuoteAnswer.Verdict.ACCEPT, quote.verdict(), quote.message());
        assertEquals("spare", quote.account());
        f.lien("c/2/0", "tiny", "carol", SU);
        assertEquals(SU, f.balance("spare").lienedMicroSu());
    }

    /** The member's limit is checked before any fallback is looked for, at the quote as at the lien. */
    @Test
    void aJobOverTheLimitIsRefusedAtTheQuoteAsItsLienIsWithNoFallbackOffered() {
        QuoteAnswer quote = quotingAfterTinyRanOut().quote("carol", "tiny", TWO_SU);
        assertEquals(QuoteAnswer.Verdict.REJECT, quote.verdict(), quote.message());
        LedgerException liened = f.refused(Refusal.USER_LIMIT_EXCEEDED,
                new Operation.PlaceLien("lien:c/2/0", "slurm", "c/2/0", "tiny", "carol", 2 * SU, 3600, null));
        assertEquals(liened.getMessage(), quote.message(), "one rule, one message");
        assertEquals("carol has used 2.000000 of 3.000000 SU in total in tiny; this job needs 2.000000 SU; ask the"
                + " account's coordinator to raise the limit", quote.message());
    }
}
