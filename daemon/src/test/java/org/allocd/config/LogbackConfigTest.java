package org.allocd.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.status.Status;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The shipped conf/logback.xml loads cleanly and writes one readable line per event. */
class LogbackConfigTest {

    @Test
    void writesTimeLevelShortLoggerAndMessageOnOneLine() throws Exception {
        LoggerContext context = new LoggerContext();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(Path.of("..", "conf", "logback.xml").toFile());

        assertEquals(0, context.getStatusManager().getCopyOfStatusList().stream()
                .filter(status -> status.getLevel() >= Status.WARN).count(),
                () -> context.getStatusManager().getCopyOfStatusList().toString());
        assertEquals(Level.INFO, context.getLogger(LogLevels.ALLOCD_LOGGER).getLevel());
        Logger logger = context.getLogger(ConfigReloader.class);
        LoggingEvent event = new LoggingEvent(Logger.class.getName(), logger, Level.WARN, "hook_socket needs a restart",
                null, null);
        var async = (ch.qos.logback.classic.AsyncAppender) context.getLogger(Logger.ROOT_LOGGER_NAME)
                .getAppender("ASYNC");
        assertTrue(async.isNeverBlock(), "logging must never stall the ledger writer or the sockets");
        PatternLayoutEncoder encoder = (PatternLayoutEncoder)
                ((OutputStreamAppender<?>) async.getAppender("STDOUT")).getEncoder();
        String line = new String(encoder.encode(event), StandardCharsets.UTF_8);

        assertTrue(line.matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3} WARN  ConfigReloader:"
                + " hook_socket needs a restart\\R"), line);
        context.stop();
    }
}
