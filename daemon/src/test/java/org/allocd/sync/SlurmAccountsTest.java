package org.allocd.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.allocd.sync.AccountTree.Member;
import org.junit.jupiter.api.Test;

/** sacctmgr's parsable output as Slurm 22.05 printed it on the bed (show association / show user withcoord). */
class SlurmAccountsTest {
    static final String ASSOCIATIONS = """
            root||
            root||root
            dept|root|
            proja|dept|
            proja||alice
            projb|root|
            projb||alice
            projb||bob
            """;
    static final String USERS = """
            alice|projb|proja
            bob|projb|
            root|root|
            """;

    static AccountTree slurm() {
        return SlurmAccounts.parse(ASSOCIATIONS, USERS);
    }

    @Test
    void readsAccountsWithParentsUsersDefaultsAndCoordinatorsLeavingOutSlurmsRoot() {
        AccountTree tree = slurm();
        Map<String, String> parents = new HashMap<>();
        parents.put("dept", null);
        parents.put("proja", "dept");
        parents.put("projb", null);
        assertEquals(parents, tree.parents());
        assertEquals(Map.of("alice", "projb", "bob", "projb"), tree.defaultAccounts());
        assertEquals(Map.of(new Member("alice", "proja"), AccountTree.COORDINATOR, new Member("alice", "projb"),
                AccountTree.MEMBER, new Member("bob", "projb"), AccountTree.MEMBER), tree.roles());
    }

    @Test
    void theImportAddsParentsFirstThenUsersMembershipsAndDefaultsAndThenNothing() {
        AccountTree empty = new AccountTree(Map.of(), Map.of(), Map.of());
        List<String> steps = ImportPlan.of(slurm(), empty).stream().map(ImportPlan.Step::text).toList();
        assertEquals(List.of("add account dept", "add account proja (parent dept)", "add account projb",
                "add user alice", "add user bob", "add membership alice in proja (coordinator)",
                "add membership alice in projb (member)", "add membership bob in projb (member)",
                "set default account of alice to projb", "set default account of bob to projb"), steps);
        assertEquals(List.of(), ImportPlan.of(slurm(), slurm()), "planned again once applied: nothing");
    }

    @Test
    void checkListsEveryDifferenceBothWays() {
        Map<String, String> parents = new HashMap<>();
        parents.put("proja", null);
        parents.put("projb", null);
        parents.put("old", null);
        AccountTree bank = new AccountTree(parents, Map.of("alice", "proja", "carol", "old"),
                Map.of(new Member("alice", "proja"), AccountTree.MEMBER, new Member("carol", "old"), AccountTree.MEMBER));
        assertEquals(List.of(
                "account dept: in Slurm (parent (none)), not in the bank",
                "account proja: parent dept in Slurm, (none) in the bank",
                "account old: in the bank, not in Slurm",
                "user alice: default account projb in Slurm, proja in the bank",
                "user bob: in Slurm (default account projb), not in the bank",
                "user carol: in the bank, not in Slurm",
                "membership alice in proja: coordinator in Slurm, member in the bank",
                "membership alice in projb: in Slurm (member), not in the bank",
                "membership bob in projb: in Slurm (member), not in the bank",
                "membership carol in old: in the bank (member), not in Slurm"), Differences.between(slurm(), bank));
        assertEquals(List.of(), Differences.between(slurm(), slurm()));
    }

    @Test
    void aCoordinatorInheritedFromAParentIsNoMembershipOfItsOwnAndComparesAlike() {
        // dept's coordinator carol, as Slurm lists her: on dept and on proja below it; alice coordinates proja.
        AccountTree slurm = SlurmAccounts.parse("dept|root|\nproja|dept|\nproja||carol\nproja||alice\n",
                "carol||dept,proja\nalice||proja\n");
        assertEquals(Map.of(new Member("carol", "dept"), AccountTree.COORDINATOR, new Member("carol", "proja"),
                AccountTree.MEMBER, new Member("alice", "proja"), AccountTree.COORDINATOR), slurm.reduced().roles(),
                "carol's own association in proja stays a membership; her coordination there comes from dept");
        Map<String, String> parents = new HashMap<>();
        parents.put("dept", null);
        parents.put("proja", "dept");
        Map<String, String> defaults = new HashMap<>();
        defaults.put("carol", null);
        defaults.put("alice", null);
        AccountTree bank = new AccountTree(parents, defaults, Map.of(new Member("carol", "dept"),
                AccountTree.COORDINATOR, new Member("alice", "proja"), AccountTree.COORDINATOR));
        assertEquals(List.of("membership carol in proja: in Slurm (member), not in the bank"),
                Differences.between(slurm, bank), "compared over the subtree: only carol's own association differs");
        assertEquals(List.of(), Differences.between(SlurmAccounts.parse("dept|root|\nproja|dept|\n",
                "carol||dept,proja\nalice||proja\n"), bank));
    }
}
