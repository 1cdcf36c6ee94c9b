package org.allocd.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.allocd.ledger.Account;
import org.allocd.ledger.BillNote;
import org.allocd.ledger.JournalEntry;
import org.allocd.ledger.JournalKind;
import org.allocd.ledger.LedgerView;

/**
 * Builds a month's bill from the journal alone. Every line belongs to the month it happened in, except a
 * BILL line, which belongs to the month its note names (lines of a month are booked when it closes, in
 * the next one); so a bill's closing is the next month's opening, to the micro-SU.
 */
public final class Bills {
    private Bills() {}

    /** maxLines bounds the journal lines read; a busier month is refused with a message. */
    public static Bill of(LedgerView view, Account root, String month, int maxLines) {
        long fromMs = BillNote.monthStartMs(BillNote.month(month));
        long toMs = BillNote.monthEndMs(month);
        List<JournalEntry> window = bounded(view.journalOfSubtree(root.id(), fromMs, toMs, maxLines + 1), maxLines);
        List<JournalEntry> billedSince = bounded(view.billLinesOfSubtree(root.id(), fromMs, maxLines + 1), maxLines);
        List<JournalEntry> entries = new ArrayList<>();
        for (JournalEntry e : window) {
            if (e.kind() != JournalKind.BILL || monthOf(e).equals(month)) {
                entries.add(e);
            }
        }
        // Lines of earlier months booked since this one began belong before its opening.
        Map<Long, Long> earlierMonths = new HashMap<>();
        for (JournalEntry e : billedSince) {
            String of = monthOf(e);
            if (e.atMs() >= toMs && of.equals(month)) {
                entries.add(e);
            } else if (of.compareTo(month) < 0) {
                earlierMonths.merge(e.accountId(), e.amountMicroSu(), Math::addExact);
            }
        }
        List<Statement> statements = new ArrayList<>();
        for (Account a : view.subtree(root.id())) {
            long opening = Math.addExact(view.journalBalanceBeforeMicroSu(a.id(), fromMs),
                    earlierMonths.getOrDefault(a.id(), 0L));
            statements.add(Statements.of(a.name(), a.id(), fromMs, toMs, opening, entries));
        }
        return new Bill(root.name(), month, fromMs, toMs, total(root.name(), fromMs, toMs, statements, entries),
                statements, UserCharges.of(entries), lines(view, entries));
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
            List<JournalEntry> entries) {
        long[] sums = new long[12];
        for (Statement s : parts) {
            long[] values = {s.openingMicroSu(), s.depositsMicroSu(), s.chargesMicroSu(), s.refundsMicroSu(),
                    s.transfersInMicroSu(), s.transfersOutMicroSu(), s.withdrawalsMicroSu(), s.adjustmentsMicroSu(),
                    s.expiriesMicroSu(), s.settlementsMicroSu(), s.billedMicroSu(), s.closingMicroSu()};
            for (int i = 0; i < sums.length; i++) {
                sums[i] = Math.addExact(sums[i], values[i]);
            }
        }
        return new Statement(account, fromMs, toMs, sums[0], sums[1], UserCharges.of(entries), sums[2], sums[3],
                sums[4], sums[5], sums[6], sums[7], sums[8], sums[9], sums[10], sums[11]);
    }

    /** BILL lines summed by account, meter and name (one line may be drawn from several allocations). */
    private static List<Bill.Line> lines(LedgerView view, List<JournalEntry> entries) {
        Map<String, Bill.Line> byName = new LinkedHashMap<>();
        Map<Long, String> names = new HashMap<>();
        for (JournalEntry e : entries) {
            if (e.kind() != JournalKind.BILL) {
                continue;
            }
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
