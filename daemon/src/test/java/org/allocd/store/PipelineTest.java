package org.allocd.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The writer's Pipeline on a real PostgreSQL: held writes of one text go as one JDBC batch, and a write moves
 * ahead of others to join it only as far as it may, so what the tables hold after a send is what the statements
 * in their own order would have made.
 */
class PipelineTest {
    private Connection connection;

    @BeforeEach
    void open() throws SQLException {
        connection = TestPostgresql.connect(TestPostgresql.shared().freshSchema());
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE TABLE t (k TEXT PRIMARY KEY, v BIGINT NOT NULL)");
            s.execute("CREATE TABLE sums (k TEXT PRIMARY KEY, v BIGINT NOT NULL)");
            s.execute("INSERT INTO t VALUES ('a', 0)");
            s.execute("INSERT INTO sums VALUES ('all', 0)");
        }
    }

    @AfterEach
    void close() throws SQLException {
        connection.close();
    }

    @Test
    void aRowsWritesStayInTheirOrderWhileTheirTextsGoInBatches() {
        Pipeline pipeline = Pipeline.onWriter(connection);
        // Each "task" updates a row that exists, then makes a new row and updates it: were the second update to
        // join the batch of the first updates (which go before the inserts), it would find no row.
        for (int task = 1; task <= 5; task++) {
            String row = "n" + task;
            pipeline.addForRow("a", "UPDATE t SET v = v + ? WHERE k = ?", task, "a");
            pipeline.addForRow(row, "INSERT INTO t (k, v) VALUES (?, ?)", row, 1);
            pipeline.addForRow(row, "UPDATE t SET v = v + ? WHERE k = ?", 10, row);
            pipeline.addAnyOrder("UPDATE sums SET v = v + ? WHERE k = 'all'", task);
        }
        long before = pipeline.roundTrips();
        pipeline.send();
        // Four batches: the first task's update of a; every insert; every other update (a's after the first task,
        // and each new row's); the additions.
        assertEquals(4, pipeline.roundTrips() - before);
        assertEquals(1 + 2 + 3 + 4 + 5, value("t", "a"));
        for (int task = 1; task <= 5; task++) {
            assertEquals(11, value("t", "n" + task), "row n" + task + " was inserted, then updated");
        }
        assertEquals(15, value("sums", "all"));
    }

    @Test
    void aStatementInPlaceIsPassedByNoWrite() {
        Pipeline pipeline = Pipeline.onWriter(connection);
        pipeline.addAnyOrder("UPDATE sums SET v = v + ? WHERE k = 'all'", 1);
        pipeline.add("UPDATE sums SET v = 100 WHERE k = 'all'");
        pipeline.addAnyOrder("UPDATE sums SET v = v + ? WHERE k = 'all'", 2);
        pipeline.addAnyOrder("UPDATE sums SET v = v + ? WHERE k = 'all'", 3);
        pipeline.send();
        assertEquals(105, value("sums", "all"), "the additions after the set stay after it");
    }

    @Test
    void aFailedWriteInABatchFailsTheSendWithTheServersError() {
        Pipeline pipeline = Pipeline.onWriter(connection);
        pipeline.addAnyOrder("INSERT INTO t (k, v) VALUES (?, ?)", "x", 1);
        pipeline.addAnyOrder("INSERT INTO t (k, v) VALUES (?, ?)", "x", 2);
        Pipeline.BatchFailed failed = assertThrows(Pipeline.BatchFailed.class, pipeline::send);
        assertTrue(failed.getMessage().contains("duplicate key"), failed.getMessage());
    }

    /**
     * The writer's reads by "= ANY(?)" are planned for each array, never as a prepared statement (its one plan
     * for every array had been a scan of the whole table), while its batches become prepared statements.
     */
    @Test
    void theWritersReadsAreNeverPreparedStatementsAndItsBatchesAre() throws SQLException {
        Pipeline writer = Pipeline.onWriter(connection);
        for (int i = 0; i < 10; i++) {
            writer.addAnyOrder("UPDATE sums SET v = v + ? WHERE k = 'all'", 1);
            writer.addAnyOrder("UPDATE sums SET v = v + ? WHERE k = 'all'", 1);
            List<String> found = new ArrayList<>();
            writer.query("SELECT k FROM t WHERE k = ANY(?)", new Object[] {connection.createArrayOf("text",
                    new String[] {"a", "b"})}, rows -> {
                        while (rows.next()) {
                            found.add(rows.getString(1));
                        }
                    });
            assertEquals(List.of("a"), found);
        }
        assertEquals(0, prepared("%ANY%"), "the read went unprepared every time");
        assertEquals(1, prepared("UPDATE sums%"), "the batch's text is a prepared statement");

        Pipeline reader = Pipeline.onReader(connection);
        for (int i = 0; i < 10; i++) {
            reader.query("SELECT k FROM t WHERE k = ANY(?)", new Object[] {connection.createArrayOf("text",
                    new String[] {"a"})}, rows -> { });
        }
        assertEquals(1, prepared("%ANY%"), "a reader's texts seen often are prepared");
    }

    private long prepared(String like) throws SQLException {
        try (var s = connection.prepareStatement(
                "SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE ?")) {
            s.setString(1, like);
            try (var row = s.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    private long value(String table, String key) {
        try (var s = connection.prepareStatement("SELECT v FROM " + table + " WHERE k = ?")) {
            s.setString(1, key);
            try (var row = s.executeQuery()) {
                return row.next() ? row.getLong(1) : -1;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
