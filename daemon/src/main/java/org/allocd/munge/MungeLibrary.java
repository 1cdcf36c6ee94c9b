package org.allocd.munge;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;

/** The few libmunge calls allocd needs (munge.h); Debian's libmunge2 ships libmunge.so.2. */
interface MungeLibrary extends Library {
    int OPT_TTL = 4;
    int OPT_SOCKET = 8;

    int SUCCESS = 0;
    int SOCKET = 6;
    int CRED_INVALID = 14;
    int CRED_EXPIRED = 15;
    int CRED_REWOUND = 16;
    int CRED_REPLAYED = 17;

    Pointer munge_ctx_create();

    void munge_ctx_destroy(Pointer ctx);

    /** Variadic in C: a String for OPT_SOCKET, an int for OPT_TTL. */
    int munge_ctx_set(Pointer ctx, int option, Object... value);

    String munge_ctx_strerror(Pointer ctx);

    String munge_strerror(int error);

    int munge_encode(PointerByReference cred, Pointer ctx, byte[] payload, int length);

    int munge_decode(String cred, Pointer ctx, PointerByReference payload, IntByReference length,
            IntByReference uid, IntByReference gid);

    /** Loads libmunge.so.2 (libmunge2; the unversioned name only comes with libmunge-dev), or says what to install. */
    static MungeLibrary load() {
        try {
            return Native.load("libmunge.so.2", MungeLibrary.class);
        } catch (UnsatisfiedLinkError first) {
            try {
                return Native.load("munge", MungeLibrary.class);
            } catch (UnsatisfiedLinkError e) {
                throw new MungeException(MungeException.Kind.UNAVAILABLE, "libmunge is not installed on this host"
                        + " (Debian: apt-get install libmunge2 munge): " + e.getMessage());
            }
        }
    }
}
