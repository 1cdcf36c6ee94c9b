package org.allocd.ledger;

/**
 * An account's money now: balance is what its active allocations hold,
 * available = balance - liened + credit limit.
 */
public record Balance(String account, AccountState state, long balanceMicroSu, long lienedMicroSu,
        long creditLimitMicroSu, long availableMicroSu) {
}
