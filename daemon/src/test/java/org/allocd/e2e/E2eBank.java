package org.allocd.e2e;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.allocd.slurm.SlurmShim;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The one setup of an end-to-end class (register it with @RegisterExtension): a fresh bed with the hooks, allocd on
 * a fresh ledger beside it, the users made on the machine and in the bank, the accounts seeded, Slurm started; after
 * the class, the bed stopped, then the bank. Each class says only what differs: its bed, slurmdbd or nodes, allocd's
 * libslurmshim, its users and accounts.
 */
final class E2eBank implements BeforeAllCallback, AfterAllCallback {
    /** A step on the bank (allocd.conf before it starts, the ledger after). */
    interface BankStep {
        void apply(Bank bank) throws IOException;
    }

    private final SlurmTestbed.Bed bed;
    private boolean withDbd;
    private int nodes;
    private boolean withShim;
    private boolean limitMemory;
    private final List<String> slurmConf = new ArrayList<>();
    private final List<BankStep> configure = new ArrayList<>();
    private final List<String> users = new ArrayList<>();
    private final List<BankStep> seeds = new ArrayList<>();
    private SlurmTestbed slurm;
    private Bank bank;

    private E2eBank(SlurmTestbed.Bed bed) {
        this.bed = bed;
    }

    static E2eBank on(SlurmTestbed.Bed bed) {
        return new E2eBank(bed);
    }

    /** Slurm with slurmdbd and MariaDB (associations enforced). */
    E2eBank withDbd() {
        withDbd = true;
        return this;
    }

    /** Slurm on nodes node1..nodeN, each in a network namespace of its own. */
    E2eBank nodes(int count) {
        nodes = count;
        return this;
    }

    /** allocd with libslurmshim built for the bed's Slurm (short funds and `show jobs` then ask Slurm). */
    E2eBank withShim() {
        withShim = true;
        return this;
    }

    /** Each job's memory limited to what it asked for. */
    E2eBank limitMemory() {
        limitMemory = true;
        return this;
    }

    /** Lines appended to slurm.conf (more partitions, preemption). */
    E2eBank slurmConf(String... lines) {
        slurmConf.addAll(List.of(lines));
        return this;
    }

    /** A change of allocd.conf before allocd starts (node classes, the HTTP listener). */
    E2eBank configure(BankStep step) {
        configure.add(step);
        return this;
    }

    /** A unix user, and the same user in the bank without a default account. */
    E2eBank user(String name) {
        return user(name, null);
    }

    /** A unix user, and the same user in the bank with this default account (seeded before). */
    E2eBank user(String name, String defaultAccount) {
        users.add(name);
        return seed(bank -> bank.user(name, defaultAccount));
    }

    /** An account with these funds in the bank. */
    E2eBank account(String name, long microSu) {
        return seed(bank -> bank.account(name, microSu));
    }

    E2eBank member(String user, String account) {
        return seed(bank -> bank.member(user, account));
    }

    /** A step on the running bank before Slurm starts, in the order the steps are given. */
    E2eBank seed(BankStep step) {
        seeds.add(step);
        return this;
    }

    SlurmTestbed slurm() {
        return slurm;
    }

    Bank bank() {
        return bank;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        SlurmTestbed.gate(withDbd);
        slurm = SlurmTestbed.fresh(bed);
        if (!slurmConf.isEmpty()) {
            slurm.extraConf(slurmConf.toArray(String[]::new));
        }
        if (limitMemory) {
            slurm.limitMemory();
        }
        if (withShim) {
            System.setProperty(SlurmShim.PATH_PROPERTY, slurm.buildShim(slurm.dir.resolve("shim")).toString());
        }
        for (String user : users) {
            slurm.adduser(user);
        }
        // allocd.conf before Slurm: the hooks read it too.
        bank = Bank.on(slurm);
        for (BankStep step : configure) {
            step.apply(bank);
        }
        if (withShim) {
            // The shim reads slurm.conf when allocd starts: Slurm first.
            startSlurm();
            bank.start();
            seed();
        } else {
            bank.start();
            seed();
            startSlurm();
        }
    }

    private void seed() throws IOException {
        for (BankStep step : seeds) {
            step.apply(bank);
        }
    }

    private void startSlurm() throws IOException {
        if (nodes > 0) {
            slurm.startNodes(nodes);
        } else if (withDbd) {
            slurm.startWithDbd();
        } else {
            slurm.start();
        }
    }

    /** Stops the bed, then the bank (its hooks talk to the bank to the last job). */
    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        try {
            Bank.closeAll(slurm, bank);
        } finally {
            if (withShim) {
                System.clearProperty(SlurmShim.PATH_PROPERTY);
            }
        }
    }
}
