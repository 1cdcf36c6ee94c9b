package org.allocd.store;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How the store is opened. The constructor validates every field, so a
 * StoreSettings that exists is usable; the message names the field and the range.
 *
 * @param databaseFile the SQLite file (made absolute); its directory is created if missing
 * @param readPoolSize read-only connections kept open for reads
 * @param maxBatchSize most writes committed together in one transaction
 * @param queueCapacity most writes waiting for the writer; beyond it writes are refused at once
 */
public record StoreSettings(Path databaseFile, int readPoolSize, int maxBatchSize, int queueCapacity) {
    public static final int DEFAULT_READ_POOL_SIZE = 4;
    public static final int DEFAULT_MAX_BATCH_SIZE = 256;
    public static final int DEFAULT_QUEUE_CAPACITY = 10_000;

    public StoreSettings {
        Objects.requireNonNull(databaseFile, "databaseFile must be set to the path of the database file");
        databaseFile = databaseFile.toAbsolutePath().normalize();
        if (databaseFile.getFileName() == null) {
            throw new IllegalArgumentException("databaseFile must name a file, not " + databaseFile);
        }
        requireRange("readPoolSize", readPoolSize, 1, 64);
        requireRange("maxBatchSize", maxBatchSize, 1, 10_000);
        requireRange("queueCapacity", queueCapacity, 1, 1_000_000);
    }

    /** The defaults for everything but the file. */
    public static StoreSettings defaults(Path databaseFile) {
        return new StoreSettings(databaseFile, DEFAULT_READ_POOL_SIZE, DEFAULT_MAX_BATCH_SIZE, DEFAULT_QUEUE_CAPACITY);
    }

    public StoreSettings withReadPoolSize(int size) {
        return new StoreSettings(databaseFile, size, maxBatchSize, queueCapacity);
    }

    public StoreSettings withMaxBatchSize(int size) {
        return new StoreSettings(databaseFile, readPoolSize, size, queueCapacity);
    }

    public StoreSettings withQueueCapacity(int capacity) {
        return new StoreSettings(databaseFile, readPoolSize, maxBatchSize, capacity);
    }

    private static void requireRange(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(
                    name + " must be between " + min + " and " + max + ", got " + value);
        }
    }
}
