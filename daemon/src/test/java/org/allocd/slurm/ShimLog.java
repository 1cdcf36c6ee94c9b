package org.allocd.slurm;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** What SlurmShim logs (INFO and up) while a test runs. */
final class ShimLog implements AutoCloseable {
    static final String DOWN = "Slurm cannot be reached through libslurm";
    static final String UP = "Slurm answers again through libslurm";

    private final Logger logger = (Logger) LoggerFactory.getLogger(SlurmShim.class);
    private final Level level = logger.getLevel();
    private final ListAppender<ILoggingEvent> events = new ListAppender<>();

    ShimLog() {
        events.start();
        logger.addAppender(events);
        logger.setLevel(Level.INFO);
    }

    /** The lines that start with this text. */
    List<String> lines(String start) {
        synchronized (events.list) {
            return events.list.stream().map(ILoggingEvent::getFormattedMessage).filter(m -> m.startsWith(start))
                    .toList();
        }
    }

    @Override
    public void close() {
        logger.detachAppender(events);
        logger.setLevel(level);
    }
}
