package org.allocd.jobs;

/**
 * What the submit hook tells Slurm: ACCEPT (with a cost note), HOLD (the
 * account cannot pay now: the job waits as QOSGrpBillingMinutes), or REJECT
 * (with the reason the user sees).
 */
public record QuoteAnswer(Verdict verdict, String account, long amountMicroSu, String message) {
    public enum Verdict { ACCEPT, HOLD, REJECT }
}
