package org.labbook.tracking.internal.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.labbook.tracking.Labbook;
import org.labbook.tracking.Run;
import org.labbook.tracking.RunDetails;
import org.labbook.tracking.RunQuery;
import org.labbook.tracking.Tracker;
import org.labbook.tracking.TrackerOptions;

/**
 * Text that means something to SQL (quotes, semicolons, backslashes, comment markers, dollar quotes, LIKE
 * wildcards) is stored and found as plain data, in names, keys, values, notes and filter literals.
 */
class PostgresPlainDataTest {
    @RegisterExtension
    static final PostgresServer POSTGRES = new PostgresServer();

    private static final String HOSTILE = "x'); DROP TABLE runs; -- \\' \" /* $$ E'\\\\' %_ */;";
    private static final String EXPERIMENT = "team's \"exp\"; DROP TABLE experiments; --";
    private static final String RUN_NAME = "run\\name'; DELETE FROM runs; /* */";
    /** Keys may hold letters, digits, _ - . / and spaces: a comment marker and a path still fit. */
    private static final String KEY = "lr -- drop/table";

    private String uri;
    private Tracker tracker;

    @BeforeEach
    void open() {
        uri = POSTGRES.newSchema();
        tracker = Labbook.open(uri, TrackerOptions.defaults().withShutdownHook(false));
    }

    @AfterEach
    void close() {
        tracker.close();
    }

    @Test
    void hostileTextIsStoredAndReadBackUnchanged() {
        String id;
        try (Run run = tracker.start(EXPERIMENT, RUN_NAME)) {
            id = run.id();
            run.param(KEY, HOSTILE);
            run.tag("note", HOSTILE);
            run.metric(KEY, 0.5, 0);
            run.note(HOSTILE);
        }
        RunDetails details = tracker.details(id);
        assertThat(details.name()).isEqualTo(RUN_NAME);
        assertThat(details.info().experimentName()).isEqualTo(EXPERIMENT);
        assertThat(details.params()).containsEntry(KEY, HOSTILE);
        assertThat(details.tags()).containsEntry("note", HOSTILE);
        assertThat(details.metrics()).containsKey(KEY);
        assertThat(tracker.notes(id)).extracting(n -> n.text()).containsExactly(HOSTILE);
        assertThat(tracker.experiment(EXPERIMENT)).isPresent();
        assertTablesIntact();
    }

    @Test
    void hostileFilterLiteralsMatchOnlyTheirExactText() {
        String hostile = logged("hostile", HOSTILE);
        logged("plain", "x");
        logged("backslash", "a\\b");
        assertThat(names("params.`" + KEY + "` = " + literal(HOSTILE))).containsExactly("hostile");
        assertThat(names("tags.note = 'x'' OR 1=1 --'")).isEmpty();
        assertThat(names("tags.note = 'x''); DROP TABLE runs; --'")).isEmpty();
        assertThat(names("params.`" + KEY + "` IN ('x', " + literal(HOSTILE) + ")")).containsExactlyInAnyOrder("hostile", "plain");
        assertThat(names("attributes.run_name = '" + "hostile" + "' and tags.note != 'x'")).containsExactly("hostile");
        assertThat(tracker.details(hostile).params()).containsEntry(KEY, HOSTILE);
        assertTablesIntact();
    }

    @Test
    void likePatternsTreatBackslashAsAPlainCharacterAsOnSqlite() {
        logged("backslash", "a\\b");
        logged("percent", "a%b");
        logged("plain", "ab");
        // The filter language escapes nothing in LIKE: '\' is a character, '%' and '_' are wildcards.
        assertThat(names("tags.note LIKE '%\\\\%'")).containsExactly("backslash");
        assertThat(names("tags.note LIKE 'a\\\\b'")).containsExactly("backslash");
        assertThat(names("tags.note LIKE 'a_b'")).containsExactlyInAnyOrder("backslash", "percent");
        assertThat(names("tags.note ILIKE 'A%B'")).containsExactlyInAnyOrder("backslash", "percent", "plain");
    }

    /** A quoted literal of the filter language: a backslash escapes, a doubled quote is a quote. */
    private static String literal(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "''") + "'";
    }

    private String logged(String name, String value) {
        try (Run run = tracker.start("e", name)) {
            run.param(KEY, value);
            run.tag("note", value);
            return run.id();
        }
    }

    private List<String> names(String filter) {
        return tracker.runs(RunQuery.all().filter(filter)).runs().stream().map(RunDetails::name).toList();
    }

    private void assertTablesIntact() {
        try (Connection c = POSTGRES.admin(PostgresServer.databaseOf(uri)); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM information_schema.tables WHERE table_schema = '"
                     + PostgresServer.schemaOf(uri) + "' AND table_name IN ('runs', 'experiments', 'params', 'tags', 'notes')")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(5);
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }
}
