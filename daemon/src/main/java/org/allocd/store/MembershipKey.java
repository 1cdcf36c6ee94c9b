package org.allocd.store;

/** A membership's key: the user in the account. */
record MembershipKey(long userId, long accountId) {}
