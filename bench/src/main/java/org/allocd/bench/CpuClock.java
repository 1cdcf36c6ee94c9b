package org.allocd.bench;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * CPU time spent, which on a shared machine says more than wall-clock rates:
 * the whole JVM, or one named thread (such as the ledger's "allocd-writer").
 */
final class CpuClock {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private CpuClock() {}

    static long processNanos() {
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** CPU time of the live thread of that name, or -1 when there is none. */
    static long threadNanos(String name) {
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().equals(name)) {
                return THREADS.getThreadCpuTime(t.getId());
            }
        }
        return -1;
    }
}
