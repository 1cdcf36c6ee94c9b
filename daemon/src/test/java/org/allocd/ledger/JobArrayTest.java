package org.allocd.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The one name of a Slurm job as people see it, and Slurm's name of an array element read back. */
class JobArrayTest {
    @Test
    void namesAsSqueueDoes() {
        assertEquals("1234", JobArray.slurmId(1234, 0, null));
        assertEquals("1234 run 2", JobArray.slurmId(1234, 2, null));
        assertEquals("31_1", JobArray.slurmId(32, 0, new JobArray(31, 1)));
        assertEquals("31_[1-5]", JobArray.slurmId(31, 0, JobArray.unsplit(31, "1-5")));
        assertEquals("31_[2,4-5%2]", JobArray.slurmId(31, 0, JobArray.unsplit(31, "2,4-5%2")));
    }

    @Test
    void readsAnElementBySlurmsName() {
        assertEquals(Optional.of(new JobArray(31, 1)), JobArray.parseElement("31_1"));
        assertEquals(Optional.of(new JobArray(31, 0)), JobArray.parseElement("31_0"));
        for (String notAnElement : new String[] {"31", "31_x", "31_", "_1", "0_1", "31_1_2", "31_[1-5]", "-31_1",
            "31_1 ", "1234567890123456789_1"}) {
            assertEquals(Optional.empty(), JobArray.parseElement(notAnElement), notAnElement);
        }
    }

    @Test
    void refusesWhatSlurmNeverNames() {
        assertThrows(IllegalArgumentException.class, () -> new JobArray(0, 1));
        assertThrows(IllegalArgumentException.class, () -> new JobArray(31, -1));
        assertThrows(IllegalArgumentException.class, () -> JobArray.unsplit(31, " "));
        assertThrows(IllegalArgumentException.class, () -> new JobArray(31, 2, "1-5"));
    }
}
