package org.allocd.jobs;

import org.allocd.ledger.MicroSu;

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

    /**
     * The answer for a job array of this many elements, each quoted as this job: the message states the
     * price per element and the total ("5 elements x 0.025000 SU = 0.125000 SU"). Each element is liened
     * and checked against its account when it starts, as any job.
     */
    public QuoteAnswer forArray(int elements) {
        if (elements <= 1) {
            return this;
        }
        String each = MicroSu.format(amountMicroSu);
        String total = MicroSu.format(Math.multiplyExact(amountMicroSu, (long) elements));
        return new QuoteAnswer(verdict, account, amountMicroSu, "job array of " + elements + " elements x " + each
                + " SU = " + total + " SU; each element: " + message, requestedAccount, qos);
    }
}
