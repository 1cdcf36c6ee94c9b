package org.allocd.report;

/**
 * One meter of 'allocmgr charges': a partition class (the partition) and a
 * kind (cpu = CPU/memory, gpu = GPU), keyed "partition.kind" with a label for
 * people. amountMicroSu = charged - refunded.
 */
public record MeterRow(String key, String label, String partition, String kind, long jobs, long chargedMicroSu,
        long refundedMicroSu, long amountMicroSu) {
}
