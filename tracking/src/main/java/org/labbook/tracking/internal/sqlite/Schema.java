package org.labbook.tracking.internal.sqlite;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The store's schema as numbered migrations. {@link #migrate} runs inside the caller's
 * {@code BEGIN IMMEDIATE} transaction, so when several processes open a brand-new store at once exactly
 * one of them creates the tables and the others find them done. A migration is never edited once
 * released; changes go in a new one.
 *
 * <p>Metric points are not one row each: {@code metric_chunks} holds up to a few thousand points of one
 * (run, key) packed as a BLOB (see {@code ChunkCodec}) with the chunk's step range and min/max, and
 * {@code metric_summaries} keeps latest/min/max/count per (run, key) so searches never read points.
 */
final class Schema {
    static final List<List<String>> MIGRATIONS = List.of(
            List.of(
                    """
                    CREATE TABLE experiments (
                        experiment_id TEXT PRIMARY KEY,
                        name TEXT NOT NULL UNIQUE,
                        created_at INTEGER NOT NULL,
                        deleted INTEGER NOT NULL DEFAULT 0)""",
                    """
                    CREATE TABLE experiment_tags (
                        experiment_id TEXT NOT NULL,
                        key TEXT NOT NULL,
                        value TEXT NOT NULL,
                        PRIMARY KEY (experiment_id, key)) WITHOUT ROWID""",
                    """
                    CREATE TABLE runs (
                        run_id TEXT PRIMARY KEY,
                        name TEXT NOT NULL,
                        experiment_id TEXT NOT NULL REFERENCES experiments (experiment_id),
                        status TEXT NOT NULL,
                        start_time INTEGER NOT NULL,
                        end_time INTEGER,
                        user TEXT NOT NULL,
                        parent_run_id TEXT,
                        notebook_path TEXT,
                        kernel_session TEXT,
                        entry_point TEXT,
                        git_commit TEXT,
                        heartbeat INTEGER NOT NULL,
                        deleted INTEGER NOT NULL DEFAULT 0)""",
                    "CREATE INDEX runs_by_experiment ON runs (experiment_id, start_time)",
                    "CREATE INDEX runs_by_start ON runs (start_time)",
                    "CREATE INDEX runs_by_name ON runs (name)",
                    "CREATE INDEX runs_by_parent ON runs (parent_run_id)",
                    """
                    CREATE TABLE params (
                        run_id TEXT NOT NULL,
                        key TEXT NOT NULL,
                        value TEXT NOT NULL,
                        PRIMARY KEY (run_id, key)) WITHOUT ROWID""",
                    "CREATE INDEX params_by_key_value ON params (key, value)",
                    """
                    CREATE TABLE tags (
                        run_id TEXT NOT NULL,
                        key TEXT NOT NULL,
                        value TEXT NOT NULL,
                        PRIMARY KEY (run_id, key)) WITHOUT ROWID""",
                    "CREATE INDEX tags_by_key_value ON tags (key, value)",
                    """
                    CREATE TABLE metric_summaries (
                        run_id TEXT NOT NULL,
                        key TEXT NOT NULL,
                        latest REAL,
                        latest_bits INTEGER NOT NULL,
                        latest_step INTEGER NOT NULL,
                        latest_time INTEGER NOT NULL,
                        min_value REAL,
                        max_value REAL,
                        count INTEGER NOT NULL,
                        next_seq INTEGER NOT NULL,
                        open_from_seq INTEGER NOT NULL,
                        open_chunks INTEGER NOT NULL,
                        PRIMARY KEY (run_id, key)) WITHOUT ROWID""",
                    "CREATE INDEX metric_summaries_by_latest ON metric_summaries (key, latest)",
                    "CREATE INDEX metric_summaries_by_min ON metric_summaries (key, min_value)",
                    "CREATE INDEX metric_summaries_by_max ON metric_summaries (key, max_value)",
                    // A rowid table on purpose: chunk BLOBs are large, and WITHOUT ROWID tables suit small rows.
                    // blocks (per-256-point extremes, ~0.2 bytes a point) comes before data so that reading it
                    // does not walk data's overflow pages.
                    """
                    CREATE TABLE metric_chunks (
                        run_id TEXT NOT NULL,
                        key TEXT NOT NULL,
                        seq INTEGER NOT NULL,
                        count INTEGER NOT NULL,
                        first_step INTEGER NOT NULL,
                        last_step INTEGER NOT NULL,
                        min_value REAL,
                        max_value REAL,
                        blocks BLOB NOT NULL,
                        data BLOB NOT NULL,
                        UNIQUE (run_id, key, seq))""",
                    """
                    CREATE TABLE notes (
                        run_id TEXT NOT NULL,
                        seq INTEGER NOT NULL,
                        text TEXT NOT NULL,
                        created_at INTEGER NOT NULL,
                        PRIMARY KEY (run_id, seq))""",
                    """
                    CREATE TABLE artifacts (
                        run_id TEXT NOT NULL,
                        name TEXT NOT NULL,
                        sha256 TEXT NOT NULL,
                        size INTEGER NOT NULL,
                        created_at INTEGER NOT NULL,
                        PRIMARY KEY (run_id, name)) WITHOUT ROWID""",
                    """
                    CREATE TABLE datasets (
                        run_id TEXT NOT NULL,
                        name TEXT NOT NULL,
                        location TEXT NOT NULL,
                        sha256 TEXT NOT NULL,
                        size INTEGER NOT NULL,
                        rows INTEGER NOT NULL,
                        columns INTEGER NOT NULL,
                        PRIMARY KEY (run_id, name)) WITHOUT ROWID""",
                    "CREATE INDEX datasets_by_name ON datasets (name)"));

    private Schema() {
    }

    /** The newest schema version this build knows. */
    static int latestVersion() {
        return MIGRATIONS.size();
    }

    /** Applies every missing migration; the caller holds a write transaction. Returns the version found. */
    static int migrate(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)");
            int current;
            try (ResultSet rs = statement.executeQuery("SELECT coalesce(max(version), 0) FROM schema_version")) {
                rs.next();
                current = rs.getInt(1);
            }
            if (current > latestVersion()) {
                throw new org.labbook.tracking.StoreException("The store has schema version " + current
                        + " but this Labbook knows only up to " + latestVersion() + ". Upgrade Labbook to open it.");
            }
            for (int version = current + 1; version <= latestVersion(); version++) {
                for (String sql : MIGRATIONS.get(version - 1)) {
                    statement.execute(sql);
                }
                statement.execute("INSERT INTO schema_version (version, applied_at) VALUES (" + version + ", "
                        + System.currentTimeMillis() + ")");
            }
            return current;
        }
    }
}
