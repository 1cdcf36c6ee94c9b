package org.allocd.ledger;

/**
 * One operation being applied: every journal line goes through here, and the
 * caches it moves (allocation remaining, account balance and liened) move in
 * the same call, so journal and caches cannot drift apart. The features beside
 * the core move money only through its public methods.
 */
public final class Posting {
    /** Balances stay far inside a long so no sum can overflow. */
    private static final long MAX_BALANCE_MICRO_SU = 100_000 * MicroSu.MAX_AMOUNT;

    final LedgerTx tx;
    public final Operation op;
    public final long nowMillis;
    /** What this operation does to each account's available money, announced once it is durable. */
    final FundsMovement movement;
    /** Who pays for a job its own account cannot cover. */
    final CoveringAccounts covering;
    private JournalEntry last;

    Posting(LedgerTx tx, Operation op, long nowMillis, CoveringAccounts covering) {
        this.tx = tx;
        this.op = op;
        this.nowMillis = nowMillis;
        this.covering = covering;
        this.movement = new FundsMovement(nowMillis);
    }

    /** The ledger's rows as this operation sees them. */
    public LedgerView view() {
        return tx;
    }

    /** A feature's own rows, in this operation's transaction. */
    public <T> T rows(Class<T> area) {
        return tx.rows(area);
    }

    /**
     * A new allocation of amountMicroSu in [startsAtMillis, endsAtMillis) of which creditMicroSu is new money
     * (a DEPOSIT line; the rest the caller moves in itself); a pot in debt is paid first from it.
     */
    public Allocation allocate(long accountId, long amountMicroSu, long creditMicroSu, long startsAtMillis,
            Long endsAtMillis, String note) {
        Allocation pot = Lookup.pot(tx, accountId);
        long id = tx.insertAllocation(accountId, false, amountMicroSu, startsAtMillis, endsAtMillis, note, nowMillis);
        Allocation fresh = new Allocation(id, accountId, false, amountMicroSu, 0, startsAtMillis, endsAtMillis, false);
        MoneyBook.credit(this, pot, fresh, creditMicroSu, note);
        return fresh;
    }

    /** Ends an allocation: what it still holds leaves the account with an EXPIRE line. */
    public void expire(Allocation allocation) {
        MoneyBook.expire(this, allocation);
    }

    /** A money line: moves one allocation and its account's balance. */
    public void money(JournalKind kind, Allocation allocation, String userName, String jobKey, long amountMicroSu,
            String note) {
        money(kind, allocation, userName, jobKey, amountMicroSu, note, 0);
    }

    /**
     * A money line that also moves its account's liened amount by lienedDeltaMicroSu, the move of a
     * {@link #lienLineOnly} line posted just before it: one account update instead of two.
     */
    public void money(JournalKind kind, Allocation allocation, String userName, String jobKey, long amountMicroSu,
            String note, long lienedDeltaMicroSu) {
        Account account = tx.accountById(allocation.accountId()).orElseThrow();
        long balance = Math.addExact(account.balanceMicroSu(), amountMicroSu);
        if (Math.abs(balance) > MAX_BALANCE_MICRO_SU) {
            throw Checks.invalid("account " + account.name() + " would hold " + MicroSu.format(balance)
                    + " SU, beyond what the bank keeps in one account");
        }
        append(kind, account.id(), allocation.id(), userName, jobKey, amountMicroSu, note);
        tx.addToAllocation(allocation.id(), amountMicroSu);
        tx.addToAccount(account.id(), amountMicroSu, lienedDeltaMicroSu);
        movement.money(kind, allocation, amountMicroSu);
    }

    /** A lien line: moves the account's liened amount. */
    void lien(JournalKind kind, long accountId, String userName, String jobKey, long amountMicroSu, String note) {
        lienLineOnly(kind, accountId, userName, jobKey, amountMicroSu, note);
        tx.addToAccount(accountId, 0, amountMicroSu);
    }

    /**
     * A lien line whose move of the account's liened amount the caller books with the money line it posts
     * next on the same account, in the same operation (money with lienedDeltaMicroSu). Until then the
     * account's liened amount lags the journal, so nothing may read it in between.
     */
    void lienLineOnly(JournalKind kind, long accountId, String userName, String jobKey, long amountMicroSu,
            String note) {
        append(kind, accountId, null, userName, jobKey, amountMicroSu, note);
        movement.lien(accountId, amountMicroSu);
    }

    /** A change to the tree, users or memberships, recorded for audit with amount zero. */
    public void admin(Long accountId, String userName, String note) {
        append(JournalKind.ADMIN, accountId, null, userName, null, 0, note);
    }

    private void append(JournalKind kind, Long accountId, Long allocationId, String userName, String jobKey,
            long amountMicroSu, String note) {
        if (last == null) {
            last = tx.lastJournalEntry().orElse(null);
        }
        long id = last == null ? 1 : last.id() + 1;
        String prevHash = last == null ? JournalHash.GENESIS : last.hash();
        JournalEntry unsealed = new JournalEntry(id, nowMillis, kind, accountId, allocationId, userName, jobKey,
                amountMicroSu, op.actor(), note, op.opKey(), prevHash, "");
        JournalEntry entry = new JournalEntry(id, nowMillis, kind, accountId, allocationId, userName, jobKey,
                amountMicroSu, op.actor(), note, op.opKey(), prevHash, JournalHash.of(unsealed));
        tx.appendJournal(entry);
        last = entry;
    }
}
