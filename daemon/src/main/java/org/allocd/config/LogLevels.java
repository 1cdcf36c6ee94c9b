package org.allocd.config;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/** Sets the level of allocd's own loggers at run time, so log_level can change on SIGHUP. */
final class LogLevels {
    static final String ALLOCD_LOGGER = "org.allocd";

    private LogLevels() {}

    static void apply(LogLevel level) {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (factory instanceof LoggerContext logback) {
            logback.getLogger(ALLOCD_LOGGER).setLevel(Level.toLevel(level.name()));
        } else {
            // Only in odd test setups: the daemon jar always ships logback.
            LoggerFactory.getLogger(LogLevels.class).warn("log_level {} not applied: the logging backend is not logback",
                    level);
        }
    }
}
