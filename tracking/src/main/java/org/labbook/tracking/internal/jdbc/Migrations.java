package org.labbook.tracking.internal.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.labbook.tracking.StoreException;

/**
 * A database's schema as numbered migrations, read from class-path resources {@code V1.sql},
 * {@code V2.sql}, ... in the dialect's folder. {@link #migrate} runs inside a write transaction after
 * the dialect's migration lock, so when several processes open a brand-new store at once exactly one of
 * them creates the tables and the others find them done. The version applied is recorded in
 * {@code schema_version}; a store newer than this build is refused, never downgraded.
 */
public final class Migrations {
    /** The table that records the versions applied, created before the first migration. */
    public static final String VERSION_TABLE =
            "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)";

    private final Dialect dialect;
    private final List<List<String>> versions;

    public Migrations(Dialect dialect) {
        this.dialect = dialect;
        this.versions = load(dialect.migrationsFolder());
    }

    /** The newest schema version this build knows. */
    public int latestVersion() {
        return versions.size();
    }

    /** The statements of one version (1-based). */
    public List<String> statements(int version) {
        return versions.get(version - 1);
    }

    /**
     * The store's schema version, 0 for an empty database, found with reads alone: a store already at
     * this build's version then opens without a write transaction, also for a user who may only read it.
     * A store newer than this build is refused.
     */
    public int currentVersion(Connection connection) throws SQLException {
        if (!dialect.hasTable(connection, "schema_version")) {
            return 0;
        }
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT coalesce(max(version), 0) FROM schema_version")) {
            rs.next();
            return requireKnown(rs.getInt(1));
        }
    }

    private int requireKnown(int version) {
        if (version > latestVersion()) {
            throw new StoreException("The store has schema version " + version + " but this Labbook knows only up to "
                    + latestVersion() + ". Upgrade Labbook to open it.");
        }
        return version;
    }

    /** Applies every missing migration; the caller holds a write transaction. Returns the version found. */
    public int migrate(Connection connection) throws SQLException {
        dialect.lockForMigration(connection);
        try (Statement statement = connection.createStatement()) {
            statement.execute(VERSION_TABLE);
            int current;
            try (ResultSet rs = statement.executeQuery("SELECT coalesce(max(version), 0) FROM schema_version")) {
                rs.next();
                current = requireKnown(rs.getInt(1));
            }
            try (PreparedStatement record = connection.prepareStatement(
                    "INSERT INTO schema_version (version, applied_at) VALUES (?, ?)")) {
                for (int version = current + 1; version <= latestVersion(); version++) {
                    for (String sql : statements(version)) {
                        statement.execute(sql);
                    }
                    record.setInt(1, version);
                    record.setLong(2, System.currentTimeMillis());
                    record.executeUpdate();
                }
            }
            return current;
        }
    }

    private static List<List<String>> load(String folder) {
        List<List<String>> versions = new ArrayList<>();
        for (int version = 1; ; version++) {
            String name = folder + "/V" + version + ".sql";
            try (InputStream in = Migrations.class.getResourceAsStream(name)) {
                if (in == null) {
                    break;
                }
                versions.add(split(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new StoreException("Cannot read the schema migration " + name + ": " + e.getMessage(), e);
            }
        }
        if (versions.isEmpty()) {
            throw new IllegalStateException("no migrations under " + folder);
        }
        return versions;
    }

    /**
     * Statements end with a line ending in {@code ;}; lines starting with {@code --} are comments. Kept
     * this simple on purpose: migrations are written by hand, without semicolons inside literals.
     */
    static List<String> split(String script) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("--")) {
                continue;
            }
            if (trimmed.endsWith(";")) {
                current.append(line, 0, line.lastIndexOf(';'));
                statements.add(current.toString().strip());
                current.setLength(0);
            } else {
                current.append(line).append('\n');
            }
        }
        if (!current.toString().isBlank()) {
            statements.add(current.toString().strip());
        }
        return statements;
    }
}
