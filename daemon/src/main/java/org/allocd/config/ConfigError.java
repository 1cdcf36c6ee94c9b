package org.allocd.config;

/**
 * One problem found in the config file. {@code line} is 1-based; 0 means the problem is about the whole file
 * (missing, unreadable, unsafe permissions). {@code message} says what is wrong and how to fix it.
 */
public record ConfigError(String file, int line, String key, String message) {

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(file);
        if (line > 0) {
            text.append(':').append(line);
        }
        text.append(": ");
        if (!key.isEmpty()) {
            text.append(key).append(": ");
        }
        return text.append(message).toString();
    }
}
