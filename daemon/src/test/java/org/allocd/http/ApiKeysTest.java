package org.allocd.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiKeysTest {
    static final String SECRET_A = "0123456789abcdef0123456789abcdef";
    static final String SECRET_B = "fedcba9876543210fedcba9876543210fedcba9876543210";

    @TempDir
    Path dir;

    @Test
    void loadsKeysSkippingCommentsAndBlankLines() throws Exception {
        Path file = KeysFiles.write(dir.resolve("keys"), "rw-------",
                "# portal of the physics department",
                "",
                "portal-1  alice\t" + SECRET_A,
                "   # indented comment",
                "ops.2 bob " + SECRET_B);

        ApiKeys keys = ApiKeys.load(file);

        assertEquals(2, keys.size());
        assertEquals(Optional.of(new ApiKey("portal-1", "alice", SECRET_A)), keys.find("portal-1"));
        assertEquals("bob", keys.find("ops.2").orElseThrow().userName());
        assertEquals(Optional.empty(), keys.find("alice"));
        assertFalse(keys.find("portal-1").orElseThrow().toString().contains(SECRET_A), "toString must hide the secret");
    }

    @Test
    void aKeyMayBeAllowedToActForListedUsersOrAny() throws Exception {
        Path file = KeysFiles.write(dir.resolve("keys"), "rw-------",
                "portal svc " + SECRET_A + " act-as=alice,bob",
                "coldfront prov " + SECRET_B + "\tact-as=*",
                "plain carol " + SECRET_A);
        ApiKeys keys = ApiKeys.load(file);
        ApiKey portal = keys.find("portal").orElseThrow();
        assertTrue(portal.mayActAs("alice") && portal.mayActAs("bob"));
        assertFalse(portal.mayActAs("root"));
        assertTrue(keys.find("coldfront").orElseThrow().mayActAs("anyone"));
        assertFalse(keys.find("plain").orElseThrow().mayActAs("alice"));
        assertTrue(portal.toString().contains("may act as") && !portal.toString().contains(SECRET_A), portal.toString());
    }

    @Test
    void refusesAnActAsFieldThatIsNotAListOfUsers() throws Exception {
        assertRefused("line 1: the fourth field 'actas=alice' must be act-as=USER", "k svc " + SECRET_A + " actas=alice");
        assertRefused("line 1: the fourth field 'act-as=alice,,bob'", "k svc " + SECRET_A + " act-as=alice,,bob");
        assertRefused("line 1: the fourth field 'act-as=<script>'", "k svc " + SECRET_A + " act-as=<script>");
        assertRefused("found 5", "k svc " + SECRET_A + " act-as=alice extra");
    }

    @Test
    void acceptsReadOnlyForOwner() throws Exception {
        assertEquals(1, ApiKeys.load(KeysFiles.write(dir.resolve("keys"), "r--------", "k alice " + SECRET_A)).size());
    }

    @Test
    void refusesAFileOthersCanRead() throws Exception {
        Path file = KeysFiles.write(dir.resolve("keys"), "rw-r--r--", "k alice " + SECRET_A);
        ApiKeysException e = assertThrows(ApiKeysException.class, () -> ApiKeys.load(file));
        assertTrue(e.getMessage().contains("mode 0644") && e.getMessage().contains("chmod 600 " + file), e.getMessage());

        KeysFiles.write(file, "rw-r-----", "k alice " + SECRET_A);
        assertThrows(ApiKeysException.class, () -> ApiKeys.load(file));
    }

    @Test
    void refusesAFileOwnedBySomeoneElse() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "only root can give a file away");
        Path file = KeysFiles.write(dir.resolve("keys"), "rw-------", "k alice " + SECRET_A);
        Files.setAttribute(file, "unix:uid", 65534);

        ApiKeysException e = assertThrows(ApiKeysException.class, () -> ApiKeys.load(file));
        assertTrue(e.getMessage().contains("but allocd runs as root") && e.getMessage().contains("chown root"), e.getMessage());
    }

    @Test
    void refusesMalformedLinesNamingTheLine() throws Exception {
        assertRefused("line 2: expected 3 fields", "# keys", "k alice");
        assertRefused("line 1: expected 3 fields", "k alice " + SECRET_A + " # portal");
        assertRefused("line 1: the secret of key 'k' must be 32 to 256 hex characters (it has 31", "k alice " + SECRET_A.substring(1));
        assertRefused("line 1: the secret of key 'k' must be", "k alice " + SECRET_A.replace('a', 'g'));
        assertRefused("line 1: key id '-k' must be", "-k alice " + SECRET_A);
        assertRefused("line 1: user name 'al/ice' is not a unix user name", "k al/ice " + SECRET_A);
    }

    @Test
    void neverPutsTheSecretInAnError() throws Exception {
        String badSecret = SECRET_A + "zz";
        Path file = KeysFiles.write(dir.resolve("keys"), "rw-------", "k alice " + badSecret);
        ApiKeysException e = assertThrows(ApiKeysException.class, () -> ApiKeys.load(file));
        assertFalse(e.getMessage().contains(badSecret), e.getMessage());
    }

    @Test
    void refusesADuplicateKeyId() throws Exception {
        assertRefused("line 3: key id 'k' is already used on line 1", "k alice " + SECRET_A, "j bob " + SECRET_B, "k carol " + SECRET_B);
    }

    @Test
    void refusesAMissingFile() {
        ApiKeysException e = assertThrows(ApiKeysException.class, () -> ApiKeys.load(dir.resolve("absent")));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }

    @Test
    void reloadSwapsInTheNewKeys() throws Exception {
        Path file = KeysFiles.write(dir.resolve("keys"), "rw-------", "k alice " + SECRET_A);
        ApiKeys keys = ApiKeys.load(file);

        KeysFiles.write(file, "rw-------", "j bob " + SECRET_B, "l carol " + SECRET_A);
        assertEquals(2, keys.reload());

        assertEquals(Optional.empty(), keys.find("k"));
        assertEquals("carol", keys.find("l").orElseThrow().userName());
    }

    @Test
    void reloadOfABadFileKeepsTheOldKeys() throws Exception {
        Path file = KeysFiles.write(dir.resolve("keys"), "rw-------", "k alice " + SECRET_A);
        ApiKeys keys = ApiKeys.load(file);

        KeysFiles.write(file, "rw-------", "j bob " + SECRET_B, "j carol " + SECRET_A);
        assertThrows(ApiKeysException.class, keys::reload);
        KeysFiles.write(file, "rw-rw-rw-", "j bob " + SECRET_B);
        assertThrows(ApiKeysException.class, keys::reload);

        assertEquals(1, keys.size());
        assertEquals("alice", keys.find("k").orElseThrow().userName());
    }

    private void assertRefused(String expectedInMessage, String... lines) throws Exception {
        Path file = KeysFiles.write(dir.resolve("keys"), "rw-------", lines);
        ApiKeysException e = assertThrows(ApiKeysException.class, () -> ApiKeys.load(file));
        assertTrue(e.getMessage().contains(expectedInMessage), e.getMessage());
        assertTrue(e.getMessage().startsWith("API keys file " + file + " line "), e.getMessage());
    }
}
