package org.allocd.protocol;

import static org.allocd.ledger.LedgerFixture.SU;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.allocd.access.Access;
import org.allocd.access.Caller;
import org.allocd.cycle.AddGrant;
import org.allocd.cycle.CarryOver;
import org.allocd.cycle.GrantPeriod;
import org.allocd.cycle.RunGrants;
import org.allocd.ledger.LedgerOnEachStore;
import org.allocd.ledger.LimitPeriod;
import org.allocd.ledger.Operation;
import org.allocd.ledger.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Members' use against their limits in 'memberships', under 'balances' and in 'project_summary': the same
 * figures (MemberUse) everywhere; a member sees their own, a coordinator their subtree's members, an admin all.
 */
class MemberUseViewsTest extends LedgerOnEachStore {
    private static final Caller ROOT = new Caller("root", true);
    private static final Caller ALICE = new Caller("alice", false);
    private static final Caller CORA = new Caller("cora", false);
    private static final String ALICE_USE = "proj/alice used 4000000 of 10000000 cycle this cycle (since 2027-01-01)";
    private static final String BOB_USE = "proj/bob used 2000000 of null total in total";
    private static final String CORA_USE = "dept/cora used 0 of null total in total";

    private AdminRequests admin;

    @BeforeEach
    void open() {
        f.account("dept", null);
        f.account("proj", "dept");
        f.user("alice", "proj");
        f.user("bob", "proj");
        f.user("cora", null);
        f.apply(new Operation.AddMembership(f.key(), "admin", "alice", "proj", Role.MEMBER, 10 * SU,
                LimitPeriod.CYCLE));
        f.apply(new Operation.AddMembership(f.key(), "admin", "cora", "dept", Role.COORDINATOR, null));
        f.apply(new AddGrant(f.key(), "admin", "proj", 100 * SU, GrantPeriod.MONTHLY,
                Instant.parse("2027-01-01T00:00:00Z").toEpochMilli(), null, CarryOver.parse("none"), "UTC", "grant"));
        f.apply(new RunGrants(f.key(), "housekeeping"));
        f.lien("c/1/0", "proj", "alice", 5 * SU);
        f.charge("c/1/0", 4 * SU);
        f.lien("c/2/0", "proj", "bob", 2 * SU);
        admin = new AdminRequests(f.ledger, null, new Access(f.ledger, Set::of, null), Runnable::run, () -> 14, null,
                () -> 0, PortalLinks.OFF,
                new HealthSources(dir.resolve("spool"), Optional::empty, dir.resolve("last-verify.json")));
    }

    private JsonNode ask(Caller caller, String op) {
        ObjectNode request = JsonNodeFactory.instance.objectNode().put("op", op);
        JsonNode answer = admin.handle(() -> caller, request).join();
        assertTrue(answer.path("ok").asBoolean(), () -> op + " failed: " + answer);
        return answer;
    }

    private static String use(JsonNode m) {
        return m.get("account").asText() + "/" + m.get("user").asText() + " used " + m.get("used_micro_su").asLong()
                + " of " + m.get("limit_micro_su").asText() + " " + m.get("limit_per").asText() + " "
                + m.get("use_counts").asText();
    }

    private List<String> memberships(Caller caller) {
        List<String> rows = new ArrayList<>();
        ask(caller, "memberships").get("rows").forEach(m -> rows.add(use(m)));
        return rows;
    }

    /** Each balance row's members, as account: uses. */
    private List<String> balanceMembers(Caller caller) {
        List<String> rows = new ArrayList<>();
        ask(caller, "balances").get("rows").forEach(row -> row.get("members").forEach(m -> rows.add(use(m))));
        return rows;
    }

    /** The members under one account's balance (op balance, as /v1/balance answers). */
    private List<String> oneBalanceMembers(Caller caller) {
        ObjectNode request = JsonNodeFactory.instance.objectNode().put("op", "balance").put("account", "proj");
        JsonNode answer = admin.handle(() -> caller, request).join();
        assertTrue(answer.path("ok").asBoolean(), () -> "balance failed: " + answer);
        List<String> rows = new ArrayList<>();
        answer.get("members").forEach(m -> rows.add(use(m)));
        return rows;
    }

    @Test
    void oneAccountsBalanceShowsTheSameMembersAsTheBalances() {
        assertEquals(List.of(ALICE_USE), oneBalanceMembers(ALICE));
        assertEquals(List.of(ALICE_USE, BOB_USE), oneBalanceMembers(CORA), "proj's members; cora is dept's");
        assertEquals(List.of(ALICE_USE, BOB_USE), oneBalanceMembers(ROOT));
    }

    @Test
    void aMemberSeesTheirOwnUseACoordinatorTheirSubtreesAndAnAdminAll() {
        assertEquals(List.of(ALICE_USE), memberships(ALICE));
        assertEquals(List.of(ALICE_USE), balanceMembers(ALICE));
        assertEquals(List.of(CORA_USE, ALICE_USE, BOB_USE), memberships(CORA));
        assertEquals(List.of(CORA_USE, ALICE_USE, BOB_USE), balanceMembers(CORA));
        assertEquals(List.of(CORA_USE, ALICE_USE, BOB_USE), memberships(ROOT));
        assertEquals(List.of(CORA_USE, ALICE_USE, BOB_USE), balanceMembers(ROOT));
    }

    @Test
    void theProjectSummaryShowsTheSameUse() {
        JsonNode proj = ask(ALICE, "project_summary").get("rows").get(0);
        assertEquals("proj", proj.get("account").asText());
        assertEquals(4 * SU, proj.get("user_used_micro_su").asLong());
        assertEquals(10 * SU, proj.get("user_limit_micro_su").asLong());
        assertEquals("this cycle (since 2027-01-01)", proj.get("user_use_counts").asText());
    }
}
