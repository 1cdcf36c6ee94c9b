package org.allocd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The sacctmgr-shaped tail of the command line and the date forms. */
class WordsAndDatesTest {
    private static final Set<String> KEYS = Set.of("name", "account", "note");

    @Test
    void nameKeysWhereAndSet() {
        Words w = Words.parse("v", List.of("proj", "where", "Account=proj", "set", "note=a=b"), KEYS);
        assertEquals("proj", w.requiredName("account"));
        assertEquals("a=b", w.get("note"));
        assertEquals("x", Words.parse("v", List.of("name=x"), KEYS).requiredName("name"));
        UsageException clash = assertThrows(UsageException.class,
                () -> Words.parse("v", List.of("a", "account=b"), KEYS).name("account"));
        assertTrue(clash.getMessage().contains("names 'a' and account=b"));
        assertThrows(UsageException.class, () -> Words.parse("v", List.of("color=red"), KEYS));
        assertThrows(UsageException.class, () -> Words.parse("v", List.of("a", "b"), KEYS));
        assertThrows(UsageException.class, () -> Words.parse("v", List.of(), KEYS).requiredName("name"));
    }

    @Test
    void datesAndDateTimes() {
        ZoneId utc = ZoneOffset.UTC;
        assertEquals(1_767_225_600_000L, Dates.startMillis("start", "2026-01-01", utc));
        assertEquals(1_767_225_600_000L + 86_400_000L, Dates.endMillis("end", "2026-01-01", utc));
        assertEquals(1_767_254_400_000L, Dates.startMillis("start", "2026-01-01T08:00", utc));
        assertEquals(1_767_254_400_000L, Dates.endMillis("end", "2026-01-01T08:00:00Z", utc));
        assertEquals(1_767_254_400_000L, Dates.startMillis("start", "2026-01-01T10:00:00+02:00", utc));
        assertEquals(1_767_225_600_000L - 3_600_000L, Dates.startMillis("start", "2026-01-01", ZoneId.of("Europe/Paris")));
        for (String bad : List.of("2026-02-30", "2026-1-1", "tomorrow", "2026-01-01T24:01", "")) {
            UsageException e = assertThrows(UsageException.class, () -> Dates.startMillis("start", bad, utc));
            assertTrue(e.getMessage().startsWith("start=" + bad + " is not a date"), e.getMessage());
        }
    }
}
