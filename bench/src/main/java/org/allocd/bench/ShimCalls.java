package org.allocd.bench;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import org.allocd.slurm.SlurmShim;

/**
 * What running libslurm in the allocd-slurm helper costs per call: the same job-info call on a real
 * slurmctld, A in this JVM through JNA (as allocd did before the helper), B through SlurmShim and its
 * helper process, in alternating rounds (A,B then B,A). Prints each round's medians and the difference.
 *   ShimCalls LIBSLURMSHIM SLURM_CONF JOB_ID CALLS_PER_ROUND ROUNDS
 */
public final class ShimCalls {
    /** The in-process binding, for this comparison only. */
    interface InProcess extends Library {
        void allocd_shim_init(String confPath);

        int allocd_shim_job_info(int jobId, PointerByReference out);

        void allocd_shim_free(Pointer text);
    }

    private interface Call {
        void run() throws Exception;
    }

    public static void main(String[] args) throws Exception {
        Path library = Path.of(args[0]);
        String conf = args[1];
        long jobId = Long.parseLong(args[2]);
        int calls = Integer.parseInt(args[3]);
        int rounds = Integer.parseInt(args[4]);
        InProcess direct = Native.load(library.toString(), InProcess.class);
        direct.allocd_shim_init(conf);
        Call inProcess = () -> {
            PointerByReference out = new PointerByReference();
            int rc = direct.allocd_shim_job_info((int) jobId, out);
            if (rc != 0) {
                throw new IllegalStateException("in-process job info: rc " + rc);
            }
            direct.allocd_shim_free(out.getValue());
        };
        try (SlurmShim shim = SlurmShim.load(library, Optional.of(Path.of(conf)), 10_000)) {
            Call helper = () -> shim.jobInfo(jobId);
            time(inProcess, calls);
            time(helper, calls);
            double[] differences = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                double a;
                double b;
                if (r % 2 == 0) {
                    a = time(inProcess, calls);
                    b = time(helper, calls);
                } else {
                    b = time(helper, calls);
                    a = time(inProcess, calls);
                }
                differences[r] = b - a;
                System.out.printf(Locale.ROOT, "round %d: in-process p50 %.1f us, helper p50 %.1f us,"
                        + " helper - in-process %.1f us%n", r + 1, a, b, b - a);
            }
            Arrays.sort(differences);
            System.out.printf(Locale.ROOT, "helper - in-process per call: median %.1f us (rounds %.1f to %.1f us)%n",
                    differences[rounds / 2], differences[0], differences[rounds - 1]);
        }
    }

    /** The median of calls calls, in microseconds. */
    private static double time(Call call, int calls) throws Exception {
        long[] nanos = new long[calls];
        for (int i = 0; i < calls; i++) {
            long start = System.nanoTime();
            call.run();
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        return nanos[calls / 2] / 1e3;
    }
}
