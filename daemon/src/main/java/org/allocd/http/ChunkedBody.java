package org.allocd.http;

import java.util.concurrent.CompletableFuture;

/**
 * A page's body made a chunk at a time (a download of any size): the server asks for the next chunk only when
 * the one before it has gone out to the client, so one chunk is held at a time however long the body is.
 */
public interface ChunkedBody {
    /**
     * The next chunk (not empty), or null when the body is complete. Called on a network thread, so the chunk
     * must be made on a thread of the body's own; called again only after the future completed.
     */
    CompletableFuture<byte[]> next();

    /** The client went away or the body failed: nothing more will be asked; release what the body holds. */
    void abandon();
}
