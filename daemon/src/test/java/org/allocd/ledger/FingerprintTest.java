package org.allocd.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Fingerprints are a named, ordered, versioned encoding of an operation's fields. */
class FingerprintTest {
    /** An operation as it was, and the same operation after a field was added (the simple name is what counts). */
    static final class Before {
        record Withdraw(String opKey, String actor, String account, long amountMicroSu, String note) {}
    }

    static final class After {
        record Withdraw(String opKey, String actor, String account, long amountMicroSu, String note, Long limitMicroSu,
                boolean urgent, List<String> tags, JobTimes times) {}
    }

    @Test
    void theTextNamesEveryFieldInOrderAndLengthPrefixesStrings() {
        assertEquals("Withdraw{opKey=2:k1;actor=5:admin;account=4:proj;amountMicroSu=1000000;note=0:;}",
                Fingerprint.canonical(new Operation.Withdraw("k1", "admin", "proj", 1_000_000, "")));
        assertEquals("PlaceLien{opKey=1:k;actor=5:slurm;jobKey=5:c/1/0;account=1:p;user=1:u;amountMicroSu=5;"
                + "expiresAfterSeconds=60;times={startedAtMs=7;};}",
                Fingerprint.canonical(new Operation.PlaceLien("k", "slurm", "c/1/0", "p", "u", 5, 60, null,
                        new JobTimes(null, 7L, null, null))));
    }

    @Test
    void aFieldAddedWithItsDefaultLeavesTheFingerprintAsItWas() {
        assertEquals(Fingerprint.canonical(new Before.Withdraw("k1", "admin", "proj", 5, "why")),
                Fingerprint.canonical(new After.Withdraw("k1", "admin", "proj", 5, "why", null, false, List.of(),
                        JobTimes.NONE)));
        assertNotEquals(Fingerprint.canonical(new Before.Withdraw("k1", "admin", "proj", 5, "why")),
                Fingerprint.canonical(new After.Withdraw("k1", "admin", "proj", 5, "why", 3L, false, List.of(),
                        JobTimes.NONE)), "a field given is part of the request");
    }

    @Test
    void valuesCannotRunIntoTheirNeighbours() {
        assertNotEquals(Fingerprint.canonical(new Operation.Withdraw("k", "a", "b;note=1:x", 5, "")),
                Fingerprint.canonical(new Operation.Withdraw("k", "a", "b", 5, "x")));
    }

    @Test
    void aFingerprintStoredBeforeVersionOneStillMatchesItsRequest() {
        Operation op = new Operation.Deposit("k1", "admin", "proj", 5, null, null, "grant");
        // as allocd wrote it before version 1, when the fields were named "...Ms"
        String legacy = JournalHash.sha256("Deposit[opKey=k1, actor=admin, account=proj, amountMicroSu=5,"
                + " startsAtMs=null, endsAtMs=null, note=grant]");
        String now = Fingerprint.of(op);
        assertTrue(now.startsWith("v1:"));
        assertTrue(Fingerprint.sameRequest(legacy, now, op));
        assertTrue(Fingerprint.sameRequest(now, now, op));
        Operation other = new Operation.Deposit("k1", "admin", "proj", 6, null, null, "grant");
        assertFalse(Fingerprint.sameRequest(legacy, Fingerprint.of(other), other));
        assertFalse(Fingerprint.sameRequest(now, Fingerprint.of(other), other));
    }
}
