package org.allocd.store;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a migration file into statements. The rule is deliberately simple:
 * a statement ends at a line whose last non-blank character is ';'.
 * Limits, by design: a ';' at the end of a line inside a string literal, a
 * block comment or a multi-line trigger body would end the statement there
 * (write a trigger's BEGIN ... END; body on one line, as V1 does); a comment
 * after the closing ';' keeps the statement open. Lines starting with "--"
 * never end a statement, and chunks made only of such comments are dropped.
 */
final class SqlScript {
    private SqlScript() {}

    static List<String> statements(String script) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean hasCode = false;
        for (String line : script.split("\\R", -1)) {
            String trimmed = line.strip();
            boolean comment = trimmed.startsWith("--");
            current.append(line).append('\n');
            hasCode |= !trimmed.isEmpty() && !comment;
            if (!comment && trimmed.endsWith(";")) {
                statements.add(current.toString().strip());
                current.setLength(0);
                hasCode = false;
            }
        }
        if (hasCode) {
            statements.add(current.toString().strip());
        }
        return statements;
    }
}
