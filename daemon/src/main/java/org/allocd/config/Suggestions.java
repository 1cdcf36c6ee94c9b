package org.allocd.config;

import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;

/** "Did you mean ..." for misspelt keys and section names. */
final class Suggestions {
    private Suggestions() {}

    /** The known word closest to {@code typed}, if it is close enough to be a likely typo. */
    static Optional<String> closest(String typed, Collection<String> known) {
        String lower = typed.toLowerCase(Locale.ROOT).replace(' ', '_');
        // About one slip per four characters, at least two for long words; short words get one, or all would match.
        int allowed = lower.length() <= 4 ? 1 : Math.max(2, lower.length() / 4);
        return known.stream()
                .filter(word -> distance(lower, word) <= allowed || (lower.length() >= 4 && word.startsWith(lower)))
                .min(Comparator.comparingInt(word -> distance(lower, word)));
    }

    /** Levenshtein edit distance. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
