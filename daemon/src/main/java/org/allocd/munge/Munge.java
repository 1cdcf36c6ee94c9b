package org.allocd.munge;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import java.nio.file.Path;

/**
 * Credentials from and to the local munged (through libmunge), the way Slurm's tools prove a uid to
 * slurmdbd. A context per call: libmunge contexts must not be shared between threads.
 */
public final class Munge implements MungeEncoder {
    /** Payloads here are a hash line; anything longer is not ours. */
    private static final int MAX_PAYLOAD_BYTES = 1024;

    private final MungeLibrary lib;
    private final Path socket;

    private Munge(MungeLibrary lib, Path socket) {
        this.lib = lib;
        this.socket = socket;
    }

    /** Talks to the munged on {@code socket}; fails with UNAVAILABLE when libmunge is not installed. */
    public static Munge at(Path socket) {
        return new Munge(MungeLibrary.load(), socket);
    }

    public Path socket() {
        return socket;
    }

    @Override
    public String encode(byte[] payload, int ttlSeconds) {
        Pointer ctx = context();
        try {
            if (ttlSeconds > 0) {
                check(lib.munge_ctx_set(ctx, MungeLibrary.OPT_TTL, ttlSeconds), ctx, "setting the time-to-live");
            }
            PointerByReference cred = new PointerByReference();
            check(lib.munge_encode(cred, ctx, payload, payload.length), ctx, "making a credential");
            try {
                return cred.getValue().getString(0, "US-ASCII");
            } finally {
                Native.free(Pointer.nativeValue(cred.getValue()));
            }
        } finally {
            lib.munge_ctx_destroy(ctx);
        }
    }

    /** What munged vouches for: the uid and gid that made the credential, and its payload. */
    public record Decoded(int uid, int gid, byte[] payload) {}

    /** Checks a credential with munged; refuses a replayed, expired or foreign one with its kind. */
    public Decoded decode(String credential) {
        Pointer ctx = context();
        PointerByReference payload = new PointerByReference();
        try {
            IntByReference length = new IntByReference();
            IntByReference uid = new IntByReference();
            IntByReference gid = new IntByReference();
            int error = lib.munge_decode(credential, ctx, payload, length, uid, gid);
            check(error, ctx, "checking a credential");
            int bytes = length.getValue();
            if (bytes < 0 || bytes > MAX_PAYLOAD_BYTES) {
                throw new MungeException(MungeException.Kind.INVALID, "the credential's payload is " + bytes
                        + " bytes; allocd's are a short hash line");
            }
            byte[] data = bytes == 0 ? new byte[0] : payload.getValue().getByteArray(0, bytes);
            return new Decoded(uid.getValue(), gid.getValue(), data);
        } finally {
            if (payload.getValue() != null) {
                Native.free(Pointer.nativeValue(payload.getValue()));
            }
            lib.munge_ctx_destroy(ctx);
        }
    }

    private Pointer context() {
        Pointer ctx = lib.munge_ctx_create();
        if (ctx == null) {
            throw new MungeException(MungeException.Kind.OTHER, "libmunge could not create a context (out of memory)");
        }
        int error = lib.munge_ctx_set(ctx, MungeLibrary.OPT_SOCKET, socket.toString());
        if (error != MungeLibrary.SUCCESS) {
            lib.munge_ctx_destroy(ctx);
            check(error, null, "naming munged's socket");
        }
        return ctx;
    }

    private void check(int error, Pointer ctx, String doing) {
        if (error == MungeLibrary.SUCCESS) {
            return;
        }
        String detail = ctx == null ? null : lib.munge_ctx_strerror(ctx);
        String text = detail != null ? detail : lib.munge_strerror(error);
        throw MungeException.refused(error, doing, text, socket);
    }
}
