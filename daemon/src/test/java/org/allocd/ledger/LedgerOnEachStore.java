package org.allocd.ledger;

import java.nio.file.Path;
import org.allocd.store.TestStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A test class whose tests run once on each store (a SQLite file, a schema on the test PostgreSQL), each
 * on a fresh ledger in f that must verify clean when the test ends.
 */
@ParameterizedClass
@EnumSource(TestStore.class)
public abstract class LedgerOnEachStore {
    @Parameter
    protected TestStore kind;

    @TempDir
    protected Path dir;
    protected LedgerFixture f;

    @BeforeEach
    protected final void openLedger() {
        f = new LedgerFixture(dir, kind);
    }

    @AfterEach
    protected final void verifyAndClose() {
        try {
            if (endsClean()) {
                f.assertClean();
            }
        } finally {
            f.close();
        }
    }

    /** False for a test class that damages the store on purpose and checks verify's findings itself. */
    protected boolean endsClean() {
        return true;
    }
}
