package org.allocd.spool;

import java.util.List;
import org.allocd.alert.RearmAlert;
import org.allocd.alert.RecordAlert;
import org.allocd.alert.SetAlertThresholds;
import org.allocd.billing.BillingRuleKind;
import org.allocd.billing.CloseMonth;
import org.allocd.billing.RemoveBillingRule;
import org.allocd.billing.SetBillingRule;
import org.allocd.cycle.AddGrant;
import org.allocd.cycle.CarryOver;
import org.allocd.cycle.DeleteGrant;
import org.allocd.cycle.GrantPeriod;
import org.allocd.cycle.RunGrants;
import org.allocd.fallback.SetFallback;
import org.allocd.ledger.AccountState;
import org.allocd.ledger.JobTimes;
import org.allocd.ledger.Operation;
import org.allocd.ledger.Role;
import org.allocd.reservation.ChargeReservation;
import org.allocd.reservation.RecordReservation;
import org.allocd.storage.ImportStorage;
import org.allocd.storage.StorageUse;

/**
 * The requests of the fingerprint corpus (test resources fingerprints/): every operation once, and a job's
 * hook events as allocd-hook spools them. The ledger and spool there were made from these by the code
 * before fingerprints were canonical; they must replay as the same requests for good.
 */
final class FingerprintCorpus {
    private FingerprintCorpus() {}

    static final long SU = 1_000_000L;
    /** The ledger's clock while the corpus was made: 2027-01-15 08:00 UTC. */
    static final long T0_MS = 1_800_000_000_000L;
    static final long HOUR_MILLIS = 3_600_000L;

    /** One of every operation, in an order the ledger accepts, each under its own key. */
    static List<Operation> operations() {
        return List.of(
                new Operation.CreateAccount("fp-01", "admin", "physics", null, "Physics", "Uni", 0),
                new Operation.CreateAccount("fp-02", "admin", "proj", "physics", "a project", "", 5 * SU),
                new Operation.CreateAccount("fp-03", "admin", "spare", null, "", "", 0),
                new Operation.ModifyAccount("fp-04", "admin", "proj", "the project", null, 2 * SU),
                new Operation.AddUser("fp-05", "admin", "alice", 1000, "proj"),
                new Operation.AddUser("fp-06", "admin", "bob", null, null),
                new Operation.AddMembership("fp-07", "admin", "bob", "proj", Role.MEMBER, 50 * SU),
                new Operation.AddMembership("fp-08", "admin", "alice", "physics", Role.COORDINATOR, null),
                new Operation.SetDefaultAccount("fp-09", "admin", "bob", "proj"),
                new Operation.Deposit("fp-10", "admin", "proj", 100 * SU, null, null, "2027 grant"),
                new Operation.Deposit("fp-11", "admin", "spare", 40 * SU, T0_MS - 24 * HOUR_MILLIS,
                        T0_MS + 24 * HOUR_MILLIS, "windowed"),
                new Operation.Deposit("fp-12", "admin", "physics", 30 * SU, null, null, "dept"),
                new Operation.Withdraw("fp-13", "admin", "physics", 5 * SU, "returned"),
                new Operation.Transfer("fp-14", "admin", "physics", "proj", 10 * SU, "top-up"),
                new Operation.Adjust("fp-15", "admin", "proj", -SU, "correction"),
                new Operation.PlaceLien("fp-16", "slurm", "testcluster/1/0", "proj", "alice", 3 * SU, 7200,
                        "partition=gpu gpus=1", new JobTimes(T0_MS - HOUR_MILLIS, T0_MS, null, null)),
                new Operation.AdjustLien("fp-17", "slurm", "testcluster/1/0", 4 * SU, 10800),
                new Operation.ChargeJob("fp-18", "slurm", "testcluster/1/0", null, null, 2 * SU, "job ended",
                        null, new JobTimes(null, null, T0_MS + HOUR_MILLIS, null)),
                new Operation.Refund("fp-19", "admin", "testcluster/1/0", SU / 2, "node failure"),
                new Operation.PlaceLien("fp-20", "slurm", "testcluster/2/0", "proj", "bob", SU, 3600, null),
                new Operation.ReleaseLien("fp-21", "slurm", "testcluster/2/0", "job cancelled"),
                new Operation.ChargeJob("fp-22", "slurm", "testcluster/3/0", "proj", "alice", SU, "no lien seen"),
                new Operation.ExpireAllocations("fp-23", "housekeeping"),
                new Operation.ExpireLiens("fp-24", "housekeeping"),
                new SetFallback("fp-25", "admin", "proj", "spare", "low"),
                new SetBillingRule("fp-26", "admin", "physics", "fee", BillingRuleKind.FIXED, 3 * SU, 0),
                new SetBillingRule("fp-27", "admin", "proj", "rebate", BillingRuleKind.PERCENT, 0, -100_000),
                new RemoveBillingRule("fp-28", "admin", "proj", "rebate"),
                new CloseMonth("fp-29", "admin", "2026-12", null, null),
                new ImportStorage("fp-30", "admin", "2026-12", 2 * SU, List.of(
                        new StorageUse(1, "/proj/data", "group", "proj", 3_000_000L))),
                new RecordReservation("fp-31", "allocd", "resv", "spare", T0_MS - 3 * HOUR_MILLIS, T0_MS - HOUR_MILLIS,
                        4 * SU, "2 nodes"),
                new ChargeReservation("fp-32", "allocd", "resv", T0_MS - 3 * HOUR_MILLIS),
                new AddGrant("fp-33", "admin", "proj", 20 * SU, GrantPeriod.MONTHLY, T0_MS - 24 * HOUR_MILLIS, null,
                        new CarryOver(CarryOver.Kind.PERCENT, 50), "Europe/Berlin", "monthly"),
                new RunGrants("fp-34", "housekeeping"),
                new DeleteGrant("fp-35", "admin", 1, "ended"),
                new SetAlertThresholds("fp-36", "admin", "proj", List.of(50, 90)),
                new RecordAlert("fp-37", "allocd", "proj", "usage-50", "sent", null),
                new RearmAlert("fp-38", "allocd", "proj", "usage-50", "deposit", null),
                new Operation.SetAccountState("fp-39", "admin", "spare", AccountState.FROZEN),
                new Operation.RemoveMembership("fp-40", "admin", "alice", "physics"));
    }

    /** A LIEN and a CHARGE of a job as allocd-hook writes them to its spool (its fields, its order). */
    static String lienEvent(long jobId) {
        return "{\"op\":\"LIEN\",\"cluster\":\"testcluster\",\"job_id\":" + jobId + ",\"restart\":0,"
                + "\"user\":\"alice\",\"account\":\"proj\",\"partition\":\"gpu\",\"cpus\":4,"
                + "\"mem_bytes\":17179869184,\"nodes\":1,\"gpus\":1,\"exclusive\":false,\"time_limit_s\":3600,"
                + "\"submit_ms\":" + (T0_MS - 60_000) + ",\"start_ms\":" + T0_MS + "}";
    }

    static String chargeEvent(long jobId) {
        return "{\"op\":\"CHARGE\",\"cluster\":\"testcluster\",\"job_id\":" + jobId + ",\"restart\":0,"
                + "\"user\":\"alice\",\"account\":\"proj\",\"partition\":\"gpu\",\"cpus\":4,"
                + "\"mem_bytes\":17179869184,\"nodes\":1,\"gpus\":1,\"exclusive\":false,\"time_limit_s\":3600,"
                + "\"submit_ms\":" + (T0_MS - 60_000) + ",\"start_ms\":" + T0_MS + ",\"elapsed_s\":1800,"
                + "\"end_ms\":" + (T0_MS + 1_800_000) + ",\"exit_code\":0,\"state\":\"COMPLETED\"}";
    }
}
