package org.allocd.ledger;

/** A user's place in an account; limitMicroSu null means no per-user limit. */
public record Membership(long userId, long accountId, Role role, Long limitMicroSu) {
}
