package org.allocd.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One kind of row kept by the {@link WriterCache}, with the keys the current
 * task touched, so a task that fails can take back exactly what it put. Taking
 * back is eviction: the database is the truth, and the next read reloads it.
 */
final class CacheTable<K, V> {
    /** Bounds memory on a site with very many accounts or users: past this the table starts over. */
    static final int MAX_ROWS = 100_000;

    private final Map<K, V> rows = new HashMap<>();
    private final List<K> touched = new ArrayList<>();
    private final int maxRows;

    CacheTable() {
        this(MAX_ROWS);
    }

    /** A table of at most maxRows rows. */
    CacheTable(int maxRows) {
        this.maxRows = maxRows;
    }

    V get(K key) {
        return rows.get(key);
    }

    void put(K key, V value) {
        putReadBeforeWrites(key, value);
        touched.add(key);
    }

    /**
     * A row the task read before it wrote anything, so it stays true if the task rolls back to its savepoint:
     * not taken back with the task (a preload for the writes queued behind it).
     */
    void putReadBeforeWrites(K key, V value) {
        if (rows.size() >= maxRows && !rows.containsKey(key)) {
            rows.clear();
        }
        rows.put(key, value);
    }

    void remove(K key) {
        rows.remove(key);
    }

    void clear() {
        rows.clear();
        touched.clear();
    }

    /** The task committed to its savepoint: what it put stays. */
    void keepTouched() {
        touched.clear();
    }

    /** The task rolled back to its savepoint: nothing it put or loaded may outlive it. */
    void forgetTouched() {
        touched.forEach(rows::remove);
        touched.clear();
    }
}
