package org.allocd.config;

/** Turns the text after '=' into a value, or throws IllegalArgumentException whose message says what to write instead. */
@FunctionalInterface
interface ValueParser<T> {
    T parse(String text);
}
