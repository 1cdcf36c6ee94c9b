package org.allocd.report;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.allocd.ledger.JournalKind;
import org.allocd.ledger.JournalSum;

/** Charges by user from the sums of the journal's CHARGE and REFUND lines (charges are negative there). */
public final class UserCharges {
    private UserCharges() {}

    /** Sums of several accounts add up: a job belongs to one account, so its jobs are counted once. */
    public static List<UserCharge> of(List<JournalSum> sums) {
        Map<String, long[]> byUser = new TreeMap<>(); // charged, refunded, jobs
        for (JournalSum e : sums) {
            if (e.kind() != JournalKind.CHARGE && e.kind() != JournalKind.REFUND) {
                continue;
            }
            String user = e.userName() == null ? "" : e.userName();
            long[] totals = byUser.computeIfAbsent(user, u -> new long[3]);
            if (e.kind() == JournalKind.CHARGE) {
                totals[0] = Math.subtractExact(totals[0], e.amountMicroSu());
                totals[2] += e.jobs();
            } else {
                totals[1] = Math.addExact(totals[1], e.amountMicroSu());
            }
        }
        long total = 0;
        for (long[] totals : byUser.values()) {
            total = Math.addExact(total, totals[0] - totals[1]);
        }
        List<UserCharge> rows = new ArrayList<>();
        for (Map.Entry<String, long[]> u : byUser.entrySet()) {
            long net = u.getValue()[0] - u.getValue()[1];
            rows.add(new UserCharge(u.getKey(), u.getValue()[2], u.getValue()[0], u.getValue()[1], net,
                    share(net, total)));
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
