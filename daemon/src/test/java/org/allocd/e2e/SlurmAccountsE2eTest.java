package org.allocd.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.allocd.e2e.Bank.Cli;
import org.allocd.e2e.SlurmTestbed.Bed;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The bank and slurmdbd kept in step, on the bed with slurmdbd: an existing cluster's accounts, users and
 * coordinators imported into an empty bank, checked both ways, created, modified, moved and deleted once in both (a
 * rename refused with the reason), what happens without slurmdbd said, and a clear refusal that changes nothing in the
 * bank when slurmdbd is away.
 */
@Tag("e2e")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SlurmAccountsE2eTest {
    private static final String ALICE = "e2esynca";
    private static final String BOB = "e2esyncb";

    private static SlurmTestbed slurm;
    private static Bank bank;
    private static Map<String, String> readOnly;
    private static Map<String, String> creating;

    @BeforeAll
    static void up() throws Exception {
        slurm = SlurmTestbed.started(Bed.ACCOUNTS, true);
        bank = Bank.on(slurm);
        bank.start();
        slurm.adduser(ALICE);
        slurm.adduser(BOB);
        readOnly = Map.of("ALLOCMGR_CONF", allocmgrConf("read-only.conf", "no").toString());
        creating = Map.of("ALLOCMGR_CONF", allocmgrConf("creating.conf", "yes").toString());
        // The cluster as a site has it before allocd: a department with a project, another project, users.
        sacctmgr("-i", "add", "account", "e2edept");
        sacctmgr("-i", "add", "account", "e2eproja", "parent=e2edept");
        sacctmgr("-i", "add", "account", "e2eprojb");
        sacctmgr("-i", "add", "user", ALICE, "account=e2eproja,e2eprojb", "defaultaccount=e2eprojb");
        sacctmgr("-i", "add", "coordinator", "account=e2eproja", "names=" + ALICE);
    }

    private static Path allocmgrConf(String name, String create) throws IOException {
        return Files.writeString(slurm.dir.resolve(name), "slurm_bin_dir = " + slurm.binDir + "\nslurm_conf = "
                + slurm.slurmConf + "\nslurm_accounts = " + create + "\n");
    }

    private static String sacctmgr(String... args) throws IOException {
        String[] command = new String[args.length + 1];
        command[0] = "sacctmgr";
        System.arraycopy(args, 0, command, 1, args.length);
        return slurm.slurmOk(command);
    }

    @AfterAll
    static void down() throws IOException {
        if (bank != null) {
            bank.close();
        }
        if (slurm != null) {
            slurm.closeAndClean();
        }
    }

    private static String allocmgr(Map<String, String> env, String... args) {
        Cli run = bank.allocmgrWith(env, args);
        assertEquals(0, run.exit(), () -> String.join(" ", args) + "\n" + run.out() + run.err());
        return run.out();
    }

    @Test
    @Order(1)
    void anExistingClusterIsImportedCheckedAndThenCreatedOnceInBoth() throws IOException {
        String before = allocmgr(readOnly, "check", "slurm");
        assertTrue(before.contains("account e2eproja: in Slurm (parent e2edept), not in the bank"), before);
        assertTrue(before.contains("membership " + ALICE + " in e2eproja: in Slurm (coordinator), not in the bank"),
                before);

        String dryRun = allocmgr(readOnly, "import", "slurm");
        assertTrue(dryRun.contains("would add account e2eproja (parent e2edept)"), dryRun);
        assertTrue(dryRun.contains("run again with apply=yes"), dryRun);
        assertTrue(allocmgr(readOnly, "-n", "-P", "show", "accounts").isBlank(), "a dry run adds nothing");

        String applied = allocmgr(readOnly, "import", "slurm", "apply=yes");
        assertTrue(applied.contains("done: set default account of " + ALICE + " to e2eprojb"), applied);
        assertTrue(allocmgr(readOnly, "-n", "-P", "show", "accounts").contains("e2eproja|e2edept|active"));
        assertTrue(allocmgr(readOnly, "-n", "-P", "show", "memberships", "account=e2eproja")
                .contains("e2eproja|" + ALICE + "|coordinator"));
        assertEquals("Slurm and the bank agree\n", allocmgr(readOnly, "check", "slurm"));
        assertTrue(allocmgr(readOnly, "import", "slurm", "apply=yes").startsWith("nothing to import"),
                "a second import adds nothing");

        // Created once, with slurm_accounts = yes: the bank and Slurm both get it.
        String added = allocmgr(creating, "-i", "add", "account", "e2eprojc", "parent=e2edept");
        assertTrue(added.contains("Slurm: added account e2eprojc"), added);
        added = allocmgr(creating, "-i", "add", "user", BOB, "defaultaccount=e2eprojc");
        assertTrue(added.contains("Slurm: added user " + BOB + " in account e2eprojc"), added);
        added = allocmgr(creating, "-i", "add", "coordinator", "user=" + BOB, "account=e2eprojc");
        assertTrue(added.contains("Slurm: user " + BOB + " in account e2eprojc was there already; Slurm: added"
                + " coordinator " + BOB + " of e2eprojc"), added);
        assertTrue(sacctmgr("-n", "-P", "show", "association", "account=e2eprojc", "format=account,parentname,user")
                .contains("e2eprojc||" + BOB));
        assertEquals("Slurm and the bank agree\n", allocmgr(readOnly, "check", "slurm"));
        bank.assertVerifyClean();
    }

    /** One change through allocmgr with mirroring, which must say what it did in Slurm; then both agree. */
    private static String mirrored(String said, String... args) {
        String out = allocmgr(creating, args);
        assertTrue(out.contains(said), () -> String.join(" ", args) + " said:\n" + out);
        assertEquals("Slurm and the bank agree\n", allocmgr(readOnly, "check", "slurm"), String.join(" ", args));
        return out;
    }

    private static String association(String account, String format) throws IOException {
        return sacctmgr("-n", "-P", "show", "association", "account=" + account, "format=" + format);
    }

    @Test
    @Order(2)
    void modifyAndDeleteAreMadeInSlurmTooAndCheckFollowsEach() throws IOException {
        mirrored("Slurm: moved account e2eprojc under root", "modify", "account", "e2eprojc", "parent=none");
        assertTrue(association("e2eprojc", "account,parentname,user").contains("e2eprojc|root|"),
                association("e2eprojc", "account,parentname,user"));
        mirrored("Slurm: moved account e2eprojc under e2eproja", "modify", "account", "e2eprojc", "parent=e2eproja");
        assertTrue(association("e2eprojc", "account,parentname,user").contains("e2eprojc|e2eproja|"));
        Cli loop = bank.allocmgrWith(creating, "modify", "account", "e2eproja", "parent=e2eprojc");
        assertTrue(loop.exit() != 0 && loop.err().contains("cannot be put under its own subtree"), loop.err());

        mirrored("Slurm: set description=Chemistry runs organization=chem of account e2eprojc", "modify",
                "account", "e2eprojc", "description=Chemistry runs", "organization=chem");
        String details = sacctmgr("-n", "-P", "show", "account", "e2eprojc", "format=description,organization");
        assertTrue(details.strip().equalsIgnoreCase("Chemistry runs|chem"), details); // 22.05 lower-cases them

        mirrored("Slurm: added user " + ALICE + " in account e2eprojc", "add", "membership", "user=" + ALICE,
                "account=e2eprojc");
        mirrored("Slurm: default account of " + ALICE + " is e2eprojc", "modify", "user", ALICE,
                "defaultaccount=e2eprojc");
        mirrored("Slurm: added coordinator " + ALICE + " of e2eprojc", "modify", "membership", "user=" + ALICE,
                "account=e2eprojc", "role=coordinator");
        mirrored("Slurm: removed coordinator " + ALICE + " of e2eprojc", "-i", "delete", "coordinator",
                "user=" + ALICE, "account=e2eprojc");

        for (String[] rename : new String[][] {{"modify", "account", "e2eprojc", "newname=e2eprojx"},
                {"modify", "account", "e2eprojc", "set", "name=e2eprojx"}}) {
            Cli refused = bank.allocmgrWith(creating, rename);
            assertTrue(refused.exit() != 0 && refused.err().contains("is not renamed to e2eprojx")
                    && refused.err().contains("Slurm cannot rename an account"), refused.err());
        }
        assertEquals("Slurm and the bank agree\n", allocmgr(readOnly, "check", "slurm"), "a refused rename");

        // A job queued in Slurm would lose its account (22.05 deletes the account under it): the close is refused
        // before anything changes, and goes through once the job is gone.
        long job = slurm.submit(ALICE, "--hold", "--account=e2eprojb", "--wrap=true");
        Cli refused = bank.allocmgrWith(creating, "-i", "delete", "account", "e2eprojb");
        assertEquals(1, refused.exit(), refused.out() + refused.err());
        assertTrue(refused.err().contains("account e2eprojb is not closed: Slurm has 1 of its jobs queued or running ("
                + job + ")"), refused.err());
        assertTrue(allocmgr(readOnly, "-n", "-P", "show", "accounts", "e2eprojb").contains("|active|"));
        assertEquals("Slurm and the bank agree\n", allocmgr(readOnly, "check", "slurm"));
        slurm.slurmOk("scancel", Long.toString(job));
        mirrored("Slurm: deleted account e2eprojb", "-i", "delete", "account", "e2eprojb");
        assertEquals("", association("e2eprojb", "account"));
        mirrored("Slurm: added account e2eprojb", "-i", "modify", "account", "e2eprojb", "state=active");
        mirrored("Slurm: nothing to change: Slurm has no frozen accounts", "modify", "account", "e2eprojb",
                "state=frozen");
        bank.assertVerifyClean();
    }

    @Test
    @Order(3)
    void withoutSlurmdbdTheChangesSayWhySlurmGetsNothing() throws IOException {
        String conf = Files.readString(slurm.slurmConf).lines().filter(l -> !l.startsWith("AccountingStorage"))
                .collect(java.util.stream.Collectors.joining("\n", "", "\n"));
        Path noDbd = Files.writeString(slurm.slurmConf.resolveSibling("slurm-without-dbd.conf"), conf);
        Map<String, String> env = Map.of("ALLOCMGR_CONF", Files.writeString(slurm.dir.resolve("no-dbd.conf"),
                "slurm_bin_dir = " + slurm.binDir + "\nslurm_conf = " + noDbd + "\nslurm_accounts = yes\n")
                .toString());
        String out = allocmgr(env, "modify", "account", "e2eprojc", "description=Physics runs");
        assertTrue(out.contains("Slurm: nothing done: this Slurm keeps no accounts, users or associations: it has"
                + " no slurmdbd"), out);
        assertTrue(allocmgr(env, "add", "account", "e2eprojn").contains("Slurm: nothing done"));
        Cli check = bank.allocmgrWith(env, "check", "slurm");
        assertEquals(1, check.exit(), check.out() + check.err());
        assertTrue(check.err().contains("it has no slurmdbd") && check.err().contains("nothing to import or compare"),
                check.err());
        assertTrue(allocmgr(readOnly, "-n", "-P", "show", "accounts").contains("e2eprojn||active"));
        allocmgr(readOnly, "-i", "delete", "account", "e2eprojn");
        assertEquals("Slurm and the bank agree\n", allocmgr(readOnly, "check", "slurm"));
        bank.assertVerifyClean();
    }

    @Test
    @Order(4)
    void withSlurmdbdAwayCheckAndImportRefuseClearlyAndChangeNothing() throws Exception {
        String accountsBefore = allocmgr(readOnly, "-n", "-P", "show", "accounts");
        ProcessHandle slurmdbd = ProcessHandle.of(slurm.pid("slurmdbd")).orElseThrow();
        slurmdbd.destroy();
        slurmdbd.onExit().get();
        for (String[] args : new String[][] {{"check", "slurm"}, {"import", "slurm", "apply=yes"}}) {
            Cli refused = bank.allocmgrWith(readOnly, args);
            assertEquals(1, refused.exit(), refused.out() + refused.err());
            assertTrue(refused.err().contains("cannot read Slurm's accounts") && refused.err().contains(
                    "is slurmdbd running"), refused.err());
        }
        assertEquals(accountsBefore, allocmgr(readOnly, "-n", "-P", "show", "accounts"), "the import changed nothing");
        // The bank's own change stands; the admin is told Slurm lacks it and how to see the difference later.
        Cli half = bank.allocmgrWith(creating, "-i", "add", "account", "e2eprojd");
        assertEquals(1, half.exit(), half.out() + half.err());
        assertTrue(half.err().contains("the bank has the change, Slurm does not"), half.err());
        assertTrue(half.err().contains("make it in Slurm ('allocmgr check slurm' lists what differs)"), half.err());
        String accounts = allocmgr(readOnly, "-n", "-P", "show", "accounts");
        assertEquals(accountsBefore.lines().count() + 1, accounts.lines().count(), accounts);
        assertTrue(accounts.contains("e2eprojd||active"), accounts);
        bank.assertVerifyClean();
    }
}
