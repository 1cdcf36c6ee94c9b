package org.allocd.charge;

/** Slurm reports memory in MiB; rates are in bytes with 1 GB = 10^9 bytes, so --mem=300G is 322.1 GB, not 300. */
public final class SlurmMemory {
    public static final long BYTES_PER_MIB = 1_048_576;

    private SlurmMemory() {}

    public static long mibToBytes(long mib) {
        if (mib < 0) {
            throw new IllegalArgumentException("memory in MiB must be >= 0, got " + mib);
        }
        try {
            return Math.multiplyExact(mib, BYTES_PER_MIB);
        } catch (ArithmeticException tooLarge) {
            throw new ArithmeticException("memory of " + mib + " MiB does not fit in a long count of bytes");
        }
    }
}
