package org.allocd.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.allocd.errors.ErrorCode;
import org.allocd.munge.Munge;
import org.allocd.munge.MungeException;
import org.allocd.protocol.Replies;
import org.allocd.server.JsonCodec;
import org.allocd.server.Peer;
import org.allocd.server.RequestHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TCP door's handler: opens each sealed request ({@link RequestSeal}), has the local munged check its
 * credential, and hands the request to the admin socket's own handler as if the credential's uid had
 * connected there, so every operation, role and limit is the unix socket's. Nothing reaches the admin
 * handler unless munged accepted the credential and its hash matches the request bytes.
 */
public final class RemoteRequests implements RequestHandler {
    private static final Logger log = LoggerFactory.getLogger(RemoteRequests.class);
    /** A credential is base64 of a few hundred bytes; this leaves room for munged's larger ciphers. */
    private static final int MAX_CREDENTIAL_CHARS = 4096;

    private final Munge munge;
    private final RequestHandler admin;
    private final Executor doorThreads;
    private final JsonCodec codec;
    private final int maxRequestBytes;
    private final PeerRate rate;

    /**
     * @param admin           the unix admin socket's handler
     * @param doorThreads     the door's own threads: each checks a credential (a call to munged blocks) and
     *                        holds its request until the admin handler has answered it
     * @param maxRequestBytes the admin socket's payload limit, applied to the request inside the seal
     * @param perHostPerSecond requests a second one client host may send on average
     */
    public RemoteRequests(Munge munge, RequestHandler admin, Executor doorThreads, int maxRequestBytes,
            int perHostPerSecond) {
        this.munge = munge;
        this.admin = admin;
        this.doorThreads = doorThreads;
        this.codec = new JsonCodec(maxRequestBytes);
        this.maxRequestBytes = maxRequestBytes;
        this.rate = new PeerRate(perHostPerSecond, System::nanoTime);
    }

    /** The largest frame the door takes: a request of the admin limit in base64, plus the credential. */
    public static int maxSealedBytes(int maxRequestBytes) {
        return (maxRequestBytes + 2) / 3 * 4 + MAX_CREDENTIAL_CHARS + 256;
    }

    @Override
    public CompletableFuture<ObjectNode> handle(Peer peer, ObjectNode sealed) {
        String host = host(peer);
        if (!rate.take(host)) {
            log.warn("remote door: refused a request from {}: over the per-host rate", host);
            return CompletableFuture.completedFuture(refusal(ErrorCode.RATE_LIMITED, host + " sends more requests than"
                    + " allocd takes from one host (admin_listen_rate a second); wait a moment and try again"));
        }
        String credential = sealed.path(RequestSeal.CREDENTIAL).asText("");
        byte[] request;
        try {
            request = Base64.getDecoder().decode(sealed.path(RequestSeal.REQUEST).asText(""));
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(refusal(ErrorCode.BAD_REQUEST,
                    "\"request\" must be the request's bytes in base64: " + e.getMessage()));
        }
        if (credential.isEmpty() || credential.length() > MAX_CREDENTIAL_CHARS || request.length == 0) {
            return CompletableFuture.completedFuture(refusal(ErrorCode.UNAUTHENTICATED, "this port takes only sealed"
                    + " requests: {\"credential\": a MUNGE credential, \"request\": base64 bytes}; use allocmgr"
                    + " with ALLOCD_SERVER or /etc/allocd/allocmgr.conf"));
        }
        if (request.length > maxRequestBytes) {
            return CompletableFuture.completedFuture(refusal(ErrorCode.BAD_REQUEST, "the request is " + request.length
                    + " bytes, more than the admin limit of " + maxRequestBytes));
        }
        try {
            return CompletableFuture.supplyAsync(() -> answer(peer, credential, request), doorThreads);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.completedFuture(refusal(ErrorCode.BUSY, "allocd is at its queue limit; try again shortly"));
        }
    }

    /**
     * Runs on a door thread and waits there for the admin handler's answer, so remote requests never hold more
     * of the shared work threads than the door has threads.
     */
    private ObjectNode answer(Peer peer, String credential, byte[] request) {
        Opened opened = open(peer, credential, request);
        return opened.refusal != null ? opened.refusal : admin.handle(opened.caller, opened.request).join();
    }

    /** Either the proven caller and the request, or the refusal to send. */
    private record Opened(Peer caller, ObjectNode request, ObjectNode refusal) {}

    private Opened open(Peer peer, String credential, byte[] request) {
        Munge.Decoded decoded;
        try {
            decoded = munge.decode(credential);
        } catch (MungeException e) {
            log.warn("remote door: refused a request from {}: {}", peer, e.getMessage());
            return refused(e.kind() == MungeException.Kind.UNAVAILABLE
                    ? refusal(ErrorCode.UNAVAILABLE, "allocd cannot check MUNGE credentials now: " + e.getMessage())
                    : refusal(ErrorCode.UNAUTHENTICATED, e.getMessage()));
        }
        if (!Arrays.equals(decoded.payload(), RequestSeal.binding(request))) {
            log.warn("remote door: refused a request from {} (uid {}): the credential was made for other bytes",
                    peer, decoded.uid());
            return refused(refusal(ErrorCode.UNAUTHENTICATED, "the credential was made for another request (its hash does"
                    + " not match these bytes); nothing was done"));
        }
        ObjectNode parsed;
        try {
            parsed = codec.parseRequest(request);
        } catch (JsonCodec.BadRequestException e) {
            return refused(refusal(ErrorCode.BAD_REQUEST, e.getMessage()));
        }
        JsonNode op = parsed.get("op");
        log.debug("remote door: {} from uid {} at {}", op == null ? "?" : op.asText(), decoded.uid(), peer);
        return new Opened(new Peer(decoded.uid(), decoded.gid(), -1, peer.address()), parsed, null);
    }

    private static Opened refused(ObjectNode refusal) {
        return new Opened(null, null, refusal);
    }

    private static ObjectNode refusal(ErrorCode code, String message) {
        return Replies.error(code, message);
    }

    private static String host(Peer peer) {
        String address = peer.address() == null ? "" : peer.address();
        int colon = address.lastIndexOf(':');
        return colon < 0 ? address : address.substring(0, colon);
    }
}
