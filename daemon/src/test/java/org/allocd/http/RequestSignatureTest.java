package org.allocd.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The vectors were computed with openssl, as in the shell snippet of docs/http-api.md. */
class RequestSignatureTest {
    static final String SECRET = "5f2b8c0e9a4d7163e8b1c2d3f4a59687a1b2c3d4e5f60718293a4b5c6d7e8f90";

    @Test
    void workedExampleOfTheDocs() {
        assertEquals("GET\n/v1/balance?account=proj1\n1767225600\n"
                        + "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                RequestSignature.stringToSign("GET", "/v1/balance?account=proj1", 1767225600L, new byte[0]));
        assertEquals("07f72504fd10dd36449d962b3d15792dfe5b027993b28da552d74a7180c5cb9f",
                RequestSignature.sign(SECRET, "GET", "/v1/balance?account=proj1", 1767225600L, new byte[0]));
    }

    @Test
    void bodyIsCoveredThroughItsHash() {
        byte[] body = "{\"account\":\"proj1\",\"note\":\"hello\"}".getBytes(StandardCharsets.UTF_8);
        assertEquals("POST\n/v1/transfers\n1767225600\n3a89502ef72d9d4e9175604487ea15148632a44a026e9fdbcacf0adc4c0128a6",
                RequestSignature.stringToSign("POST", "/v1/transfers", 1767225600L, body));
        assertEquals("d8df5cb5723393f42555a7655c8f1bd6c050272e68846d35b3b4b12cc2cc29d2",
                RequestSignature.sign(SECRET, "POST", "/v1/transfers", 1767225600L, body));
    }

    @Test
    void thePathSchemeSignsPathAndTimeAndActAsIsAppendedInBoth() {
        assertEquals("1049b46ee8b03ee78657e55508b543dea6d175aa9b391cce0705e1d826a6c866",
                RequestSignature.signPath(SECRET, "/api/me", 1767225600L, null));
        assertEquals("ec0b24d74f229fb7d83b2c1e6ee659f76102dccde5a99ecbfec0eede12b6d169",
                RequestSignature.signPath(SECRET, "/api/me", 1767225600L, "alice"));
        assertEquals("f03e25a4b0b3335952265881109d48edac49cd6356335d617dd2674c5eacbd38",
                RequestSignature.sign(SECRET, "GET", "/v1/me", 1767225600L, new byte[0], "alice"));
    }

    @Test
    void comparesWholeStrings() {
        String sig = RequestSignature.sign(SECRET, "GET", "/v1/me", 1L, new byte[0]);
        assertTrue(RequestSignature.same(sig, sig));
        assertFalse(RequestSignature.same(sig, sig.toUpperCase()));
        assertFalse(RequestSignature.same(sig, sig.substring(1)));
        assertFalse(RequestSignature.same(sig, ""));
    }
}
