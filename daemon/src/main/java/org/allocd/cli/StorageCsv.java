package org.allocd.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A storage usage file, as allocmgr import storage reads it: a header line
 * "fileset,kind,account,max_reserved_gb", then one fileset per line, e.g. "/home/alice,user,proj,120.5".
 * Blank lines and lines starting with '#' are skipped. Every bad line is reported with its number, and
 * a file with any bad line is refused whole.
 */
final class StorageCsv {
    static final String HEADER = "fileset,kind,account,max_reserved_gb";
    /** Below 10^12 GB, at most 6 decimals: micro-GB fit a long. */
    private static final Pattern GB = Pattern.compile("\\d{1,12}(\\.\\d{1,6})?");
    private static final int MAX_PROBLEMS_SHOWN = 20;

    private StorageCsv() {}

    /** The filesets as the import_storage op takes them, or a UsageException naming every bad line. */
    static ArrayNode parse(String file, List<String> lines) {
        ArrayNode uses = JsonNodeFactory.instance.arrayNode();
        List<String> problems = new ArrayList<>();
        boolean header = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            int number = i + 1;
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (!header) {
                if (!line.equals(HEADER)) {
                    problems.add("line " + number + ": the first line must be the header " + HEADER);
                }
                header = true;
                continue;
            }
            String[] cells = line.split(",", -1);
            if (cells.length != 4) {
                problems.add("line " + number + ": " + cells.length + " fields, want 4 (" + HEADER + ")");
                continue;
            }
            String gb = cells[3].strip();
            if (!GB.matcher(gb).matches()) {
                problems.add("line " + number + ": max_reserved_gb '" + gb + "' is not a number of GB"
                        + " (at most 12 digits and 6 decimals, e.g. 120.5)");
                continue;
            }
            uses.addObject().put("line", number).put("fileset", cells[0].strip()).put("kind", cells[1].strip())
                    .put("account", cells[2].strip())
                    .put("max_reserved_micro_gb", new BigDecimal(gb).movePointRight(6).longValueExact());
        }
        if (!header) {
            problems.add("the file has no header line " + HEADER);
        } else if (uses.isEmpty() && problems.isEmpty()) {
            problems.add("the file lists no filesets");
        }
        if (!problems.isEmpty()) {
            List<String> shown = problems.subList(0, Math.min(problems.size(), MAX_PROBLEMS_SHOWN));
            throw new UsageException(file + " refused, nothing imported: " + String.join("; ", shown)
                    + (problems.size() > shown.size() ? "; and " + (problems.size() - shown.size()) + " more" : ""));
        }
        return uses;
    }
}
