package org.allocd.ledger;

import java.util.List;

/** The account tree, users and memberships as reports list them (single rows: {@link FundsView}). */
public interface AccountRows {
    List<Account> accounts();

    List<Account> children(long accountId);

    /** The account and every account below it, the account first. */
    List<Account> subtree(long accountId);

    List<User> users();

    /** Every membership, by account then user. */
    List<Membership> memberships();
}
