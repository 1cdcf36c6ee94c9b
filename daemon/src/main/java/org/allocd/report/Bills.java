package org.allocd.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.allocd.billing.BillNote;
import org.allocd.billing.BillingRows;
import org.allocd.figures.AccountFigures;
import org.allocd.ledger.Account;
import org.allocd.ledger.JournalEntry;
import org.allocd.ledger.JournalKind;
import org.allocd.ledger.LedgerView;

/**
 * A month's bill: the figures of the subtree and of each account in it (docs/numbers.md), and the
 * breakdown of the BILL lines of the month by account, meter and name. A BILL line belongs to the
 * month its note names (a month is billed when it closes, in the next one).
 */
public final class Bills {
    private Bills() {}

    /**
     * The figures come from {@link AccountFigures} (clamped to now for the month in progress); maxLines
     * bounds the BILL lines read for the breakdown, and a busier month is refused with a message.
     */
    public static Bill of(LedgerView view, Account root, String month, int maxLines, long nowMillis) {
        long fromMillis = BillNote.monthStartMillis(BillNote.month(month));
        long toMillis = BillNote.monthEndMillis(month);
        AccountFigures figures = AccountFigures.of(view, root, fromMillis, toMillis, nowMillis);
        List<JournalEntry> billLines = new ArrayList<>();
        List<JournalEntry> lines = view.rows(BillingRows.class).billLinesOfSubtree(root.id(), fromMillis, maxLines + 1);
        for (JournalEntry e : bounded(lines, maxLines)) {
            if (monthOf(e).equals(month)) {
                billLines.add(e);
            }
        }
        return new Bill(root.name(), month, figures.subtree(), figures.accounts(), figures.subtree().chargesByUser(),
                lines(view, billLines));
    }

    /** The month a line is billed in: a BILL line's note names it; every other line, its time. */
    static String monthOf(JournalEntry e) {
        if (e.kind() == JournalKind.BILL) {
            var note = BillNote.parse(e.note());
            if (note.isPresent()) {
                return note.get().month();
            }
        }
        return java.time.Instant.ofEpochMilli(e.atMillis()).atZone(java.time.ZoneOffset.UTC).toLocalDate()
                .toString().substring(0, 7);
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
