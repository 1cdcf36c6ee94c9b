package org.allocd.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SelfTestTest {
    @Test
    void startsAWholeDaemonOnATemporaryStoreAndPingsIt() {
        assertEquals(0, SelfTest.run(new String[0]));
    }

    @Test
    void refusesArguments() {
        assertEquals(DaemonMain.EXIT_USAGE, SelfTest.run(new String[] {"--config", "x"}));
    }
}
