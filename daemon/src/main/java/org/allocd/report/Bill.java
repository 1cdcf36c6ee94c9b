package org.allocd.report;

import java.util.List;
import org.allocd.figures.Figures;

/**
 * The monthly bill of a billing account: the figures of its whole subtree (total), the own figures of
 * each account in it, charges by user over the subtree, and every billing line by account, meter and name.
 */
public record Bill(String account, String month, Figures total, List<Figures> accounts,
        List<UserCharge> users, List<Line> lines) {

    /** One named billing line (meter: storage, fixed, percent, credit or tier); negative amounts are charges. */
    public record Line(String account, String meter, String name, String detail, long amountMicroSu) {}
}
