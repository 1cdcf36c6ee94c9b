package org.allocd.protocol;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import org.allocd.access.AccessDenied;
import org.allocd.errors.ErrorCode;
import org.allocd.ledger.LedgerException;
import org.allocd.ledger.MicroSu;
import org.allocd.ledger.OpResult;
import org.allocd.store.StoreBusyException;
import org.allocd.store.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds handlers' answers, and turns every failure into the error answer a client can act on. */
public final class Replies {
    private static final Logger log = LoggerFactory.getLogger(Replies.class);

    private Replies() {}

    public static ObjectNode ok() {
        return JsonNodeFactory.instance.objectNode().put("ok", true);
    }

    public static ObjectNode error(ErrorCode code, String message) {
        return JsonNodeFactory.instance.objectNode().put("ok", false).put("error", code.code()).put("message", message);
    }

    public static ObjectNode of(OpResult result) {
        return ok().put("amount_micro_su", result.amountMicroSu()).put("amount_su", MicroSu.format(result.amountMicroSu()))
                .put("detail", result.detail()).put("replayed", result.replayed());
    }

    /** Expected failures become their own error codes; anything else is "internal" with one log line. */
    public static ObjectNode failure(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof LedgerException e) {
            return error(e.refusal().errorCode(), e.getMessage());
        }
        if (cause instanceof AccessDenied e) {
            return error(ErrorCode.FORBIDDEN, e.getMessage());
        }
        if (cause instanceof BadRequest || cause instanceof IllegalArgumentException
                || cause instanceof ArithmeticException) {
            return error(ErrorCode.BAD_REQUEST, cause.getMessage());
        }
        if (cause instanceof StoreBusyException || cause instanceof RejectedExecutionException) {
            return error(ErrorCode.BUSY, "allocd is at its queue limit; try again shortly");
        }
        if (cause instanceof StoreUnavailableException e) {
            return error(ErrorCode.STORE_UNAVAILABLE, e.getMessage());
        }
        log.error("request failed unexpectedly: {}", cause.toString());
        return error(ErrorCode.INTERNAL, "allocd failed to handle the request: " + cause);
    }
}
