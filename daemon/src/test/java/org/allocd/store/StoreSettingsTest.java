package org.allocd.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class StoreSettingsTest {
    @Test
    void defaultsAndAnAbsoluteFile() {
        StoreSettings settings = StoreSettings.defaults(Path.of("state/../ledger.db"));
        assertEquals(new StoreLocation.SqliteFile(Path.of("ledger.db").toAbsolutePath()), settings.location());
        assertEquals(4, settings.readPoolSize());
        assertEquals(256, settings.maxBatchSize());
        assertEquals(10_000, settings.queueCapacity());
    }

    @Test
    void outOfRangeValuesAreRefusedWithTheFieldAndTheRange() {
        StoreSettings settings = StoreSettings.defaults(Path.of("/var/lib/allocd/ledger.db"));
        assertEquals("readPoolSize must be between 1 and 64, got 0",
                assertThrows(IllegalArgumentException.class, () -> settings.withReadPoolSize(0)).getMessage());
        assertEquals("maxBatchSize must be between 1 and 10000, got 20000",
                assertThrows(IllegalArgumentException.class, () -> settings.withMaxBatchSize(20_000)).getMessage());
        assertEquals("queueCapacity must be between 1 and 1000000, got -1",
                assertThrows(IllegalArgumentException.class, () -> settings.withQueueCapacity(-1)).getMessage());
        assertEquals("databaseFile must name a file, not /",
                assertThrows(IllegalArgumentException.class, () -> StoreSettings.defaults(Path.of("/"))).getMessage());
        assertThrows(NullPointerException.class, () -> StoreSettings.defaults((Path) null));
        assertEquals("the PostgreSQL URL must look like jdbc:postgresql://HOST:PORT/DATABASE, got 'jdbc:mysql://x/db'",
                assertThrows(IllegalArgumentException.class,
                        () -> new StoreLocation.Postgresql("jdbc:mysql://x/db", "allocd", "pw")).getMessage());
    }

    @Test
    void aPostgresqlPasswordNeverShows() {
        StoreLocation pg = new StoreLocation.Postgresql("jdbc:postgresql://db:5432/bank", "allocd", "s3cret");
        assertEquals("Postgresql[jdbc:postgresql://db:5432/bank as allocd]", pg.toString());
    }
}
