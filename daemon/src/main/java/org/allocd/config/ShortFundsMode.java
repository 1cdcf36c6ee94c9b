package org.allocd.config;

/** How allocd stops an account's pending jobs from starting when its money runs short. */
public enum ShortFundsMode {
    /** Hold the jobs through libslurm with an admin comment; works without slurmdbd. */
    HOLD,
    /** Keep a per-account QOS GrpTRESMins=billing limit in step with the ledger; needs slurmdbd. */
    QOS
}
