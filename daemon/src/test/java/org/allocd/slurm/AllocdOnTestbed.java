package org.allocd.slurm;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;
import org.allocd.config.SlurmSettings;
import org.allocd.daemon.DaemonFixture;
import org.allocd.e2e.SlurmTestbed;

/**
 * A real allocd wired to a test bed's Slurm, driven the way the hooks drive
 * it: QUOTE at submit, LIEN at start, CHARGE at the end, and the admin socket
 * for deposits. The job_submit plugin's part (submit held, AdminComment) is
 * done here with sbatch --hold and scontrol, as the plugin would.
 */
final class AllocdOnTestbed implements AutoCloseable {
    static final String CLUSTER = DaemonFixture.CLUSTER;
    private static final long WAIT_SECONDS = 90;

    final SlurmTestbed bed;
    private final DaemonFixture bank;
    private int keys;

    AllocdOnTestbed(SlurmTestbed bed, Path dir, String shortFundsMode) throws Exception {
        this(bed, bed.buildShim(dir), Optional.of(bed.slurmConf), dir, shortFundsMode,
                SlurmSettings.DEFAULT_TIMEOUT_MILLIS);
    }

    /**
     * An allocd reaching Slurm through the given shim and slurm.conf (empty: SLURM_CONF or Slurm's default),
     * each libslurm call bounded at slurmTimeoutMillis; bed may be null when no Slurm runs.
     */
    AllocdOnTestbed(SlurmTestbed bed, Path shim, Optional<Path> slurmConf, Path dir, String shortFundsMode,
            int slurmTimeoutMillis) throws Exception {
        this.bed = bed;
        DaemonFixture.Builder config = DaemonFixture.in(dir).set("short_funds_mode", shortFundsMode)
                .set("slurm_timeout_ms", slurmTimeoutMillis).rates().slurmShim(shim);
        slurmConf.ifPresent(conf -> config.set("slurm_conf", conf));
        if (bed != null) {
            config.set("slurm_bin_dir", bed.binDir);
        }
        bank = config.start();
    }

    ObjectNode admin(String json) throws Exception {
        return bank.admin(json);
    }

    ObjectNode hook(String json) throws Exception {
        return bank.hook(json);
    }

    ObjectNode ok(ObjectNode answer) {
        assertTrue(answer.path("ok").asBoolean(false), answer.toString());
        return answer;
    }

    void account(String account, String user) throws Exception {
        ok(admin("{\"op\":\"create_account\",\"name\":\"" + account + "\",\"key\":\"e2e-" + (++keys) + "\"}"));
        ok(admin("{\"op\":\"add_user\",\"name\":\"" + user + "\",\"default_account\":\"" + account
                + "\",\"key\":\"e2e-" + (++keys) + "\"}"));
    }

    /** An admin operation with its own key; fields is the rest of the JSON object, e.g. "account":"p". */
    ObjectNode op(String op, String fields) throws Exception {
        return ok(admin("{\"op\":\"" + op + "\"," + fields + ",\"key\":\"e2e-" + (++keys) + "\"}"));
    }

    void deposit(String account, long amountMicroSu) throws Exception {
        ok(admin("{\"op\":\"deposit\",\"account\":\"" + account + "\",\"amount_micro_su\":" + amountMicroSu
                + ",\"key\":\"e2e-" + (++keys) + "\"}"));
    }

    /** The fields of a one-CPU job in partition debug, as the hooks send them. */
    static String job(String user, String account, long timeLimitSeconds) {
        return "\"user\":\"" + user + "\",\"account\":\"" + account + "\",\"partition\":\"debug\",\"cpus\":1,"
                + "\"time_limit_s\":" + timeLimitSeconds;
    }

    ObjectNode quote(String user, String account, long timeLimitSeconds) throws Exception {
        return ok(hook("{\"op\":\"QUOTE\"," + job(user, account, timeLimitSeconds) + "}"));
    }

    void lien(long jobId, String user, String account, long timeLimitSeconds) throws Exception {
        ok(hook("{\"op\":\"LIEN\",\"cluster\":\"" + CLUSTER + "\",\"job_id\":" + jobId + ","
                + job(user, account, timeLimitSeconds) + "}"));
    }

    void charge(long jobId, String user, String account, long timeLimitSeconds, long elapsedSeconds)
            throws Exception {
        ok(hook("{\"op\":\"CHARGE\",\"cluster\":\"" + CLUSTER + "\",\"job_id\":" + jobId + ","
                + job(user, account, timeLimitSeconds) + ",\"elapsed_s\":" + elapsedSeconds + ",\"exit_code\":0}"));
    }

    /** Sets short_funds_mode in allocd.conf and applies it as an admin would: a reload (SIGHUP) or a restart. */
    void switchMode(String shortFundsMode, boolean restart) throws Exception {
        reconfigure(settings -> settings.set("short_funds_mode", shortFundsMode), restart);
    }

    /** Changes allocd.conf and applies it by a reload (SIGHUP) or a restart. */
    void reconfigure(Consumer<DaemonFixture.Builder> change, boolean restart) throws Exception {
        bank.reconfigure(change);
        if (restart) {
            bank.restart();
        } else {
            assertTrue(bank.reloader.reload().applied());
        }
    }

    void verifyClean() throws Exception {
        ObjectNode verify = ok(admin("{\"op\":\"verify\"}"));
        assertTrue(verify.get("clean").asBoolean(), verify.toString());
    }

    long sbatch(String... args) throws Exception {
        String[] command = new String[args.length + 6];
        command[0] = "sbatch";
        command[1] = "--parsable";
        command[2] = "-o";
        command[3] = "/dev/null";
        System.arraycopy(args, 0, command, 4, args.length);
        command[args.length + 4] = "--wrap";
        command[args.length + 5] = "sleep 600";
        return Long.parseLong(bed.slurmOk(command).strip().split(";")[0]);
    }

    /** squeue's state and reason of a job, e.g. "PENDING QOSGrpBillingMinutes"; "" once it left the queue. */
    String stateAndReason(long jobId) throws Exception {
        return bed.slurmOk("squeue", "-h", "-j", String.valueOf(jobId), "-o", "%T %r").strip();
    }

    String show(long jobId) throws Exception {
        return bed.slurmOk("scontrol", "show", "job", "-o", String.valueOf(jobId));
    }

    void await(String what, BooleanSupplierWithException condition) throws Exception {
        long deadline = System.nanoTime() + WAIT_SECONDS * 1_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("waited " + WAIT_SECONDS + " s for " + what);
            }
            Thread.sleep(100);
        }
    }

    @FunctionalInterface
    interface BooleanSupplierWithException {
        boolean getAsBoolean() throws Exception;
    }

    /** Cancels the jobs, waits until they are gone and charges each for the time Slurm says it ran. */
    void endAndCharge(String user, String account, long timeLimitSeconds, long... jobIds) throws Exception {
        long[] started = new long[jobIds.length];
        for (int i = 0; i < jobIds.length; i++) {
            started[i] = epoch(bed.slurmOk("squeue", "-h", "-j", String.valueOf(jobIds[i]), "-o", "%S").strip());
        }
        String[] cancel = new String[jobIds.length + 1];
        cancel[0] = "scancel";
        for (int i = 0; i < jobIds.length; i++) {
            cancel[i + 1] = String.valueOf(jobIds[i]);
        }
        bed.slurmOk(cancel);
        long endedEpoch = System.currentTimeMillis() / 1000;
        for (long id : jobIds) {
            await("job " + id + " to leave the queue", () -> stateAndReason(id).isEmpty()
                    || stateAndReason(id).startsWith("CANCELLED") || stateAndReason(id).startsWith("COMPLETING"));
        }
        for (int i = 0; i < jobIds.length; i++) {
            charge(jobIds[i], user, account, timeLimitSeconds, Math.max(0, endedEpoch - started[i]));
        }
    }

    private static long epoch(String slurmTime) {
        return java.time.LocalDateTime.parse(slurmTime).atZone(java.time.ZoneId.systemDefault()).toEpochSecond();
    }

    @Override
    public void close() {
        bank.close();
    }
}
