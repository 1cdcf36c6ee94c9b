package org.allocd.billing;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import org.allocd.ledger.Account;
import org.allocd.ledger.AccountState;
import org.allocd.ledger.Checks;
import org.allocd.ledger.Funds.Slice;
import org.allocd.ledger.Funds;
import org.allocd.ledger.JournalKind;
import org.allocd.ledger.Lookup;
import org.allocd.ledger.MicroSu;
import org.allocd.ledger.OpResult;
import org.allocd.ledger.Posting;

/**
 * Billing rules (fixed charges and discounts, percentages, free credit, tiered pricing) and the BILL
 * lines booked from them, each once per account, month and rule. Rounding: a line is rounded once, to
 * the micro-SU, half away from zero (exact integer arithmetic; no floating point).
 */
public final class BillingBook {
    static final long PPM = 1_000_000;
    /** A percentage between -100 % and +1000 %. */
    private static final long MIN_PERCENT_PPM = -100 * 10_000;
    private static final long MAX_PERCENT_PPM = 1000 * 10_000;
    /** A tier's price factor between 0 and 10. */
    private static final long MAX_TIER_PPM = 10 * PPM;

    private BillingBook() {}

    static OpResult setRule(Posting p, SetBillingRule op) {
        Account account = Lookup.openAccount(p.view(), op.account());
        String name = BillNote.name("billing rule name", op.name());
        long amount = Checks.atMostMax("billing rule amount", op.amountMicroSu());
        long rate = op.ratePpm();
        switch (op.kind()) {
            case FIXED -> require(amount != 0 && rate == 0, "a fixed line needs a non-zero amount (positive charges,"
                    + " negative discounts) and no rate");
            case PERCENT -> require(amount == 0 && rate != 0 && rate >= MIN_PERCENT_PPM && rate <= MAX_PERCENT_PPM,
                    "a percent line needs a non-zero percentage from -100 to 1000 (negative is a discount)");
            case CREDIT -> require(amount > 0 && rate == 0, "free credit needs an amount of more than 0 SU");
            case TIER -> require(amount >= 0 && rate >= 0 && rate <= MAX_TIER_PPM && rate != PPM,
                    "a tier needs a band of 0 SU or more and a price factor from 0 to 10 other than 1");
        }
        BillingRule rule = new BillingRule(account.id(), name, op.kind(), amount, rate);
        p.rows(BillingRows.class).upsertBillingRule(rule);
        String detail = "billing rule " + name + " of " + account.name() + ": " + rule.describe();
        p.admin(account.id(), null, detail);
        return new OpResult(op.opKey(), 0, detail, false);
    }

    static OpResult removeRule(Posting p, RemoveBillingRule op) {
        Account account = Lookup.account(p.view(), op.account());
        String name = BillNote.name("billing rule name", op.name());
        if (p.rows(BillingRows.class).billingRules(account.id()).stream().noneMatch(r -> r.name().equals(name))) {
            throw Checks.invalid("account '" + account.name() + "' has no billing rule '"
                    + name + "'; list them with 'allocmgr show billing'");
        }
        p.rows(BillingRows.class).deleteBillingRule(account.id(), name);
        String detail = "billing rule " + name + " of " + account.name() + " removed (lines booked stay)";
        p.admin(account.id(), null, detail);
        return new OpResult(op.opKey(), 0, detail, false);
    }

    static OpResult closeMonth(Posting p, CloseMonth op) {
        String month = BillNote.month(op.month());
        long startMillis = BillNote.monthStartMillis(month);
        long endMillis = BillNote.monthEndMillis(month);
        if (p.nowMillis < startMillis) {
            throw Checks.invalid("month " + month + " has not begun; nothing can be billed for it yet");
        }
        Long accountId = op.account() == null ? null : Lookup.account(p.view(), op.account()).id();
        List<BillingRule> rules = new ArrayList<>(p.rows(BillingRows.class).billingRules(accountId));
        if (op.rule() != null) {
            rules.removeIf(r -> !r.name().equals(op.rule()));
            if (rules.isEmpty()) {
                throw Checks.invalid("no billing rule '" + op.rule() + "'"
                        + (op.account() == null ? "" : " on account '" + op.account() + "'")
                        + "; list them with 'allocmgr show billing'");
            }
        }
        List<String> early = rules.stream().filter(r -> r.kind().needsWholeMonth() && p.nowMillis < endMillis)
                .map(BillingRule::name).toList();
        if (!early.isEmpty()) {
            throw Checks.invalid("month " + month + " has not ended, and " + String.join(", ", early)
                    + " depend on its charges; close it after it ends (fixed lines may be applied now with rule=)");
        }
        long net = 0;
        int booked = 0;
        int skipped = 0;
        for (BillingRule rule : rules) {
            Account account = p.view().accountById(rule.accountId()).orElseThrow();
            String meter = rule.kind().sqlName();
            if (account.state() == AccountState.CLOSED
                    || p.rows(BillingRows.class).billedLine(account.id(), month, meter, rule.name()).isPresent()) {
                skipped++;
                continue;
            }
            long charges = Math.max(0, p.view().chargedOfSubtreeMicroSu(account.id(), startMillis, endMillis));
            BilledLine line = line(account, month, rule, charges);
            book(p, account, line);
            net = Math.addExact(net, line.amountMicroSu());
            booked++;
        }
        return new OpResult(op.opKey(), net, "booked " + booked + " billing lines for " + month + " (net "
                + MicroSu.format(net) + " SU); " + skipped + " already booked or on closed accounts", false);
    }

    /** The line a rule books for a month in which the account's subtree was charged chargesMicroSu. */
    static BilledLine line(Account account, String month, BillingRule rule, long chargesMicroSu) {
        String meter = rule.kind().sqlName();
        return switch (rule.kind()) {
            case FIXED -> new BilledLine(account.id(), month, meter, rule.name(), rule.describe(),
                    -rule.amountMicroSu());
            case PERCENT -> new BilledLine(account.id(), month, meter, rule.name(), rule.describe() + " of "
                    + MicroSu.format(chargesMicroSu) + " SU charged", -share(chargesMicroSu, rule.ratePpm()));
            case CREDIT -> new BilledLine(account.id(), month, meter, rule.name(), rule.describe() + ", "
                    + MicroSu.format(chargesMicroSu) + " SU charged", Math.min(rule.amountMicroSu(), chargesMicroSu));
            case TIER -> {
                long above = Math.max(0, chargesMicroSu - rule.amountMicroSu());
                yield new BilledLine(account.id(), month, meter, rule.name(), rule.describe() + ": "
                        + MicroSu.format(above) + " SU above", share(above, PPM - rule.ratePpm()));
            }
        };
    }

    /** amount x ppm / 10^6, rounded half away from zero (the one rounding of every billing line). */
    public static long share(long amountMicroSu, long ppm) {
        BigDecimal exact = new BigDecimal(BigInteger.valueOf(amountMicroSu).multiply(BigInteger.valueOf(ppm)), 6);
        return exact.setScale(0, RoundingMode.HALF_UP).longValueExact();
    }

    /**
     * Books one line: a charge (negative) is drawn like a job's charge, from the allocation that ends
     * first, past the allocations into debt; a credit (positive) goes where a refund goes.
     */
    public static void book(Posting p, Account account, BilledLine line) {
        String note = new BillNote(line.month(), line.meter(), line.name(), line.quantity()).text();
        long amount = line.amountMicroSu();
        if (amount >= 0) {
            p.money(JournalKind.BILL, Funds.firstActive(p.view(), account.id(), p.nowMillis), null, null, amount, note);
        } else {
            for (Slice s : Funds.draw(p.view(), account.id(), p.nowMillis, -amount, true)) {
                p.money(JournalKind.BILL, s.allocation(), null, null, -s.amountMicroSu(), note);
            }
        }
        p.rows(BillingRows.class).insertBilledLine(line, p.op.opKey(), p.nowMillis);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw Checks.invalid(message);
        }
    }
}
