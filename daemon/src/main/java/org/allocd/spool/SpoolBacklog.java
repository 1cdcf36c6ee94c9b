package org.allocd.spool;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The hook events waiting in the spool directory for the next replay, for the admin's health view: how many, and
 * when the oldest was written (its file's time), and how many went to quarantine. Counting stops at MAX_COUNTED
 * (then "more"), so a flooded spool costs no more to look at.
 */
public record SpoolBacklog(int events, boolean more, Long oldestWrittenAtMillis, int quarantined,
        boolean quarantinedMore) {
    static final int MAX_COUNTED = 100_000;

    /** An event file a hook finished writing (a hook writes .tmp-* first and renames it). */
    static boolean isEvent(String name) {
        return name.endsWith(".json") && !name.startsWith(".");
    }

    /** The spool directory as it is now; a directory not there yet holds nothing. */
    public static SpoolBacklog of(Path dir) {
        int events = 0;
        boolean more = false;
        Long oldest = null;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                BasicFileAttributes attributes;
                try {
                    attributes = Files.readAttributes(file, BasicFileAttributes.class);
                } catch (NoSuchFileException replayedMeanwhile) {
                    continue;
                }
                if (!attributes.isRegularFile() || !isEvent(file.getFileName().toString())) {
                    continue;
                }
                if (events == MAX_COUNTED) {
                    more = true;
                    break;
                }
                events++;
                long writtenMillis = attributes.lastModifiedTime().toMillis();
                oldest = oldest == null ? writtenMillis : Math.min(oldest, writtenMillis);
            }
        } catch (NoSuchFileException none) {
            return new SpoolBacklog(0, false, null, 0, false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the spool directory " + dir + ": " + e.getMessage(), e);
        }
        int quarantined = quarantined(dir);
        return new SpoolBacklog(events, more, oldest, Math.min(quarantined, MAX_COUNTED), quarantined > MAX_COUNTED);
    }

    /** Files in quarantine/, up to MAX_COUNTED + 1. */
    private static int quarantined(Path dir) {
        int count = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir.resolve(SpoolReplayer.QUARANTINE))) {
            for (Path ignored : files) {
                if (++count > MAX_COUNTED) {
                    break;
                }
            }
        } catch (NoSuchFileException none) {
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir.resolve(SpoolReplayer.QUARANTINE) + ": "
                    + e.getMessage(), e);
        }
        return count;
    }
}
