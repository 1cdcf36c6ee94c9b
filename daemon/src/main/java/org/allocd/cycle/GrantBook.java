package org.allocd.cycle;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import org.allocd.ledger.Account;
import org.allocd.ledger.AccountState;
import org.allocd.ledger.Allocation;
import org.allocd.ledger.Checks;
import org.allocd.ledger.JournalKind;
import org.allocd.ledger.LedgerException;
import org.allocd.ledger.Lookup;
import org.allocd.ledger.MicroSu;
import org.allocd.ledger.OpResult;
import org.allocd.ledger.Posting;
import org.allocd.ledger.Refusal;

/**
 * Recurring grants. Each period's allocation is made once: grant_periods is
 * unique per (grant, period), and a run only ever makes the period after the
 * latest one recorded, so a retried, replayed or late run (after downtime)
 * makes exactly the periods that are missing, in order.
 */
final class GrantBook {
    /** Bounds one run (ten years of monthly periods); the next run takes the rest. */
    static final int MAX_PERIODS_PER_RUN = 120;

    private GrantBook() {}

    static OpResult add(Posting p, AddGrant op) {
        Account account = Lookup.openAccount(p.view(), op.account());
        long amount = Checks.positive("grant amount", op.amountMicroSu());
        if (op.period() == null) {
            throw Checks.invalid("a grant needs a period: monthly, quarterly or yearly");
        }
        ZoneId zone = zone(op.zone());
        if (op.endsAtMillis() != null && op.endsAtMillis() <= op.firstStartMillis()) {
            throw Checks.invalid("the grant must end after its first start; check start= and end=");
        }
        CarryOver carry = op.carryOver() == null ? CarryOver.NONE : op.carryOver();
        String note = Checks.text("note", op.note());
        long id = p.rows(GrantRows.class).insertGrant(account.id(), amount, op.period(), zone.getId(),
                op.firstStartMillis(), op.endsAtMillis(),
                carry, note, p.nowMillis);
        Grant grant = p.rows(GrantRows.class).grant(id).orElseThrow();
        p.admin(account.id(), null, "added grant " + id + ": " + MicroSu.format(amount) + " SU "
                + op.period().sqlName() + " from " + day(grant, op.firstStartMillis())
                + (op.endsAtMillis() == null ? "" : " until " + day(grant, op.endsAtMillis())) + ", carry-over " + carry);
        // A grant whose first period has begun is funded at once, not at the next housekeeping run.
        int made = advance(p, grant, MAX_PERIODS_PER_RUN);
        return new OpResult(op.opKey(), amount, "added grant " + id + " to " + account.name()
                + (made > 0 ? " (" + made + " periods allocated)" : ""), false);
    }

    static OpResult delete(Posting p, DeleteGrant op) {
        Grant grant = p.rows(GrantRows.class).grant(op.grantId()).orElseThrow(() -> new LedgerException(
                Refusal.INVALID_ARGUMENT,
                "there is no grant " + op.grantId() + "; list grants with 'allocmgr show grant'"));
        if (grant.deleted()) {
            throw new LedgerException(Refusal.CONFLICT, "grant " + grant.id() + " is already deleted");
        }
        String note = Checks.text("note", op.note());
        p.rows(GrantRows.class).markGrantDeleted(grant.id());
        p.admin(grant.accountId(), null, "deleted grant " + grant.id()
                + ": no further periods; allocations made keep their windows" + (note.isEmpty() ? "" : ": " + note));
        return new OpResult(op.opKey(), 0, "deleted grant " + grant.id(), false);
    }

    static OpResult run(Posting p, RunGrants op) {
        int budget = MAX_PERIODS_PER_RUN;
        for (Grant grant : p.rows(GrantRows.class).grants()) {
            budget -= advance(p, grant, budget);
            if (budget == 0) {
                break;
            }
        }
        int made = MAX_PERIODS_PER_RUN - budget;
        return new OpResult(op.opKey(), 0, "grants: " + made + " periods allocated", false);
    }

    /**
     * Brings one grant up to now: makes each due period and closes each ended
     * one (carry-over into the next, the rest expires). Returns periods made.
     */
    private static int advance(Posting p, Grant grant, int budget) {
        if (p.view().accountById(grant.accountId()).orElseThrow().state() == AccountState.CLOSED) {
            // A closed account takes no money; its last period expires as any allocation does.
            return 0;
        }
        int made = 0;
        while (made < budget) {
            Optional<Grant.Period> last = p.rows(GrantRows.class).lastGrantPeriod(grant.id());
            if (last.isEmpty()) {
                if (!grant.hasPeriod(0) || grant.periodStartMillis(0) > p.nowMillis) {
                    return made;
                }
                open(p, grant, 0, 0);
                made++;
                continue;
            }
            Allocation ended = p.view().allocation(last.get().allocationId()).orElseThrow();
            if (ended.endsAtMillis() > p.nowMillis) {
                return made;
            }
            long nextIndex = last.get().index() + 1;
            boolean hasNext = grant.hasPeriod(nextIndex);
            // Closed already (by ExpireAllocations when a run was missed): nothing is left to carry.
            long carry = hasNext && !ended.expired()
                    ? grant.carryOver().carriedMicroSu(ended.remainingMicroSu(), grant.amountMicroSu()) : 0;
            if (hasNext) {
                Allocation next = open(p, grant, nextIndex, carry);
                if (carry > 0) {
                    p.money(JournalKind.TRANSFER, ended, null, null, -carry, "carried over to allocation "
                            + next.id() + " (grant " + grant.id() + ", carry-over " + grant.carryOver() + ")");
                    p.money(JournalKind.TRANSFER, next, null, null, carry, "carried over from allocation "
                            + ended.id() + " (grant " + grant.id() + ")");
                }
                made++;
            }
            if (!ended.expired()) {
                p.expire(p.view().allocation(ended.id()).orElseThrow());
            }
            if (!hasNext) {
                return made;
            }
        }
        return made;
    }

    /** The allocation of one period; its amount includes what is carried into it. */
    private static Allocation open(Posting p, Grant grant, long index, long carryMicroSu) {
        long startMillis = grant.periodStartMillis(index);
        long endMillis = grant.periodEndMillis(index);
        String note = "grant " + grant.id() + ", period from " + day(grant, startMillis)
                + (grant.note().isEmpty() ? "" : ": " + grant.note());
        long amount = Math.addExact(grant.amountMicroSu(), carryMicroSu);
        Allocation fresh = p.allocate(grant.accountId(), amount, grant.amountMicroSu(), startMillis, endMillis, note);
        p.rows(GrantRows.class).insertGrantPeriod(new Grant.Period(grant.id(), index, startMillis, fresh.id()));
        return fresh;
    }

    private static String day(Grant grant, long ms) {
        return Instant.ofEpochMilli(ms).atZone(grant.zone()).toLocalDate().toString();
    }

    private static ZoneId zone(String text) {
        if (text == null || text.isEmpty()) {
            return ZoneId.of("UTC");
        }
        try {
            return ZoneId.of(text);
        } catch (DateTimeException e) {
            throw Checks.invalid("time zone '" + text + "' is not known; use a name such as Europe/Berlin or UTC");
        }
    }
}
