package org.allocd.ledger;

import java.time.Instant;
import java.util.Optional;

/**
 * A member's use of an account against their per-user limit (docs/numbers.md, "member use"): the one
 * computation the funds rule checks at quote and at lien and every view shows (balance, show membership,
 * accounts, the portal). cycle is the start of the account's current allocation cycle when the limit counts
 * per cycle and the account has one; limit null means the member has none.
 */
public record MemberUse(String user, String account, long usedMicroSu, Long limitMicroSu, LimitPeriod per,
        CycleStart cycle) {

    /**
     * What userName has used of the membership's account: since the start of its current cycle when the
     * limit counts per cycle (everything when the account has no recurring grant yet), else everything.
     */
    public static MemberUse of(FundsView view, Membership membership, String userName, String accountName,
            long nowMillis) {
        Optional<CycleStart> cycle = membership.limitPer() == LimitPeriod.CYCLE
                ? view.cycleStart(membership.accountId(), nowMillis) : Optional.empty();
        long sinceMillis = cycle.map(CycleStart::startsAtMillis).orElse(Long.MIN_VALUE);
        // A refund booked this cycle for a charge of an earlier one gives back no more than was charged this cycle.
        long charged = Math.max(0, view.userChargedMicroSu(membership.accountId(), userName, sinceMillis));
        long used = Math.addExact(charged, view.userLienedMicroSu(membership.accountId(), userName));
        return new MemberUse(userName, accountName, used, membership.limitMicroSu(), membership.limitPer(),
                cycle.orElse(null));
    }

    /** Whether a job of amountMicroSu more stays within the limit (always, without one). */
    public boolean allows(long amountMicroSu) {
        return limitMicroSu == null || Math.addExact(usedMicroSu, amountMicroSu) <= limitMicroSu;
    }

    /** "this cycle (since 2026-12-01)" or "in total": what the use counts. */
    public String periodText() {
        if (per == LimitPeriod.TOTAL) {
            return "in total";
        }
        if (cycle == null) {
            return "this cycle (" + account + " has no recurring grant yet, so all use counts)";
        }
        return "this cycle (since " + Instant.ofEpochMilli(cycle.startsAtMillis()).atZone(cycle.zone()).toLocalDate()
                + ")";
    }

    /** Why a job of amountMicroSu is refused: the limit, the use, the period and what the job needs. */
    public String refusal(long amountMicroSu) {
        return user + " has used " + MicroSu.format(usedMicroSu) + " of " + MicroSu.format(limitMicroSu) + " SU "
                + periodText() + " in " + account + "; this job needs " + MicroSu.format(amountMicroSu)
                + " SU; ask the account's coordinator to raise the limit";
    }

    /** How an admin note names what a limit counts: " per allocation cycle" or " in total". */
    static String per(LimitPeriod per) {
        return per == LimitPeriod.CYCLE ? " per allocation cycle" : " in total";
    }
}
