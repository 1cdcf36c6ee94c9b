package org.allocd.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import org.allocd.daemon.DaemonFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The submit plugin sends the job owner's uid and allocd names it (the real C library's passwd lookup), so no
 * lookup runs in slurmctld. The real daemon over its hook socket; verify clean.
 */
class QuoteByUidTest {
    private static final String JOB = "\"partition\":\"gpu\",\"gpus\":1,\"time_limit_s\":3600";

    @Test
    void aQuoteByUidIsForTheUsersNameAndAnUnnamedUidIsRejected(@TempDir Path dir) throws Exception {
        try (DaemonFixture f = new DaemonFixture(dir)) {
            f.seed();
            f.admin("{\"op\":\"add_user\",\"name\":\"root\",\"default_account\":\"proj\",\"key\":\"u-root\"}");
            ObjectNode root = f.hook("{\"op\":\"QUOTE\",\"uid\":0," + JOB + "}");
            assertEquals("accept", root.get("verdict").asText(), root.toString());
            assertEquals("proj", root.get("account").asText(), "uid 0 is root, whose default account is proj");

            ObjectNode nobody = f.hook("{\"op\":\"QUOTE\",\"uid\":4000000000," + JOB + "}");
            assertEquals("reject", nobody.get("verdict").asText(), nobody.toString());
            assertTrue(nobody.get("message").asText().contains("uid 4000000000 has no user name"), nobody.toString());

            ObjectNode neither = f.hook("{\"op\":\"QUOTE\"," + JOB + "}");
            assertEquals("bad_request", neither.get("error").asText(), neither.toString());
            assertTrue(f.verify().get("clean").asBoolean());
        }
    }
}
