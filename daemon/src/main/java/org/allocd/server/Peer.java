package org.allocd.server;

/**
 * The process at the other end of a connection: on a unix socket as the kernel reports it (SO_PEERCRED);
 * on a TCP door only its address (uid, gid and pid -1), since the uid there comes with each request.
 */
public record Peer(int uid, int gid, int pid, String address) {
    public Peer(int uid, int gid, int pid) {
        this(uid, gid, pid, null);
    }

    /** A TCP peer, known by its address only. */
    public static Peer remote(String address) {
        return new Peer(-1, -1, -1, address);
    }

    @Override
    public String toString() {
        return address != null ? address : "uid " + uid + " gid " + gid + " pid " + pid;
    }
}
