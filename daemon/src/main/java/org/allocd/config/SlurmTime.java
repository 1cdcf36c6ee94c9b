package org.allocd.config;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Slurm's time limit formats, as in {@code sbatch --time} and {@code MaxTime=}: "minutes", "minutes:seconds",
 * "hours:minutes:seconds", "days-hours", "days-hours:minutes", "days-hours:minutes:seconds", and UNLIMITED
 * (or INFINITE), which is returned as 0.
 */
public final class SlurmTime {
    /** Slurm keeps time limits as uint32 minutes with 0xffffffff meaning INFINITE; anything larger cannot be a limit. */
    public static final long MAX_SECONDS = 0xFFFF_FFFEL * 60;

    private static final String FORMATS =
            "write minutes (90), MM:SS, HH:MM:SS, D-HH, D-HH:MM, D-HH:MM:SS (2-12:00:00) or UNLIMITED";
    private static final Pattern WITH_DAYS = Pattern.compile("(\\d{1,9})-(\\d{1,2})(?::(\\d{1,2}))?(?::(\\d{1,2}))?");
    private static final Pattern NO_DAYS = Pattern.compile("(\\d{1,11})(?::(\\d{1,2}))?(?::(\\d{1,2}))?");

    private SlurmTime() {}

    /** Returns the time in seconds, 0 for UNLIMITED; throws IllegalArgumentException saying what to write instead. */
    public static long parseSeconds(String text) {
        String trimmed = text.trim();
        String upper = trimmed.toUpperCase(Locale.ROOT);
        if (upper.equals("UNLIMITED") || upper.equals("INFINITE")) {
            return 0;
        }
        Matcher days = WITH_DAYS.matcher(trimmed);
        if (days.matches()) {
            long hours = part(days, 2, 24, trimmed);
            long minutes = part(days, 3, 60, trimmed);
            long seconds = part(days, 4, 60, trimmed);
            return checked(((Long.parseLong(days.group(1)) * 24 + hours) * 60 + minutes) * 60 + seconds, trimmed);
        }
        Matcher plain = NO_DAYS.matcher(trimmed);
        if (plain.matches()) {
            long first = Long.parseLong(plain.group(1));
            if (plain.group(2) == null) {
                return checked(first * 60, trimmed); // a bare number is minutes
            }
            long second = part(plain, 2, 60, trimmed);
            if (plain.group(3) == null) {
                return checked(first * 60 + second, trimmed); // MM:SS
            }
            long third = part(plain, 3, 60, trimmed);
            return checked((first * 60 + second) * 60 + third, trimmed); // HH:MM:SS
        }
        throw new IllegalArgumentException('"' + trimmed + "\" is not a Slurm time; " + FORMATS);
    }

    private static long part(Matcher matcher, int group, int limit, String text) {
        String digits = matcher.group(group);
        if (digits == null) {
            return 0;
        }
        long value = Long.parseLong(digits);
        if (value >= limit) {
            throw new IllegalArgumentException('"' + text + "\" has " + value + " where at most " + (limit - 1)
                    + " fits; " + FORMATS);
        }
        return value;
    }

    private static long checked(long seconds, String text) {
        // The patterns bound every part, so the arithmetic above cannot overflow a long; only Slurm's own limit applies.
        if (seconds > MAX_SECONDS) {
            throw new IllegalArgumentException('"' + text + "\" is longer than Slurm can express; write UNLIMITED for no limit");
        }
        return seconds;
    }
}
