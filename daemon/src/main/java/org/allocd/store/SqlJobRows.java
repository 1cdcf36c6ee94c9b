package org.allocd.store;

import java.util.List;
import java.util.Optional;
import org.allocd.ledger.Job;
import org.allocd.ledger.JobArray;
import org.allocd.ledger.JobRecord;
import org.allocd.ledger.JobRows;

/** Job rows in SQL (shared by both dialects). */
interface SqlJobRows extends JobRows, SqlRows {
    @Override
    default Optional<Job> job(String jobKey) {
        return sql().one("SELECT " + Rows.JOB_COLUMNS + " FROM jobs WHERE job_key = ?", Rows::job, jobKey);
    }

    @Override
    default Optional<Job> openLienOf(String jobKeyPrefix) {
        // A key range instead of LIKE: it uses the primary key and no character of a name is special.
        return sql().one("SELECT " + Rows.JOB_COLUMNS + " FROM jobs WHERE job_key >= ? AND job_key < ?"
                + " AND lien_state = 'open' ORDER BY created_at_ms DESC LIMIT 1", Rows::job,
                jobKeyPrefix, jobKeyPrefix + Character.MAX_VALUE);
    }

    @Override
    default Optional<JobRecord> jobRecord(String jobKey) {
        return sql().one("SELECT " + Rows.JOB_RECORD_COLUMNS + " FROM jobs WHERE job_key = ?", Rows::jobRecord, jobKey);
    }

    @Override
    default Optional<String> jobRequest(String jobKey) {
        return sql().one("SELECT request FROM jobs WHERE job_key = ? AND request IS NOT NULL", r -> r.getString(1),
                jobKey);
    }

    @Override
    default Optional<Integer> jobRateVersion(String jobKey) {
        return sql().one("SELECT rate_version FROM jobs WHERE job_key = ? AND rate_version IS NOT NULL",
                r -> r.getInt(1), jobKey);
    }

    @Override
    default List<Job> openLiensExpiredBy(long nowMillis, int limit) {
        return sql().list("SELECT " + Rows.JOB_COLUMNS
                + " FROM jobs WHERE lien_state = 'open' AND lien_expires_at_ms <= ?"
                + " ORDER BY lien_expires_at_ms LIMIT ?", Rows::job, nowMillis, limit);
    }

    @Override
    default List<Job> jobsAfter(String afterJobKey, int limit) {
        if (afterJobKey == null) {
            return sql().list("SELECT " + Rows.JOB_COLUMNS + " FROM jobs ORDER BY job_key LIMIT ?", Rows::job, limit);
        }
        return sql().list("SELECT " + Rows.JOB_COLUMNS + " FROM jobs WHERE job_key > ? ORDER BY job_key LIMIT ?",
                Rows::job, afterJobKey, limit);
    }

    @Override
    default List<Job> jobsNumbered(long jobId) {
        return sql().list("SELECT " + Rows.JOB_COLUMNS + " FROM jobs WHERE job_key LIKE ? ORDER BY job_key",
                Rows::job, "%/" + jobId + "/%");
    }

    @Override
    default List<Job> jobsOfArrayElement(JobArray element) {
        return sql().list("SELECT " + Rows.JOB_COLUMNS + " FROM jobs WHERE array_job_id = ? AND array_task_id = ?"
                + " ORDER BY job_key", Rows::job, element.arrayJobId(), element.taskId());
    }

    @Override
    default Optional<String> requestedAccount(String jobKey) {
        return sql().one("SELECT requested_account FROM jobs WHERE job_key = ? AND requested_account IS NOT NULL",
                r -> r.getString(1), jobKey);
    }
}
