package org.allocd.slurm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HostListTest {
    @Test
    void expandsRangesListsAndZeroPaddedNumbersInOrder() {
        assertEquals(List.of("node1", "node2", "node3", "node7", "gpu01", "gpu02", "login1"),
                HostList.expand("node[1-3,7],gpu[01-02],login1"));
        assertEquals(List.of("node3"), HostList.expand("node3"));
        assertEquals(List.of("r1n1", "r1n2", "r2n1", "r2n2"), HostList.expand("r[1-2]n[1-2]"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "node[1-         | a '[' has no ']'",
        "node[3-1]       | the range 3-1 runs backwards; write 1-3",
        "node[1-200000]  | has more than 100000 nodes",
        "node[a]         | \"a\" is not a number or a range",
        "'node 1'        | \"node 1\" is not a node name",
        "'node1,,node2'  | \"\" is not a node name",
    })
    void aBadListIsRefusedWithWhatWasWrong(String list, String why) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> HostList.expand(list));
        assertTrue(refused.getMessage().contains(why), refused.getMessage());
    }

    @Test
    void manyRangesTogetherAreBoundedToo() {
        String list = "a[1-60000],b[1-60000]";
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> HostList.expand(list));
        assertTrue(refused.getMessage().contains("more than 100000 nodes"), refused.getMessage());
    }
}
