package org.allocd.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import org.allocd.access.Caller;
import org.allocd.ledger.Operation;

/**
 * One operation allocd answers, as the registry names it: the door it comes through, whether it
 * writes, who may call it, its help line, the allocmgr command and the HTTP path that send it (null
 * when none does; a read is a GET, a write a POST), its request and answer fields, and its handler.
 * Dispatch, role checks, metrics labels, HTTP routes, the OpenAPI document and allocmgr help are all
 * made from these. A Read takes the request's fields and answers JSON (rows, or one object); a Write
 * turns them into a ledger Operation, answered as its OpResult (amount, detail, replayed); a Hook
 * answers a future of JSON.
 */
public record Op(String name, Door door, Effect effect, Rule rule, String summary, String verb, String httpPath,
        Shape shape, Handler handler) {

    /** The HTTP method of its path: reads are GETs, writes POSTs. */
    public String httpMethod() {
        return effect == Effect.READ ? "GET" : "POST";
    }

    /** Where a request comes from; also the "socket" label of the request metrics. */
    public enum Door {
        /** The Slurm hooks (root and SlurmUser only); the socket's peer policy is its rule. */
        HOOK,
        /** allocmgr's socket; the HTTP API and other doors call the same dispatch with their caller. */
        ADMIN;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public enum Effect {
        /** Changes nothing; answered from a read. */
        READ,
        /** A ledger operation, idempotent by its key, written through the ledger's writer. */
        WRITE;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** What runs an operation; one of the three shapes below. */
    public interface Handler {}

    /** An admin read: the answer, built on a work thread after the rule let the caller through. */
    @FunctionalInterface
    public interface Read extends Handler {
        ObjectNode answer(AdminRequests admin, Caller caller, ObjectNode request);
    }

    /** An admin write: the ledger operation the request asks for, keyed and signed by the caller. */
    @FunctionalInterface
    public interface Write extends Handler {
        Operation operation(AdminRequests admin, ObjectNode request, String key, String actor);
    }

    /** A hook op: its answer, started on the socket's event loop (see RequestHandler: never block). */
    @FunctionalInterface
    public interface Hook extends Handler {
        CompletableFuture<ObjectNode> answer(HookRequests hooks, ObjectNode request);
    }
}
