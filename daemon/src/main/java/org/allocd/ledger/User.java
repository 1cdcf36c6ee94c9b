package org.allocd.ledger;

/** A unix user known to the bank; uid is null when not recorded. */
public record User(long id, String name, Integer uid, Long defaultAccountId) {
}
