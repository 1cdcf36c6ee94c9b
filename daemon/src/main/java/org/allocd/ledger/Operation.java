package org.allocd.ledger;

import java.util.List;

/**
 * Every change the ledger knows. Each carries an idempotency key (a job key
 * plus event, or a client-supplied id) and the actor it is recorded under.
 * Optional fields are null when not given.
 */
public sealed interface Operation {
    String opKey();

    String actor();

    record CreateAccount(String opKey, String actor, String name, String parent, String description,
            String organization, long creditLimitMicroSu) implements Operation {}

    record ModifyAccount(String opKey, String actor, String name, String description, String organization,
            Long creditLimitMicroSu) implements Operation {}

    /** Freeze, thaw or close; closing needs a zero balance, no open liens and no open sub-accounts. */
    record SetAccountState(String opKey, String actor, String name, AccountState state) implements Operation {}

    record AddUser(String opKey, String actor, String name, Integer uid, String defaultAccount) implements Operation {}

    record SetDefaultAccount(String opKey, String actor, String user, String account) implements Operation {}

    record AddMembership(String opKey, String actor, String user, String account, Role role,
            Long limitMicroSu) implements Operation {}

    record RemoveMembership(String opKey, String actor, String user, String account) implements Operation {}

    /** A new allocation; startsAtMs null = now, endsAtMs null = no end. */
    record Deposit(String opKey, String actor, String account, long amountMicroSu, Long startsAtMs,
            Long endsAtMs, String note) implements Operation {}

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
     */
    record PlaceLien(String opKey, String actor, String jobKey, String account, String user,
            long amountMicroSu, long expiresAfterSeconds, String request, JobTimes times) implements Operation {
        public PlaceLien(String opKey, String actor, String jobKey, String account, String user,
                long amountMicroSu, long expiresAfterSeconds, String request) {
            this(opKey, actor, jobKey, account, user, amountMicroSu, expiresAfterSeconds, request, JobTimes.NONE);
        }
    }

    /** A running job's time limit changed: the lien becomes amountMicroSu, expiring that long from now. */
    record AdjustLien(String opKey, String actor, String jobKey, long amountMicroSu, long expiresAfterSeconds)
            implements Operation {}

    /**
     * The job ended: charge amountMicroSu and release its lien. account and user
     * are used only when the job never had a lien (its start event was lost),
     * and so is request (may be null), kept as PlaceLien keeps it. times as for PlaceLien.
     */
    record ChargeJob(String opKey, String actor, String jobKey, String account, String user,
            long amountMicroSu, String note, String request, JobTimes times) implements Operation {
        public ChargeJob(String opKey, String actor, String jobKey, String account, String user,
                long amountMicroSu, String note) {
            this(opKey, actor, jobKey, account, user, amountMicroSu, note, null, JobTimes.NONE);
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

    // Billing (issue 8 part B).

    /** Name the account's fallback (null removes it); qos (may be null) is forced on jobs it pays for. */
    record SetFallback(String opKey, String actor, String account, String fallback, String qos)
            implements Operation {}

    /** Add or replace a billing rule of an account (see BillingRule). */
    record SetBillingRule(String opKey, String actor, String account, String name, BillingRuleKind kind,
            long amountMicroSu, long ratePpm) implements Operation {}

    record RemoveBillingRule(String opKey, String actor, String account, String name) implements Operation {}

    /**
     * Book the billing rules of a month (YYYY-MM): every rule of every account, or only those of account
     * and/or the rule named. A line already booked is left as it is, so running it again changes nothing.
     */
    record CloseMonth(String opKey, String actor, String month, String account, String rule)
            implements Operation {}

    /**
     * Charge filesets' storage for a month at rateMicroSuPerGbMonth (SU per GB-month, in micro-SU):
     * all lines or none; a fileset already billed that month with the same figures is skipped.
     */
    record ImportStorage(String opKey, String actor, String month, long rateMicroSuPerGbMonth,
            List<StorageUse> uses) implements Operation {}

    /**
     * A chargeable Slurm reservation as Slurm shows it now (see Reservation): recorded, or updated while
     * it is not charged, so it can be charged even after Slurm forgets it.
     */
    record RecordReservation(String opKey, String actor, String name, String account, long startMs, long endMs,
            long reservedMicroSu, String detail) implements Operation {}

    /**
     * Charge an ended reservation's idle time to its account: the reserved price less the net charges of
     * the jobs that ran in it, never below zero; once (the op key is the reservation's name and start).
     */
    record ChargeReservation(String opKey, String actor, String name, long startMs) implements Operation {}
    // Allocation cycles and alerts (issue 8 part A).

    /**
     * A recurring grant: an allocation of amountMicroSu every period from
     * firstStartMs (periods counted in the time zone named by zone) until
     * endsAtMs (null: no end); carryOver decides what of a period's unused
     * money moves into the next.
     */
    record AddGrant(String opKey, String actor, String account, long amountMicroSu, GrantPeriod period,
            long firstStartMs, Long endsAtMs, CarryOver carryOver, String zone, String note) implements Operation {}

    /** Stops a grant: no further periods; allocations already made keep their windows. */
    record DeleteGrant(String opKey, String actor, long grantId, String note) implements Operation {}

    /** Makes every grant's due periods (once each) and carries over or expires the periods that ended. */
    record RunGrants(String opKey, String actor) implements Operation {}

    /** Percentages of the active allocations used at which the account's coordinators are told; empty = none. */
    record SetAlertThresholds(String opKey, String actor, String account, List<Integer> percents)
            implements Operation {}

    /** An alert was delivered: it is not sent again until it is re-armed. */
    record RecordAlert(String opKey, String actor, String account, String alert, String note) implements Operation {}

    /** The condition of a sent alert no longer holds (e.g. a deposit): it may be sent again. */
    record RearmAlert(String opKey, String actor, String account, String alert, String note) implements Operation {}
}
