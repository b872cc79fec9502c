package org.labbook.tracking.postgres;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.labbook.tracking.ValidationException;
import org.labbook.tracking.internal.jdbc.Migrations;
import org.labbook.tracking.internal.postgres.PostgresDialect;

/**
 * The SQL that makes an empty PostgreSQL store by hand, for a team whose DBA creates schemas and grants
 * rather than letting the first client do it: every migration of this build in order, the
 * {@code schema_version} rows a client would have written (so the store then opens without migrating),
 * and the grants of a read-only and a read-write role. {@code labbook store init --print-sql} prints it.
 *
 * <p>Names go into the text unquoted, so they must be plain lower-case identifiers, the rule the store's
 * {@code schema=} parameter has too.
 */
public final class PostgresSetupSql {
    private static final Pattern PLAIN_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private PostgresSetupSql() {
    }

    /**
     * What the script sets up; each name may be null.
     *
     * @param schema the schema to create the store in, or null for the connection's default ({@code public})
     * @param reader a role to grant reading the store, or null for none
     * @param writer a role to grant reading and writing the store, or null for none
     */
    public record Options(String schema, String reader, String writer) {
        /** The store in schema {@code public}, with no grants. */
        public static Options defaults() {
            return new Options(null, null, null);
        }

        public Options withSchema(String name) {
            return new Options(name, reader, writer);
        }

        public Options withReader(String role) {
            return new Options(schema, role, writer);
        }

        public Options withWriter(String role) {
            return new Options(schema, reader, role);
        }
    }

    /** The script of a store in schema {@code public}, with no grants. */
    public static String script() {
        return script(Options.defaults());
    }

    /**
     * @throws ValidationException when a name is not a plain lower-case identifier
     */
    public static String script(Options options) {
        Optional<String> schema = Optional.ofNullable(options.schema());
        Optional<String> reader = Optional.ofNullable(options.reader());
        Optional<String> writer = Optional.ofNullable(options.writer());
        schema.ifPresent(name -> requirePlain("schema", "--schema", name));
        reader.ifPresent(name -> requirePlain("role", "--reader", name));
        writer.ifPresent(name -> requirePlain("role", "--writer", name));
        Migrations migrations = new Migrations(new PostgresDialect(schema.orElse(null)));
        String target = schema.orElse("public");

        StringBuilder sql = new StringBuilder();
        sql.append("-- A Labbook store, schema version ").append(migrations.latestVersion()).append(", in schema ")
                .append(target).append(".\n");
        sql.append("-- Run as a role that may create tables there; clients then open it without migrating.\n");
        sql.append("BEGIN;\n");
        if (schema.isPresent()) {
            sql.append("CREATE SCHEMA IF NOT EXISTS ").append(target).append(";\n");
            // The migrations name tables without a schema, as the store's own connections (whose
            // current schema is the store's) run them.
            sql.append("SET LOCAL search_path TO ").append(target).append(";\n");
        }
        sql.append(Migrations.VERSION_TABLE).append(";\n");
        for (int version = 1; version <= migrations.latestVersion(); version++) {
            sql.append("\n-- version ").append(version).append('\n');
            for (String statement : migrations.statements(version)) {
                sql.append(statement).append(";\n");
            }
            sql.append("INSERT INTO schema_version (version, applied_at) VALUES (").append(version)
                    .append(", (extract(epoch FROM now()) * 1000)::bigint);\n");
        }
        reader.ifPresent(role -> {
            sql.append("\n-- ").append(role).append(" reads runs, metrics and artifacts, and changes nothing.\n");
            grants(sql, target, role, List.of(
                    "GRANT USAGE ON SCHEMA %s TO %s",
                    "GRANT SELECT ON ALL TABLES IN SCHEMA %s TO %s"));
        });
        writer.ifPresent(role -> {
            sql.append("\n-- ").append(role).append(" logs runs: it reads and writes every table, and takes run numbers"
                    + " from the identity sequence.\n");
            grants(sql, target, role, List.of(
                    "GRANT USAGE ON SCHEMA %s TO %s",
                    "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA %s TO %s",
                    "GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA %s TO %s"));
        });
        sql.append("COMMIT;\n");
        return sql.toString();
    }

    private static void grants(StringBuilder sql, String schema, String role, List<String> templates) {
        for (String template : templates) {
            sql.append(String.format(template, schema, role)).append(";\n");
        }
    }

    private static void requirePlain(String what, String option, String name) {
        if (!PLAIN_NAME.matcher(name).matches() || name.startsWith("pg_")) {
            throw new ValidationException("Invalid " + option + " '" + name + "': a " + what + " name here must be a plain"
                    + " lower-case name (letters, digits and underscores, not starting with a digit or pg_, at most 63"
                    + " characters), e.g. " + option + " labbook" + (what.equals("role") ? "_" + option.substring(2) : "")
                    + ".");
        }
    }
}
