package org.allocd.report;

import java.util.List;

/**
 * The monthly bill of a billing account: the statement of its whole subtree (total), one statement per
 * account in it, charges by user over the subtree, and every billing line by account, meter and name.
 * Each statement's opening + its lines = its closing, and the total is the sum of the accounts.
 */
public record Bill(String account, String month, long fromMs, long toMs, Statement total, List<Statement> accounts,
        List<UserCharge> users, List<Line> lines) {

    /** One named billing line (meter: storage, fixed, percent, credit or tier); negative amounts are charges. */
    public record Line(String account, String meter, String name, String detail, long amountMicroSu) {}
}
