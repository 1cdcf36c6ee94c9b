package org.allocd.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Slurm hooks read the same allocd.conf keys as allocd, with defaults and ranges written again in C
 * (slurm-hooks/allocd_conf.h): a default that drifted would make the hooks and allocd disagree silently.
 */
class HookDefaultsTest {
    private static final Pattern DEFINE = Pattern.compile("#define (ALLOCD_\\w+) (\"[^\"]*\"|\\d+)");

    @Test
    void theHooksDefaultsAndRangesAreAllocds() throws Exception {
        Map<String, String> c = defines(Path.of("..", "slurm-hooks", "allocd_conf.h"));

        assertEquals('"' + ConfigLoader.DEFAULT_HOOK_SOCKET.toString() + '"', c.get("ALLOCD_HOOK_SOCKET_DEFAULT"));
        assertEquals(ConfigLoader.DEFAULT_HOOK_TIMEOUT_MILLIS, number(c, "ALLOCD_HOOK_TIMEOUT_MS_DEFAULT"));
        assertEquals(ConfigLoader.MIN_HOOK_TIMEOUT_MILLIS, number(c, "ALLOCD_HOOK_TIMEOUT_MS_MIN"));
        assertEquals(ConfigLoader.MAX_HOOK_TIMEOUT_MILLIS, number(c, "ALLOCD_HOOK_TIMEOUT_MS_MAX"));
        assertEquals('"' + ConfigLoader.DEFAULT_SPOOL_DIR.toString() + '"', c.get("ALLOCD_SPOOL_DIR_DEFAULT"));
        assertEquals('"' + SlurmSettings.DEFAULT_BIN_DIR.toString() + '"', c.get("ALLOCD_SLURM_BIN_DIR_DEFAULT"));
        assertEquals(SlurmSettings.DEFAULT_TIMEOUT_MILLIS, number(c, "ALLOCD_SLURM_TIMEOUT_MS_DEFAULT"));
        assertEquals(ConfigLoader.MIN_SLURM_TIMEOUT_MILLIS, number(c, "ALLOCD_SLURM_TIMEOUT_MS_MIN"));
        assertEquals(ConfigLoader.MAX_SLURM_TIMEOUT_MILLIS, number(c, "ALLOCD_SLURM_TIMEOUT_MS_MAX"));
        // Every path allocd accepts for the hooks fits their buffers, with "/scontrol" and the NUL after it.
        assertTrue(Values.MAX_HOOK_PATH_BYTES + "/scontrol".length() + 1 <= number(c, "ALLOCD_PATH_MAX"),
                "ALLOCD_PATH_MAX " + c.get("ALLOCD_PATH_MAX") + " cannot hold a path of " + Values.MAX_HOOK_PATH_BYTES
                        + " bytes and /scontrol");
    }

    private static Map<String, String> defines(Path header) throws Exception {
        Map<String, String> defines = new HashMap<>();
        Matcher matcher = DEFINE.matcher(Files.readString(header));
        while (matcher.find()) {
            defines.put(matcher.group(1), matcher.group(2));
        }
        return defines;
    }

    private static int number(Map<String, String> defines, String name) {
        String value = defines.get(name);
        assertTrue(value != null && value.matches("\\d+"), name + " is not a number in allocd_conf.h: " + value);
        return Integer.parseInt(value);
    }
}
