package org.allocd.munge;

/** MUNGE refused to make or to accept a credential; expected, so no stack trace. */
public final class MungeException extends RuntimeException {
    /** What went wrong, as a client or an admin would act on it. */
    public enum Kind {
        /** libmunge missing, or munged not reachable on its socket. */
        UNAVAILABLE,
        /** The credential was already decoded once. */
        REPLAYED,
        /** Past its time-to-live (or from a clock ahead of this one). */
        EXPIRED,
        /** Not made with this host's MUNGE key, or damaged. */
        INVALID,
        /** Anything else libmunge reports. */
        OTHER
    }

    private final Kind kind;

    public MungeException(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
