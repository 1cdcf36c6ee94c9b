package org.allocd.slurm;

import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.allocd.ledger.LedgerException;
import org.allocd.ledger.MicroSu;

/**
 * The AdminComment of a job held for money:
 * "QOSGrpBillingMinutes: account X needs N SU, has M ...". The hook writes it at
 * submit from its quote; allocd reads the cost back from it, so a held job is
 * released for exactly the amount the user was told.
 */
public final class HoldNote {
    private static final Pattern NEEDS = Pattern.compile("\\bneeds (-?[0-9]+(?:\\.[0-9]+)?) SU\\b");

    private HoldNote() {}

    public static String text(String account, long neededMicroSu, long availableMicroSu) {
        return PendingJob.HOLD_PREFIX + " account " + account + " needs " + MicroSu.format(neededMicroSu)
                + " SU, has " + MicroSu.format(availableMicroSu);
    }

    /** The cost a hold note names, or empty when the note has none (then the job is left to an admin). */
    public static OptionalLong neededMicroSu(String adminComment) {
        if (!adminComment.startsWith(PendingJob.HOLD_PREFIX)) {
            return OptionalLong.empty();
        }
        Matcher m = NEEDS.matcher(adminComment);
        if (!m.find()) {
            return OptionalLong.empty();
        }
        try {
            long amount = MicroSu.parseSigned(m.group(1));
            return amount < 0 ? OptionalLong.empty() : OptionalLong.of(amount);
        } catch (LedgerException e) {
            return OptionalLong.empty();
        }
    }
}
