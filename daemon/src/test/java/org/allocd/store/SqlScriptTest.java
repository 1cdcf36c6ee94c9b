package org.allocd.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SqlScriptTest {
    @Test
    void aStatementEndsAtASemicolonThatEndsALine() {
        String script = "-- header;\n"
                + "CREATE TABLE a (\n"
                + "  -- no end here;\n"
                + "  id INTEGER\n"
                + ");  \n"
                + "\n"
                + "CREATE TRIGGER t BEFORE DELETE ON a\r\n"
                + "BEGIN SELECT RAISE(ABORT, 'no'); END;\r\n"
                + "INSERT INTO a VALUES (1)\n"
                + "-- trailing comment only\n";
        assertEquals(List.of(
                "-- header;\nCREATE TABLE a (\n  -- no end here;\n  id INTEGER\n);",
                "CREATE TRIGGER t BEFORE DELETE ON a\nBEGIN SELECT RAISE(ABORT, 'no'); END;",
                "INSERT INTO a VALUES (1)\n-- trailing comment only"),
                SqlScript.statements(script));
    }

    @Test
    void commentsAndBlankLinesAloneAreNoStatements() {
        assertEquals(List.of(), SqlScript.statements("\n-- nothing here;\n  \n"));
    }
}
