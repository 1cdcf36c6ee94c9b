package org.allocd.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDomainDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.unix.DomainDatagramPacket;
import io.netty.channel.unix.DomainSocketAddress;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Talks to a real unix datagram socket, the way systemd listens on NOTIFY_SOCKET. */
class SystemdNotifierTest {
    /** Only bounds a broken run; nothing here asserts how fast anything is. */
    private static final long GIVE_UP_SECONDS = 60;

    @TempDir
    Path dir;
    private EventLoopGroup group;
    private Channel listener;
    private final BlockingQueue<String> datagrams = new LinkedBlockingQueue<>();

    @BeforeEach
    void listen() throws InterruptedException {
        Epoll.ensureAvailability();
        group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        listener = new Bootstrap().group(group).channel(EpollDomainDatagramChannel.class)
                .handler(new SimpleChannelInboundHandler<DomainDatagramPacket>() {
                    @Override
                    protected void channelRead0(ChannelHandlerContext context, DomainDatagramPacket packet) {
                        datagrams.add(packet.content().toString(StandardCharsets.UTF_8));
                    }
                })
                .bind(new DomainSocketAddress(dir.resolve("notify").toString())).sync().channel();
    }

    @AfterEach
    void stop() throws InterruptedException {
        listener.close().sync();
        group.shutdownGracefully(0, 0, TimeUnit.SECONDS).sync();
    }

    @Test
    void aChildUnderSystemdSendsReadyStatusWatchdogAndStopping() throws Exception {
        ProcessBuilder child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), NotifyProbe.class.getName());
        child.environment().put("NOTIFY_SOCKET", dir.resolve("notify").toString());
        child.environment().put("WATCHDOG_USEC", "200000");
        child.environment().remove("WATCHDOG_PID");
        Path output = dir.resolve("child.log");
        child.redirectErrorStream(true).redirectOutput(output.toFile());
        Process process = child.start();

        List<String> received = new ArrayList<>();
        receiveUntil("WATCHDOG=1", received, output);
        receiveUntil("STATUS=serving 3 accounts second line", received, output);
        process.getOutputStream().close();
        receiveUntil("STOPPING=1", received, output);

        assertEquals("READY=1", received.get(0), "READY=1 comes first, before any watchdog ping");
        assertEquals(List.of("READY=1", "STATUS=serving 3 accounts second line", "STOPPING=1"),
                received.stream().filter(d -> !d.equals("WATCHDOG=1")).toList());
        assertTrue(process.waitFor(GIVE_UP_SECONDS, TimeUnit.SECONDS), "the child did not exit");
        assertEquals(0, process.exitValue(), () -> childLog(output));
    }

    @Test
    void withoutNotifySocketEveryCallIsHarmless() {
        assertNull(System.getenv("NOTIFY_SOCKET"), "run the tests outside a systemd Type=notify unit");
        try (SystemdNotifier notifier = SystemdNotifier.fromEnvironment()) {
            assertFalse(notifier.active());
            notifier.ready();
            notifier.status("nothing listens");
            notifier.stopping();
        }
        assertNull(datagrams.poll());
    }

    /** Adds datagrams to {@code received} until {@code wanted} is among them. */
    private void receiveUntil(String wanted, List<String> received, Path childOutput) throws InterruptedException {
        while (!received.contains(wanted)) {
            String datagram = datagrams.poll(GIVE_UP_SECONDS, TimeUnit.SECONDS);
            assertNotNull(datagram, () -> "no " + wanted + " from the child after " + received + "; its output:\n"
                    + childLog(childOutput));
            received.add(datagram);
        }
    }

    private static String childLog(Path output) {
        try {
            return Files.readString(output);
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }
}
