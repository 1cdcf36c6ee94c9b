package org.allocd.ledger;

/**
 * An account's available money (allocations - charges - open liens + credit
 * limit) went up or down, announced once the operation that moved it is
 * durable. A rise may lie ahead: an allocation that starts later rises its
 * account at atMillis.
 */
public record FundsMoved(long accountId, Direction direction, long atMillis) {
    public enum Direction { ROSE, FELL }
}
