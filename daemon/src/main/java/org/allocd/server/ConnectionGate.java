package org.allocd.server;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.unix.PeerCredentials;
import io.netty.handler.timeout.IdleStateHandler;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.allocd.errors.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * First handler of every new connection: enforces the connection limit and the {@link PeerPolicy},
 * then replaces itself with the request pipeline, which thus always knows its {@link Peer}.
 * Nothing is read before this runs, because reading starts after channelActive has passed.
 */
@ChannelHandler.Sharable
final class ConnectionGate extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(ConnectionGate.class);

    private final ServerState state;

    ConnectionGate(ServerState state) {
        this.state = state;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        SocketConfig config = state.config;
        int open = state.connections.incrementAndGet();
        ctx.channel().closeFuture().addListener(closed -> state.connections.decrementAndGet());
        if (open > config.maxConnections()) {
            log.warn("{} socket: {} connections are open, the limit is {}; closing a new one",
                    config.name(), open - 1, config.maxConnections());
            ctx.close();
            return;
        }
        Peer peer;
        Optional<String> refusal;
        try {
            peer = peer(ctx.channel());
            refusal = config.peerPolicy().refusal(peer);
        } catch (IOException | RuntimeException e) {
            log.warn("{} socket: closing a connection whose peer could not be checked: {}", config.name(), e.toString());
            ctx.close();
            return;
        }
        if (refusal.isPresent()) {
            log.warn("{} socket: refused {}: {}", config.name(), peer, refusal.get());
            byte[] payload = state.codec.encode(
                    Answers.error(state.codec, null, ErrorCode.FORBIDDEN, refusal.get()));
            ctx.writeAndFlush(Framing.frame(payload)).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        state.channels.add(ctx.channel());
        ctx.pipeline().addLast(
                new IdleStateHandler(0, 0, config.idleTimeoutMillis(), TimeUnit.MILLISECONDS),
                new FrameDecoder(state, peer),
                new RequestDispatcher(state, peer));
        ctx.fireChannelActive();
        ctx.pipeline().remove(this);
    }

    /** A unix socket's peer by its credentials; a TCP door's by its address (the uid comes per request). */
    private static Peer peer(Channel channel) throws IOException {
        if (channel instanceof EpollDomainSocketChannel unix) {
            PeerCredentials credentials = unix.peerCredentials();
            int[] gids = credentials.gids();
            return new Peer(credentials.uid(), gids.length > 0 ? gids[0] : -1, credentials.pid());
        }
        InetSocketAddress address = (InetSocketAddress) channel.remoteAddress();
        return Peer.remote(address.getAddress().getHostAddress() + ":" + address.getPort());
    }
}
