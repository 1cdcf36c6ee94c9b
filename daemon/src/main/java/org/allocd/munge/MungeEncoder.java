package org.allocd.munge;

/**
 * Makes MUNGE credentials of this process's uid through the local munged: libmunge ({@link Munge}, in allocd and
 * its tests) or Debian's munge command ({@link MungeCommand}, in allocmgr, which starts faster).
 */
public interface MungeEncoder {
    /** The socket Debian's munged listens on. */
    java.nio.file.Path DEFAULT_SOCKET = java.nio.file.Path.of("/run/munge/munge.socket.2");

    /** A credential carrying {@code payload}, valid for ttlSeconds (0: munged's default). */
    String encode(byte[] payload, int ttlSeconds);
}
