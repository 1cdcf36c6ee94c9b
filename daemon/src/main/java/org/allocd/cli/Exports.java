package org.allocd.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.ZoneId;

/**
 * allocmgr's own CSV and JSON of a view, for the web portal's downloads: a file saved from the portal is
 * byte for byte what 'allocmgr ... --csv' or '--json' prints for the same answer (listings of many pages:
 * {@link ExportStream}).
 */
public final class Exports {
    private Exports() {}

    /** What --json prints: the answer with an SU string beside each micro-SU amount. */
    public static String json(JsonNode answer) {
        return Table.json(answer) + System.lineSeparator();
    }

    /** The rows 'allocmgr bill' shows: scope, account, item, name, amount. */
    public static ArrayNode billRows(JsonNode answer, ZoneId zone) {
        return BillingVerbs.billRows(answer, zone);
    }

    /** 'allocmgr bill --csv'. */
    public static String billCsv(JsonNode answer, ZoneId zone) {
        return csv(BillingVerbs.BILL, billRows(answer, zone), zone);
    }

    private static String csv(Table table, ArrayNode rows, ZoneId zone) {
        StringWriter text = new StringWriter();
        table.write(new PrintWriter(text), rows, null, OutputFormat.CSV, true, () -> zone);
        return text.toString();
    }
}
