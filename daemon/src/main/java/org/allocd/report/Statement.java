package org.allocd.report;

import java.util.List;

/**
 * An account's money in [fromMs, toMs), from its journal lines alone. Amounts
 * are signed as the journal books them (charges, withdrawals, outgoing
 * transfers and expiries negative), so opening + every line = closing exactly. billed: BILL lines
 * (storage, fixed charges, discounts, credit, tiers; their breakdown is on the bill).
 */
public record Statement(String account, long fromMs, long toMs, long openingMicroSu, long depositsMicroSu,
        List<UserCharge> chargesByUser, long chargesMicroSu, long refundsMicroSu, long transfersInMicroSu,
        long transfersOutMicroSu, long withdrawalsMicroSu, long adjustmentsMicroSu, long expiriesMicroSu,
        long settlementsMicroSu, long billedMicroSu, long closingMicroSu) {
}
