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

    /** libmunge's error code (munge.h, also the munge command's exit status) as a refusal of {@code doing}. */
    static MungeException refused(int error, String doing, String text, java.nio.file.Path socket) {
        Kind kind = switch (error) {
            case MungeLibrary.SOCKET -> Kind.UNAVAILABLE;
            case MungeLibrary.CRED_REPLAYED -> Kind.REPLAYED;
            case MungeLibrary.CRED_EXPIRED, MungeLibrary.CRED_REWOUND -> Kind.EXPIRED;
            case MungeLibrary.CRED_INVALID -> Kind.INVALID;
            default -> Kind.OTHER;
        };
        String hint = kind == Kind.UNAVAILABLE
                ? "; is munged running here with its socket at " + socket + "? (systemctl status munge)" : "";
        return new MungeException(kind, "MUNGE refused " + doing + ": " + text + hint);
    }

    public MungeException(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
