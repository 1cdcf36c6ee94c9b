package org.allocd.munge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Debian's munge command makes the same credentials as libmunge: munged (through libmunge) vouches for them. */
class MungeCommandTest {
    @TempDir
    Path dir;

    @Test
    void credentialsCarryTheUidAndPayloadAndMungedDownIsSaidPlainly() throws Exception {
        Assumptions.assumeTrue(TestMunged.installed(), "needs munged and the munge command (Debian: munge)");
        try (TestMunged munged = TestMunged.start(dir.resolve("munge"))) {
            byte[] payload = "allocd-request-sha256:00ff".getBytes(StandardCharsets.US_ASCII);
            Munge libmunge = Munge.at(munged.socket());
            Munge.Decoded decoded = libmunge.decode(new MungeCommand(munged.socket()).encode(payload, 0));
            assertEquals(0, decoded.uid(), "the credential of this process's uid (root)");
            assertArrayEquals(payload, decoded.payload());

            String shortLived = new MungeCommand(munged.socket()).encode(payload, 1);
            Thread.sleep(2_100);
            MungeException expired = assertThrows(MungeException.class, () -> libmunge.decode(shortLived));
            assertEquals(MungeException.Kind.EXPIRED, expired.kind(), "--ttl reached munged");

            munged.stop();
            MungeException down = assertThrows(MungeException.class,
                    () -> new MungeCommand(munged.socket()).encode(payload, 0));
            assertEquals(MungeException.Kind.UNAVAILABLE, down.kind(), down.getMessage());
            assertTrue(down.getMessage().contains("is munged running here with its socket at " + munged.socket()),
                    down.getMessage());
        }
    }
}
