package org.allocd.report;

/**
 * One account's money as allocmgr balance shows it; for a parent every amount
 * is the sum over its subtree. The window spans the active allocations (null: none or no end).
 */
public record BalanceRow(String account, String parent, String state, String description, String organization,
        long balanceMicroSu, long depositedMicroSu, long usedMicroSu, long lienedMicroSu, long creditLimitMicroSu,
        long availableMicroSu, Long windowStartMillis, Long windowEndMillis) {
}
