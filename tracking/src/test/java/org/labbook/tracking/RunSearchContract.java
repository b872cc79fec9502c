package org.labbook.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.labbook.tracking.query.FilterSyntaxException;

/**
 * How every {@link org.labbook.tracking.spi.RunStore} backend finds and orders runs: the filter language
 * (MLflow's search grammar and its extensions), metric semantics (latest value, NaN), sorting, paging.
 * A backend's test extends this class as it extends {@link RunStoreContract}.
 */
public abstract class RunSearchContract extends StoreContractSupport {

    @Test
    void searchFiltersOnLatestMetricParamTagAndStatus() {
        String good = logged("e", "good", 0.95, "0.001", "main");
        logged("e", "ablation", 0.97, "0.001", "ablation");
        logged("e", "slowlr", 0.96, "0.01", "main");
        logged("e", "weak", 0.80, "0.001", "main");
        RunPage page = tracker.runs(RunQuery.inExperiment("e").filter(
                "metrics.val_acc > 0.9 and params.lr = '0.001' and tags.type != 'ablation' and attributes.status = 'FINISHED'"));
        assertThat(page.runs()).extracting(RunDetails::id).containsExactly(good);
        assertThat(page.runs().get(0).params()).containsEntry("lr", "0.001");
        assertThat(page.runs().get(0).metrics().get("val_acc").latest()).isEqualTo(0.95);
        assertThat(page.nextPageToken()).isEmpty();
    }

    @Test
    void searchSupportsOrParenthesesNotInLikeAndIsNull() {
        logged("e", "a", 0.5, "0.1", "x");
        logged("e", "b", 0.6, "0.2", "y");
        logged("e", "c", 0.7, "0.3", "Xz");
        try (Run bare = tracker.start("e", "bare")) {
            bare.param("other", 1);
        }
        assertThat(names("(params.lr = '0.1' or params.lr = '0.3') and metrics.val_acc >= 0.5")).containsExactlyInAnyOrder("a", "c");
        assertThat(names("params.lr IN ('0.2', '0.3')")).containsExactlyInAnyOrder("b", "c");
        assertThat(names("params.lr NOT IN ('0.2', '0.3')")).containsExactlyInAnyOrder("a");
        assertThat(names("tags.type LIKE 'X%'")).containsExactly("c");
        assertThat(names("tags.type ILIKE 'x%'")).containsExactlyInAnyOrder("a", "c");
        assertThat(names("metrics.val_acc IS NULL")).containsExactly("bare");
        assertThat(names("not (params.lr = '0.1')")).containsExactlyInAnyOrder("b", "c", "bare");
        assertThat(names("attributes.run_name LIKE 'b%'")).containsExactlyInAnyOrder("b", "bare");
    }

    @Test
    void searchComparesMinAndMaxAggregates() {
        logged("e", "a", 0.9, "1", "t"); // val_acc 0.45 then 0.9
        logged("e", "b", 0.5, "1", "t"); // 0.25 then 0.5
        assertThat(names("min(metrics.val_acc) < 0.3")).containsExactly("b");
        assertThat(names("max(metrics.val_acc) > 0.8")).containsExactly("a");
        assertThat(names("metrics.val_acc = 0.5")).containsExactly("b");
    }

    @Test
    void searchOrdersByMetricParamOrAttributeWithMissingValuesLast() {
        logged("e", "mid", 0.7, "0.2", "t");
        logged("e", "top", 0.9, "0.1", "t");
        logged("e", "low", 0.5, "0.3", "t");
        tracker.start("e", "none").close();
        assertThat(ordered("metrics.val_acc DESC")).containsExactly("top", "mid", "low", "none");
        assertThat(ordered("metrics.val_acc ASC")).containsExactly("low", "mid", "top", "none");
        assertThat(ordered("params.lr")).containsExactly("top", "mid", "low", "none");
        assertThat(ordered("attributes.run_name DESC")).containsExactly("top", "none", "mid", "low");
        assertThat(ordered("attributes.start_time DESC")).containsExactly("none", "low", "top", "mid");
    }

    @Test
    void latestValueIsTheHighestStepThenTheLatestTimestampThenTheLargestValueWhateverTheStoringOrder() {
        String id;
        try (Run run = tracker.start("e", "r")) {
            id = run.id();
        }
        // Step 0 three times, stored in this order: 3.0 at t=2, 4.0 at t=8, 8.0 at t=3.
        store(id, "m", new long[] {0, 0, 0}, new long[] {2, 8, 3}, new double[] {3.0, 4.0, 8.0});
        assertThat(tracker.metricSummaries(id).get("m").latest()).isEqualTo(4.0);
        assertThat(names("metrics.m = 4.0")).containsExactly("r");
        assertThat(names("metrics.m > 5.0")).isEmpty();
        // Stored in separate batches, an older step never replaces a newer one.
        store(id, "n", new long[] {5}, new long[] {10}, new double[] {1.0});
        store(id, "n", new long[] {4}, new long[] {20}, new double[] {2.0});
        assertThat(tracker.metricSummaries(id).get("n").latest()).isEqualTo(1.0);
        // Same step and timestamp: the larger value wins, in either order.
        store(id, "o", new long[] {1, 1}, new long[] {7, 7}, new double[] {9.0, 6.0});
        store(id, "p", new long[] {1, 1}, new long[] {7, 7}, new double[] {6.0, 9.0});
        assertThat(tracker.metricSummaries(id).get("o").latest()).isEqualTo(9.0);
        assertThat(tracker.metricSummaries(id).get("p").latest()).isEqualTo(9.0);
        // The history still returns every point in logging order.
        assertThat(tracker.history(id, "m")).extracting(MetricPoint::value).containsExactly(3.0, 4.0, 8.0);
    }

    @Test
    void nanSortsAfterEveryNumberAndBeforeRunsWithoutTheMetricInBothDirections() {
        for (double value : new double[] {1.5, Double.NEGATIVE_INFINITY, Double.NaN, Double.POSITIVE_INFINITY, -2.0}) {
            try (Run run = tracker.start("e", String.valueOf(value))) {
                run.metric("m", value, 0);
            }
        }
        tracker.start("e", "missing").close();
        assertThat(ordered("metrics.m ASC")).containsExactly("-Infinity", "-2.0", "1.5", "Infinity", "NaN", "missing");
        assertThat(ordered("metrics.m DESC")).containsExactly("Infinity", "1.5", "-2.0", "-Infinity", "NaN", "missing");
        assertThat(ordered("min(metrics.m) ASC")).containsExactly("-Infinity", "-2.0", "1.5", "Infinity", "NaN", "missing");
    }

    @Test
    void nanIsAValueThatComparesAsInIeeeArithmetic() {
        for (double value : new double[] {Double.NaN, 1.0}) {
            try (Run run = tracker.start("e", String.valueOf(value))) {
                run.metric("m", value, 0);
            }
        }
        tracker.start("e", "missing").close();
        assertThat(names("metrics.m != 1.0")).containsExactly("NaN");
        assertThat(names("metrics.m < 5")).containsExactly("1.0");
        assertThat(names("metrics.m >= -1e308")).containsExactly("1.0");
        assertThat(names("metrics.m IS NOT NULL")).containsExactlyInAnyOrder("NaN", "1.0");
        assertThat(names("metrics.m IS NULL")).containsExactly("missing");
    }

    @Test
    void sortingTwiceByOneKeyIsRejectedInOneLine() {
        tracker.start("e", "r").close();
        assertThatThrownBy(() -> ordered("metrics.loss ASC, metrics.loss DESC")).isInstanceOf(FilterSyntaxException.class)
                .hasMessageContaining("metrics.loss").hasMessageContaining("twice").hasMessageNotContaining("\n");
        assertThatThrownBy(() -> tracker.runs(RunQuery.all().orderBy("params.lr", "params.lr DESC")))
                .isInstanceOf(FilterSyntaxException.class).hasMessageContaining("params.lr").hasMessageContaining("twice");
        assertThat(ordered("metrics.loss ASC, min(metrics.loss) DESC")).containsExactly("r");
    }

    @Test
    void searchPagesThroughAllRunsWithTheToken() {
        List<String> all = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            all.add(logged("e", "r" + i, i / 10.0, "1", "t"));
        }
        List<String> seen = new ArrayList<>();
        RunQuery query = RunQuery.inExperiment("e").orderBy("metrics.val_acc ASC").limit(3);
        Optional<String> token = Optional.empty();
        int pages = 0;
        do {
            RunPage page = tracker.runs(token.map(query::page).orElse(query));
            page.runs().forEach(r -> seen.add(r.id()));
            token = page.nextPageToken();
            pages++;
        } while (token.isPresent());
        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactlyElementsOf(all);
        assertThatThrownBy(() -> tracker.runs(query.page("garbage!"))).isInstanceOf(ValidationException.class)
                .hasMessageContaining("page token");
    }

    @Test
    void searchIsLimitedToTheNamedExperiments() {
        logged("a", "in-a", 0.5, "1", "t");
        logged("b", "in-b", 0.5, "1", "t");
        logged("c", "in-c", 0.5, "1", "t");
        assertThat(tracker.runs(RunQuery.inExperiment("a", "c")).runs()).extracting(RunDetails::name)
                .containsExactlyInAnyOrder("in-a", "in-c");
        assertThat(names("attributes.experiment = 'b'")).containsExactly("in-b");
        assertThat(tracker.runs(RunQuery.all()).runs()).hasSize(3);
    }

    @Test
    void malformedFilterIsRejectedWithTheColumnWhereParsingFailed() {
        assertThatThrownBy(() -> tracker.runs(RunQuery.all().filter("metrics.acc > 0.9 and params.lr = ")))
                .isInstanceOf(FilterSyntaxException.class).isInstanceOf(TrackingException.class)
                .hasMessageContaining("column");
    }

    @Test
    void filterTextNeverReachesTheDatabaseAsSql() {
        String id = logged("e", "safe", 0.5, "1", "t");
        assertThat(names("params.`lr'; DROP TABLE runs; --` = 'x'")).isEmpty();
        assertThat(names("tags.type = 'x'' OR 1=1 --'")).isEmpty();
        assertThat(names("attributes.run_name = 'safe'")).containsExactly("safe");
        assertThat(tracker.details(id).name()).isEqualTo("safe");
    }

    @Test
    void deletedRunLeavesSearchesAndRestoreBringsItBack() {
        String id = logged("e", "r", 0.5, "1", "t");
        tracker.deleteRun(id);
        assertThat(tracker.runs(RunQuery.all()).runs()).isEmpty();
        assertThat(tracker.runs(RunQuery.all().includingDeleted()).runs()).extracting(r -> r.info().deleted()).containsExactly(true);
        assertThat(tracker.details(id).info().deleted()).isTrue();
        tracker.restoreRun(id);
        assertThat(tracker.runs(RunQuery.all()).runs()).extracting(RunDetails::id).containsExactly(id);
    }

}
