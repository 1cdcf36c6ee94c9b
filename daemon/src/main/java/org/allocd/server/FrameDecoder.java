package org.allocd.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;
import org.allocd.errors.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cuts the byte stream into payloads. A bad header gets one "bad_frame" answer and the connection is
 * closed; an oversize body is never read, so a client cannot make the daemon buffer it.
 */
final class FrameDecoder extends ByteToMessageDecoder {
    private static final Logger log = LoggerFactory.getLogger(FrameDecoder.class);

    private final ServerState state;
    private final Peer peer;
    private boolean broken;

    FrameDecoder(ServerState state, Peer peer) {
        this.state = state;
        this.peer = peer;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (broken) {
            in.skipBytes(in.readableBytes());
            return;
        }
        String problem = Framing.headerProblem(in, state.config.maxPayloadBytes());
        if (problem != null) {
            refuse(ctx, in, problem);
            return;
        }
        if (in.readableBytes() < Framing.HEADER_BYTES) {
            return;
        }
        // headerProblem() bounded the length by maxPayloadBytes, an int.
        int payloadBytes = (int) Framing.payloadLength(in);
        if (in.readableBytes() < Framing.HEADER_BYTES + payloadBytes) {
            return;
        }
        in.skipBytes(Framing.HEADER_BYTES);
        out.add(in.readRetainedSlice(payloadBytes));
    }

    private void refuse(ChannelHandlerContext ctx, ByteBuf in, String problem) {
        broken = true;
        in.skipBytes(in.readableBytes());
        ctx.channel().config().setAutoRead(false);
        log.info("{} socket: closing connection from {}: {}", state.config.name(), peer, problem);
        byte[] payload = state.codec.encode(Answers.error(state.codec, null, ErrorCode.BAD_FRAME, problem));
        ctx.writeAndFlush(Framing.frame(payload)).addListener(ChannelFutureListener.CLOSE);
    }
}
