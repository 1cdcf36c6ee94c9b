package org.allocd.reliability;

/** A fault put on the store under a running daemon, and taken away again. */
interface StoreFault extends AutoCloseable {
    /** Puts the fault on; the daemon's writes must now be refused. */
    void inject() throws Exception;

    /** Takes the fault away; the daemon must recover without a restart. */
    void clear() throws Exception;

    @Override
    default void close() throws Exception {
        clear();
    }
}
