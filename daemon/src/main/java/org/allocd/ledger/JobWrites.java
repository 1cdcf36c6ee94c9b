package org.allocd.ledger;

/** Writes of job rows. */
public interface JobWrites {
    /**
     * request: what the job asked for (JobRequests text) when known, else null; rateVersion: the rate version the
     * operation that records the job was priced at (0: none). Both are written in the same INSERT.
     */
    void insertJob(Job job, String request, int rateVersion, long atMillis);

    /** A job never moves to another account: its account stays as inserted. Its recorded request stays too. */
    void updateJob(Job job, long atMillis);

    void setJobRequest(String jobKey, String request);

    /** Records the times given; a null time keeps what was recorded before. */
    void setJobTimes(String jobKey, JobTimes times);

    /** The Slurm array the job is an element of. */
    void setJobArray(String jobKey, JobArray array);

    /** How Slurm says the run ended (COMPLETED, TIMEOUT, ...). */
    void setJobEndState(String jobKey, String endState);

    /** The account the job asked for, when another account pays for it. */
    void setJobRequestedAccount(String jobKey, String account);

    /** The rate version a lien of a job already recorded was priced at, which prices its charge too. */
    void setJobRateVersion(String jobKey, int rateVersion);
}
