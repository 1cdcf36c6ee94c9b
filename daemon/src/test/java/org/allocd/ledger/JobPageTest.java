package org.allocd.ledger;

import static org.allocd.ledger.LedgerFixture.SU;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Keyset pages of a job listing: walking older page by page from the newest, and back newer, lists every job
 * exactly once in the listing's order, also when several jobs share one millisecond and when jobs arrive
 * between two pages.
 */
class JobPageTest extends LedgerOnEachStore {
    @Test
    void pagesWalkEveryJobOnceBothWaysWithTiesAndNewArrivals() {
        f.account("proj", null);
        f.user("ann", "proj");
        f.apply(new Operation.AddMembership(f.key(), "admin", "ann", "proj", Role.MEMBER, null));
        f.deposit("proj", 1000 * SU);
        // Seven jobs over four milliseconds: c/1..c/3 together, c/4 and c/5 together, then c/6, c/7.
        for (int job = 1; job <= 7; job++) {
            if (job == 4 || job == 6 || job == 7) {
                f.clock.advanceMillis(1);
            }
            f.lien("c/" + job + "/0", "proj", "ann", SU);
        }
        long accountId = f.store.read(v -> v.account("proj")).orElseThrow().id();
        List<String> listing = List.of("c/7/0", "c/6/0", "c/4/0", "c/5/0", "c/1/0", "c/2/0", "c/3/0");

        List<List<String>> older = new ArrayList<>();
        JobSeek seek = null;
        for (int page = 0; page < 10; page++) {
            List<JobRecord> rows = page(accountId, seek, 2);
            if (rows.isEmpty()) {
                break;
            }
            older.add(keys(rows));
            JobRecord last = rows.get(rows.size() - 1);
            seek = new JobSeek(last.createdAtMillis(), last.job().jobKey(), true);
            if (page == 0) {
                f.clock.advanceMillis(1);
                f.lien("c/8/0", "proj", "ann", SU); // newer than every page: never shows while walking older
            }
        }
        assertEquals(List.of(List.of("c/7/0", "c/6/0"), List.of("c/4/0", "c/5/0"), List.of("c/1/0", "c/2/0"),
                List.of("c/3/0")), older);

        List<List<String>> newer = new ArrayList<>();
        seek = new JobSeek(f.store.read(v -> v.jobRecord("c/3/0")).orElseThrow().createdAtMillis(), "c/3/0", false);
        for (int page = 0; page < 10; page++) {
            List<JobRecord> rows = page(accountId, seek, 2);
            if (rows.isEmpty()) {
                break;
            }
            newer.add(keys(rows));
            seek = new JobSeek(rows.get(0).createdAtMillis(), rows.get(0).job().jobKey(), false);
        }
        assertEquals(List.of(List.of("c/1/0", "c/2/0"), List.of("c/4/0", "c/5/0"), List.of("c/7/0", "c/6/0"),
                List.of("c/8/0")), newer, "newer pages are the nearest rows, each newest first");
        List<String> all = new ArrayList<>(List.of("c/8/0"));
        all.addAll(listing);
        assertEquals(all, keys(f.store.read(v -> v.jobPage(null, 0, Long.MAX_VALUE, JobFilter.ALL, null, 100))),
                "every account: the same order");
    }

    @Test
    void aWindowAndASeekKeepBothBounds() {
        f.account("proj", null);
        f.user("ann", "proj");
        f.deposit("proj", 1000 * SU);
        long start = f.clock.millis();
        for (int job = 1; job <= 7; job++) {
            if (job == 4 || job == 6 || job == 7) {
                f.clock.advanceMillis(1);
            }
            f.lien("c/" + job + "/0", "proj", "ann", SU);
        }
        long accountId = f.store.read(v -> v.account("proj")).orElseThrow().id();
        // The window holds c/4, c/5 (start + 1) and c/6 (start + 2).
        long from = start + 1;
        long to = start + 3;
        assertEquals(List.of("c/6/0", "c/4/0", "c/5/0"), keys(window(accountId, from, to, null)));
        assertEquals(List.of("c/4/0", "c/5/0"), keys(window(accountId, from, to, new JobSeek(start + 2, "c/6/0", true))),
                "older than c/6, not before the window");
        assertEquals(List.of("c/5/0"), keys(window(accountId, from, to, new JobSeek(start + 1, "c/4/0", true))));
        assertEquals(List.of("c/6/0", "c/4/0"), keys(window(accountId, from, to, new JobSeek(start + 1, "c/5/0", false))),
                "newer than c/5, not past the window");
        assertEquals(List.of("c/6/0", "c/4/0", "c/5/0"),
                keys(window(accountId, from, to, new JobSeek(start + 3, "c/7/0", true))), "a seek past the window's end");
    }

    private List<JobRecord> window(long accountId, long from, long to, JobSeek seek) {
        return f.store.read(v -> v.jobPage(accountId, from, to, JobFilter.ALL, seek, 10));
    }

    private List<JobRecord> page(long accountId, JobSeek seek, int limit) {
        return f.store.read(v -> v.jobPage(accountId, 0, Long.MAX_VALUE, JobFilter.ALL, seek, limit));
    }

    private static List<String> keys(List<JobRecord> rows) {
        return rows.stream().map(r -> r.job().jobKey()).toList();
    }
}
