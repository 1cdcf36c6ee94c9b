package org.allocd.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.allocd.charge.JobRequest;

/** A job's request as the text the ledger keeps with its lien, and back. */
public final class JobRequests {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JobRequests() {}

    static String toText(JobRequest request) {
        try {
            return JSON.writeValueAsString(request);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a job request always serializes: " + e.getMessage(), e);
        }
    }

    public static JobRequest fromText(String text) {
        try {
            return JSON.readValue(text, JobRequest.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the stored request of a job is not readable: " + e.getOriginalMessage());
        }
    }

    /** The same request with another time limit. */
    static JobRequest withTimeLimit(JobRequest r, long timeLimitSeconds) {
        return new JobRequest(r.partition(), r.qos(), r.cpus(), r.memoryBytes(), r.gpus(), r.nodes(), r.exclusive(),
                timeLimitSeconds, r.nodeClasses());
    }
}
