package org.allocd.charge;

/** What a finished job is charged for; the names are the ones sites already know. */
public enum ChargePolicy {
    /** Reserved units x wallclock, every job. The default. */
    DEBITALLWC(true, false),
    /** Reserved units x wallclock; failed jobs are free. */
    DEBITSUCCESSFULWC(false, false),
    /** Like DEBITALLWC, but the cores term counts the cores actually busy on average. */
    DEBITALLCPU(true, true),
    /** Like DEBITALLCPU; failed jobs are free. */
    DEBITSUCCESSFULCPU(false, true),
    /** Every unit of every node the job holds, whatever it asked for. */
    DEBITALLBLOCKED(true, false);

    private final boolean chargesFailedJobs;
    private final boolean countsBusyCores;

    ChargePolicy(boolean chargesFailedJobs, boolean countsBusyCores) {
        this.chargesFailedJobs = chargesFailedJobs;
        this.countsBusyCores = countsBusyCores;
    }

    public boolean chargesFailedJobs() {
        return chargesFailedJobs;
    }

    public boolean countsBusyCores() {
        return countsBusyCores;
    }

    public boolean chargesWholeNodes() {
        return this == DEBITALLBLOCKED;
    }
}
