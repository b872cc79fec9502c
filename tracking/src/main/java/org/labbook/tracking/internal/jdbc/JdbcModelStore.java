package org.labbook.tracking.internal.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;

import org.labbook.tracking.AliasMove;
import org.labbook.tracking.ArtifactRef;
import org.labbook.tracking.ModelVersion;
import org.labbook.tracking.NotFoundException;
import org.labbook.tracking.RegisteredModel;
import org.labbook.tracking.ValidationException;
import org.labbook.tracking.spi.ModelStore;

/**
 * The model registry on the JDBC store core, in the same database and transactions as the runs, in SQL
 * every supported database understands. Every alias move first bumps its model's {@code revision}: that
 * row update takes the write lock that serialises concurrent moves of one model on every database, so
 * the compare-and-set in {@link #moveAlias} sees the move committed before it.
 */
final class JdbcModelStore implements ModelStore {
    private static final String VERSION_COLUMNS = "v.model_name, v.version, v.run_id, v.artifact_name, v.artifact_sha256,"
            + " v.artifact_size, v.created_at, v.created_by, v.note, v.archived";

    private final Dialect dialect;
    private final Transactor tx;

    JdbcModelStore(Dialect dialect, Transactor tx) {
        this.dialect = dialect;
        this.tx = tx;
    }

    @Override
    public ModelVersion registerVersion(String model, String runId, ArtifactRef artifact, String note, String user,
                                        Instant at) {
        return tx.write("register a version of model '" + model + "'", c -> {
            try (PreparedStatement insert = c.prepareStatement(dialect.upsert("registered_models", List.of("name"),
                    List.of("name", "created_at", "created_by"), false))) {
                insert.setString(1, model);
                insert.setLong(2, at.toEpochMilli());
                insert.setString(3, user);
                insert.executeUpdate();
            }
            lockModel(c, model);
            int next;
            try (PreparedStatement max = c.prepareStatement(
                    "SELECT coalesce(max(version), 0) FROM model_versions WHERE model_name = ?")) {
                max.setString(1, model);
                try (ResultSet rs = max.executeQuery()) {
                    rs.next();
                    next = rs.getInt(1) + 1;
                }
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO model_versions (model_name, version, run_id,"
                    + " artifact_name, artifact_sha256, artifact_size, created_at, created_by, note, archived)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0)")) {
                insert.setString(1, model);
                insert.setInt(2, next);
                insert.setString(3, runId);
                insert.setString(4, artifact == null ? null : artifact.name());
                insert.setString(5, artifact == null ? null : artifact.sha256());
                if (artifact == null) {
                    insert.setNull(6, Types.BIGINT);
                } else {
                    insert.setLong(6, artifact.size());
                }
                insert.setLong(7, at.toEpochMilli());
                insert.setString(8, user);
                insert.setString(9, note);
                insert.executeUpdate();
            }
            return loadVersion(c, model, next).orElseThrow();
        });
    }

    @Override
    public List<RegisteredModel> models() {
        return tx.read("list registered models", c -> {
            List<RegisteredModel> result = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement("SELECT m.name, m.created_at, m.created_by,"
                    + " (SELECT coalesce(max(version), 0) FROM model_versions v WHERE v.model_name = m.name)"
                    + " FROM registered_models m ORDER BY m.name")) {
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        result.add(new RegisteredModel(rs.getString(1), Instant.ofEpochMilli(rs.getLong(2)),
                                rs.getString(3), rs.getInt(4), Map.of()));
                    }
                }
            }
            Map<String, Map<String, Integer>> aliases = new HashMap<>();
            try (PreparedStatement select = c.prepareStatement("SELECT model_name, alias, version FROM model_aliases");
                 ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    aliases.computeIfAbsent(rs.getString(1), k -> new TreeMap<>()).put(rs.getString(2), rs.getInt(3));
                }
            }
            return result.stream().map(m -> new RegisteredModel(m.name(), m.createdAt(), m.createdBy(), m.latestVersion(),
                    aliases.getOrDefault(m.name(), Map.of()))).toList();
        });
    }

    @Override
    public Optional<RegisteredModel> findModel(String name) {
        return tx.read("read model '" + name + "'", c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT m.name, m.created_at, m.created_by,"
                    + " (SELECT coalesce(max(version), 0) FROM model_versions v WHERE v.model_name = m.name)"
                    + " FROM registered_models m WHERE m.name = ?")) {
                select.setString(1, name);
                try (ResultSet rs = select.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new RegisteredModel(rs.getString(1), Instant.ofEpochMilli(rs.getLong(2)),
                            rs.getString(3), rs.getInt(4), aliasesOf(c, name)));
                }
            }
        });
    }

    @Override
    public List<ModelVersion> versions(String model, boolean includeArchived) {
        return tx.read("list versions of model '" + model + "'", c -> {
            Map<Integer, List<String>> aliases = new HashMap<>();
            aliasesOf(c, model).forEach((alias, version) -> aliases.computeIfAbsent(version, v -> new ArrayList<>()).add(alias));
            List<ModelVersion> result = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement("SELECT " + VERSION_COLUMNS + " FROM model_versions v"
                    + " WHERE v.model_name = ? AND (v.archived = 0 OR ?) ORDER BY v.version DESC")) {
                select.setString(1, model);
                select.setBoolean(2, includeArchived);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        result.add(version(rs, aliases.getOrDefault(rs.getInt(2), List.of())));
                    }
                }
            }
            return result;
        });
    }

    @Override
    public Optional<ModelVersion> findVersion(String model, int version) {
        return tx.read("read version " + version + " of model '" + model + "'", c -> loadVersion(c, model, version));
    }

    @Override
    public Optional<ModelVersion> versionByAlias(String model, String alias) {
        return tx.read("read " + model + "@" + alias, c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT a.version FROM model_aliases a"
                    + " WHERE a.model_name = ? AND a.alias = ?")) {
                select.setString(1, model);
                select.setString(2, alias);
                try (ResultSet rs = select.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    return loadVersion(c, model, rs.getInt(1));
                }
            }
        });
    }

    @Override
    public Optional<AliasMove> moveAlias(String model, String alias, OptionalInt expected, OptionalInt target,
                                         String user, Instant at, String note, String gate) {
        return tx.write("move " + model + "@" + alias, c -> {
            if (!lockModel(c, model)) {
                throw new NotFoundException("No model named '" + model + "'. Register a run first: %track register RUN"
                        + " --model " + model + ".");
            }
            OptionalInt current = currentAlias(c, model, alias);
            if (!current.equals(expected)) {
                return Optional.empty();
            }
            if (target.isPresent()) {
                ModelVersion version = loadVersion(c, model, target.getAsInt()).orElseThrow(() -> new NotFoundException(
                        "Model '" + model + "' has no version " + target.getAsInt() + ". List them with %track models "
                                + model + "."));
                if (version.archived()) {
                    throw new ValidationException("Version " + version.version() + " of model '" + model
                            + "' is archived, so no alias may point at it. Restore it first: %track models " + model
                            + " --restore " + version.version() + ".");
                }
                try (PreparedStatement upsert = c.prepareStatement(dialect.upsert("model_aliases",
                        List.of("model_name", "alias"), List.of("model_name", "alias", "version"), true))) {
                    upsert.setString(1, model);
                    upsert.setString(2, alias);
                    upsert.setInt(3, target.getAsInt());
                    upsert.executeUpdate();
                }
            } else {
                try (PreparedStatement delete = c.prepareStatement(
                        "DELETE FROM model_aliases WHERE model_name = ? AND alias = ?")) {
                    delete.setString(1, model);
                    delete.setString(2, alias);
                    delete.executeUpdate();
                }
            }
            int seq;
            try (PreparedStatement max = c.prepareStatement(
                    "SELECT coalesce(max(seq), 0) FROM model_alias_events WHERE model_name = ?")) {
                max.setString(1, model);
                try (ResultSet rs = max.executeQuery()) {
                    rs.next();
                    seq = rs.getInt(1) + 1;
                }
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO model_alias_events (model_name, seq, alias,"
                    + " from_version, to_version, moved_at, moved_by, note, gate) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, model);
                insert.setInt(2, seq);
                insert.setString(3, alias);
                setVersion(insert, 4, current);
                setVersion(insert, 5, target);
                insert.setLong(6, at.toEpochMilli());
                insert.setString(7, user);
                insert.setString(8, note);
                insert.setString(9, gate);
                insert.executeUpdate();
            }
            return Optional.of(new AliasMove(model, seq, alias, current, target, Instant.ofEpochMilli(at.toEpochMilli()),
                    user, note, gate));
        });
    }

    @Override
    public List<AliasMove> history(String model) {
        return tx.read("read the promotions of model '" + model + "'", c -> {
            List<AliasMove> result = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement("SELECT seq, alias, from_version, to_version, moved_at,"
                    + " moved_by, note, gate FROM model_alias_events WHERE model_name = ? ORDER BY seq")) {
                select.setString(1, model);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        result.add(new AliasMove(model, rs.getInt(1), rs.getString(2), optionalInt(rs, 3),
                                optionalInt(rs, 4), Instant.ofEpochMilli(rs.getLong(5)), rs.getString(6),
                                rs.getString(7), rs.getString(8)));
                    }
                }
            }
            return result;
        });
    }

    @Override
    public void setArchived(String model, int version, boolean archived) {
        tx.write((archived ? "archive" : "restore") + " version " + version + " of model '" + model + "'", c -> {
            lockModel(c, model);
            ModelVersion found = loadVersion(c, model, version).orElseThrow(() -> new NotFoundException(
                    "Model '" + model + "' has no version " + version + ". List them with %track models " + model + "."));
            if (archived && !found.aliases().isEmpty()) {
                throw new ValidationException("Version " + version + " of model '" + model + "' is "
                        + String.join(", ", found.aliases()) + "; an alias may not point at an archived version."
                        + " Demote it first: %track demote " + model + " --from " + found.aliases().get(0) + ".");
            }
            try (PreparedStatement update = c.prepareStatement(
                    "UPDATE model_versions SET archived = ? WHERE model_name = ? AND version = ?")) {
                update.setInt(1, archived ? 1 : 0);
                update.setString(2, model);
                update.setInt(3, version);
                update.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public List<ModelVersion> versionsOfRun(String runId) {
        return tx.read("read the model versions of run '" + runId + "'", c -> {
            List<ModelVersion> result = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement("SELECT " + VERSION_COLUMNS + " FROM model_versions v"
                    + " WHERE v.run_id = ? ORDER BY v.model_name, v.version")) {
                select.setString(1, runId);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        result.add(version(rs, List.of()));
                    }
                }
            }
            return result;
        });
    }

    // ---- helpers ------------------------------------------------------------------------------------

    /** Takes the model's row lock for the rest of the transaction; false when there is no such model. */
    private static boolean lockModel(Connection c, String model) throws SQLException {
        try (PreparedStatement update = c.prepareStatement(
                "UPDATE registered_models SET revision = revision + 1 WHERE name = ?")) {
            update.setString(1, model);
            return update.executeUpdate() == 1;
        }
    }

    private static OptionalInt currentAlias(Connection c, String model, String alias) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(
                "SELECT version FROM model_aliases WHERE model_name = ? AND alias = ?")) {
            select.setString(1, model);
            select.setString(2, alias);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? OptionalInt.of(rs.getInt(1)) : OptionalInt.empty();
            }
        }
    }

    private static Map<String, Integer> aliasesOf(Connection c, String model) throws SQLException {
        Map<String, Integer> aliases = new TreeMap<>();
        try (PreparedStatement select = c.prepareStatement(
                "SELECT alias, version FROM model_aliases WHERE model_name = ?")) {
            select.setString(1, model);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    aliases.put(rs.getString(1), rs.getInt(2));
                }
            }
        }
        return aliases;
    }

    private static Optional<ModelVersion> loadVersion(Connection c, String model, int version) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT " + VERSION_COLUMNS + " FROM model_versions v"
                + " WHERE v.model_name = ? AND v.version = ?")) {
            select.setString(1, model);
            select.setInt(2, version);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                List<String> aliases = new ArrayList<>();
                aliasesOf(c, model).forEach((alias, v) -> {
                    if (v == version) {
                        aliases.add(alias);
                    }
                });
                return Optional.of(version(rs, aliases));
            }
        }
    }

    private static ModelVersion version(ResultSet rs, List<String> aliases) throws SQLException {
        long size = rs.getLong(6);
        return new ModelVersion(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.wasNull() ? 0 : size, Instant.ofEpochMilli(rs.getLong(7)), rs.getString(8), rs.getString(9),
                rs.getInt(10) != 0, aliases.stream().sorted().toList());
    }

    private static void setVersion(PreparedStatement statement, int index, OptionalInt version) throws SQLException {
        if (version.isPresent()) {
            statement.setInt(index, version.getAsInt());
        } else {
            statement.setNull(index, Types.INTEGER);
        }
    }

    private static OptionalInt optionalInt(ResultSet rs, int index) throws SQLException {
        int value = rs.getInt(index);
        return rs.wasNull() ? OptionalInt.empty() : OptionalInt.of(value);
    }
}
