package org.allocd.report;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.allocd.ledger.JournalEntry;
import org.allocd.ledger.JournalKind;

/** Charges by user from the journal's CHARGE and REFUND lines (charges are negative there). */
public final class UserCharges {
    private UserCharges() {}

    public static List<UserCharge> of(List<JournalEntry> entries) {
        Map<String, long[]> byUser = new TreeMap<>();
        Map<String, Set<String>> jobsByUser = new TreeMap<>();
        for (JournalEntry e : entries) {
            if (e.kind() != JournalKind.CHARGE && e.kind() != JournalKind.REFUND) {
                continue;
            }
            String user = e.userName() == null ? "" : e.userName();
            long[] sums = byUser.computeIfAbsent(user, u -> new long[2]);
            if (e.kind() == JournalKind.CHARGE) {
                sums[0] = Math.subtractExact(sums[0], e.amountMicroSu());
                jobsByUser.computeIfAbsent(user, u -> new HashSet<>()).add(e.jobKey());
            } else {
                sums[1] = Math.addExact(sums[1], e.amountMicroSu());
            }
        }
        long total = 0;
        for (long[] sums : byUser.values()) {
            total = Math.addExact(total, sums[0] - sums[1]);
        }
        List<UserCharge> rows = new ArrayList<>();
        for (Map.Entry<String, long[]> u : byUser.entrySet()) {
            long net = u.getValue()[0] - u.getValue()[1];
            long jobs = jobsByUser.getOrDefault(u.getKey(), Set.of()).size();
            rows.add(new UserCharge(u.getKey(), jobs, u.getValue()[0], u.getValue()[1], net, share(net, total)));
        }
        return rows;
    }

    /** net / total in basis points, rounded half-up (BigInteger: net x 20,000 can pass a long); zero when nothing was charged. */
    static long share(long net, long total) {
        if (total <= 0) {
            return 0;
        }
        BigInteger twice = BigInteger.valueOf(total).shiftLeft(1);
        return BigInteger.valueOf(net).multiply(BigInteger.valueOf(20_000)).add(BigInteger.valueOf(total))
                .divide(twice).longValue();
    }
}
