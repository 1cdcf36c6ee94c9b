package org.allocd.errors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.allocd.ledger.Refusal;
import org.junit.jupiter.api.Test;

/** The C hooks compare error codes through slurm-hooks/allocd_errors.h; it must list exactly the Java list. */
class ErrorCodesHeaderTest {
    private static final Path HEADER = Path.of("..", "slurm-hooks", "allocd_errors.h");
    private static final Pattern DEFINE = Pattern.compile("#define ALLOCD_ERR_([A-Z0-9_]+) \"([a-z0-9_]+)\"");

    @Test
    void theHeaderListsEveryCodeOnceAndNothingElse() throws Exception {
        assertTrue(Files.isRegularFile(HEADER), "the C hooks' list of error codes is missing: " + HEADER.toAbsolutePath());
        List<String> defined = new ArrayList<>();
        for (String line : Files.readAllLines(HEADER)) {
            if (line.startsWith("#define ALLOCD_ERR_")) {
                Matcher m = DEFINE.matcher(line);
                assertTrue(m.matches(), "not '#define ALLOCD_ERR_<CODE> \"<code>\"': " + line);
                assertEquals(m.group(1).toLowerCase(java.util.Locale.ROOT), m.group(2), "name and code differ: " + line);
                defined.add(m.group(2));
            }
        }
        List<String> java = new ArrayList<>();
        for (ErrorCode code : ErrorCode.values()) {
            java.add(code.code());
        }
        assertEquals(defined.size(), new TreeSet<>(defined).size(), "a code is defined twice: " + defined);
        assertEquals(new TreeSet<>(java), new TreeSet<>(defined),
                "allocd_errors.h and org.allocd.errors.ErrorCode must list the same codes");
    }

    @Test
    void everyRefusalIsSentAsTheCodeOfItsName() {
        for (Refusal refusal : Refusal.values()) {
            assertEquals(refusal.name(), refusal.errorCode().name());
        }
    }
}
