package org.allocd.ledger;

/**
 * Every change the ledger knows. Each carries an idempotency key (a job key
 * plus event, or a client-supplied id) and the actor it is recorded under.
 * Optional fields are null when not given.
 */
public sealed interface Operation {
    String opKey();

    String actor();

    /** An operation on one job, priced at a rates version (0: not versioned); see Ledger.submitPriced. */
    sealed interface Priced extends Operation permits PlaceLien, ChargeJob {
        String jobKey();

        int rateVersion();
    }

    record CreateAccount(String opKey, String actor, String name, String parent, String description,
            String organization, long creditLimitMicroSu) implements Operation {}

    record ModifyAccount(String opKey, String actor, String name, String description, String organization,
            Long creditLimitMicroSu) implements Operation {}

    /** Freeze, thaw or close; closing needs a zero balance, no open liens and no open sub-accounts. */
    record SetAccountState(String opKey, String actor, String name, AccountState state) implements Operation {}

    /** Puts an account under another parent (parent null: top level); its subtree moves with it. */
    record MoveAccount(String opKey, String actor, String name, String parent) implements Operation {}

    record AddUser(String opKey, String actor, String name, Integer uid, String defaultAccount) implements Operation {}

    record SetDefaultAccount(String opKey, String actor, String user, String account) implements Operation {}

    /** limitPer null: the limit counts the total (the meaning of every membership made before it existed). */
    record AddMembership(String opKey, String actor, String user, String account, Role role,
            Long limitMicroSu, LimitPeriod limitPer) implements Operation {
        public AddMembership(String opKey, String actor, String user, String account, Role role, Long limitMicroSu) {
            this(opKey, actor, user, account, role, limitMicroSu, null);
        }
    }

    record RemoveMembership(String opKey, String actor, String user, String account) implements Operation {}

    /** Block a member from charging the account (the actor is named to them), or unblock them. */
    record SetMemberBlocked(String opKey, String actor, String user, String account, boolean blocked)
            implements Operation {}

    /** A new allocation; startsAtMillis null = now, endsAtMillis null = no end. */
    record Deposit(String opKey, String actor, String account, long amountMicroSu, Long startsAtMillis,
            Long endsAtMillis, String note) implements Operation {}

    record Withdraw(String opKey, String actor, String account, long amountMicroSu, String note)
            implements Operation {}

    record Transfer(String opKey, String actor, String fromAccount, String toAccount, long amountMicroSu,
            String note) implements Operation {}

    /**
     * A signed correction booked to the account's pot. One that would leave less than nothing available
     * (below the credit limit, open liens counted) is refused unless force is set; the journal says so.
     */
    record Adjust(String opKey, String actor, String account, long amountMicroSu, String note, boolean force)
            implements Operation {
        public Adjust(String opKey, String actor, String account, long amountMicroSu, String note) {
            this(opKey, actor, account, amountMicroSu, note, false);
        }
    }

    /**
     * Reserve a running job's cost. The lien expires expiresAfterSeconds after
     * it is placed; a duration, not an instant, so a retried request is the
     * same request. request (may be null) is what the job asked for, kept
     * as given so a later time-limit change can re-price the lien. times are
     * the job's Slurm times as far as known at its start (JobTimes.NONE when not sent).
     * rateVersion: the rate version the amount was priced at (0: not versioned); its charge is priced by it too.
     * array: the Slurm array the job is an element of (null: none, or not reported).
     */
    record PlaceLien(String opKey, String actor, String jobKey, String account, String user,
            long amountMicroSu, long expiresAfterSeconds, String request, JobTimes times, int rateVersion,
            JobArray array) implements Priced {
        public PlaceLien(String opKey, String actor, String jobKey, String account, String user,
                long amountMicroSu, long expiresAfterSeconds, String request, JobTimes times, int rateVersion) {
            this(opKey, actor, jobKey, account, user, amountMicroSu, expiresAfterSeconds, request, times, rateVersion,
                    null);
        }

        public PlaceLien(String opKey, String actor, String jobKey, String account, String user,
                long amountMicroSu, long expiresAfterSeconds, String request) {
            this(opKey, actor, jobKey, account, user, amountMicroSu, expiresAfterSeconds, request, JobTimes.NONE, 0);
        }

        public PlaceLien(String opKey, String actor, String jobKey, String account, String user,
                long amountMicroSu, long expiresAfterSeconds, String request, JobTimes times) {
            this(opKey, actor, jobKey, account, user, amountMicroSu, expiresAfterSeconds, request, times, 0);
        }
    }

    /** A running job's time limit changed: the lien becomes amountMicroSu, expiring that long from now. */
    record AdjustLien(String opKey, String actor, String jobKey, long amountMicroSu, long expiresAfterSeconds)
            implements Operation {}

    /**
     * The job ended: charge amountMicroSu and release its lien. account and user
     * are used only when the job never had a lien (its start event was lost),
     * and so is request (may be null), kept as PlaceLien keeps it. times as for PlaceLien. endState: how
     * Slurm says the run ended (COMPLETED, TIMEOUT, ...), null when the hook did not say. rateVersion: the rate
     * version the amount was priced at (0: not versioned), recorded in the journal. array as for PlaceLien.
     */
    record ChargeJob(String opKey, String actor, String jobKey, String account, String user,
            long amountMicroSu, String note, String request, JobTimes times, String endState, int rateVersion,
            JobArray array) implements Priced {
        public ChargeJob(String opKey, String actor, String jobKey, String account, String user,
                long amountMicroSu, String note, String request, JobTimes times, String endState, int rateVersion) {
            this(opKey, actor, jobKey, account, user, amountMicroSu, note, request, times, endState, rateVersion, null);
        }

        public ChargeJob(String opKey, String actor, String jobKey, String account, String user,
                long amountMicroSu, String note) {
            this(opKey, actor, jobKey, account, user, amountMicroSu, note, null, JobTimes.NONE, null, 0);
        }

        public ChargeJob(String opKey, String actor, String jobKey, String account, String user,
                long amountMicroSu, String note, String request, JobTimes times) {
            this(opKey, actor, jobKey, account, user, amountMicroSu, note, request, times, null, 0);
        }

        public ChargeJob(String opKey, String actor, String jobKey, String account, String user,
                long amountMicroSu, String note, String request, JobTimes times, String endState) {
            this(opKey, actor, jobKey, account, user, amountMicroSu, note, request, times, endState, 0);
        }
    }

    record ReleaseLien(String opKey, String actor, String jobKey, String note) implements Operation {}

    /** Give back part of a job's charge; amountMicroSu 0 = all that was not refunded yet. */
    record Refund(String opKey, String actor, String jobKey, long amountMicroSu, String note)
            implements Operation {}

    /** Expire allocations whose window has ended (each with a journal entry). */
    record ExpireAllocations(String opKey, String actor) implements Operation {}

    /** Release liens past their expiry (jobs that never reported their end). */
    record ExpireLiens(String opKey, String actor) implements Operation {}

    /**
     * An operation of a feature beside the core (billing, grants, ...): it applies itself through the
     * posting, so the core names no feature and money still moves only through {@link Posting}.
     */
    non-sealed interface Feature extends Operation {
        OpResult applyTo(Posting posting);
    }
}
