package org.labbook.extension.view;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labbook.kernel.protocol.InProcessClient.Exchange;
import org.labbook.kernel.protocol.Message;
import org.labbook.kernel.testing.KernelHarness;

/**
 * {@code %track models NAME} in a real kernel with the view extension: the versions table with alias
 * badges and the gate metric, the promotions, and the chart of the gate metric across versions.
 */
class ModelsViewKernelTest {
    @TempDir
    Path storeDir;

    private KernelHarness kernel;

    @BeforeEach
    void start() {
        kernel = KernelHarness.start();
        ok("%track store " + storeDir);
    }

    @AfterEach
    void stop() {
        kernel.close();
    }

    private Exchange ok(String code) {
        Exchange cell = kernel.execute(code);
        assertThat(cell.replyContent().path("status").asText())
                .as("cell %s: %s", code, cell.replyContent().path("evalue").asText()).isEqualTo("ok");
        return cell;
    }

    private void train(String name, double auc) {
        ok("%track start " + name + " --experiment fraud");
        ok("Track.metric(\"val_auc\", " + auc + ", 1);\n"
                + "Track.artifact(Files.writeString(Files.createTempFile(\"m\", \".bin\"), \"" + name + "\").toString(),"
                + " \"model.bin\");");
        ok("%track end");
        ok("%track register " + name + " --model fraud-detector --artifact model.bin");
    }

    @Test
    void modelsDrawsVersionsWithAliasBadgesTheGateMetricAndItsChart() {
        train("first", 0.90);
        train("second", 0.94);
        train("third", 0.93);
        ok("%track promote fraud-detector 2 --to production --if \"metrics.val_auc >= 0.92\"");
        ok("%track promote fraud-detector 3 --to staging --if \"metrics.val_auc >= 0.92\"");

        List<Message> results = ok("%track models fraud-detector").published("execute_result");
        assertThat(results).hasSize(1);
        JsonNode data = results.get(0).content().path("data");
        String html = data.path("text/html").asText();
        assertThat(html).contains("class=\"lb-model-versions\"").contains("<th>val_auc</th>")
                .contains("class=\"lb-alias\"").contains(">production</span>").contains(">staging</span>")
                .contains("0.94").contains("2 promotions")
                .contains("<img class=\"lb-chart\" alt=\"val_auc\" src=\"data:image/png;base64,");
        assertThat(data.path("text/plain").asText()).startsWith("Model fraud-detector: 3 versions");
    }
}
