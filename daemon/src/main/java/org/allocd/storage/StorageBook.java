package org.allocd.storage;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.allocd.billing.BillNote;
import org.allocd.billing.BilledLine;
import org.allocd.billing.BillingBook;
import org.allocd.billing.BillingRows;
import org.allocd.ledger.Account;
import org.allocd.ledger.Checks;
import org.allocd.ledger.LedgerException;
import org.allocd.ledger.Lookup;
import org.allocd.ledger.MicroSu;
import org.allocd.ledger.OpResult;
import org.allocd.ledger.Posting;

/**
 * Storage charges: each fileset pays its month's maximum reserved GB x the rate (SU per GB-month), a
 * BILL line on the storage meter, once per fileset and month. An import is taken whole or refused whole,
 * the refusal naming every bad line.
 */
final class StorageBook {
    static final int MAX_LINES = 100_000;
    static final long MAX_MICRO_GB = 1_000_000_000_000L * 1_000_000L;
    private static final int MAX_PROBLEMS_SHOWN = 20;

    private StorageBook() {}

    static OpResult importStorage(Posting p, ImportStorage op) {
        String month = BillNote.month(op.month());
        if (p.nowMillis < BillNote.monthStartMillis(month)) {
            throw Checks.invalid("month " + month + " has not begun; storage can be billed once it has");
        }
        long rate = op.rateMicroSuPerGbMonth();
        if (rate < 0 || rate > MicroSu.MAX_AMOUNT) {
            throw Checks.invalid("the storage rate must be from 0 to " + MicroSu.format(MicroSu.MAX_AMOUNT)
                    + " SU per GB-month; check storage_rate in allocd.conf");
        }
        if (op.uses().isEmpty() || op.uses().size() > MAX_LINES) {
            throw Checks.invalid("a storage import takes 1 to " + MAX_LINES + " filesets, got " + op.uses().size());
        }
        List<String> problems = new ArrayList<>();
        List<Priced> fresh = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        int unchanged = 0;
        for (StorageUse use : op.uses()) {
            String problem = problem(p, use, seen);
            if (problem != null) {
                problems.add("line " + use.line() + ": " + problem);
                continue;
            }
            Account account = Lookup.account(p.view(), use.account());
            String quantity = use.kind() + " fileset, max " + gb(use.maxReservedMicroGb()) + " GB x "
                    + MicroSu.format(rate) + " SU/GB-month";
            long amount = price(use.maxReservedMicroGb(), rate);
            if (amount > MicroSu.MAX_AMOUNT) {
                problems.add("line " + use.line() + ": " + gb(use.maxReservedMicroGb()) + " GB x " + MicroSu.format(rate)
                        + " SU/GB-month is more than the " + MicroSu.format(MicroSu.MAX_AMOUNT)
                        + " SU one charge may be; check the figure");
                continue;
            }
            BilledLine line = new BilledLine(account.id(), month, "storage", use.fileset(), quantity, -amount);
            BilledLine booked = p.rows(BillingRows.class).storageLine(month, use.fileset()).orElse(null);
            if (booked == null) {
                fresh.add(new Priced(account, line));
            } else if (booked.equals(line)) {
                unchanged++;
            } else {
                problems.add("line " + use.line() + ": fileset " + use.fileset() + " was already billed for " + month
                        + " (" + booked.quantity() + "); a fileset is billed once a month, so leave this line out"
                        + " or correct the earlier charge with adjust");
            }
        }
        if (!problems.isEmpty()) {
            List<String> shown = problems.subList(0, Math.min(problems.size(), MAX_PROBLEMS_SHOWN));
            throw Checks.invalid("storage import refused, nothing charged: " + problems.size() + " bad line"
                    + (problems.size() == 1 ? "" : "s") + ": " + String.join("; ", shown)
                    + (problems.size() > shown.size() ? "; ..." : ""));
        }
        long total = 0;
        for (Priced priced : fresh) {
            BillingBook.book(p, priced.account(), priced.line());
            total = Math.addExact(total, -priced.line().amountMicroSu());
        }
        return new OpResult(op.opKey(), total, "charged storage of " + fresh.size() + " filesets for " + month + ": "
                + MicroSu.format(total) + " SU" + (unchanged == 0 ? "" : "; " + unchanged + " already billed"), false);
    }

    private record Priced(Account account, BilledLine line) {}

    /** What is wrong with one line, or null. */
    private static String problem(Posting p, StorageUse use, Map<String, Integer> seen) {
        if (use.fileset() == null || !BillNote.NAME.matcher(use.fileset()).matches()) {
            return "fileset '" + use.fileset() + "' is not valid; use 1-200 letters, digits or _ . / @ + - (no spaces)";
        }
        Integer first = seen.putIfAbsent(use.fileset(), use.line());
        if (first != null) {
            return "fileset " + use.fileset() + " is also on line " + first + "; give each fileset once";
        }
        if (!"user".equals(use.kind()) && !"group".equals(use.kind())) {
            return "kind '" + use.kind() + "' is not a fileset kind; use user or group";
        }
        if (use.maxReservedMicroGb() < 0 || use.maxReservedMicroGb() > MAX_MICRO_GB) {
            return "max reserved GB must be from 0 to 10^12";
        }
        try {
            Lookup.openAccount(p.view(), use.account());
        } catch (LedgerException e) {
            return e.getMessage();
        }
        return null;
    }

    /** GB x rate in micro-SU, or Long.MAX_VALUE when it passes a long (refused as too large). */
    private static long price(long microGb, long rateMicroSu) {
        try {
            return BillingBook.share(microGb, rateMicroSu);
        } catch (ArithmeticException tooLarge) {
            return Long.MAX_VALUE;
        }
    }

    static String gb(long microGb) {
        return BigDecimal.valueOf(microGb, 6).stripTrailingZeros().toPlainString();
    }
}
