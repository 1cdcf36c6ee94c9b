package org.allocd.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.allocd.billing.BillNote;
import org.allocd.billing.BillingRows;
import org.allocd.ledger.Account;
import org.allocd.ledger.JournalEntry;
import org.allocd.ledger.JournalKind;
import org.allocd.ledger.JournalSum;
import org.allocd.ledger.LedgerView;

/**
 * Builds a month's bill from the journal alone. Every line belongs to the month it happened in, except a
 * BILL line, which belongs to the month its note names (lines of a month are booked when it closes, in
 * the next one); so a bill's closing is the next month's opening, to the micro-SU.
 */
public final class Bills {
    private Bills() {}

    /**
     * maxLines bounds the BILL lines read (the other lines are summed in SQL, however many jobs ran);
     * a busier month is refused with a message.
     */
    public static Bill of(LedgerView view, Account root, String month, int maxLines) {
        long fromMs = BillNote.monthStartMs(BillNote.month(month));
        long toMs = BillNote.monthEndMs(month);
        List<JournalSum> sums = new ArrayList<>();
        for (JournalSum sum : view.journalSumsOfSubtree(root.id(), fromMs, toMs)) {
            if (sum.kind() != JournalKind.BILL) {
                sums.add(sum);
            }
        }
        // BILL lines go by the month their note names: this month's wherever they were booked since it
        // began; earlier months' booked since it began belong before its opening.
        List<JournalEntry> billLines = new ArrayList<>();
        Map<Long, Long> earlierMonths = new HashMap<>();
        List<JournalEntry> lines = view.rows(BillingRows.class).billLinesOfSubtree(root.id(), fromMs, maxLines + 1);
        for (JournalEntry e : bounded(lines, maxLines)) {
            String of = monthOf(e);
            if (of.equals(month)) {
                billLines.add(e);
                sums.add(new JournalSum(e.accountId(), JournalKind.BILL, e.userName(), e.amountMicroSu(), 0));
            } else if (of.compareTo(month) < 0) {
                earlierMonths.merge(e.accountId(), e.amountMicroSu(), Math::addExact);
            }
        }
        List<Statement> statements = new ArrayList<>();
        for (Account a : view.subtree(root.id())) {
            long opening = Math.addExact(view.journalBalanceBeforeMicroSu(a.id(), fromMs),
                    earlierMonths.getOrDefault(a.id(), 0L));
            statements.add(Statements.of(a.name(), a.id(), fromMs, toMs, opening, sums));
        }
        return new Bill(root.name(), month, fromMs, toMs, total(root.name(), fromMs, toMs, statements, sums),
                statements, UserCharges.of(sums), lines(view, billLines));
    }

    /** The month a line is billed in: a BILL line's note names it; every other line, its time. */
    static String monthOf(JournalEntry e) {
        if (e.kind() == JournalKind.BILL) {
            var note = BillNote.parse(e.note());
            if (note.isPresent()) {
                return note.get().month();
            }
        }
        return java.time.Instant.ofEpochMilli(e.atMs()).atZone(java.time.ZoneOffset.UTC).toLocalDate()
                .toString().substring(0, 7);
    }

    private static Statement total(String account, long fromMs, long toMs, List<Statement> parts,
            List<JournalSum> sums) {
        long[] totals = new long[12];
        for (Statement s : parts) {
            long[] values = {s.openingMicroSu(), s.depositsMicroSu(), s.chargesMicroSu(), s.refundsMicroSu(),
                    s.transfersInMicroSu(), s.transfersOutMicroSu(), s.withdrawalsMicroSu(), s.adjustmentsMicroSu(),
                    s.expiriesMicroSu(), s.settlementsMicroSu(), s.billedMicroSu(), s.closingMicroSu()};
            for (int i = 0; i < totals.length; i++) {
                totals[i] = Math.addExact(totals[i], values[i]);
            }
        }
        return new Statement(account, fromMs, toMs, totals[0], totals[1], UserCharges.of(sums), totals[2], totals[3],
                totals[4], totals[5], totals[6], totals[7], totals[8], totals[9], totals[10], totals[11]);
    }

    /** BILL lines summed by account, meter and name (one line may be drawn from several allocations). */
    private static List<Bill.Line> lines(LedgerView view, List<JournalEntry> billLines) {
        Map<String, Bill.Line> byName = new LinkedHashMap<>();
        Map<Long, String> names = new HashMap<>();
        for (JournalEntry e : billLines) {
            String account = names.computeIfAbsent(e.accountId(), id -> view.accountById(id).orElseThrow().name());
            BillNote note = BillNote.parse(e.note()).orElse(new BillNote(monthOf(e), "other", "-", e.note()));
            byName.merge(account + " " + note.meter() + " " + note.name(),
                    new Bill.Line(account, note.meter(), note.name(), note.detail(), e.amountMicroSu()),
                    (a, b) -> new Bill.Line(a.account(), a.meter(), a.name(), a.detail(),
                            Math.addExact(a.amountMicroSu(), b.amountMicroSu())));
        }
        List<Bill.Line> lines = new ArrayList<>(byName.values());
        lines.sort(java.util.Comparator.comparing(Bill.Line::account).thenComparing(Bill.Line::meter)
                .thenComparing(Bill.Line::name));
        return lines;
    }

    private static List<JournalEntry> bounded(List<JournalEntry> lines, int maxLines) {
        if (lines.size() > maxLines) {
            throw new IllegalArgumentException("more than " + maxLines + " journal lines for this bill; bill a"
                    + " smaller account of the subtree");
        }
        return lines;
    }
}
