package org.allocd.store;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How the store is opened. The constructor validates every field, so a
 * StoreSettings that exists is usable; the message names the field and the range.
 *
 * @param location      the database: a SQLite file or a PostgreSQL database
 * @param readPoolSize  read-only connections kept open for reads
 * @param maxBatchSize  most writes committed together in one transaction
 * @param queueCapacity most writes waiting for the writer; beyond it writes are refused at once
 */
public record StoreSettings(StoreLocation location, int readPoolSize, int maxBatchSize, int queueCapacity) {
    public static final int DEFAULT_READ_POOL_SIZE = 4;
    public static final int DEFAULT_MAX_BATCH_SIZE = 256;
    public static final int DEFAULT_QUEUE_CAPACITY = 10_000;

    public StoreSettings {
        Objects.requireNonNull(location, "location must be set to the database file or PostgreSQL database");
        requireRange("readPoolSize", readPoolSize, 1, 64);
        requireRange("maxBatchSize", maxBatchSize, 1, 10_000);
        requireRange("queueCapacity", queueCapacity, 1, 1_000_000);
    }

    /** The defaults for everything but the location. */
    public static StoreSettings defaults(StoreLocation location) {
        return new StoreSettings(location, DEFAULT_READ_POOL_SIZE, DEFAULT_MAX_BATCH_SIZE, DEFAULT_QUEUE_CAPACITY);
    }

    /** The defaults for a SQLite file. */
    public static StoreSettings defaults(Path databaseFile) {
        return defaults(new StoreLocation.SqliteFile(databaseFile));
    }

    public StoreSettings withReadPoolSize(int size) {
        return new StoreSettings(location, size, maxBatchSize, queueCapacity);
    }

    public StoreSettings withMaxBatchSize(int size) {
        return new StoreSettings(location, readPoolSize, size, queueCapacity);
    }

    public StoreSettings withQueueCapacity(int capacity) {
        return new StoreSettings(location, readPoolSize, maxBatchSize, capacity);
    }

    private static void requireRange(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(
                    name + " must be between " + min + " and " + max + ", got " + value);
        }
    }
}
