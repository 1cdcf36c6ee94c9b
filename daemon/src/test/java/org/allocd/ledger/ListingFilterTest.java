package org.allocd.ledger;

import static org.allocd.ledger.LedgerFixture.SU;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Filters of job and journal listings apply before the row limit: newer rows of
 * other users or kinds never push the asked-for ones out of a limited listing.
 */
class ListingFilterTest extends LedgerOnEachStore {
    @Test
    void aLimitedListingStillFindsTheOlderRowsItFiltersFor() {
        f.account("proj", null);
        f.user("ann", "proj");
        f.user("ben", "proj");
        f.apply(new Operation.AddMembership(f.key(), "admin", "ann", "proj", Role.MEMBER, null));
        f.apply(new Operation.AddMembership(f.key(), "admin", "ben", "proj", Role.MEMBER, null));
        f.deposit("proj", 100 * SU);
        f.lien("c/1/0", "proj", "ben", SU);
        f.charge("c/1/0", SU / 2);
        for (int job = 2; job <= 4; job++) {
            f.clock.advanceMillis(1_000);
            f.lien("c/" + job + "/0", "proj", "ann", SU);
        }
        long accountId = f.store.read(v -> v.account("proj")).orElseThrow().id();
        long end = Long.MAX_VALUE;

        List<JobRecord> bens = f.store.read(v -> v.jobPage(null, 0, end, new JobFilter("ben", null), null, 1));
        assertEquals(List.of("c/1/0"), bens.stream().map(j -> j.job().jobKey()).toList());
        List<JobRecord> charged = f.store.read(v -> v.jobPage(accountId, 0, end,
                new JobFilter(null, LienState.CHARGED), null, 1));
        assertEquals(List.of("c/1/0"), charged.stream().map(j -> j.job().jobKey()).toList());
        assertEquals(3, f.store.read(v -> v.jobPage(accountId, 0, end,
                new JobFilter("ann", LienState.OPEN), null, 10)).size());
        assertEquals(List.of(), f.store.read(v -> v.jobPage(null, 0, end, new JobFilter("ben", LienState.OPEN), null, 10)));
        List<String> streamed = new ArrayList<>();
        f.store.read(v -> {
            v.eachJobOfSubtree(accountId, 0, end, new JobFilter("ann", null), j -> streamed.add(j.job().jobKey()));
            return null;
        });
        assertEquals(List.of("c/4/0", "c/3/0", "c/2/0"), streamed, "every job, newest first, no limit");

        List<JournalEntry> deposits = f.store.read(v -> v.journalPage(accountId,
                new JournalFilter(0, end, JournalKind.DEPOSIT, null), null, 1));
        assertEquals(100 * SU, deposits.get(0).amountMicroSu());
        List<JournalEntry> charges = f.store.read(v -> v.journalPage(null,
                new JournalFilter(0, end, JournalKind.CHARGE, null), null, 10));
        assertEquals(List.of(-SU / 2), charges.stream().map(JournalEntry::amountMicroSu).toList());
        f.assertClean();
    }
}
