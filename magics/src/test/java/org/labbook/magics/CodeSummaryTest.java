package org.labbook.magics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labbook.tracking.Labbook;
import org.labbook.tracking.ModelLineage;
import org.labbook.tracking.Run;
import org.labbook.tracking.Tracker;
import org.labbook.tracking.TrackerOptions;

/** The lineage's commit line, read from a run's code-version artifact on a real SQLite store. */
class CodeSummaryTest {
    @TempDir
    Path storeDir;

    private static final String DIRTY = """
            {"root":"/repo","commit":"3f2a9c1e0b7d44aa","branch":"main","remoteUrl":"","dirty":true,
             "diff":"diff --git a/Train.java b/Train.java\\n--- a/Train.java\\n+++ b/Train.java\\n@@ -1,2 +1,3 @@\\n-int epochs = 5;\\n+int epochs = 10;\\n+int seed = 7;\\ndiff --git a/README.md b/README.md\\n--- a/README.md\\n+++ b/README.md\\n@@ -1 +1 @@\\n-old\\n+new\\n",
             "diffCut":false,"untracked":["notes.txt"]}""";

    @Test
    void summarizesTheCommitTheBranchAndWhatTheDiffTouched() {
        assertThat(CodeSummary.read(DIRTY.getBytes(StandardCharsets.UTF_8)).orElseThrow().text())
                .isEqualTo("3f2a9c1e0b7d on main, 2 files changed (+3 -2), 1 untracked file");
        assertThat(CodeSummary.read(("{\"commit\":\"abc\",\"branch\":\"\",\"dirty\":false,\"diff\":\"\",\"untracked\":[]}")
                .getBytes(StandardCharsets.UTF_8)).orElseThrow().text()).isEqualTo("abc, clean");
        assertThat(CodeSummary.read("not json".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(CodeSummary.read("[1]".getBytes(StandardCharsets.UTF_8))).isEmpty();
    }

    @Test
    void lineagePrintsTheSummaryInsteadOfTheArtifactName() {
        try (Tracker tracker = Labbook.open(storeDir.toString(), TrackerOptions.defaults().withShutdownHook(false))) {
            String id;
            try (Run run = tracker.start("fraud", "good")) {
                run.artifact("weights".getBytes(StandardCharsets.UTF_8), "model.bin");
                run.artifact(DIRTY.getBytes(StandardCharsets.UTF_8), ModelLineage.CODE_VERSION);
                id = run.id();
            }
            tracker.models().register("fraud-detector", id, "model.bin", null);
            ModelLineage lineage = tracker.models().lineage("fraud-detector/1");

            String text = ModelReport.lineageText("fraud-detector/1", lineage, tracker);
            assertThat(text.lines().filter(l -> l.startsWith("  commit"))).containsExactly(
                    "  commit       3f2a9c1e0b7d on main, 2 files changed (+3 -2), 1 untracked file");
            assertThat(ModelReport.lineageText("fraud-detector/1", lineage)).contains("commit and diff in "
                    + ModelLineage.CODE_VERSION);
        }
    }
}
