package org.labbook.context;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import org.labbook.context.capture.NvidiaSmi;
import org.labbook.tracking.testkit.Fuzz;

class GpuMetricsTest {

    @TempDir
    Path dir;

    static String fixture(String name) throws IOException {
        try (InputStream in = GpuMetricsTest.class.getResourceAsStream("/nvidia-smi/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void anH200sAnswerGivesUtilisationMemoryTemperatureAndPower() throws IOException {
        assertThat(GpuMetrics.metrics(fixture("h200-query-gpu.csv"))).containsExactly(
                Map.entry("system/gpu.0.utilization", 0.0), Map.entry("system/gpu.0.memory_used_mb", 0.0),
                Map.entry("system/gpu.0.temperature_c", 36.0), Map.entry("system/gpu.0.power_w", 126.15));
    }

    @Test
    void severalGpusAndValuesAGpuDoesNotReport() {
        String csv = "index, utilization.gpu [%], memory.used [MiB], temperature.gpu, power.draw [W]\n"
                + "0, 97 %, 70123 MiB, 71, 655.40 W\n"
                + "1, 3 %, 512 MiB, 40, [N/A]\n";
        assertThat(GpuMetrics.metrics(csv)).containsExactly(
                Map.entry("system/gpu.0.utilization", 97.0), Map.entry("system/gpu.0.memory_used_mb", 70123.0),
                Map.entry("system/gpu.0.temperature_c", 71.0), Map.entry("system/gpu.0.power_w", 655.4),
                Map.entry("system/gpu.1.utilization", 3.0), Map.entry("system/gpu.1.memory_used_mb", 512.0),
                Map.entry("system/gpu.1.temperature_c", 40.0));
    }

    @Test
    void aRecordedNvidiaSmiIsAskedAtEveryTickAndAMissingOneOnlyOnce() throws IOException {
        Path answer = dir.resolve("answer.csv");
        Files.writeString(answer, fixture("h200-query-gpu.csv"));
        Path counter = dir.resolve("count");
        Path script = dir.resolve("nvidia-smi");
        Files.writeString(script, "#!/bin/sh\necho x >> '" + counter + "'\ncat '" + answer + "'\n");
        assertThat(script.toFile().setExecutable(true)).isTrue();
        GpuMetrics gpu = new GpuMetrics(NvidiaSmi.at(script));
        assertThat(gpu.sample()).containsEntry("system/gpu.0.power_w", 126.15);
        assertThat(gpu.sample()).containsEntry("system/gpu.0.temperature_c", 36.0);
        assertThat(Files.readAllLines(counter)).hasSize(2);

        GpuMetrics none = new GpuMetrics(NvidiaSmi.at(dir.resolve("absent")));
        assertThat(none.sample()).isEmpty();
        assertThat(none.sample()).isEmpty();
    }

    @Test
    void theHumanTableAndTheLoopOutputAreNotMistakenForMetrics() throws IOException {
        assertThat(GpuMetrics.metrics(fixture("h200-nvidia-smi.txt"))).isEmpty();
        assertThat(GpuMetrics.metrics("NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver.")).isEmpty();
    }

    @Test
    void arbitraryTextNeverThrowsAndOnlyGivesFiniteGpuValues(TestInfo test) {
        List<String> pieces = List.of("index", "utilization.gpu [%]", "memory.used [MiB]", ",", ", ", "\n", "0", "1",
                "97 %", "[N/A]", "NaN", "Infinity", "-1e309", "12.5 W", "MiB", "[", "]", " ", "power.draw [W]", "x");
        Fuzz.forTest(test).forAllTexts(500, random -> {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(30); i > 0; i--) {
                text.append(pieces.get(random.nextInt(pieces.size())));
            }
            return text.toString();
        }, text -> assertThat(GpuMetrics.metrics(text)).allSatisfy((key, value) -> {
            assertThat(key).matches("system/gpu\\.\\d+\\.(utilization|memory_used_mb|temperature_c|power_w)");
            assertThat(value).isFinite();
        }));
    }
}
