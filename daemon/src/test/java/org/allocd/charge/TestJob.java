package org.allocd.charge;

import java.util.List;

/** Builds JobRequests for tables: a one-node, one-hour job on partition "gpu" asking for nothing until told. */
final class TestJob {
    private String partition = "gpu";
    private String qos;
    private int cpus;
    private long memoryBytes;
    private int gpus;
    private int nodes = 1;
    private boolean exclusive;
    private long timeLimitSeconds = 3600;
    private List<String> nodeClasses = List.of();

    static TestJob job() {
        return new TestJob();
    }

    TestJob partition(String value) { partition = value; return this; }
    TestJob qos(String value) { qos = value; return this; }
    TestJob cpus(int value) { cpus = value; return this; }
    TestJob memoryBytes(long value) { memoryBytes = value; return this; }
    TestJob gpus(int value) { gpus = value; return this; }
    TestJob nodes(int value) { nodes = value; return this; }
    TestJob exclusive() { exclusive = true; return this; }
    TestJob timeLimitSeconds(long value) { timeLimitSeconds = value; return this; }
    TestJob nodeClasses(String... value) { nodeClasses = List.of(value); return this; }

    JobRequest build() {
        return new JobRequest(partition, qos, cpus, memoryBytes, gpus, nodes, exclusive, timeLimitSeconds, nodeClasses);
    }

    @Override
    public String toString() {
        return build().toString();
    }
}
