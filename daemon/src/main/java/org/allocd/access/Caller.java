package org.allocd.access;

/** Who is asking, as the daemon decided it (peer uid or API key), never as the client claimed. */
public record Caller(String user, boolean admin) {
}
