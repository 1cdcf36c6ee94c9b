package org.allocd.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.allocd.access.UserNames;
import org.allocd.billing.BillNote;
import org.allocd.charge.EndState;
import org.allocd.charge.JobRequest;
import org.allocd.charge.JobUsage;
import org.allocd.charge.NodeClasses;
import org.allocd.jobs.JobAccounting;
import org.allocd.jobs.JobKey;
import org.allocd.jobs.QuoteAnswer;
import org.allocd.ledger.JobArray;
import org.allocd.ledger.JobTimes;
import org.allocd.ledger.LedgerException;
import org.allocd.ledger.MicroSu;
import org.allocd.ledger.OpResult;
import org.allocd.ledger.Refusal;
import org.allocd.server.Peer;
import org.allocd.server.RequestHandler;
import org.allocd.slurm.HostList;

/**
 * The hook protocol (docs/protocol.md): QUOTE at submit, LIEN at start,
 * CHARGE at the end, MODIFY when the time limit changes, REQUOTE when a pending job's account, partition or
 * QOS changes, PING; the Registry
 * names them. Translates fields to job accounting calls and back; no business rules here.
 */
public final class HookRequests implements RequestHandler {
    private static final long MAX_SECONDS = 100L * 365 * 24 * 3600;
    private static final int MAX_COUNT = 10_000_000;
    private static final long MAX_UID = 0xFFFF_FFFEL;
    private static final long MAX_EPOCH_MILLIS = 253_402_300_800_000L; // year 10000

    private final JobAccounting jobs;
    private final String cluster;
    private final Executor reads;
    private final Supplier<NodeClasses> nodeClasses;
    private final UserNames userNames;

    /**
     * reads runs the quote's database reads off the socket's event loop; nodeClasses (the configuration in force)
     * turns the node_list of a LIEN or CHARGE into the job's node classes. userNames names the uid a QUOTE may
     * send instead of a user name: the submit plugin leaves that lookup (which may ask LDAP or SSSD) to allocd,
     * off slurmctld's locks and inside the plugin's time bound.
     */
    public HookRequests(JobAccounting jobs, String cluster, Executor reads, Supplier<NodeClasses> nodeClasses,
            UserNames userNames) {
        this.jobs = jobs;
        this.cluster = cluster;
        this.reads = reads;
        this.nodeClasses = nodeClasses;
        this.userNames = userNames;
    }

    @Override
    public CompletableFuture<ObjectNode> handle(Peer peer, ObjectNode request) {
        try {
            return ((Op.Hook) Registry.of(Op.Door.HOOK, request).handler()).answer(this, request);
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(Replies.failure(e));
        }
    }

    CompletableFuture<ObjectNode> ping(ObjectNode request) {
        return CompletableFuture.completedFuture(Replies.ok().put("cluster", cluster));
    }

    /**
     * Most QUOTEs are answered here, on the socket's event loop, from the funds rows kept in memory and, for
     * a QUOTE that names its user by uid (the submit plugin's), the names looked up lately: no hand-off to a
     * reader thread and back, no database read. The rest are looked up and read on a reader thread.
     */
    CompletableFuture<ObjectNode> quote(ObjectNode request) {
        String account = Fields.optionalText(request, "account");
        JobRequest job = jobRequest(request);
        // A job array (sbatch --array): each element is this job; the answer states the price of all of them.
        int elements = (int) Fields.optionalNumber(request, "array_elements", 1, 1, MAX_COUNT);
        String named = Fields.optionalText(request, "user");
        // uid_t is unsigned 32-bit; the C library takes the same bits as an int.
        int uid = named == null ? (int) Fields.number(request, "uid", 0, MAX_UID) : 0;
        Optional<String> user = named != null ? Optional.of(named) : userNames.cached(uid);
        Optional<QuoteAnswer> inMemory = user.flatMap(name -> jobs.quoteInMemory(name, account, job));
        if (inMemory.isPresent()) {
            return CompletableFuture.completedFuture(quoteReply(inMemory.get().forArray(elements)));
        }
        return CompletableFuture.supplyAsync(() -> {
            try {
                return quoteReply(user.or(() -> userNames.name(uid))
                        .map(name -> jobs.quote(name, account, job).forArray(elements))
                        .orElseGet(() -> new QuoteAnswer(QuoteAnswer.Verdict.REJECT, account, 0, "your uid "
                                + Integer.toUnsignedString(uid)
                                + " has no user name on the bank's host; ask the admins to add you there")));
            } catch (RuntimeException e) {
                return Replies.failure(e);
            }
        }, reads);
    }

    /** A QUOTE for this user from the request's job fields; the admin socket's quote asks the same. */
    static ObjectNode quoteFor(JobAccounting jobs, String user, ObjectNode request) {
        return quoteReply(jobs.quote(user, Fields.optionalText(request, "account"), jobRequest(request)));
    }

    private static ObjectNode quoteReply(QuoteAnswer q) {
        ObjectNode answer = Replies.ok().put("verdict", q.verdict().name().toLowerCase(java.util.Locale.ROOT))
                    .put("amount_micro_su", q.amountMicroSu()).put("amount_su", MicroSu.format(q.amountMicroSu()))
                    .put("message", q.message());
        if (q.account() != null) {
            answer.put("account", q.account());
        }
        // A fallback took the job: the submit plugin sets the job's account (and QOS) to these.
        if (q.requestedAccount() != null) {
            answer.put("fallback_from", q.requestedAccount());
            if (q.qos() != null) {
                answer.put("qos", q.qos());
            }
        }
        return answer;
    }

    CompletableFuture<ObjectNode> lien(ObjectNode request) {
        return answer(jobs.lien(key(request), Fields.text(request, "user"), Fields.optionalText(request, "account"),
                placedJobRequest(request), times(request), array(request)));
    }

    CompletableFuture<ObjectNode> modify(ObjectNode request) {
        return answer(jobs.modify(cluster(request), Fields.number(request, "job_id", 1, Long.MAX_VALUE),
                Fields.number(request, "time_limit_s", 0, MAX_SECONDS)));
    }

    /**
     * A pending job's account, partition or QOS changed. uid: who asked, sent unless root or SlurmUser did
     * (Slurm's admins); named here, off the plugin's time bound, as for QUOTE.
     */
    CompletableFuture<ObjectNode> requote(ObjectNode request) {
        JobKey job = new JobKey(cluster(request), Fields.number(request, "job_id", 1, Long.MAX_VALUE), 0);
        String account = Fields.optionalText(request, "account");
        Long uid = Fields.nullableNumber(request, "uid", 0, MAX_UID);
        return CompletableFuture.supplyAsync(() -> {
            try {
                String user = uid == null ? null : userNames.name((int) (long) uid).orElseThrow(() ->
                        new LedgerException(Refusal.UNKNOWN_USER, "your uid " + uid
                                + " has no user name on the bank's host; ask the admins to add you there"));
                return Replies.of(jobs.requote(job, user, account));
            } catch (RuntimeException e) {
                return Replies.failure(e);
            }
        }, reads);
    }

    /**
     * A run ended. state is Slurm's end state (COMPLETED, TIMEOUT, ...); the charge policies read it,
     * and a hook that sends none is judged by its exit code. requeued: the run ended by requeue and
     * Slurm no longer shows its times, so allocd charges it from the start its lien recorded to end_ms.
     */
    CompletableFuture<ObjectNode> charge(ObjectNode request) {
        long exitCode = Fields.optionalNumber(request, "exit_code", 0, Integer.MIN_VALUE, Integer.MAX_VALUE);
        String stateText = Fields.optionalText(request, "state");
        EndState state = EndState.parse(stateText).orElse(null);
        String account = Fields.optionalText(request, "account");
        if (Fields.flag(request, "requeued", false)) {
            long endMillis = Fields.number(request, "end_ms", 0, MAX_EPOCH_MILLIS);
            return answer(jobs.chargeRequeuedRun(key(request), account, endMillis, state, "exit " + exitCode));
        }
        JobUsage usage = new JobUsage(Fields.number(request, "elapsed_s", 0, MAX_SECONDS),
                Fields.optionalNumber(request, "cpu_s", JobUsage.CPU_SECONDS_UNKNOWN, -1, Long.MAX_VALUE / 2),
                state != null ? !state.failed() : exitCode == 0);
        // As hooks always wrote it, so an event spooled by an older hook is the same request.
        String note = "elapsed " + usage.elapsedSeconds() + " s, exit " + exitCode + (stateText == null ? ""
                : ", " + stateText);
        return answer(jobs.charge(key(request), Fields.text(request, "user"), account, placedJobRequest(request), usage,
                note, times(request), state, array(request)));
    }

    /** The Slurm array the job is an element of (array_job_id, array_task_id); optional, both or neither. */
    private static JobArray array(ObjectNode request) {
        Long arrayJobId = Fields.nullableNumber(request, "array_job_id", 1, MAX_UID);
        Long taskId = Fields.nullableNumber(request, "array_task_id", 0, MAX_UID);
        if ((arrayJobId == null) != (taskId == null)) {
            throw new BadRequest("send both array_job_id and array_task_id for an array element, or neither");
        }
        return arrayJobId == null ? null : new JobArray(arrayJobId, taskId);
    }

    /** Optional: hooks older than these fields send none. */
    private static JobTimes times(ObjectNode request) {
        return new JobTimes(Fields.nullableNumber(request, "submit_ms", 0, MAX_EPOCH_MILLIS),
                Fields.nullableNumber(request, "start_ms", 0, MAX_EPOCH_MILLIS),
                Fields.nullableNumber(request, "end_ms", 0, MAX_EPOCH_MILLIS), reservation(request));
    }

    /**
     * The Slurm reservation the job runs in, as scontrol names it; optional. A name allocd cannot bill
     * (see BillNote.NAME) is not recorded rather than refused: the job's own charge must never fail on it,
     * and such a reservation is refused when it would be charged.
     */
    private static String reservation(ObjectNode request) {
        String name = Fields.optionalText(request, "reservation");
        return name != null && BillNote.NAME.matcher(name).matches() ? name : null;
    }

    private JobKey key(ObjectNode request) {
        return new JobKey(cluster(request), Fields.number(request, "job_id", 1, Long.MAX_VALUE),
                (int) Fields.optionalNumber(request, "restart", 0, 0, MAX_COUNT));
    }

    private String cluster(ObjectNode request) {
        String named = Fields.text(request, "cluster");
        if (!named.equals(cluster)) {
            throw new BadRequest("this allocd serves cluster '" + cluster + "', not '" + named
                    + "'; check cluster_name in allocd.conf and ClusterName in slurm.conf");
        }
        return named;
    }

    /** A started job's request: its node_list (Slurm's, e.g. node[1-2]), when sent, gives its node classes. */
    private JobRequest placedJobRequest(ObjectNode request) {
        String nodeList = Fields.optionalText(request, "node_list");
        if (nodeList == null) {
            return jobRequest(request, Fields.texts(request, "node_classes"));
        }
        try {
            return jobRequest(request, nodeClasses.get().of(HostList.expand(nodeList)));
        } catch (IllegalArgumentException badList) {
            throw new BadRequest("field 'node_list': " + badList.getMessage());
        }
    }

    private static JobRequest jobRequest(ObjectNode request) {
        return jobRequest(request, Fields.texts(request, "node_classes"));
    }

    private static JobRequest jobRequest(ObjectNode request, List<String> nodeClasses) {
        return new JobRequest(Fields.text(request, "partition"), Fields.optionalText(request, "qos"),
                (int) Fields.optionalNumber(request, "cpus", 1, 0, MAX_COUNT),
                Fields.optionalNumber(request, "mem_bytes", 0, 0, Long.MAX_VALUE / 2),
                (int) Fields.optionalNumber(request, "gpus", 0, 0, MAX_COUNT),
                (int) Fields.optionalNumber(request, "nodes", 1, 1, MAX_COUNT),
                Fields.flag(request, "exclusive", false),
                Fields.optionalNumber(request, "time_limit_s", 0, 0, MAX_SECONDS), nodeClasses);
    }

    private static CompletableFuture<ObjectNode> answer(CompletableFuture<OpResult> result) {
        return result.handle((r, failure) -> failure == null ? Replies.of(r) : Replies.failure(failure));
    }
}
