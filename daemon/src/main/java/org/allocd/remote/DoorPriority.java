package org.allocd.remote;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.util.concurrent.ThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TCP door's threads run at a lower priority than the rest of allocd: with many remote clients, the hook
 * socket's event loop, which Slurm's submissions wait on, gets the CPU first whenever both want it, and a remote
 * read takes a little longer instead. Linux keeps a nice value per thread, so setpriority(2) on the calling
 * thread lowers that thread alone; lowering needs no privilege.
 */
final class DoorPriority {
    /** The door threads' nice value (allocd's others keep 0): ten steps is about a tenth of the CPU share. */
    static final int NICE = 10;
    /** setpriority's which: with who 0, the calling thread on Linux. */
    private static final int PRIO_PROCESS = 0;
    private static final Logger log = LoggerFactory.getLogger(DoorPriority.class);

    private interface LibC extends Library {
        int setpriority(int which, int who, int prio);
    }

    private DoorPriority() {}

    /** Lowers the calling thread; if the C library cannot be reached it keeps running as it was, said once. */
    static void lowerThisThread() {
        try {
            if (Holder.LIBC.setpriority(PRIO_PROCESS, 0, NICE) != 0) {
                log.warn("remote door: could not lower the priority of thread {} (setpriority failed, errno {});"
                        + " the hook socket may answer more slowly under many remote clients",
                        Thread.currentThread().getName(), Native.getLastError());
            }
        } catch (UnsatisfiedLinkError e) {
            log.warn("remote door: could not lower the priority of thread {} ({})", Thread.currentThread().getName(),
                    e.getMessage());
        }
    }

    /** Threads from {@code factory} that lower their own priority before their first task. */
    static ThreadFactory lowered(ThreadFactory factory) {
        return task -> factory.newThread(() -> {
            lowerThisThread();
            task.run();
        });
    }

    /** Loaded at the first door thread, not with the class. */
    private static final class Holder {
        static final LibC LIBC = Native.load("c", LibC.class);
    }
}
