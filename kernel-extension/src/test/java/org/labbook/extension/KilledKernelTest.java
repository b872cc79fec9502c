package org.labbook.extension;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labbook.extension.snapshot.CellRecord;
import org.labbook.extension.snapshot.SessionSnapshot;
import org.labbook.kernel.testing.KernelHarness;
import org.labbook.tracking.Labbook;
import org.labbook.tracking.RunDetails;
import org.labbook.tracking.RunQuery;
import org.labbook.tracking.Tracker;

/** A kernel killed outright (SIGKILL) in the middle of a run still leaves the session up to then in the store. */
class KilledKernelTest {

    @TempDir
    Path dir;

    @Test
    void cellsThatRanBeforeTheKernelWasKilledAreInTheStore() throws Exception {
        Path store = dir.resolve("store");
        Path notebook = dir.resolve("killed.ipynb");
        Files.writeString(notebook, """
                {"cells": [
                 {"cell_type": "code", "execution_count": null, "id": "a", "metadata": {}, "outputs": [],
                  "source": ["%track store %s"]},
                 {"cell_type": "code", "execution_count": null, "id": "b", "metadata": {}, "outputs": [],
                  "source": ["%track start doomed"]},
                 {"cell_type": "code", "execution_count": null, "id": "c", "metadata": {}, "outputs": [],
                  "source": ["int prepared = 1;"]},
                 {"cell_type": "code", "execution_count": null, "id": "d", "metadata": {}, "outputs": [],
                  "source": ["Thread.sleep(600_000);"]}],
                 "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
                """.replace("%s", store.toString()));
        Process kernel = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "org.labbook.kernel.cli.LabbookCommand", "run",
                notebook.toString(), "--output", dir.resolve("out.ipynb").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("kernel.log").toFile()).start();
        try {
            List<String> sources = List.of();
            long deadline = System.nanoTime() + KernelHarness.WAIT.toNanos();
            while (System.nanoTime() < deadline && !sources.contains("int prepared = 1;")) {
                Thread.sleep(100);
                sources = storedSources(store);
            }
            // The third cell is in the store while the fourth still runs: now kill the kernel outright.
            assertThat(sources).contains("%track start doomed", "int prepared = 1;");
        } finally {
            kernel.destroyForcibly();
            kernel.waitFor();
        }
        assertThat(storedSources(store)).containsSubsequence("%track store " + store, "%track start doomed",
                "int prepared = 1;");
    }

    private static List<String> storedSources(Path store) {
        if (!Files.exists(store.resolve("labbook.db"))) {
            return List.of();
        }
        try (Tracker tracker = Labbook.open(store.toString())) {
            List<RunDetails> runs = tracker.runs(RunQuery.all()).runs();
            if (runs.isEmpty()) {
                return List.of();
            }
            Optional<SessionSnapshot> session = RunArtifacts.session(tracker, runs.get(0).id());
            return session.map(s -> s.cells().stream().map(CellRecord::source).toList()).orElse(List.of());
        }
    }
}
