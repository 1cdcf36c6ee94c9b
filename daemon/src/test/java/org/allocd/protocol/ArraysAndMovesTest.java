package org.allocd.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import org.allocd.daemon.DaemonFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Job arrays and pending jobs moved to another account, over the real daemon's hook and admin sockets on a
 * SQLite ledger: an array's quote states per element and total, its elements are shown and journaled as
 * Slurm names them (31_1), and a move is refused with the bank's reason when the user cannot charge the
 * new account. Each ends with verify clean.
 */
class ArraysAndMovesTest {
    private static final String JOB = "\"partition\":\"gpu\",\"gpus\":1,\"time_limit_s\":90";
    private static final String RUN = "\"cluster\":\"testcluster\",\"user\":\"alice\",\"account\":\"proj\"," + JOB;

    @Test
    void anArraysQuoteStatesEachElementAndTheTotal(@TempDir Path dir) throws Exception {
        try (DaemonFixture f = new DaemonFixture(dir)) {
            f.seed();
            f.admin("{\"op\":\"add_membership\",\"user\":\"alice\",\"account\":\"proj\",\"key\":\"m1\"}");
            ObjectNode one = f.hook("{\"op\":\"QUOTE\",\"user\":\"alice\"," + JOB + "}");
            ObjectNode five = f.hook("{\"op\":\"QUOTE\",\"user\":\"alice\",\"array_elements\":5," + JOB + "}");
            assertEquals("accept", five.get("verdict").asText(), five.toString());
            assertEquals("0.025000", one.get("amount_su").asText(), "1 unit for 90 s: " + one);
            assertTrue(five.get("message").asText().startsWith(
                    "job array of 5 elements x 0.025000 SU = 0.125000 SU; each element: " + one.get("message").asText()),
                    five.toString());
            ObjectNode zero = f.hook("{\"op\":\"QUOTE\",\"user\":\"alice\",\"array_elements\":0," + JOB + "}");
            assertEquals("bad_request", zero.get("error").asText(), zero.toString());
            assertTrue(f.verify().get("clean").asBoolean());
        }
    }

    @Test
    void anArrayElementIsShownAndJournaledAsSlurmNamesIt(@TempDir Path dir) throws Exception {
        try (DaemonFixture f = new DaemonFixture(dir)) {
            f.seed();
            f.admin("{\"op\":\"add_membership\",\"user\":\"alice\",\"account\":\"proj\",\"key\":\"m1\"}");
            String element = "\"job_id\":33,\"array_job_id\":31,\"array_task_id\":2," + RUN;
            assertTrue(f.hook("{\"op\":\"LIEN\"," + element + "}").get("ok").asBoolean());
            assertTrue(f.hook("{\"op\":\"CHARGE\",\"elapsed_s\":30,\"state\":\"COMPLETED\"," + element + "}")
                    .get("ok").asBoolean());
            assertTrue(f.hook("{\"op\":\"LIEN\",\"job_id\":40," + RUN + "}").get("ok").asBoolean());
            ObjectNode half = f.hook("{\"op\":\"LIEN\",\"job_id\":41,\"array_job_id\":31," + RUN + "}");
            assertEquals("bad_request", half.get("error").asText(), half.toString());

            String shown = "";
            for (JsonNode row : f.admin("{\"op\":\"jobs\",\"account\":\"proj\"}").get("rows")) {
                shown += row.get("job").asText() + "=" + row.get("slurm_id").asText() + ";";
            }
            assertEquals("testcluster/40/0=40;testcluster/33/0=31_2;", shown);
            String notes = "";
            for (JsonNode line : f.admin("{\"op\":\"transactions\",\"account\":\"proj\"}").get("rows")) {
                notes += line.get("note").asText() + "\n";
            }
            assertTrue(notes.contains("lien for job testcluster/33/0, array element 31_2"), notes);
            assertTrue(notes.contains("elapsed 30 s, exit 0, COMPLETED, array element 31_2"), notes);
            assertTrue(f.verify().get("clean").asBoolean());
        }
    }

    @Test
    void aMoveToAnAccountTheUserCannotChargeIsRefusedWithTheBanksReason(@TempDir Path dir) throws Exception {
        try (DaemonFixture f = new DaemonFixture(dir)) {
            f.seed();
            // uid 0 is named root by this host's passwd, as the plugin's uid is named for any user.
            f.admin("{\"op\":\"add_user\",\"name\":\"root\",\"default_account\":\"proj\",\"key\":\"u1\"}");
            f.admin("{\"op\":\"add_membership\",\"user\":\"root\",\"account\":\"proj\",\"key\":\"m1\"}");
            f.admin("{\"op\":\"create_account\",\"name\":\"other\",\"key\":\"a1\"}");
            f.admin("{\"op\":\"add_membership\",\"user\":\"alice\",\"account\":\"other\",\"role\":\"coordinator\","
                    + "\"key\":\"m2\"}");
            String move = "{\"op\":\"REQUOTE\",\"cluster\":\"testcluster\",\"job_id\":7,";

            ObjectNode refused = f.hook(move + "\"uid\":0,\"account\":\"other\"}");
            assertEquals("not_member", refused.get("error").asText(), refused.toString());
            assertEquals("user 'root' is not a member of account 'other'; its coordinators can add you: alice",
                    refused.get("message").asText());
            ObjectNode unknown = f.hook(move + "\"uid\":0,\"account\":\"nosuch\"}");
            assertEquals("unknown_account", unknown.get("error").asText(), unknown.toString());

            assertTrue(f.hook(move + "\"uid\":0,\"account\":\"proj\"}").get("ok").asBoolean(), "a member may");
            assertTrue(f.hook(move + "\"account\":\"other\"}").get("ok").asBoolean(), "root or SlurmUser asked");
            assertTrue(f.hook(move + "\"uid\":0,\"partition\":\"gpu\"}").get("ok").asBoolean(), "no new account");
            f.admin("{\"op\":\"set_account_state\",\"name\":\"proj\",\"state\":\"frozen\",\"key\":\"s1\"}");
            ObjectNode frozen = f.hook(move + "\"uid\":0,\"account\":\"proj\"}");
            assertEquals("account_frozen", frozen.get("error").asText(), frozen.toString());
            assertTrue(f.verify().get("clean").asBoolean());
        }
    }
}
