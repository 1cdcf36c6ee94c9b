package org.allocd.report;

import org.allocd.charge.JobRequest;

/**
 * A job's request as Slurm writes TRES (squeue/scontrol ReqTRES), in Slurm's
 * order: cpu, mem, node, then gres/gpu, e.g. "cpu=4,mem=8G,node=1,gres/gpu=1".
 * Memory takes the largest binary unit that shows it exactly, as Slurm does.
 */
public final class SlurmTres {
    private static final String[] UNITS = {"K", "M", "G", "T", "P"};

    private SlurmTres() {}

    public static String of(JobRequest r) {
        StringBuilder b = new StringBuilder("cpu=").append(r.cpus());
        if (r.memoryBytes() > 0) {
            b.append(",mem=").append(memory(r.memoryBytes()));
        }
        b.append(",node=").append(r.nodes());
        if (r.gpus() > 0) {
            b.append(",gres/gpu=").append(r.gpus());
        }
        return b.toString();
    }

    /** 8589934592 -> "8G", 1610612736 -> "1536M"; less than a whole KiB stays in bytes. */
    static String memory(long bytes) {
        if (bytes % 1024 != 0) {
            return Long.toString(bytes);
        }
        long value = bytes / 1024;
        int unit = 0;
        while (unit < UNITS.length - 1 && value % 1024 == 0) {
            value /= 1024;
            unit++;
        }
        return value + UNITS[unit];
    }
}
