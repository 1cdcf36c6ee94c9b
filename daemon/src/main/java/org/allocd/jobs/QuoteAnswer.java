package org.allocd.jobs;

/**
 * What the submit hook tells Slurm: ACCEPT (with a cost note), HOLD (the
 * account cannot pay now: the job waits as QOSGrpBillingMinutes), or REJECT
 * (with the reason the user sees). requestedAccount is set when the job's own account cannot cover it
 * and its fallback (account) takes it instead; qos (may be null) is the QOS the fallback forces.
 */
public record QuoteAnswer(Verdict verdict, String account, long amountMicroSu, String message, String requestedAccount,
        String qos) {
    public enum Verdict { ACCEPT, HOLD, REJECT }

    public QuoteAnswer(Verdict verdict, String account, long amountMicroSu, String message) {
        this(verdict, account, amountMicroSu, message, null, null);
    }
}
