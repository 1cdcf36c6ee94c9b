package org.allocd.config;

import java.util.Collection;
import java.util.stream.Collectors;

/** Turns the text after '=' into a value, or throws IllegalArgumentException whose message says what to write instead. */
@FunctionalInterface
interface ValueParser<T> {
    T parse(String text);

    /** A value as allocd.conf would write it: for a default in the effective configuration that allocd logs. */
    default String text(T value) {
        return value instanceof Collection<?> values
                ? values.stream().map(String::valueOf).sorted().collect(Collectors.joining(", "))
                : String.valueOf(value);
    }
}
