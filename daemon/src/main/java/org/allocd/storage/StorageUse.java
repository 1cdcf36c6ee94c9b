package org.allocd.storage;

/**
 * One line of a storage import: the most a fileset reserved in the month, in micro-GB (10^-6 GB,
 * 1 GB = 10^9 bytes). kind is "user" or "group"; line is its line number in the imported file.
 */
public record StorageUse(int line, String fileset, String kind, String account, long maxReservedMicroGb) {
}
