package org.allocd.rates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import org.allocd.daemon.DaemonFixture;
import org.allocd.store.TestStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The price of the lien is the price of the charge: a reload (or a restart on a changed file) makes a new rate
 * version, and a job that was liened before it is charged by its lien's version. The real daemon on each store.
 */
@ParameterizedClass
@EnumSource(TestStore.class)
class RateVersionsTest {
    /** 3 units (300 GB, 16 cores, 1 GPU; ceil) for 1 h on partition gpu. */
    private static final String JOB = "\"cluster\":\"testcluster\",\"user\":\"alice\",\"account\":\"proj\","
            + "\"partition\":\"gpu\",\"cpus\":16,\"mem_bytes\":300000000000,\"gpus\":1,\"time_limit_s\":3600";

    @Parameter
    TestStore store;
    @TempDir
    Path dir;
    DaemonFixture f;

    @BeforeEach
    void start() throws Exception {
        f = new DaemonFixture(dir, store);
        f.seed();
    }

    @AfterEach
    void stop() throws Exception {
        ObjectNode verify = f.verify();
        f.close();
        assertTrue(verify.get("clean").asBoolean(), verify.toString());
    }

    @Test
    void aReloadThatDoublesTheRateDuringARunChargesTheRunAtItsLiensVersion() throws Exception {
        assertEquals(3_000_000, lien(1).get("amount_micro_su").asLong(), "3 units x 1 h x rate 1");
        f.writeConfig("2");
        assertTrue(f.reloader.reload().applied());

        assertEquals(6_000_000, lien(2).get("amount_micro_su").asLong(), "a job started after the reload: rate 2");
        assertEquals(1_500_000, charge(1, 1800).get("amount_micro_su").asLong(),
                "liened at version 1 (rate 1): 3 units x 0.5 h, not the reloaded rate 2");
        assertEquals(3_000_000, charge(2, 1800).get("amount_micro_su").asLong(), "liened at version 2");

        JsonNode versions = f.admin("{\"op\":\"rates\"}").get("rows");
        assertEquals(2, versions.size(), versions.toString());
        assertEquals(1, versions.get(0).get("version").asInt());
        assertEquals(versions.get(1).get("effective_at_ms").asLong(), versions.get(0).get("until_ms").asLong(),
                "a version is in effect until the next one starts");
        assertTrue(versions.get(1).get("until_ms").isNull(), "the latest version is open-ended");
        assertTrue(versions.get(1).get("rates").asText().contains("gpu: rate 2,"), versions.toString());
        String journal = f.admin("{\"op\":\"transactions\",\"account\":\"proj\"}").toString();
        assertTrue(journal.contains("at rates v1") && journal.contains("at rates v2"),
                "each charge's journal line names its rate version: " + journal);
    }

    @Test
    void aRestartOnAChangedFileKeepsTheOldVersionForRunningJobs() throws Exception {
        lien(1);
        f.stop();
        f.writeConfig("2");
        f.start();
        assertEquals(1_500_000, charge(1, 1800).get("amount_micro_su").asLong(),
                "the version the lien used survives the restart");
        f.restart();
        assertEquals(2, f.admin("{\"op\":\"rates\"}").get("rows").size(),
                "a restart or reload with the same rates makes no new version");
        assertTrue(f.reloader.reload().applied());
        assertEquals(2, f.admin("{\"op\":\"rates\"}").get("rows").size());
    }

    @Test
    void aRetriedChargeOfAJobWithoutALienAnswersItsFirstAnswer() throws Exception {
        ObjectNode first = charge(3, 1800);
        assertEquals(1_500_000, first.get("amount_micro_su").asLong(), first.toString());
        ObjectNode again = charge(3, 1800);
        assertEquals(1_500_000, again.path("amount_micro_su").asLong(), "the same charge sent again: " + again);
        assertTrue(again.path("replayed").asBoolean(), "answered as a replay, not refused: " + again);
        f.writeConfig("2");
        assertTrue(f.reloader.reload().applied());
        ObjectNode afterReload = charge(3, 1800);
        assertTrue(afterReload.path("replayed").asBoolean(), "priced at the version the charge recorded: " + afterReload);
        assertEquals(1_500_000, afterReload.path("amount_micro_su").asLong(), afterReload.toString());
    }

    private ObjectNode lien(int jobId) throws Exception {
        return f.hook("{\"op\":\"LIEN\",\"job_id\":" + jobId + "," + JOB + "}");
    }

    private ObjectNode charge(int jobId, long elapsedSeconds) throws Exception {
        return f.hook("{\"op\":\"CHARGE\",\"job_id\":" + jobId + "," + JOB + ",\"elapsed_s\":" + elapsedSeconds
                + ",\"exit_code\":0}");
    }
}
