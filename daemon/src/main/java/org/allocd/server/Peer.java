package org.allocd.server;

/** The process at the other end of a unix socket connection, as the kernel reports it (SO_PEERCRED). */
public record Peer(int uid, int gid, int pid) {
    @Override
    public String toString() {
        return "uid " + uid + " gid " + gid + " pid " + pid;
    }
}
