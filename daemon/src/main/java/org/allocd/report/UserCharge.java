package org.allocd.report;

/** What one user's jobs cost an account in a window; share of the net in basis points (1/100 %). */
public record UserCharge(String user, long jobs, long chargedMicroSu, long refundedMicroSu, long netMicroSu,
        long shareBasisPoints) {
}
