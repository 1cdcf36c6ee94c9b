package org.allocd.server;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.TimeUnit;

/** The epoll threads that every {@link UnixSocketServer} of the daemon shares. */
public final class EventLoops {
    private EventLoops() {}

    /** A group of {@code threads} epoll event loops; fails at once if the native transport cannot load. */
    public static EventLoopGroup epoll(int threads) {
        return epoll(threads, "allocd-io");
    }

    /** The same with its own thread name, for a server that must not share the hook socket's threads. */
    public static EventLoopGroup epoll(int threads, String threadName) {
        if (threads < 1) {
            throw new IllegalArgumentException("event loop threads is " + threads + "; it must be at least 1");
        }
        Epoll.ensureAvailability();
        return new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory(threadName), EpollIoHandler.newFactory());
    }

    /** Stops the group after its servers are closed; waits at most {@code timeoutMillis}. */
    public static void shutdown(EventLoopGroup group, long timeoutMillis) {
        group.shutdownGracefully(0, timeoutMillis, TimeUnit.MILLISECONDS).awaitUninterruptibly(timeoutMillis);
    }
}
