package org.allocd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** allocmgr's JSON without ObjectMapper reads and writes exactly what ObjectMapper does. */
class JsonTreeTest {
    private static final String SAMPLE = "{\"ok\":true,\"rows\":[{\"account\":\"proj \\\"x\\\" \\u00e9\\u4e2d\","
            + "\"balance_micro_su\":-9223372036854775808,\"jobs\":7,\"big\":123456789012345678901234567890,"
            + "\"share\":0.25,\"note\":null,\"frozen\":false,\"empty\":[],\"none\":{}}],\"truncated\":false,"
            + "\"nested\":[[1,[2,[3]]],{\"a\":{\"b\":\"c\\n\\td\"}}],\"e\":1.5E300}";

    @Test
    void readsAndWritesAsObjectMapper() throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        JsonNode expected = mapper.readTree(SAMPLE);
        JsonNode read = JsonTree.read(SAMPLE.getBytes(StandardCharsets.UTF_8));
        assertEquals(expected, read);
        assertEquals(expected, JsonTree.read(SAMPLE));
        assertEquals(mapper.writeValueAsString(expected), new String(JsonTree.bytes(read), StandardCharsets.UTF_8));
        assertEquals(mapper.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(expected),
                JsonTree.pretty(read));
    }

    @Test
    void refusesWhatIsNotJson() {
        for (String bad : new String[] {"", "{\"a\":", "[1,2", "{\"a\" 1}", "nul", "[".repeat(100) + "]".repeat(100)}) {
            assertThrows(IOException.class, () -> JsonTree.read(bad.getBytes(StandardCharsets.UTF_8)), bad);
        }
    }
}
