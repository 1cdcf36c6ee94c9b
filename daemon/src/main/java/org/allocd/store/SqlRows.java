package org.allocd.store;

/**
 * The connection an area's SQL runs on. The core areas' SQL are interfaces
 * with default methods over this (SqlAccountRows, SqlJobRows, ...), so one
 * view class composes them without a line of delegation per method.
 */
interface SqlRows {
    Sql sql();
}
