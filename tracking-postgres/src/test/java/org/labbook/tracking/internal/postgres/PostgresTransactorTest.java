package org.labbook.tracking.internal.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.labbook.tracking.MetricPoint;
import org.labbook.tracking.Note;
import org.labbook.tracking.RunSource;
import org.labbook.tracking.StoreException;
import org.labbook.tracking.Tag;
import org.labbook.tracking.spi.MetricColumns;
import org.labbook.tracking.spi.NewRun;
import org.labbook.tracking.spi.RunStore;
import org.labbook.tracking.spi.Stores;

/**
 * Writers on several connections at once: conflicting transactions are retried until each has run
 * once, so nothing is lost or doubled, as when the embedded store's writers take turns.
 */
class PostgresTransactorTest {
    @RegisterExtension
    static final PostgresServer POSTGRES = new PostgresServer();

    private final ExecutorService threads = Executors.newFixedThreadPool(4);

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    void twoClientsAppendingToOneSeriesAndOneRunsNotesLoseNothing() throws Exception {
        String uri = POSTGRES.newSchema();
        try (RunStore a = Stores.open(uri); RunStore b = Stores.open(uri)) {
            String runId = a.createRun(new NewRun("0123456789abcdef0123456789abcdef", "shared", "e", Instant.now(), "ada",
                    null, RunSource.none(), List.of())).id();
            int batches = 100;
            List<Future<?>> writers = new ArrayList<>();
            for (RunStore store : List.of(a, b)) {
                int client = writers.size();
                writers.add(threads.submit(() -> {
                    for (int i = 0; i < batches; i++) {
                        long step = 2L * i + client;
                        store.appendMetrics(List.of(new MetricColumns(runId, "loss", new long[] {step}, new long[] {step},
                                new double[] {step}, 1)));
                        store.addNote(runId, "client " + client + " note " + i);
                    }
                }));
            }
            for (Future<?> writer : writers) {
                writer.get(120, TimeUnit.SECONDS);
            }
            assertThat(a.metricSummaries(runId).get("loss").count()).isEqualTo(2L * batches);
            assertThat(a.history(runId, "loss", 10_000)).extracting(MetricPoint::step).doesNotHaveDuplicates().hasSize(2 * batches);
            List<Note> notes = b.notes(runId);
            assertThat(notes).hasSize(2 * batches);
            assertThat(notes).extracting(Note::sequence).doesNotHaveDuplicates();
        }
    }

    @Test
    void deadlockedTransactionIsRetriedAndBothCommit() throws Exception {
        String uri = POSTGRES.newDatabase();
        String database = PostgresServer.databaseOf(uri);
        POSTGRES.execute(database, "CREATE TABLE counters (id INTEGER PRIMARY KEY, value INTEGER NOT NULL)",
                "INSERT INTO counters VALUES (1, 0), (2, 0)");
        CyclicBarrier bothHoldOneRow = new CyclicBarrier(2);
        AtomicInteger attempts = new AtomicInteger();
        try (PostgresTransactor tx = PostgresTransactor.connect(ConnectionSettings.parse(uri, Map.of()), Optional.empty())) {
            List<Future<?>> writers = new ArrayList<>();
            for (int[] order : new int[][] {{1, 2}, {2, 1}}) {
                writers.add(threads.submit(() -> tx.write("update both counters", c -> {
                    boolean first = attempts.incrementAndGet() <= 2;
                    increment(c, order[0]);
                    if (first) {
                        await(bothHoldOneRow);
                    }
                    increment(c, order[1]);
                    return null;
                })));
            }
            for (Future<?> writer : writers) {
                writer.get(60, TimeUnit.SECONDS);
            }
        }
        assertThat(attempts.get()).as("one of the two was chosen as the deadlock victim and ran again").isGreaterThan(2);
        try (Connection c = POSTGRES.admin(database); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT sum(value) FROM counters")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(4);
        }
    }

    @Test
    void aBatchThatSetsOneTagTwiceKeepsTheLastValueAsTheEmbeddedStoreDoes() {
        try (RunStore store = Stores.open(POSTGRES.newSchema())) {
            String runId = store.createRun(new NewRun("0123456789abcdef0123456789abcdef", "r", "e", Instant.now(), "ada",
                    null, RunSource.none(), List.of(new Tag("stage", "draft"), new Tag("stage", "initial")))).id();
            assertThat(store.findRun(runId).orElseThrow().tags()).containsEntry("stage", "initial");
            store.logBatch(runId, List.of(), List.of(new Tag("stage", "a"), new Tag("other", "x"), new Tag("stage", "b")));
            assertThat(store.findRun(runId).orElseThrow().tags()).containsEntry("stage", "b").containsEntry("other", "x");
        }
    }

    @Test
    void closedStoreSaysSoInOneLine() {
        String uri = POSTGRES.newSchema();
        RunStore store = Stores.open(uri);
        store.close();
        assertThatThrownBy(() -> store.experiments(false)).isInstanceOf(StoreException.class)
                .hasMessageContaining("is closed").hasMessageContaining("Open it again");
    }

    private static void increment(Connection c, int id) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("UPDATE counters SET value = value + 1 WHERE id = ?")) {
            update.setInt(1, id);
            update.executeUpdate();
        }
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException | BrokenBarrierException | TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }
}
