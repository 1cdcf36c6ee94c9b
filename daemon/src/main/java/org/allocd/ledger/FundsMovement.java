package org.allocd.ledger;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one operation did to the available money of each account it touched,
 * collected line by line while it is applied (see {@link Posting}).
 */
final class FundsMovement {
    private final long nowMillis;
    /** Account id -> net change of its available money now. */
    private final Map<Long, Long> deltas = new LinkedHashMap<>();
    /** Accounts whose money went away with no change now: an expired allocation left available when it ended. */
    private final Set<Long> fell = new LinkedHashSet<>();
    /** Rises not tied to this operation's net change: allocations that start later, thawed accounts. */
    private final List<FundsMoved> ahead = new ArrayList<>();

    FundsMovement(long nowMillis) {
        this.nowMillis = nowMillis;
    }

    void money(JournalKind kind, Allocation allocation, long amountMicroSu) {
        if (kind == JournalKind.EXPIRE) {
            fell.add(allocation.accountId());
        } else if (allocation.activeAt(nowMillis)) {
            available(allocation.accountId(), amountMicroSu);
        } else if (amountMicroSu > 0 && allocation.startsAtMillis() > nowMillis) {
            ahead.add(new FundsMoved(allocation.accountId(), FundsMoved.Direction.ROSE, allocation.startsAtMillis()));
        }
    }

    void lien(long accountId, long amountMicroSu) {
        available(accountId, -amountMicroSu);
    }

    void available(long accountId, long deltaMicroSu) {
        deltas.merge(accountId, deltaMicroSu, Math::addExact);
    }

    /** A thawed account takes jobs again although its money did not change. */
    void reopened(long accountId) {
        ahead.add(new FundsMoved(accountId, FundsMoved.Direction.ROSE, nowMillis));
    }

    List<FundsMoved> moves() {
        List<FundsMoved> moves = new ArrayList<>();
        deltas.forEach((account, delta) -> {
            if (delta != 0) {
                moves.add(new FundsMoved(account, delta > 0 ? FundsMoved.Direction.ROSE : FundsMoved.Direction.FELL,
                        nowMillis));
            }
        });
        fell.forEach(account -> moves.add(new FundsMoved(account, FundsMoved.Direction.FELL, nowMillis)));
        moves.addAll(ahead);
        return moves;
    }
}
