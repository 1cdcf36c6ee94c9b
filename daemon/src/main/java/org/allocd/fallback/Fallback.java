package org.allocd.fallback;

/** An account's fallback: where its jobs are charged when it cannot cover them; qos null = leave the job's QOS. */
public record Fallback(long accountId, long fallbackAccountId, String qos) {
}
