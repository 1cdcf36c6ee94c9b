package org.allocd.portal;

import org.allocd.ledger.LedgerException;
import org.allocd.ledger.MicroSu;

/** SU typed into a form, read exactly as allocmgr reads amount= (MicroSu's plain decimal). */
final class Amounts {
    private Amounts() {}

    static long parse(String text) {
        try {
            return MicroSu.parse(text);
        } catch (LedgerException e) {
            throw new Refused(400, e.getMessage());
        }
    }

    static long parseSigned(String text) {
        try {
            return MicroSu.parseSigned(text);
        } catch (LedgerException e) {
            throw new Refused(400, e.getMessage());
        }
    }
}
