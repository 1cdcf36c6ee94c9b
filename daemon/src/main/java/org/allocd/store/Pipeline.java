package org.allocd.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.postgresql.PGStatement;

/**
 * Statements held back on a connection to a database that takes several statements in one round trip
 * (PostgreSQL's driver sends them all before it waits for the first answer). On the writer, a task's
 * SAVEPOINT and its writes wait here and go with the next statement that must answer, a read or the batch's
 * COMMIT, so an operation costs one round trip per read it makes; on a reader, the snapshot's BEGIN goes with
 * the first read. One thread uses it at a time.
 *
 * <p>When it sends, the held writes of one text go together as one JDBC batch, a statement the server keeps
 * parsed (and, after a few runs, planned), where one text joining every statement would be new to the server
 * each time and parsed and planned whole: the server's CPU was most of a LIEN+CHARGE cycle's time. A write may
 * move ahead of others to join its batch only as far as its caller allows ({@link #addAnyOrder},
 * {@link #addForRow}); any other statement keeps its place against all ({@link #add}). Each batch costs a round
 * trip; statements that are alone of their text go joined in one text as before.
 *
 * <p>On the writer the statements sent together may be of several tasks, so a failure among them cannot be
 * laid on one task: it fails the whole batch ({@link BatchFailed}).
 */
final class Pipeline {
    private final Connection connection;
    /** True on the writer: statements that go joined are planned for their values each time (see onWriter). */
    private final boolean planJoinedEachTime;
    private final List<Held> held = new ArrayList<>();
    /** Where the running task's SAVEPOINT goes when something of it is sent; null when none waits. */
    private Mark savepointAt;
    /** Counts sends, so a task can tell whether what it added has gone to the database. */
    private long sends;
    /** Round trips made on this connection, for the writer's stats. */
    private long roundTrips;

    /** What the pipeline held at one moment, to take back statements not yet sent (see {@link #dropSince}). */
    record Mark(int heldCount, long sends) {}

    /**
     * A statement waiting to be sent. row says how far it may move ahead of the others held to join the batch of
     * its text: IN_PLACE nowhere, ANY_ORDER anywhere, otherwise past everything but the statements of that row.
     */
    private record Held(String sql, Object[] values, String row) {}

    private static final String IN_PLACE = null;
    private static final String ANY_ORDER = "";

    /** A statement sent through the pipeline failed; the batch it belongs to cannot commit. */
    static final class BatchFailed extends StoreUnavailableException {
        BatchFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }

    @FunctionalInterface
    interface Rows {
        void each(ResultSet rows) throws SQLException;
    }

    private Pipeline(Connection connection, boolean planJoinedEachTime) {
        this.connection = connection;
        this.planJoinedEachTime = planJoinedEachTime;
    }

    /**
     * The writer's pipeline. What it sends joined is a text of its own each time, or a read whose best plan
     * depends on its values: its reads of a batch's jobs and operation keys by "= ANY(?)" had been planned once
     * for every array by a prepared statement, as a scan of the whole table (measured 42 ms against 0.1 ms).
     * So those never become prepared statements; the batches of one text do, and the server may plan them once.
     */
    static Pipeline onWriter(Connection writer) {
        return new Pipeline(writer, true);
    }

    /** A reader's pipeline: its texts (BEGIN and a report's query) become prepared statements when seen often. */
    static Pipeline onReader(Connection reader) {
        return new Pipeline(reader, false);
    }

    Connection connection() {
        return connection;
    }

    /** Holds a statement whose answer nobody reads until the next send; it keeps its place against all others. */
    void add(String sql, Object... values) {
        held.add(new Held(sql, values, IN_PLACE));
    }

    /**
     * Holds a write whose effect is the same whatever other writes run before or after it (an addition to a
     * running sum, an insert of a row nothing else held touches), so it may go ahead of them in its text's batch.
     */
    void addAnyOrder(String sql, Object... values) {
        held.add(new Held(sql, values, ANY_ORDER));
    }

    /**
     * Holds a write of one row (row names it, e.g. "jobs:" and its key), which must stay after the writes of that
     * row held before it and may go ahead of any other write that is not IN_PLACE.
     */
    void addForRow(String row, String sql, Object... values) {
        held.add(new Held(sql, values, "row:" + row));
    }

    Mark mark() {
        return new Mark(held.size(), sends);
    }

    /**
     * Starts a writer task whose SAVEPOINT goes only with the first send of its statements: a task that sends
     * nothing before it ends needs none, as its statements can still be taken back (dropSince). This saves a
     * statement and a subtransaction per task in the common case, where every row a task reads is cached.
     */
    Mark beginTask() {
        savepointAt = mark();
        return savepointAt;
    }

    /** The task ended: a SAVEPOINT it did not need is not sent. */
    void endTask() {
        savepointAt = null;
    }

    /** True when what was added after the mark has (at least in part) gone to the database. */
    boolean sentSince(Mark mark) {
        return sends != mark.sends();
    }

    /** Takes back what was added after the mark; only while none of it was sent. */
    void dropSince(Mark mark) {
        if (sentSince(mark)) {
            throw new IllegalStateException("statements already sent cannot be taken back");
        }
        held.subList(mark.heldCount(), held.size()).clear();
        savepointAt = null;
    }

    /** Sends what is held, if anything. */
    void send() {
        if (!held.isEmpty()) {
            run(null, null, null);
        }
    }

    /** Sends what is held followed by this query, and hands its rows to rows. */
    void query(String sql, Object[] values, Rows rows) {
        run(sql, values, rows);
    }

    /** Sends what is held followed by this write, and returns the rows the write touched. */
    int update(String sql, Object[] values) {
        return run(sql, values, null);
    }

    long roundTrips() {
        return roundTrips;
    }

    private int run(String sql, Object[] values, Rows rows) {
        if (sql != null) {
            add(sql, values);
        }
        if (savepointAt != null) {
            held.add(savepointAt.heldCount(), new Held("SAVEPOINT task", new Object[0], IN_PLACE));
            savepointAt = null;
        }
        List<List<Held>> groups = groups(held);
        held.clear();
        sends++;
        int updated = 0;
        try {
            int i = 0;
            while (i < groups.size()) {
                if (groups.get(i).size() > 1) {
                    runBatch(groups.get(i++));
                    continue;
                }
                List<Held> alone = new ArrayList<>(); // the next statements alone of their text, in one text
                while (i < groups.size() && groups.get(i).size() == 1) {
                    alone.add(groups.get(i++).get(0));
                }
                updated = runJoined(alone, i == groups.size() ? rows : null);
            }
        } catch (SQLException e) {
            SQLException next = e.getNextException(); // a JDBC batch's own error: the server's
            throw new BatchFailed("the database failed: " + (next != null ? next.getMessage() : e.getMessage()), e);
        }
        return updated;
    }

    /**
     * The held statements as groups of one text, in the order they go: each statement joins the last group of
     * its text when nothing it must follow is in a later group, else starts a new group at the end. An IN_PLACE
     * statement is a group of its own that nothing before it passes and nothing after it joins.
     */
    private static List<List<Held>> groups(List<Held> held) {
        List<List<Held>> groups = new ArrayList<>();
        Map<String, Integer> lastOfText = new HashMap<>();
        Map<String, Integer> lastOfRow = new HashMap<>();
        int firstOpen = 0; // groups before this one are closed: an IN_PLACE statement came after them
        for (Held statement : held) {
            if (statement.row() == IN_PLACE) {
                groups.add(new ArrayList<>(List.of(statement)));
                firstOpen = groups.size();
                continue;
            }
            int earliest = Math.max(firstOpen, statement.row().equals(ANY_ORDER) ? 0
                    : lastOfRow.getOrDefault(statement.row(), 0));
            Integer group = lastOfText.get(statement.sql());
            if (group == null || group < earliest) {
                group = groups.size();
                groups.add(new ArrayList<>());
                lastOfText.put(statement.sql(), group);
            }
            groups.get(group).add(statement);
            if (!statement.row().equals(ANY_ORDER)) {
                lastOfRow.put(statement.row(), group);
            }
        }
        return groups;
    }

    /** Statements of one text as one JDBC batch: one round trip, and a statement the server keeps prepared. */
    private void runBatch(List<Held> batch) throws SQLException {
        roundTrips++;
        try (PreparedStatement ps = connection.prepareStatement(batch.get(0).sql())) {
            for (Held statement : batch) {
                bind(ps, statement.values());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Statements joined in one text; returns the last one's update count and hands its rows to rows. */
    private int runJoined(List<Held> statements, Rows rows) throws SQLException {
        roundTrips++;
        StringBuilder text = new StringBuilder();
        List<Object> params = new ArrayList<>();
        for (Held statement : statements) {
            text.append(text.length() == 0 ? "" : ";\n").append(statement.sql());
            params.addAll(Arrays.asList(statement.values()));
        }
        // Not kept open between calls: the driver keeps the texts it sees often prepared on the server in its
        // own bounded cache, where the writer's StatementCache is unbounded.
        try (PreparedStatement ps = connection.prepareStatement(text.toString())) {
            if (planJoinedEachTime) {
                ps.unwrap(PGStatement.class).setPrepareThreshold(0);
            }
            bind(ps, params.toArray());
            boolean isRows = ps.execute();
            int updated = 0;
            while (true) { // to the last statement's answer: the held ones come first
                if (isRows) {
                    try (ResultSet resultSet = ps.getResultSet()) {
                        if (rows != null) {
                            rows.each(resultSet);
                        }
                    }
                } else if (ps.getUpdateCount() == -1) {
                    return updated;
                } else {
                    updated = ps.getUpdateCount();
                }
                isRows = ps.getMoreResults();
            }
        }
    }

    private static void bind(PreparedStatement ps, Object[] values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            ps.setObject(i + 1, values[i]);
        }
    }
}
