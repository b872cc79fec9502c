package org.labbook.extension;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labbook.context.capture.Redactor;
import org.labbook.extension.snapshot.CellRecord;
import org.labbook.extension.snapshot.Outcome;
import org.labbook.extension.snapshot.SessionSnapshot;
import org.labbook.kernel.protocol.InProcessClient.Exchange;
import org.labbook.kernel.testing.KernelHarness;
import org.labbook.tracking.ArtifactRef;
import org.labbook.tracking.Labbook;
import org.labbook.tracking.RunDetails;
import org.labbook.tracking.RunQuery;
import org.labbook.tracking.Tracker;

/**
 * The value of a notebook variable whose name looks secret is collected when a cell assigns it, and is then
 * gone from what that cell and later ones record: streams, results, displays, error messages and stack traces,
 * wherever it stands and whatever name (or none) stands beside it.
 */
class SecretVariablesKernelTest {

    /** Built from parts in the cells, so that no cell's source holds it whole. */
    private static final String SECRET = "kv-Zt58-mno-4411";

    @TempDir
    Path storeDir;

    @Test
    void aSecretVariablesValueIsRemovedFromEveryOutputOfTheRunInAnyForm() throws Exception {
        KernelHarness kernel = KernelHarness.start();
        try {
            ok(kernel, "%track store " + storeDir);
            ok(kernel, "%track start vars");
            ok(kernel, "String clientSecret = \"kv-Zt58\" + \"-mno-4411\";");
            ok(kernel, "String copy = clientSecret; System.out.println(\"value: \" + copy); System.err.println(copy);");
            ok(kernel, "display(\"shown \" + copy)");
            ok(kernel, "copy.toUpperCase().toLowerCase()");
            Exchange failed = kernel.execute("throw new IllegalArgumentException(\"rejected \" + copy);");
            assertThat(failed.replyContent().path("status").asText()).isEqualTo("error");
            // The user still sees the value in the notebook: only the record loses it.
            assertThat(KernelHarness.stdout(kernel.execute("System.out.println(copy);"))).contains(SECRET);
            ok(kernel, "%track end");
        } finally {
            kernel.close();
        }

        try (Tracker tracker = Labbook.open(storeDir.toString())) {
            List<RunDetails> runs = tracker.runs(RunQuery.all()).runs();
            assertThat(runs).hasSize(1);
            SessionSnapshot session = RunArtifacts.session(tracker, runs.get(0).id()).orElseThrow();
            CellRecord printing = session.cells().stream().filter(c -> c.source().startsWith("String copy")).findFirst()
                    .orElseThrow();
            assertThat(printing.stdout()).isEqualTo("value: " + Redactor.MARKER + "\n");
            assertThat(printing.stderr()).isEqualTo(Redactor.MARKER + "\n");
            CellRecord error = session.cells().stream().filter(c -> c.outcome().kind() == Outcome.Kind.ERROR).findFirst()
                    .orElseThrow();
            assertThat(error.outcome().evalue()).contains("rejected " + Redactor.MARKER);
            CellRecord assigning = session.cells().stream().filter(c -> c.source().startsWith("String clientSecret"))
                    .findFirst().orElseThrow();
            assertThat(assigning.state().variables()).anySatisfy(v -> {
                assertThat(v.name()).isEqualTo("clientSecret");
                assertThat(v.summary()).isEqualTo(Redactor.MARKER);
            });
            for (ArtifactRef artifact : tracker.artifacts(runs.get(0).id())) {
                String text = new String(tracker.readArtifact(artifact), StandardCharsets.ISO_8859_1);
                assertThat(text).as(artifact.name()).doesNotContain(SECRET);
            }
            assertThat(session.cells()).extracting(c -> c.source() + c.stdout() + c.stderr()
                    + c.result().map(Object::toString).orElse("") + c.displays() + c.outcome())
                    .noneMatch(text -> text.contains(SECRET));
        }
    }

    private static void ok(KernelHarness kernel, String code) {
        Exchange cell = kernel.execute(code);
        assertThat(cell.replyContent().path("status").asText())
                .as("cell %s: %s", code, cell.replyContent().path("evalue").asText()).isEqualTo("ok");
    }
}
