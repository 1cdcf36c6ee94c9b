package org.allocd.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.timeout.IdleStateEvent;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import org.allocd.errors.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One per connection: parses each payload, hands it to the {@link RequestHandler} and writes the
 * answer whenever its future completes, so pipelined requests are answered in completion order.
 * Fields are touched only on the connection's event loop.
 */
final class RequestDispatcher extends SimpleChannelInboundHandler<ByteBuf> {
    private static final Logger log = LoggerFactory.getLogger(RequestDispatcher.class);

    private final ServerState state;
    private final Peer peer;
    /** Requests on this connection whose answer is not yet written to the socket. */
    private int inFlight;
    /** The client shut down its sending side; close once the last answer is written. */
    private boolean inputClosed;

    RequestDispatcher(ServerState state, Peer peer) {
        this.state = state;
        this.peer = peer;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ByteBuf payload) {
        ObjectNode request;
        try {
            request = state.codec.parseRequest(ByteBufUtil.getBytes(payload));
        } catch (JsonCodec.BadRequestException e) {
            answerNow(ctx, null, ErrorCode.BAD_REQUEST, e.getMessage());
            return;
        }
        JsonNode id = request.get("id");
        if (id != null && !id.isTextual() && !id.isNumber()) {
            answerNow(ctx, null, ErrorCode.BAD_REQUEST,
                    "\"id\" must be a string or a number, got " + JsonCodec.describe(id));
            return;
        }
        if (state.draining) {
            answerNow(ctx, id, ErrorCode.SHUTTING_DOWN, "allocd is shutting down and takes no new requests");
            return;
        }
        if (inFlight >= state.config.maxInFlightPerConnection()) {
            answerNow(ctx, id, ErrorCode.BUSY, "this connection already has " + inFlight
                    + " requests in flight; read some answers before sending more");
            return;
        }
        inFlight++;
        state.inFlight.incrementAndGet();
        CompletableFuture<ObjectNode> answer;
        try {
            answer = state.handler.handle(peer, request);
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        if (answer == null) {
            answer = CompletableFuture.failedFuture(new IllegalStateException("the handler returned no future"));
        }
        // Encoding runs on whichever thread completes the future, keeping big answers off the event loop.
        answer.whenComplete((result, failure) -> writeAnswer(ctx, encodeAnswer(id, result, failure)));
    }

    private byte[] encodeAnswer(JsonNode id, ObjectNode result, Throwable failure) {
        String problem;
        if (failure != null) {
            problem = describe(failure);
        } else if (result == null) {
            problem = "the handler completed without an answer";
        } else {
            try {
                byte[] payload = state.codec.encode(Answers.success(state.codec, id, result));
                if (payload.length <= state.config.maxPayloadBytes()) {
                    return payload;
                }
                problem = "the answer is " + payload.length + " bytes, more than this socket's limit of "
                        + state.config.maxPayloadBytes() + " bytes";
            } catch (RuntimeException e) {
                // e.g. a POJO node in the answer that Jackson cannot write
                problem = describe(e);
            }
        }
        log.warn("{} socket: request from {} failed: {}", state.config.name(), peer, problem);
        return state.codec.encode(Answers.error(state.codec, id, ErrorCode.INTERNAL, "request failed: " + problem));
    }

    private void writeAnswer(ChannelHandlerContext ctx, byte[] payload) {
        // An answer made on the event loop (a QUOTE from memory) is written at once: a queued task would cost
        // a second pass through the loop's task queue per request.
        if (ctx.executor().inEventLoop()) {
            write(ctx, payload);
            return;
        }
        try {
            ctx.executor().execute(() -> write(ctx, payload));
        } catch (RejectedExecutionException e) {
            // The event loop group is already shut down; the connection is gone with it.
            state.inFlight.decrementAndGet();
        }
    }

    private void write(ChannelHandlerContext ctx, byte[] payload) {
        ctx.writeAndFlush(Framing.frame(payload)).addListener(written -> {
            inFlight--;
            state.inFlight.decrementAndGet();
            if (!written.isSuccess()) {
                log.debug("{} socket: answer to {} not delivered: {}", state.config.name(), peer,
                        written.cause().toString());
            }
            closeIfDone(ctx);
        });
    }

    private void answerNow(ChannelHandlerContext ctx, JsonNode id, ErrorCode code, String message) {
        ctx.writeAndFlush(Framing.frame(state.codec.encode(Answers.error(state.codec, id, code, message))));
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof ChannelInputShutdownEvent) {
            inputClosed = true;
            closeIfDone(ctx);
        } else if (event instanceof IdleStateEvent) {
            // A request still with the handler keeps the connection; an answer the client does not read does not.
            if (inFlight == 0 || !ctx.channel().isWritable()) {
                log.debug("{} socket: closing idle connection from {}", state.config.name(), peer);
                ctx.close();
            }
        } else {
            super.userEventTriggered(ctx, event);
        }
    }

    private void closeIfDone(ChannelHandlerContext ctx) {
        if (inputClosed && inFlight == 0) {
            ctx.close();
        }
    }

    /** Stop reading while the client does not read its answers, so queued answers stay bounded. */
    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        ctx.channel().config().setAutoRead(ctx.channel().isWritable());
        super.channelWritabilityChanged(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException) {
            log.debug("{} socket: connection from {} failed: {}", state.config.name(), peer, cause.toString());
        } else {
            log.warn("{} socket: closing connection from {}: {}", state.config.name(), peer, describe(cause));
        }
        ctx.close();
    }

    private static String describe(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null
                ? cause.getClass().getSimpleName()
                : cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }
}
