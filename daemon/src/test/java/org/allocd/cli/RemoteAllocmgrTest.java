package org.allocd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.allocd.cli.CliFixture.Result;
import org.allocd.munge.Munge;
import org.allocd.munge.TestMunged;
import org.allocd.remote.RequestSeal;
import org.allocd.server.FrameClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * allocmgr from another node through the TCP door: a network namespace with its own address, real munged
 * (keys made here), the real allocmgr as four unix users. Each user sees and may do over TCP exactly what
 * the unix socket allows them; every way a credential can be wrong is refused and changes nothing.
 * sys is an admin (admins = sys), daemon coordinates dept, nobody is a member of proj, bin holds no role.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RemoteAllocmgrTest {
    private static final int ADMIN_UID = 3;
    private static final int COORDINATOR_UID = 1;
    private static final int MEMBER_UID = 65534;
    private static final int OUTSIDER_UID = 2;
    private static final ObjectMapper JSON = new ObjectMapper();

    Path dir;
    Path classpath;
    TestMunged munged;
    TestMunged otherKey;
    OtherNode node;
    int port;
    CliFixture f;

    @BeforeAll
    void start(@TempDir Path tempDir) throws Exception {
        Assumptions.assumeTrue(OtherNode.possible() && TestMunged.installed(),
                "needs root, ip netns and munged (Debian: munge) to make another node and check credentials");
        dir = tempDir;
        munged = TestMunged.start(dir.resolve("munge"));
        otherKey = TestMunged.start(dir.resolve("munge-other-key"));
        node = OtherNode.create();
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName(node.hostAddress))) {
            port = probe.getLocalPort();
        }
        f = new CliFixture(dir, Clock.systemUTC(), "admin_listen = " + node.hostAddress + ":" + port,
                "munge_socket = " + munged.socket(), "admins = sys");
        classpath = ReadableClasspath.copy(dir);
        f.ok("add", "account", "dept");
        f.ok("add", "account", "proj", "parent=dept");
        f.ok("add", "account", "other", "parent=dept");
        f.ok("add", "user", "nobody", "defaultaccount=proj");
        f.ok("add", "user", "daemon");
        f.ok("add", "user", "sys");
        f.ok("add", "membership", "user=nobody", "account=proj");
        f.ok("add", "coordinator", "user=daemon", "account=dept");
        f.ok("-i", "deposit", "dept", "amount=100", "note=grant");
        f.ok("-i", "deposit", "proj", "amount=50", "note=grant");
        f.job(1, "nobody", "proj", 8, 3600);
    }

    @AfterAll
    void stop() throws Exception {
        try {
            if (f != null) {
                f.verifyClean();
                f.close();
            }
        } finally {
            if (node != null) {
                node.close();
            }
            if (munged != null) {
                munged.close();
            }
            if (otherKey != null) {
                otherKey.close();
            }
        }
    }

    /** Reads and refused writes: the same lines, errors and exit codes over TCP as on the unix socket. */
    @Test
    void everyRoleSeesAndMayDoOverTcpExactlyWhatTheUnixSocketAllows() throws Exception {
        long before = f.journalEntries();
        List<List<String>> commands = List.of(
                List.of("-Pn", "whoami"),
                List.of("-Pn", "balance", "format=Account,Balance,Deposited,Used"),
                List.of("-Pn", "balance", "other", "format=Account,Balance"),
                List.of("-Pn", "show", "jobs", "format=Job,User"),
                List.of("-Pn", "jobcharge", "proj", "format=User,Jobs,SU"),
                List.of("--csv", "jobcharge", "proj"),
                List.of("accounts"),
                List.of("--json", "accounts"),
                List.of("--json", "verify"),
                List.of("-Pn", "statement", "proj", "start=2000-01-01", "end=2100-01-01"),
                List.of("-i", "create", "account", "mine"));
        for (int uid : new int[] {COORDINATOR_UID, MEMBER_UID, OUTSIDER_UID}) {
            for (List<String> command : commands) {
                Result unix = onNode(uid, false, command);
                Result tcp = onNode(uid, true, command);
                assertEquals(unix, tcp, "uid " + uid + " " + command);
            }
        }
        assertEquals(new Result(0, "nobody|false\n", ""), onNode(MEMBER_UID, true, List.of("-Pn", "whoami")));
        assertEquals(new Result(0, "sys|true\n", ""), onNode(ADMIN_UID, true, List.of("-Pn", "whoami")));
        assertEquals(1, onNode(OUTSIDER_UID, true, List.of("balance", "proj")).exit());
        assertEquals(new Result(0, "proj|49.000000|50.000000||1.000000||in total\n", ""),
                onNode(MEMBER_UID, true, List.of("-Pn", "accounts")));
        assertEquals(before, f.journalEntries(), "a refused or read-only request changed the journal");
    }

    @Test
    void writesOverTcpCarryTheCredentialsUser() throws Exception {
        long before = f.journalEntries();
        assertTrue(onNode(MEMBER_UID, true, List.of("-i", "deposit", "proj", "amount=5", "note=x")).err()
                .contains("a deposit needs the admin role; nobody is not an admin"));
        assertEquals(0, onNode(ADMIN_UID, true, List.of("-i", "deposit", "other", "amount=7", "note=remote")).exit());
        assertEquals(0, onNode(COORDINATOR_UID, true,
                List.of("-i", "transfer", "from=dept", "to=other", "amount=2", "note=delegated")).exit());
        String lines = f.ok("-Pn", "transactions", "account=other", "format=Kind,Amount,Actor").out();
        assertTrue(lines.contains("DEPOSIT|7.000000|sys") && lines.contains("TRANSFER|2.000000|daemon"), lines);
        assertEquals(before + 3, f.journalEntries(), "a deposit is one journal line, a transfer two");
    }

    @Test
    void eachUserSetsTheirOwnAlertMailOverTcpAndAnAdminAnyones() throws Exception {
        long before = f.journalEntries();
        assertEquals(0, onNode(MEMBER_UID, true, List.of("notify", "mail=no", "thresholds=75")).exit());
        assertEquals(new Result(0, "nobody|no|75\n", ""), onNode(MEMBER_UID, true, List.of("-Pn", "show", "notify")));
        Result other = onNode(MEMBER_UID, true, List.of("notify", "user=daemon", "mail=no"));
        assertEquals(1, other.exit(), other.toString());
        assertTrue(other.err().contains("the alert mail settings of another user needs the admin role"), other.err());
        assertEquals(1, onNode(MEMBER_UID, true, List.of("show", "notify", "user=daemon")).exit());
        assertEquals(0, onNode(ADMIN_UID, true, List.of("notify", "user=daemon", "thresholds=80,95")).exit());
        assertEquals("daemon|yes|80,95\n", f.ok("-Pn", "show", "notify", "user=daemon").out());
        assertEquals(before + 2, f.journalEntries(), "one journal line per setting changed, none for a refusal");
    }

    @Test
    void aCredentialIsRefusedWhenReplayedExpiredForOtherBytesOrFromAnotherKey() throws Exception {
        Munge local = Munge.at(munged.socket());
        byte[] deposit = "{\"op\":\"deposit\",\"account\":\"proj\",\"amount_micro_su\":1000000,\"key\":\"r1\"}"
                .getBytes(StandardCharsets.UTF_8);
        long before = f.journalEntries();

        ObjectNode sealed = RequestSeal.seal(local, "{\"op\":\"ping\"}".getBytes(StandardCharsets.UTF_8), 0);
        assertEquals(true, send(sealed).path("ok").asBoolean());
        assertRefused(send(sealed), "unauthenticated", "Replayed credential");

        ObjectNode forPing = RequestSeal.seal(local, "{\"op\":\"ping\"}".getBytes(StandardCharsets.UTF_8), 0);
        assertRefused(send(RequestSeal.seal(RequestSeal.credential(forPing), deposit)), "unauthenticated",
                "made for another request");

        ObjectNode shortLived = RequestSeal.seal(local, deposit, 1);
        Thread.sleep(2_200);
        assertRefused(send(shortLived), "unauthenticated", "Expired credential");

        assertRefused(send(RequestSeal.seal(Munge.at(otherKey.socket()), deposit, 0)), "unauthenticated",
                "Invalid credential");

        assertRefused(send(JSON.createObjectNode().put("op", "deposit")), "unauthenticated", "only sealed requests");
        assertEquals(before, f.journalEntries(), "a refused credential changed the journal");
    }

    @Test
    void mungedDownOnEitherSideIsSaidPlainly() throws Exception {
        long before = f.journalEntries();
        Result noLocalMunged = onNode(ADMIN_UID, true, List.of("-i", "deposit", "proj", "amount=1", "note=x"),
                dir.resolve("no-munged-here.socket"));
        assertEquals(1, noLocalMunged.exit(), noLocalMunged.toString());
        assertTrue(noLocalMunged.err().contains("cannot prove who you are") && noLocalMunged.err().contains(
                "is munged running here"), noLocalMunged.err());

        Munge local = Munge.at(munged.socket());
        ObjectNode sealed = RequestSeal.seal(local, ("{\"op\":\"deposit\",\"account\":\"proj\",\"amount_micro_su\":1,"
                + "\"key\":\"down1\"}").getBytes(StandardCharsets.UTF_8), 0);
        munged.stop();
        try {
            assertRefused(send(sealed), "unavailable", "allocd cannot check MUNGE credentials now");
        } finally {
            munged.start();
        }
        assertEquals(before, f.journalEntries());
    }

    @Test
    void oneHostOverItsRateIsToldToWait() throws Exception {
        int refused = 0;
        try (FrameClient client = FrameClient.connect(node.hostAddress, port)) {
            for (int i = 0; i < 400; i++) {
                client.send("{\"op\":\"ping\"}");
                if ("rate_limited".equals(client.read().path("error").asText())) {
                    refused++;
                }
            }
        }
        assertTrue(refused > 0, "400 requests at once from one host all passed a rate of 50 a second");
        Thread.sleep(2_000); // the bucket refills before the other tests' requests
    }

    @Test
    void anOversizeFrameIsRefusedUnread() throws Exception {
        try (FrameClient client = FrameClient.connect(node.hostAddress, port)) {
            client.sendRaw(new byte[] {'A', 'L', 1, 0, 0x7f, 0, 0, 0});
            assertEquals("bad_frame", client.read().path("error").asText());
        }
    }

    @Test
    void theDoorHoldsAtMost512ConnectionsAndClosesTheNext() throws Exception {
        List<FrameClient> open = new ArrayList<>();
        try {
            for (int i = 0; i < 512; i++) {
                open.add(FrameClient.connect(node.hostAddress, port));
            }
            open.get(511).send("{\"op\":\"ping\"}");
            assertEquals("unauthenticated", open.get(511).read().path("error").asText(), "the 512th is served");
            try (FrameClient extra = FrameClient.connect(node.hostAddress, port)) {
                extra.send("{\"op\":\"ping\"}");
                assertThrows(IOException.class, extra::read, "the 513th connection was served");
            }
        } finally {
            for (FrameClient c : open) {
                c.close();
            }
        }
    }

    private static void assertRefused(ObjectNode answer, String error, String says) {
        assertEquals(false, answer.path("ok").asBoolean(true), answer.toString());
        assertEquals(error, answer.path("error").asText(), answer.toString());
        assertTrue(answer.path("message").asText().contains(says), answer.toString());
    }

    /** One sealed (or not) frame to the door from this host, its answer back. */
    private ObjectNode send(ObjectNode payload) throws IOException {
        try (FrameClient client = FrameClient.connect(node.hostAddress, port)) {
            client.send(JSON.writeValueAsString(payload));
            return client.read();
        }
    }

    private Result onNode(int uid, boolean tcp, List<String> args) throws Exception {
        return onNode(uid, tcp, args, munged.socket());
    }

    /** allocmgr on the other node as uid, through the TCP door or through the admin socket's file. */
    private Result onNode(int uid, boolean tcp, List<String> args, Path mungeSocket) throws Exception {
        List<String> command = new ArrayList<>(List.of("env", "-i", "PATH=/usr/bin:/bin"));
        if (tcp) {
            command.addAll(List.of("ALLOCD_SERVER=" + node.hostAddress + ":" + port,
                    "ALLOCD_MUNGE_SOCKET=" + mungeSocket, "ALLOCMGR_CONF=/nonexistent"));
        } else {
            command.add("ALLOCD_ADMIN_SOCKET=" + f.adminSocket);
        }
        command.addAll(ReadableClasspath.allocmgr(classpath, uid));
        command.addAll(args);
        Process process = node.start(command);
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "allocmgr did not exit");
        return new Result(process.exitValue(), out, err);
    }
}
