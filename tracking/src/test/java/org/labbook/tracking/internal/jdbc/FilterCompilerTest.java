package org.labbook.tracking.internal.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labbook.tracking.Labbook;
import org.labbook.tracking.Run;
import org.labbook.tracking.RunQuery;
import org.labbook.tracking.Tracker;
import org.labbook.tracking.TrackerOptions;
import org.labbook.tracking.internal.sqlite.SqliteDialect;
import org.labbook.tracking.query.Filter;
import org.labbook.tracking.query.FilterParser;
import org.labbook.tracking.query.FilterSyntaxException;

/**
 * The compiled SQL holds only this package's fixed fragments: keys and values of any filter are
 * arguments. Random filters, valid or not, either fail to parse with the parser's own error or run
 * against a real store without any SQL error.
 */
class FilterCompilerTest {
    private static final String[] KINDS = {"metrics.", "params.", "tags.", "attributes.", "datasets.", "min(metrics.",
            "max(metrics.", ""};
    private static final String[] OPS = {"=", "!=", "<", "<=", ">", ">=", "LIKE", "ILIKE", "IN", "NOT IN", "IS NULL",
            "IS NOT NULL", "==", "<>"};
    private static final String[] ATTRIBUTES = {"status", "run_name", "start_time", "end_time", "user", "experiment",
            "run_id", "parent_run_id", "bogus"};

    @TempDir
    Path tempDir;

    @Test
    void keysAndValuesNeverAppearInTheSqlText() {
        Filter filter = FilterParser.parse("metrics.`zz_key1` > 0.5 and params.zz_key2 = 'zz_value2'' or 1=1 --'"
                + " or tags.`zz key3` IN ('zz_value3', 'x') and not (datasets.name LIKE 'zz_value4%')"
                + " and attributes.run_name ILIKE 'zz_value5' and max(metrics.zz_key6) IS NOT NULL");
        SqlText sql = new FilterCompiler(new SqliteDialect(), 0).where(filter);
        assertThat(sql.text()).doesNotContain("zz").doesNotContain("1=1").doesNotContain("--");
        assertThat(sql.arguments()).contains("zz_key1", "zz_key2", "zz_value2' or 1=1 --", "zz key3", "zz_value4%", "zz_key6");
    }

    @Test
    void randomFiltersEitherFailToParseOrRunWithoutSqlErrors() {
        TrackerOptions options = TrackerOptions.defaults().withShutdownHook(false)
                .withHeartbeat(Duration.ofMillis(100), Duration.ofSeconds(5));
        try (Tracker tracker = Labbook.open(tempDir.toString(), options)) {
            try (Run run = tracker.start("e", "r")) {
                run.param("lr", "0.1");
                run.tag("type", "x");
                run.metric("loss", 0.5, 1);
            }
            Random random = new Random(42);
            int parsed = 0;
            for (int i = 0; i < 3000; i++) {
                String filter = randomFilter(random, 0);
                try {
                    FilterParser.parse(filter);
                } catch (FilterSyntaxException e) {
                    continue; // the parser's own error: fine, and never reaches the store
                }
                parsed++;
                tracker.runs(RunQuery.all().filter(filter).limit(5));
            }
            assertThat(parsed).isGreaterThan(300);
        }
    }

    private static String randomFilter(Random random, int depth) {
        int shape = random.nextInt(depth > 2 ? 1 : 5);
        return switch (shape) {
            case 0, 1 -> clause(random);
            case 2 -> randomFilter(random, depth + 1) + (random.nextBoolean() ? " and " : " or ") + randomFilter(random, depth + 1);
            case 3 -> "(" + randomFilter(random, depth + 1) + ")";
            default -> "not (" + randomFilter(random, depth + 1) + ")";
        };
    }

    private static String clause(Random random) {
        String kind = KINDS[random.nextInt(KINDS.length)];
        String key = kind.startsWith("attributes") || kind.isEmpty() ? ATTRIBUTES[random.nextInt(ATTRIBUTES.length)]
                : kind.startsWith("datasets") ? List.of("name", "digest", "location", "size").get(random.nextInt(4))
                : randomKey(random);
        String operand = kind + key + (kind.endsWith("(metrics.") ? ")" : "");
        String op = OPS[random.nextInt(OPS.length)];
        if (op.startsWith("IS")) {
            return operand + " " + op;
        }
        if (op.contains("IN")) {
            List<String> values = new ArrayList<>();
            for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) {
                values.add(value(random));
            }
            return operand + " " + op + " (" + String.join(", ", values) + ")";
        }
        return operand + " " + op + " " + value(random);
    }

    private static String randomKey(Random random) {
        String[] keys = {"loss", "lr", "type", "`weird key'; DROP TABLE runs; --`", "a.b/c", "`x``y`", "`%`"};
        return keys[random.nextInt(keys.length)];
    }

    private static String value(Random random) {
        String[] values = {"0.5", "-1e3", "NaN", "inf", "'0.1'", "'x'", "'FINISHED'", "'%'", "'it''s'", "'\\'", "''", "1",
                "'; DELETE FROM runs; --'", "\"dq\""};
        return values[random.nextInt(values.length)];
    }
}
