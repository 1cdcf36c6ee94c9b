package org.allocd.config;

/** One {@code key = value} line as written; {@code value} is trimmed and may be empty. */
record ConfigEntry(String key, String value, int line) {}
