package org.labbook.tracking.internal.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.labbook.tracking.RunStatus;
import org.labbook.tracking.ValidationException;
import org.labbook.tracking.spi.NewSweep;
import org.labbook.tracking.spi.SweepRecord;
import org.labbook.tracking.spi.SweepStore;
import org.labbook.tracking.spi.TrialRecord;
import org.labbook.tracking.spi.TrialState;

/**
 * Sweeps in SQL every supported database understands, over the store core's transactor. The hand-out
 * ({@link #claim}) reads the trials and writes the new state in one write transaction: SQLite serializes
 * those with {@code BEGIN IMMEDIATE}, PostgreSQL runs them SERIALIZABLE and retries the loser, so two
 * workers never take the same trial nor overrun the budget.
 */
public final class JdbcSweepStore implements SweepStore {
    private static final String TRIAL_COLUMNS = "sweep_id, number, config, state, attempt, requeued_from, run_id,"
            + " worker, objective, error, started_at, ended_at";

    private final Transactor tx;
    private final Duration crashTimeout;

    public JdbcSweepStore(Transactor tx, Duration crashTimeout) {
        this.tx = tx;
        this.crashTimeout = crashTimeout;
    }

    @Override
    public SweepRecord create(NewSweep sweep) {
        return tx.write("create sweep '" + sweep.name() + "'", c -> {
            if (find(c, sweep.name()).isPresent()) {
                throw new ValidationException("Invalid sweep name '" + sweep.name() + "': a sweep of that name exists."
                        + " Pick another name, or join it with Sweep.join(\"" + sweep.name() + "\").");
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO sweeps (sweep_id, name, experiment_name,"
                    + " run_id, space, objective_key, minimize, strategy, seed, budget, pruner, created_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, sweep.sweepId());
                insert.setString(2, sweep.name());
                insert.setString(3, sweep.experiment());
                insert.setString(4, sweep.runId());
                insert.setString(5, sweep.space());
                insert.setString(6, sweep.objectiveKey());
                insert.setInt(7, sweep.minimize() ? 1 : 0);
                insert.setString(8, sweep.strategy());
                insert.setLong(9, sweep.seed());
                insert.setInt(10, sweep.budget());
                insert.setString(11, sweep.pruner());
                insert.setLong(12, sweep.createdAt().toEpochMilli());
                insert.executeUpdate();
            }
            return new SweepRecord(sweep);
        });
    }

    @Override
    public Optional<SweepRecord> find(String name) {
        return tx.read("find sweep '" + name + "'", c -> find(c, name));
    }

    @Override
    public List<SweepRecord> sweeps() {
        return tx.read("list sweeps", c -> {
            try (PreparedStatement select = c.prepareStatement(SWEEP_SELECT + " ORDER BY created_at, name");
                 ResultSet rs = select.executeQuery()) {
                List<SweepRecord> result = new ArrayList<>();
                while (rs.next()) {
                    result.add(sweep(rs));
                }
                return result;
            }
        });
    }

    private static final String SWEEP_SELECT = "SELECT sweep_id, name, experiment_name, run_id, space, objective_key,"
            + " minimize, strategy, seed, budget, pruner, created_at FROM sweeps";

    private static Optional<SweepRecord> find(Connection c, String name) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(SWEEP_SELECT + " WHERE name = ?")) {
            select.setString(1, name);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(sweep(rs)) : Optional.empty();
            }
        }
    }

    private static SweepRecord sweep(ResultSet rs) throws SQLException {
        return new SweepRecord(new NewSweep(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getInt(7) != 0, rs.getString(8), rs.getLong(9), rs.getInt(10),
                rs.getString(11), Instant.ofEpochMilli(rs.getLong(12))));
    }

    @Override
    public Claim claim(String sweepId, String worker, Instant now, Suggester suggester) {
        return tx.write("hand out a trial of a sweep", c -> {
            int budget = budget(c, sweepId);
            recoverCrashed(c, sweepId, now);
            // Aggregates rather than every trial: the write lock is held for as short a time as can be.
            int queued = -1;
            int proposed;
            int next;
            boolean othersRunning;
            try (PreparedStatement select = c.prepareStatement("SELECT min(CASE WHEN state = ? THEN number END),"
                    + " count(CASE WHEN attempt = 1 THEN 1 END), coalesce(max(number), -1),"
                    + " count(CASE WHEN state = ? THEN 1 END) FROM sweep_trials WHERE sweep_id = ?")) {
                select.setString(1, TrialState.QUEUED.name());
                select.setString(2, TrialState.RUNNING.name());
                select.setString(3, sweepId);
                try (ResultSet rs = select.executeQuery()) {
                    rs.next();
                    int first = rs.getInt(1);
                    if (!rs.wasNull()) {
                        queued = first;
                    }
                    proposed = rs.getInt(2);
                    next = rs.getInt(3) + 1;
                    othersRunning = rs.getInt(4) > 0;
                }
            }
            if (queued >= 0) {
                try (PreparedStatement take = c.prepareStatement("UPDATE sweep_trials SET state = ?, worker = ?,"
                        + " started_at = ? WHERE sweep_id = ? AND number = ? AND state = ?")) {
                    take.setString(1, TrialState.RUNNING.name());
                    take.setString(2, worker);
                    take.setLong(3, now.toEpochMilli());
                    take.setString(4, sweepId);
                    take.setInt(5, queued);
                    take.setString(6, TrialState.QUEUED.name());
                    take.executeUpdate();
                }
                return new Claim(Optional.of(trial(c, sweepId, queued)), othersRunning);
            }
            if (proposed >= budget) {
                return new Claim(Optional.empty(), othersRunning);
            }
            List<List<TrialRecord>> loaded = new ArrayList<>();
            String config;
            try {
                config = suggester.suggest(next, proposed, () -> {
                    if (loaded.isEmpty()) {
                        try {
                            loaded.add(trials(c, sweepId));
                        } catch (SQLException e) {
                            throw new SuggestionReadFailed(e);
                        }
                    }
                    return loaded.get(0);
                });
            } catch (SuggestionReadFailed e) {
                throw (SQLException) e.getCause();
            }
            insertTrial(c, sweepId, next, config, TrialState.RUNNING, 1, -1, worker, now);
            return new Claim(Optional.of(new TrialRecord(sweepId, next, config, TrialState.RUNNING, 1, -1,
                    Optional.empty(), Optional.ofNullable(worker), Optional.empty(), Optional.empty(),
                    Optional.of(Instant.ofEpochMilli(now.toEpochMilli())), Optional.empty())), othersRunning);
        });
    }

    /** Carries a failed read of the trials out of the suggester, whose interface throws no SQLException. */
    private static final class SuggestionReadFailed extends RuntimeException {
        SuggestionReadFailed(SQLException cause) {
            super(cause);
        }
    }

    private static int budget(Connection c, String sweepId) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT budget FROM sweeps WHERE sweep_id = ?")) {
            select.setString(1, sweepId);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    throw new org.labbook.tracking.NotFoundException("No sweep with id " + sweepId + ".");
                }
                return rs.getInt(1);
            }
        }
    }

    /**
     * A RUNNING trial whose run's heartbeat is older than the crash timeout, or which got no run within it,
     * lost its worker: the trial and its run turn CRASHED, and a first attempt's configuration is queued again.
     */
    private void recoverCrashed(Connection c, String sweepId, Instant now) throws SQLException {
        long stale = now.minus(crashTimeout).toEpochMilli();
        List<int[]> lost = new ArrayList<>();
        List<String> lostRuns = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement("SELECT t.number, t.attempt, t.run_id FROM sweep_trials t"
                + " LEFT JOIN runs r ON r.run_id = t.run_id WHERE t.sweep_id = ? AND t.state = ? AND"
                + " ((r.run_id IS NULL AND t.started_at < ?) OR (r.status = ? AND r.heartbeat < ?)"
                + " OR r.status = ?)")) {
            select.setString(1, sweepId);
            select.setString(2, TrialState.RUNNING.name());
            select.setLong(3, stale);
            select.setString(4, RunStatus.RUNNING.name());
            select.setLong(5, stale);
            select.setString(6, RunStatus.CRASHED.name());
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    lost.add(new int[] {rs.getInt(1), rs.getInt(2)});
                    lostRuns.add(rs.getString(3));
                }
            }
        }
        for (int i = 0; i < lost.size(); i++) {
            int number = lost.get(i)[0];
            endTrial(c, sweepId, number, TrialState.CRASHED, Double.NaN,
                    "its worker stopped sending heartbeats", now);
            String runId = lostRuns.get(i);
            if (runId != null) {
                try (PreparedStatement end = c.prepareStatement(
                        "UPDATE runs SET status = ?, end_time = ? WHERE run_id = ? AND status = ?")) {
                    end.setString(1, RunStatus.CRASHED.name());
                    end.setLong(2, now.toEpochMilli());
                    end.setString(3, runId);
                    end.setString(4, RunStatus.RUNNING.name());
                    end.executeUpdate();
                }
            }
            if (lost.get(i)[1] == 1) {
                requeue(c, sweepId, number);
            }
        }
    }

    private static void requeue(Connection c, String sweepId, int number) throws SQLException {
        TrialRecord original = trial(c, sweepId, number);
        int next;
        try (PreparedStatement select = c.prepareStatement("SELECT max(number) FROM sweep_trials WHERE sweep_id = ?")) {
            select.setString(1, sweepId);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                next = rs.getInt(1) + 1;
            }
        }
        insertTrial(c, sweepId, next, original.config(), TrialState.QUEUED, 2, number, null, null);
    }

    private static void insertTrial(Connection c, String sweepId, int number, String config, TrialState state,
                                    int attempt, int requeuedFrom, String worker, Instant now) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO sweep_trials (sweep_id, number, config, state,"
                + " attempt, requeued_from, worker, started_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, sweepId);
            insert.setInt(2, number);
            insert.setString(3, config);
            insert.setString(4, state.name());
            insert.setInt(5, attempt);
            if (requeuedFrom < 0) {
                insert.setNull(6, Types.INTEGER);
            } else {
                insert.setInt(6, requeuedFrom);
            }
            insert.setString(7, worker);
            if (now == null) {
                insert.setNull(8, Types.BIGINT);
            } else {
                insert.setLong(8, now.toEpochMilli());
            }
            insert.executeUpdate();
        }
    }

    @Override
    public void attachRun(String sweepId, int number, String runId) {
        tx.write("link a trial to its run", c -> {
            try (PreparedStatement update = c.prepareStatement(
                    "UPDATE sweep_trials SET run_id = ? WHERE sweep_id = ? AND number = ?")) {
                update.setString(1, runId);
                update.setString(2, sweepId);
                update.setInt(3, number);
                return update.executeUpdate();
            }
        });
    }

    @Override
    public StepMedian report(String sweepId, int number, long step, double value) {
        return tx.write("record a trial's intermediate value", c -> {
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO sweep_steps (sweep_id, number, step, value)"
                    + " VALUES (?, ?, ?, ?) ON CONFLICT (sweep_id, number, step) DO UPDATE SET value = excluded.value")) {
                insert.setString(1, sweepId);
                insert.setInt(2, number);
                insert.setLong(3, step);
                JdbcValues.setReal(insert, 4, value);
                insert.executeUpdate();
            }
            List<Double> values = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement("SELECT s.value FROM sweep_steps s JOIN sweep_trials t"
                    + " ON t.sweep_id = s.sweep_id AND t.number = s.number WHERE s.sweep_id = ? AND s.step = ?"
                    + " AND t.state = ? AND s.value IS NOT NULL ORDER BY s.value")) {
                select.setString(1, sweepId);
                select.setLong(2, step);
                select.setString(3, TrialState.COMPLETE.name());
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        values.add(rs.getDouble(1));
                    }
                }
            }
            int n = values.size();
            if (n == 0) {
                return new StepMedian(Double.NaN, 0);
            }
            double median = n % 2 == 1 ? values.get(n / 2) : (values.get(n / 2 - 1) + values.get(n / 2)) / 2;
            return new StepMedian(median, n);
        });
    }

    @Override
    public void finish(String sweepId, int number, TrialState state, double objective, String error, Instant now) {
        tx.write("end a trial", c -> {
            // Only a RUNNING trial ends here: one another worker already declared CRASHED keeps that verdict.
            if (!endTrial(c, sweepId, number, state, objective, error, now)) {
                return null;
            }
            if (state == TrialState.KILLED && trial(c, sweepId, number).attempt() == 1) {
                requeue(c, sweepId, number);
            }
            return null;
        });
    }

    /** Ends a RUNNING trial; false when it was not RUNNING (and nothing changed). */
    private static boolean endTrial(Connection c, String sweepId, int number, TrialState state, double objective,
                                    String error, Instant now) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("UPDATE sweep_trials SET state = ?, objective = ?, error = ?,"
                + " ended_at = ? WHERE sweep_id = ? AND number = ? AND state = ?")) {
            update.setString(1, state.name());
            JdbcValues.setReal(update, 2, objective);
            update.setString(3, error);
            update.setLong(4, now.toEpochMilli());
            update.setString(5, sweepId);
            update.setInt(6, number);
            update.setString(7, TrialState.RUNNING.name());
            return update.executeUpdate() == 1;
        }
    }

    @Override
    public List<TrialRecord> trials(String sweepId) {
        return tx.read("read a sweep's trials", c -> trials(c, sweepId));
    }

    private static List<TrialRecord> trials(Connection c, String sweepId) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT " + TRIAL_COLUMNS
                + " FROM sweep_trials WHERE sweep_id = ? ORDER BY number")) {
            select.setString(1, sweepId);
            try (ResultSet rs = select.executeQuery()) {
                List<TrialRecord> result = new ArrayList<>();
                while (rs.next()) {
                    result.add(trial(rs));
                }
                return result;
            }
        }
    }

    private static TrialRecord trial(Connection c, String sweepId, int number) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT " + TRIAL_COLUMNS
                + " FROM sweep_trials WHERE sweep_id = ? AND number = ?")) {
            select.setString(1, sweepId);
            select.setInt(2, number);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    throw new org.labbook.tracking.NotFoundException("No trial " + number + " in sweep " + sweepId + ".");
                }
                return trial(rs);
            }
        }
    }

    private static TrialRecord trial(ResultSet rs) throws SQLException {
        int requeuedFrom = rs.getInt(6);
        if (rs.wasNull()) {
            requeuedFrom = -1;
        }
        double objective = JdbcValues.realOrNaN(rs, 9);
        boolean hasObjective = rs.getObject(9) != null;
        long started = rs.getLong(11);
        boolean hasStart = !rs.wasNull();
        long ended = rs.getLong(12);
        boolean hasEnd = !rs.wasNull();
        return new TrialRecord(rs.getString(1), rs.getInt(2), rs.getString(3), TrialState.valueOf(rs.getString(4)),
                rs.getInt(5), requeuedFrom, Optional.ofNullable(rs.getString(7)), Optional.ofNullable(rs.getString(8)),
                hasObjective ? Optional.of(objective) : Optional.empty(), Optional.ofNullable(rs.getString(10)),
                hasStart ? Optional.of(Instant.ofEpochMilli(started)) : Optional.empty(),
                hasEnd ? Optional.of(Instant.ofEpochMilli(ended)) : Optional.empty());
    }
}
