package org.allocd.ledger;

/**
 * What a journal entry records. Money kinds move an allocation's remaining
 * amount (and so the account balance); lien kinds move the account's liened
 * amount; ADMIN entries record a change of the account tree, users or
 * memberships with amount zero, so the audit trail is in the same chain.
 */
public enum JournalKind {
    DEPOSIT(true), WITHDRAW(true), TRANSFER(true), CHARGE(true), REFUND(true),
    ADJUST(true), EXPIRE(true), SETTLE(true),
    /** A billing line (storage, fixed charge, discount, credit, tier); its note is a BillNote. */
    BILL(true),
    LIEN(false), RELEASE(false),
    ADMIN(false);

    private final boolean movesMoney;

    JournalKind(boolean movesMoney) {
        this.movesMoney = movesMoney;
    }

    public boolean movesMoney() {
        return movesMoney;
    }

    public boolean movesLien() {
        return this == LIEN || this == RELEASE;
    }
}
