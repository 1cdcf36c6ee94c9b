package org.allocd.systemd;

import com.sun.jna.Library;
import com.sun.jna.ptr.LongByReference;

/** The two functions of libsystemd.so.0 allocd uses (see sd_notify(3), sd_watchdog_enabled(3)). */
interface LibSystemd extends Library {
    /** Returns > 0 when sent, 0 when NOTIFY_SOCKET is unset, -errno on failure. */
    int sd_notify(int unsetEnvironment, String state);

    /** Returns > 0 and the interval in {@code usec} when systemd expects WATCHDOG=1 pings from this process. */
    int sd_watchdog_enabled(int unsetEnvironment, LongByReference usec);
}
