package org.allocd.systemd;

import java.io.IOException;

/** Run by {@link SystemdNotifierTest} in a child JVM with NOTIFY_SOCKET set: plays a daemon's life until stdin closes. */
public final class NotifyProbe {
    private NotifyProbe() {}

    public static void main(String[] args) throws IOException {
        try (SystemdNotifier notifier = SystemdNotifier.fromEnvironment()) {
            if (!notifier.active()) {
                System.exit(3);
            }
            notifier.ready();
            notifier.status("serving 3 accounts\nsecond line");
            while (System.in.read() >= 0) {
                // The parent closes stdin once it has seen what it waits for.
            }
            notifier.stopping();
        }
    }
}
