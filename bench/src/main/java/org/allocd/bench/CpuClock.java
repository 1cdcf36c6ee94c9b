package org.allocd.bench;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
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

    /**
     * CPU time of a process and its children (a PostgreSQL server: the postmaster and its backends), from
     * /proc/PID/stat (user + system, fields 14 and 15, in 100 Hz ticks), or -1 when it cannot be read.
     */
    static long processTreeNanos(long rootPid) {
        if (rootPid < 0) {
            return -1;
        }
        long ticks = 0;
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path process : processes) {
                String[] fields;
                try {
                    String stat = Files.readString(process.resolve("stat"));
                    fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                } catch (IOException gone) {
                    continue; // ended while we looked
                }
                if (Long.parseLong(process.getFileName().toString()) == rootPid || Long.parseLong(fields[1]) == rootPid) {
                    ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return ticks * 10_000_000L;
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
