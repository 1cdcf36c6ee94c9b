package org.allocd.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import org.allocd.e2e.SlurmTestbed.Bed;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Jobs across nodes of two classes on the multi-node bed (scripts/testbed start --nodes 3: each slurmd in a network
 * namespace of its own): node1 and node2 are the gpu class (rate 2.0, 4 fake GPUs each), node3 the cpu class (1.0),
 * as allocd.conf's node_class_nodes keys say. The hooks send the job's node list at start and end; allocd prices each
 * node by its class and combines them by the partition's node charge policy.
 */
@Tag("e2e")
class MultiNodeE2eTest {
    private static final String USER = "e2enodes";
    private static final long SU = 1_000_000;
    private static final long FUNDS = 1000 * SU;
    private static final long LIMIT_SECONDS = 120;

    @RegisterExtension
    static final E2eBank E2E = E2eBank.on(Bed.NODES).nodes(3)
            // Partitions over all three nodes that differ only in their node charge policy (debug keeps MIN).
            .slurmConf("PartitionName=pmax Nodes=node[1-3] MaxTime=INFINITE State=UP",
                    "PartitionName=pavg Nodes=node[1-3] MaxTime=INFINITE State=UP")
            .configure(bank -> configureNodeClasses(bank, "[partition pmax]", "node_charge_policy = MAX",
                    "[partition pavg]", "node_charge_policy = AVG"))
            .user(USER);

    private static Bank bank;
    private static SlurmTestbed slurm;

    @BeforeAll
    static void up() {
        bank = E2E.bank();
        slurm = E2E.slurm();
    }

    /**
     * The bed's two node classes in allocd.conf: node1 and node2 gpu (rate 2.0), node3 cpu (1.0); one unit per core or
     * per Bank.MEM_PER_UNIT_BYTES; then these lines of the rates (more partitions).
     */
    static void configureNodeClasses(Bank bank, String... moreRates) throws IOException {
        String[] rates = {"[partition default]", "mem_per_unit = " + Bank.MEM_PER_UNIT_BYTES, "cpus_per_unit = 1",
            "rounding = ceil", "node_class.gpu = 2.0", "node_class.cpu = 1.0"};
        String[] all = concat(rates, moreRates);
        bank.configure(settings -> settings.set("node_class_nodes.gpu", "node[1-2]").set("node_class_nodes.cpu", "node3")
                .rates(all));
    }

    /**
     * A job's run: liened for its time limit and charged for its elapsed time, both at unitRate (units x node-class
     * multiplier), each rounded once.
     */
    private static void assertLienedAndCharged(String account, long job, long unitRate) throws IOException {
        slurm.awaitState(job, "RUNNING");
        bank.awaitLiened(account, Bank.amount(unitRate, LIMIT_SECONDS));
        slurm.awaitEnd(job);
        bank.awaitCharged(account, FUNDS - Bank.amount(unitRate, slurm.elapsedSeconds(job)));
    }

    @Test
    void aJobAcrossClassesPaysTheRateItsPartitionsPolicyChooses() throws IOException {
        for (String account : new String[] {"e2emin", "e2emax", "e2eavg"}) {
            bank.account(account, FUNDS, USER);
        }
        // One core on node2 (gpu, 2.0) and one on node3 (cpu, 1.0): 2 units (cores; 2 GiB of memory is 1).
        String[] acrossClasses = {"-N", "2", "-n", "2", "-w", "node2,node3", "-t", "2", "--wrap", "sleep 6"};
        long min = slurm.submit(USER, concat(new String[] {"-A", "e2emin", "-p", "debug"}, acrossClasses));
        assertLienedAndCharged("e2emin", min, 2); // 2 units x 1.0
        long max = slurm.submit(USER, concat(new String[] {"-A", "e2emax", "-p", "pmax"}, acrossClasses));
        assertLienedAndCharged("e2emax", max, 4); // 2 units x 2.0
        long avg = slurm.submit(USER, concat(new String[] {"-A", "e2eavg", "-p", "pavg"}, acrossClasses));
        assertLienedAndCharged("e2eavg", avg, 3); // 2 units x (2.0 + 1.0) / 2
        bank.assertVerifyClean();
    }

    @Test
    void aThreeNodeJobIsLienedAndChargedForEveryNode() throws IOException {
        bank.account("e2ethree", FUNDS, USER);
        long job = slurm.submit(USER, "-A", "e2ethree", "-p", "pavg", "-N", "3", "-n", "3", "-t", "2", "--wrap",
                "sleep 6");
        // 3 cores on gpu, gpu, cpu: 3 units x (2.0 + 2.0 + 1.0) / 3 = 5.
        assertLienedAndCharged("e2ethree", job, 5);
        bank.assertVerifyClean();
    }

    @Test
    void anExclusiveJobOnTwoNodesPaysEveryUnitOfBoth() throws IOException {
        bank.account("e2eexcl", FUNDS, USER);
        long job = slurm.submit(USER, "-A", "e2eexcl", "-p", "pmax", "-N", "2", "--exclusive", "-w", "node1,node3",
                "-t", "2", "--wrap", "sleep 6");
        // units_per_node 4 x 2 nodes = 8 units, at the dearer class (MAX): 2.0.
        assertLienedAndCharged("e2eexcl", job, 16);
        bank.assertVerifyClean();
    }

    @Test
    void aHeterogeneousJobIsLienedAndChargedAsTheSumOfItsComponents() throws IOException {
        bank.account("e2ehet", FUNDS, USER);
        // Component 0: 1 GPU on node1 (1 unit x 2.0); component 1: 1 core on node3 (1 unit x 1.0).
        long leader = slurm.submit(USER, "-A", "e2ehet", "-p", "debug", "-t", "2", "-n", "1", "--gpus=1", "-w",
                "node1", "--wrap", "sleep 6", ":", "-A", "e2ehet", "-p", "debug", "-t", "2", "-n", "1", "-w", "node3",
                "--output=/dev/null");
        long second = leader + 1; // Slurm gives component N the job id leader + N
        slurm.awaitState(leader, "RUNNING");
        bank.awaitLiened("e2ehet", Bank.amount(2, LIMIT_SECONDS) + Bank.amount(1, LIMIT_SECONDS));
        slurm.awaitEnd(leader);
        slurm.awaitEnd(second);
        bank.awaitCharged("e2ehet", FUNDS - Bank.amount(2, slurm.elapsedSeconds(leader))
                - Bank.amount(1, slurm.elapsedSeconds(second)));
        assertEquals(0, bank.liened("e2ehet"));
        bank.assertVerifyClean();
    }

    private static String[] concat(String[] first, String[] second) {
        String[] all = new String[first.length + second.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }
}
