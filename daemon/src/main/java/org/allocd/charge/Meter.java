package org.allocd.charge;

/**
 * Which kind of resource a job's charge is booked to. A job's units are the
 * largest of its GPU, memory and core terms; the term that wins decides the
 * meter (GPU wins ties), so the whole charge of a job goes to one meter and
 * the split is reproducible from the job's request alone.
 */
public enum Meter {
    CPU_MEMORY("cpu", "CPU/memory"),
    GPU("gpu", "GPU");

    private final String key;
    private final String label;

    Meter(String key, String label) {
        this.key = key;
        this.label = label;
    }

    /** The short key of this meter inside a partition's meter key, e.g. "cpu" in "gh200.cpu". */
    public String key() {
        return key;
    }

    public String label() {
        return label;
    }

    /**
     * The meter of a request in this partition: GPU when its GPU term is at
     * least its memory and core terms (exclusive jobs: when they asked for
     * any GPU), else CPU/memory.
     */
    public static Meter of(JobRequest job, PartitionRates partition) {
        if (job.gpus() == 0) {
            return CPU_MEMORY;
        }
        if (job.exclusive()) {
            return GPU;
        }
        Ratio gpus = Ratio.of(job.gpus());
        Ratio memory = Ratio.of(job.memoryBytes(), partition.memPerUnitBytes());
        Ratio cores = Ratio.of(job.cpus(), partition.cpusPerUnit());
        return gpus.compareTo(memory) >= 0 && gpus.compareTo(cores) >= 0 ? GPU : CPU_MEMORY;
    }
}
