package org.allocd.config;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Memory sizes: plain bytes, decimal units (1 GB = 10^9 bytes, as allocd charges) or binary units (1 GiB = 2^30 bytes).
 * Slurm's bare "G" means GiB while sites often mean GB, so bare K/M/G/T/P are refused rather than guessed.
 */
public final class ByteSize {
    private static final Pattern SIZE = Pattern.compile("(\\d{1,19}(?:\\.\\d{1,9})?)\\s*([A-Za-z]*)");
    private static final Map<String, Long> UNITS = Map.ofEntries(
            Map.entry("", 1L), Map.entry("B", 1L),
            Map.entry("KB", 1_000L), Map.entry("MB", 1_000_000L), Map.entry("GB", 1_000_000_000L),
            Map.entry("TB", 1_000_000_000_000L), Map.entry("PB", 1_000_000_000_000_000L),
            Map.entry("KIB", 1L << 10), Map.entry("MIB", 1L << 20), Map.entry("GIB", 1L << 30),
            Map.entry("TIB", 1L << 40), Map.entry("PIB", 1L << 50));

    private ByteSize() {}

    /** Returns the size in bytes; throws IllegalArgumentException saying what to write instead. */
    public static long parseBytes(String text) {
        String trimmed = text.trim();
        Matcher matcher = SIZE.matcher(trimmed);
        if (!matcher.matches()) {
            throw new IllegalArgumentException('"' + trimmed + "\" is not a size; write e.g. 120GB (120 x 10^9 bytes), 100GiB or 4096");
        }
        String unit = matcher.group(2).toUpperCase(Locale.ROOT);
        Long bytesPerUnit = UNITS.get(unit);
        if (bytesPerUnit == null) {
            if (unit.length() == 1 && "KMGTP".contains(unit)) {
                throw new IllegalArgumentException('"' + trimmed + "\" is ambiguous; write " + matcher.group(1) + unit
                        + "B for powers of 10 or " + matcher.group(1) + unit + "iB for powers of 2 (Slurm's " + unit + ")");
            }
            throw new IllegalArgumentException('"' + trimmed + "\" has an unknown unit \"" + matcher.group(2)
                    + "\"; use B, KB, MB, GB, TB, PB, KiB, MiB, GiB, TiB or PiB");
        }
        BigDecimal bytes = new BigDecimal(matcher.group(1)).multiply(BigDecimal.valueOf(bytesPerUnit));
        if (bytes.stripTrailingZeros().scale() > 0) {
            throw new IllegalArgumentException('"' + trimmed + "\" is not a whole number of bytes; use a smaller unit");
        }
        if (bytes.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw new IllegalArgumentException('"' + trimmed + "\" is too large; the limit is 8 EB");
        }
        return bytes.longValueExact();
    }
}
