package org.allocd.ledger;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The lower-case names the ledger's enums have in SQL, in protocols and on the command line. */
public final class Names {
    private Names() {}

    public static String of(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    /** Parses a name case-insensitively, or refuses listing the names that exist. */
    public static <E extends Enum<E>> E parse(Class<E> type, String what, String text) {
        for (E value : type.getEnumConstants()) {
            if (value.name().equalsIgnoreCase(text)) {
                return value;
            }
        }
        throw new LedgerException(Refusal.INVALID_ARGUMENT, "unknown " + what + " '" + text + "'; use "
                + Arrays.stream(type.getEnumConstants()).map(Names::of).collect(Collectors.joining(", ")));
    }
}
