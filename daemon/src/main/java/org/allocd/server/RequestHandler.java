package org.allocd.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.CompletableFuture;

/**
 * Answers parsed requests. The server calls {@link #handle} on a network thread that also serves
 * every other client of the socket, so handle() must only start the work (e.g. hand it to an
 * executor or the ledger's writer queue) and return; blocking in handle() stalls job submission.
 *
 * <p>The returned answer gets {@code "ok":true} if it has no "ok" field, and the request's "id" is
 * copied into it; "id" belongs to the transport, so an "id" field of the handler's answer is dropped. An exception thrown by handle(), a failed future or a null answer becomes
 * {@code {"ok":false,"error":"internal"}}. The server does not mutate the returned object.
 */
@FunctionalInterface
public interface RequestHandler {
    CompletableFuture<ObjectNode> handle(Peer peer, ObjectNode request);
}
