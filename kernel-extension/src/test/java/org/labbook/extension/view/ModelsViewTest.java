package org.labbook.extension.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labbook.magics.ModelReport;
import org.labbook.tracking.Labbook;
import org.labbook.tracking.Promotion;
import org.labbook.tracking.Run;
import org.labbook.tracking.Tracker;
import org.labbook.tracking.TrackerOptions;

/** The registry view's chart on a real SQLite store: both renderings call the x axis "version". */
class ModelsViewTest {
    @TempDir
    Path storeDir;

    @Test
    @SuppressWarnings("unchecked")
    void theInteractiveSpecTitlesItsXAxisVersionLikeThePng() {
        try (Tracker tracker = Labbook.open(storeDir.toString(), TrackerOptions.defaults().withShutdownHook(false))) {
            for (String[] spec : new String[][] {{"first", "0.90"}, {"second", "0.94"}}) {
                String id;
                try (Run run = tracker.start("fraud", spec[0])) {
                    run.metric("val_auc", Double.parseDouble(spec[1]), 1);
                    run.artifact(spec[0].getBytes(StandardCharsets.UTF_8), "model.bin");
                    id = run.id();
                }
                tracker.models().register("fraud-detector", id, "model.bin", null);
            }
            tracker.models().promote(new Promotion("fraud-detector", 2, "production", "metrics.val_auc >= 0.92",
                    null, null));

            ChartView chart = ModelsView.of(ModelReport.of(tracker, "fraud-detector", false)).chart().orElseThrow();
            Map<String, Object> encoding = (Map<String, Object>) chart.vegaLite().get("encoding");
            assertThat(((Map<String, Object>) encoding.get("x")).get("title")).isEqualTo("version");
            assertThat((List<Object>) encoding.get("tooltip")).anySatisfy(tip ->
                    assertThat((Map<String, Object>) tip).containsEntry("field", "step").containsEntry("title", "version"));
            assertThat(((org.knowm.xchart.XYChart) chart.xchart()).getXAxisTitle()).isEqualTo("version");
        }
    }
}
