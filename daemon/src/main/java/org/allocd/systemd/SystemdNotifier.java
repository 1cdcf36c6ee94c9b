package org.allocd.systemd;

import com.sun.jna.Native;
import com.sun.jna.ptr.LongByReference;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells systemd how allocd is doing (Type=notify): READY=1 once the sockets accept work, STATUS= lines for
 * {@code systemctl status}, STOPPING=1 on shutdown, and WATCHDOG=1 pings when the unit sets WatchdogSec.
 * Outside systemd (NOTIFY_SOCKET unset) every call does nothing, so the daemon runs the same from a shell.
 */
public final class SystemdNotifier implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SystemdNotifier.class);

    /** Null when notifications are off. */
    private final LibSystemd systemd;
    private ScheduledExecutorService watchdog;

    private SystemdNotifier(LibSystemd systemd) {
        this.systemd = systemd;
    }

    /** A notifier for this process: active when started by systemd with NOTIFY_SOCKET and libsystemd is present. */
    public static SystemdNotifier fromEnvironment() {
        String socket = System.getenv("NOTIFY_SOCKET");
        if (socket == null || socket.isEmpty()) {
            log.debug("NOTIFY_SOCKET is not set: not started by systemd, notifications off");
            return new SystemdNotifier(null);
        }
        try {
            return new SystemdNotifier(Native.load("systemd", LibSystemd.class));
        } catch (LinkageError missing) {
            // systemd waits for READY=1 and fails the start after TimeoutStartSec: say why, loudly.
            log.warn("NOTIFY_SOCKET is set but libsystemd cannot be loaded ({}); systemd will not hear READY=1."
                    + " Install libsystemd0 or set Type=simple", missing.getMessage());
            return new SystemdNotifier(null);
        }
    }

    /** Whether notifications reach systemd. */
    public boolean active() {
        return systemd != null;
    }

    /** allocd accepts work; also starts the watchdog pings, which systemd checks from this point on. */
    public synchronized void ready() {
        send("READY=1");
        startWatchdog();
    }

    /** One line shown by {@code systemctl status allocd}. */
    public void status(String text) {
        send("STATUS=" + text.replace('\n', ' '));
    }

    /** allocd has begun to shut down; systemd stops expecting it to serve. */
    public void stopping() {
        send("STOPPING=1");
    }

    /** Stops the watchdog pings. */
    @Override
    public synchronized void close() {
        if (watchdog != null) {
            watchdog.shutdownNow();
            watchdog = null;
        }
    }

    private void startWatchdog() {
        if (systemd == null || watchdog != null) {
            return;
        }
        LongByReference intervalMicros = new LongByReference();
        if (systemd.sd_watchdog_enabled(0, intervalMicros) <= 0) {
            return;
        }
        // Half the interval, as sd_watchdog_enabled(3) advises, so one late ping does not get allocd killed.
        long pingMicros = Math.max(1, intervalMicros.getValue() / 2);
        watchdog = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "systemd-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        watchdog.scheduleAtFixedRate(() -> send("WATCHDOG=1"), 0, pingMicros, TimeUnit.MICROSECONDS);
        log.debug("pinging the systemd watchdog every {} ms", pingMicros / 1000);
    }

    private void send(String state) {
        if (systemd == null) {
            return;
        }
        int result = systemd.sd_notify(0, state);
        if (result < 0) {
            log.warn("sd_notify({}) failed with errno {}", state, -result);
        }
    }
}
