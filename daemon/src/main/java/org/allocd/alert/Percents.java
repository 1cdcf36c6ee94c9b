package org.allocd.alert;

import java.util.ArrayList;
import java.util.List;

/** Alert thresholds as people type them, "50,90%,100": allocmgr's words and the portal's forms read them alike. */
public final class Percents {
    private Percents() {}

    /** The whole percentages of text, empty parts skipped; refused with the part that is not one. */
    public static List<Integer> parse(String text) {
        List<Integer> percents = new ArrayList<>();
        for (String part : text.split(",")) {
            String percent = part.trim();
            if (percent.isEmpty()) {
                continue;
            }
            if (!percent.matches("\\d{1,3}%?")) {
                throw new IllegalArgumentException("'" + percent + "' is not a whole percentage");
            }
            percents.add(Integer.parseInt(percent.replace("%", "")));
        }
        return percents;
    }
}
